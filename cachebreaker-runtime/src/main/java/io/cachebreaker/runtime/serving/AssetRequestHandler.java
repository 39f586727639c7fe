package io.cachebreaker.runtime.serving;

import java.util.function.Function;

/**
 * The way a request walks: method check, then {@link PathDecoder}, then {@link TokenJudge} (in dev mode
 * {@link DevMode#judge}), then the {@link AssetSource} (the {@link AssetCatalog} allowlist, or in dev mode the disk),
 * then {@link AssetResponder} or a redirect or error from {@link StatusReplies}. Each rule of the scheme is decided
 * here once.
 */
public final class AssetRequestHandler {
    private final PathDecoder decoder;
    private final Function<String, TokenVerdict> judge;
    private final AssetSource catalog;
    private final AssetResponder responder;
    private final StatusReplies statusReplies;
    private final AssetUrlBuilder urls;

    AssetRequestHandler(PathDecoder decoder, Function<String, TokenVerdict> judge, AssetSource catalog,
            AssetResponder responder,
            StatusReplies statusReplies, AssetUrlBuilder urls) {
        this.decoder = decoder;
        this.judge = judge;
        this.catalog = catalog;
        this.responder = responder;
        this.statusReplies = statusReplies;
        this.urls = urls;
    }

    /**
     * Answers a request.
     *
     * @param request the request
     * @return the reply to write
     */
    public Reply handle(IncomingRequest request) {
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            return statusReplies.error(405);
        }
        if (request.rawPath() == null) {
            return statusReplies.error(404);
        }
        RequestPath path;
        try {
            path = decoder.decode(request.rawPath());
        } catch (Rejection rejection) {
            return statusReplies.error(rejection.status());
        }
        CatalogEntry entry = catalog.get(path.assetPath());
        switch (judge.apply(path.token())) {
            case SERVE:
                return entry == null ? statusReplies.error(404) : responder.respond(request, entry);
            case REDIRECT_PERMANENTLY:
                return entry == null ? statusReplies.error(404)
                        : statusReplies.permanentRedirect(urls.localUrl(entry), request.query());
            case RETRY_LATER:
                // The newer release may have assets this one lacks, so the manifest is not consulted.
                return statusReplies.retryLater();
            case REDIRECT_TEMPORARILY:
                return entry == null ? statusReplies.error(404)
                        : statusReplies.temporaryRedirect(urls.localUrl(entry), request.query());
            default:
                return statusReplies.error(404);
        }
    }
}
