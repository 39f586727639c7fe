package io.cachebreaker.runtime.serving;

import java.time.Instant;

/**
 * Evaluates the conditional request headers in the order of RFC 9110 section 13.2.2, for a representation that
 * exists and has a strong entity tag and a last-modified time.
 */
public final class Preconditions {
    /** What the conditions ask for. */
    public enum Outcome {
        /** Go on and send the representation (or the part). */
        PROCEED,
        /** 304 Not Modified. */
        NOT_MODIFIED,
        /** 412 Precondition Failed. */
        FAILED
    }

    private Preconditions() {
    }

    /**
     * Evaluates {@code If-Match}, {@code If-Unmodified-Since}, {@code If-None-Match} and {@code If-Modified-Since}.
     *
     * @param request      the request's headers
     * @param etag         the selected representation's strong tag, quoted
     * @param lastModified its last-modified time, in whole seconds
     * @return the outcome
     */
    public static Outcome evaluate(IncomingRequest request, String etag, Instant lastModified) {
        String ifMatch = request.header("If-Match");
        if (ifMatch != null) {
            if (!EntityTags.matches(ifMatch, etag, true)) {
                return Outcome.FAILED;
            }
        } else {
            Instant ifUnmodifiedSince = HttpDates.parse(request.header("If-Unmodified-Since"));
            if (ifUnmodifiedSince != null && lastModified.isAfter(ifUnmodifiedSince)) {
                return Outcome.FAILED;
            }
        }
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null) {
            return EntityTags.matches(ifNoneMatch, etag, false) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
        }
        Instant ifModifiedSince = HttpDates.parse(request.header("If-Modified-Since"));
        if (ifModifiedSince != null && !lastModified.isAfter(ifModifiedSince)) {
            return Outcome.NOT_MODIFIED;
        }
        return Outcome.PROCEED;
    }

    /**
     * Whether a {@code Range} may be honoured given {@code If-Range}: yes without it; with it, only when it names
     * this representation by strong tag or by exactly its last-modified date.
     *
     * @param ifRange      the {@code If-Range} header, or {@code null}
     * @param etag         the selected representation's strong tag, quoted
     * @param lastModified its last-modified time
     * @return true when the range applies; false means send the whole representation
     */
    public static boolean rangeApplies(String ifRange, String etag, Instant lastModified) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return !value.startsWith("W/") && value.equals(etag);
        }
        Instant date = HttpDates.parse(value);
        return date != null && date.equals(lastModified);
    }
}
