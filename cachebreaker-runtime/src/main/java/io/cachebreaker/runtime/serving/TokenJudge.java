package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.tokenfile.TokenStrategy;

/**
 * Decides what a request's token gets, by the order of the strategy recorded in the token file, never by comparing
 * text: the current token is served, an older one redirected, a malformed one not found, and a newer one waited for
 * during its grace period.
 *
 * <p>Two tokens with the same ordered part and different fingerprints (the same version or CI token built twice with
 * different bytes, or a token from before fingerprints next to one with) have no order. Such a token is answered as a
 * newer one: 503 within its grace, then a non-cacheable 302. Neither answer can be cached as a wrong asset, and the
 * grace ends every retry loop, whereas a 301 could pin the wrong bytes in a cache for as long as it lives.
 */
public final class TokenJudge {
    private final String current;
    private final TokenStrategy strategy;
    private final NewerTokenTracker newer;

    /**
     * A judge for one deploy.
     *
     * @param current  this instance's token
     * @param strategy the strategy that made it, whose order places foreign tokens
     * @param newer    remembers when newer tokens were first seen
     */
    public TokenJudge(String current, TokenStrategy strategy, NewerTokenTracker newer) {
        this.current = current;
        this.strategy = strategy;
        this.newer = newer;
    }

    /**
     * Judges a token.
     *
     * @param token a token that passed {@link io.cachebreaker.runtime.tokenfile.TokenSyntax#isValid}
     * @return the verdict
     */
    public TokenVerdict judge(String token) {
        if (token.equals(current)) {
            return TokenVerdict.SERVE;
        }
        if (!strategy.accepts(token)) {
            return TokenVerdict.NOT_FOUND;
        }
        if (strategy.compare(token, current) < 0) {
            return TokenVerdict.REDIRECT_PERMANENTLY;
        }
        return newer.withinGrace(token) ? TokenVerdict.RETRY_LATER : TokenVerdict.REDIRECT_TEMPORARILY;
    }
}
