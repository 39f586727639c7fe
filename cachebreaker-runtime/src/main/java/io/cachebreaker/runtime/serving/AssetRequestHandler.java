package io.cachebreaker.runtime.serving;

import java.util.function.Function;

/**
 * The way a request walks: method check, then {@link PathDecoder}, then {@link TokenJudge} (in dev mode
 * {@link DevMode#judge}), then, while a rolling deploy may be under way, {@link BalancerBounce} for browsers, then the
 * {@link AssetSource} of the release the token names (the {@link AssetCatalog} allowlist of the current or a retained
 * release, or in dev mode the disk), then {@link AssetResponder} or a redirect or error from {@link StatusReplies}.
 * Each rule of the scheme is decided here once.
 */
public final class AssetRequestHandler {
    private final PathDecoder decoder;
    private final Function<String, TokenVerdict> judge;
    private final HeldReleases releases;
    private final BalancerBounce bounce;
    private final AssetResponder responder;
    private final StatusReplies statusReplies;
    private final AssetUrlBuilder urls;

    AssetRequestHandler(PathDecoder decoder, Function<String, TokenVerdict> judge, HeldReleases releases,
            BalancerBounce bounce, AssetResponder responder, StatusReplies statusReplies, AssetUrlBuilder urls) {
        this.decoder = decoder;
        this.judge = judge;
        this.releases = releases;
        this.bounce = bounce;
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
        TokenVerdict verdict = judge.apply(path.token());
        if (verdict.bounces()) {
            Reply bounced = bounce.bounce(request, path);
            if (bounced != null) {
                return bounced;
            }
        }
        // A redirect after spent hops must not carry the counter on: the target is another URL, cached on its own.
        String query = verdict.bounces() ? BalancerBounce.withoutCounter(request.query()) : request.query();
        switch (verdict.afterBouncing()) {
            case SERVE:
                CatalogEntry entry = releases.forToken(path.token()).get(path.assetPath());
                return entry == null ? statusReplies.error(404) : responder.respond(request, entry);
            case REDIRECT_PERMANENTLY:
                CatalogEntry current = releases.current().get(path.assetPath());
                if (current == null) {
                    return statusReplies.error(404);
                }
                Reply redirect = statusReplies.permanentRedirect(urls.localUrl(current), query);
                // During a rollout a browser would have been bounced instead; a shared cache must not hand it this.
                return verdict.bounces() ? redirect.header("Vary", "Sec-Fetch-Mode") : redirect;
            case RETRY_LATER:
                // The newer release may have assets this one lacks, so the manifest is not consulted.
                return statusReplies.retryLater();
            case REDIRECT_TEMPORARILY:
                CatalogEntry now = releases.current().get(path.assetPath());
                return now == null ? statusReplies.error(404)
                        : statusReplies.temporaryRedirect(urls.localUrl(now), query);
            default:
                return statusReplies.error(404);
        }
    }
}
