package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.CachebreakerSettings;
import io.cachebreaker.runtime.tokenfile.Encoding;
import java.time.Instant;

/**
 * Answers a request for an asset that exists: picks the stored form by {@code Accept-Encoding}, evaluates the
 * conditional headers, applies a {@code Range}, and sets the caching and validator headers.
 */
public final class AssetResponder {
    private final Instant lastModified;
    private final String lastModifiedHeader;
    private final String cacheControl;
    private final StatusReplies statusReplies;

    /**
     * A responder for one deploy.
     *
     * @param lastModified  the token file's build time, sent as {@code Last-Modified}
     * @param settings      the cache settings
     * @param statusReplies for 412 and 416
     */
    public AssetResponder(Instant lastModified, CachebreakerSettings settings, StatusReplies statusReplies) {
        this.lastModified = lastModified;
        this.lastModifiedHeader = HttpDates.format(lastModified);
        this.cacheControl = "public, max-age=" + settings.cacheMaxAge() + (settings.immutable() ? ", immutable" : "");
        this.statusReplies = statusReplies;
    }

    /**
     * Answers a GET or HEAD for an asset.
     *
     * @param request the request
     * @param entry   the asset
     * @return 200, 206, 304, 412 or 416
     */
    public Reply respond(IncomingRequest request, CatalogEntry entry) {
        Encoding encoding = AcceptEncoding.choose(request.header("Accept-Encoding"), entry.encodedSizes(),
                entry.variant(null).size());
        StoredVariant variant = entry.variant(encoding);
        switch (Preconditions.evaluate(request, variant.etag(), lastModified)) {
            case FAILED:
                return statusReplies.error(412);
            case NOT_MODIFIED:
                return withValidators(new Reply(304), variant);
            default:
                break;
        }
        long size = variant.size();
        ByteRange range = "GET".equals(request.method())
                && Preconditions.rangeApplies(request.header("If-Range"), variant.etag(), lastModified)
                ? ByteRange.parse(request.header("Range"), size)
                : ByteRange.WHOLE;
        switch (range.kind()) {
            case UNSATISFIABLE:
                return statusReplies.error(416).header("Content-Range", "bytes */" + size);
            case PART:
                return representation(new Reply(206), entry, variant)
                        .header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size)
                        .body(variant, range.first(), range.size());
            default:
                return representation(new Reply(200), entry, variant).body(variant, 0, size);
        }
    }

    private Reply representation(Reply reply, CatalogEntry entry, StoredVariant variant) {
        reply.header("Content-Type", entry.contentType());
        if (variant.encoding() != null) {
            reply.header("Content-Encoding", variant.encoding().token());
        }
        return withValidators(reply, variant)
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff");
    }

    private Reply withValidators(Reply reply, StoredVariant variant) {
        return reply.header("ETag", variant.etag())
                .header("Last-Modified", lastModifiedHeader)
                .header("Cache-Control", cacheControl)
                .header("Vary", "Accept-Encoding");
    }
}
