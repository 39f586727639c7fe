package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.CachebreakerSettings;
import java.nio.charset.StandardCharsets;

/**
 * The answers that are not an asset: errors with tiny fixed bodies (request text is never echoed), the 503 of a
 * rolling deploy, and redirects. None of them is cacheable for long: errors are {@code no-store} unless a short
 * {@code errorMaxAge} is set, the 503 and the temporary redirect are always {@code no-store}.
 */
public final class StatusReplies {
    private static final String NO_STORE = "no-store";
    /** What may follow {@code ?} in a Location as it is: RFC 3986 query characters, nothing that needs escaping. */
    private static final String SAFE_QUERY_CHARS = "-._~!$&'()*+,;=:@/?%";
    private static final int MAX_QUERY = 2048;

    private final CachebreakerSettings settings;
    private final String errorCacheControl;
    private final String redirectCacheControl;

    /**
     * Replies for some settings.
     *
     * @param settings where status codes and ages come from
     */
    public StatusReplies(CachebreakerSettings settings) {
        this.settings = settings;
        this.errorCacheControl = maxAge(settings.errorMaxAge());
        this.redirectCacheControl = maxAge(settings.redirectMaxAge());
    }

    private static String maxAge(long seconds) {
        return seconds == 0 ? NO_STORE : "public, max-age=" + seconds;
    }

    /**
     * A fixed-text error.
     *
     * @param status 400, 404, 405, 412 or 416
     * @return the reply
     */
    public Reply error(int status) {
        String text = switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 412 -> "Precondition Failed";
            case 416 -> "Range Not Satisfiable";
            default -> "Error";
        };
        Reply reply = fixedText(status, text, status == 412 || status == 416 ? NO_STORE : errorCacheControl);
        if (status == 405) {
            reply.header("Allow", "GET, HEAD");
        }
        return reply;
    }

    /** @return the 503 for a newer token within its grace period */
    public Reply retryLater() {
        return fixedText(503, "Service Unavailable", NO_STORE)
                .header("Retry-After", String.valueOf(settings.retryAfter()));
    }

    /**
     * A redirect from an older token, with the configured status and cache age.
     *
     * @param location the current token's URL of the asset, relative to the host
     * @param query    the raw query, or {@code null}
     * @return the reply
     */
    public Reply permanentRedirect(String location, String query) {
        return redirect(settings.redirectStatus(), location, query, redirectCacheControl);
    }

    /**
     * A non-cacheable 302 from a newer token whose grace period is over.
     *
     * @param location the current token's URL of the asset, relative to the host
     * @param query    the raw query, or {@code null}
     * @return the reply
     */
    public Reply temporaryRedirect(String location, String query) {
        return redirect(302, location, query, NO_STORE);
    }

    /**
     * A non-cacheable 307 back to the same asset, so that a browser asks the load balancer again during a rolling
     * deploy ({@link BalancerBounce}).
     *
     * @param location the requested asset's URL, relative to the host
     * @param query    the query to send, with the hop counter
     * @return the reply
     */
    public Reply bounce(String location, String query) {
        return redirect(307, location, query, NO_STORE);
    }

    private Reply redirect(int status, String location, String query, String cacheControl) {
        // The location comes from the manifest and the configured context path; refuse anything that could leave
        // the host or split the header, whatever happened upstream.
        if (!location.startsWith("/") || location.startsWith("//") || location.startsWith("/\\")
                || !location.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return error(404);
        }
        String target = isSafeQuery(query) ? location + "?" + query : location;
        return new Reply(status)
                .header("Location", target)
                .header("Cache-Control", cacheControl);
    }

    /**
     * Whether a query can be copied into a Location as it is.
     *
     * @param query the raw query, or {@code null}
     * @return true when it is non-empty, short, and only query characters with well-formed escapes
     */
    static boolean isSafeQuery(String query) {
        if (query == null || query.isEmpty() || query.length() > MAX_QUERY) {
            return false;
        }
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && SAFE_QUERY_CHARS.indexOf(c) < 0) {
                return false;
            }
            if (c == '%' && (i + 2 >= query.length() || !isHex(query.charAt(i + 1)) || !isHex(query.charAt(i + 2)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static Reply fixedText(int status, String text, String cacheControl) {
        return new Reply(status)
                .header("Content-Type", "text/plain;charset=utf-8")
                .header("Cache-Control", cacheControl)
                .header("X-Content-Type-Options", "nosniff")
                .body((text + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
