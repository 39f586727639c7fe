package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.CachebreakerSettings;
import io.cachebreaker.runtime.tokenfile.Encoding;
import java.time.Instant;

/**
 * Answers a request for an asset that exists: picks the stored form by {@code Accept-Encoding}, evaluates the
 * conditional headers, applies a {@code Range}, and sets the caching and validator headers.
 */
public final class AssetResponder {
    private final String cacheControl;
    private final StatusReplies statusReplies;

    private AssetResponder(String cacheControl, StatusReplies statusReplies) {
        this.cacheControl = cacheControl;
        this.statusReplies = statusReplies;
    }

    /**
     * A responder for one deploy, whose assets never change under their URL.
     *
     * @param settings      the cache settings
     * @param statusReplies for 412 and 416
     * @return the responder
     */
    public static AssetResponder cached(CachebreakerSettings settings, StatusReplies statusReplies) {
        return new AssetResponder("public, max-age=" + settings.cacheMaxAge()
                + (settings.immutable() ? ", immutable" : ""), statusReplies);
    }

    /**
     * A responder for dev mode, whose assets change under the same URL: clients revalidate every time, and get 304
     * while the bytes are the same.
     *
     * @param statusReplies for 412 and 416
     * @return the responder
     */
    public static AssetResponder uncached(StatusReplies statusReplies) {
        return new AssetResponder("no-cache", statusReplies);
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
                entry.original().size());
        StoredVariant variant = entry.variantOrOriginal(encoding);
        Instant lastModified = entry.lastModified();
        switch (Preconditions.evaluate(request, variant.etag(), lastModified)) {
            case FAILED:
                return statusReplies.error(412);
            case NOT_MODIFIED:
                return withValidators(new Reply(304), entry, variant);
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
        return withValidators(reply, entry, variant)
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff");
    }

    private Reply withValidators(Reply reply, CatalogEntry entry, StoredVariant variant) {
        return reply.header("ETag", variant.etag())
                .header("Last-Modified", entry.lastModifiedHeader())
                .header("Cache-Control", cacheControl)
                .header("Vary", "Accept-Encoding");
    }
}
