package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.tokenfile.TokenOrder;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;

/**
 * Decides whether a token is the current one, older, newer or malformed, by the order of the strategy recorded in
 * the token file, never by comparing text.
 */
public final class TokenJudge {
    private final String current;
    private final TokenOrder order;
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
        this.order = strategy.order();
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
            return TokenVerdict.CURRENT;
        }
        if (!order.accepts(token)) {
            return TokenVerdict.MALFORMED;
        }
        int comparison = order.compare(token, current);
        if (comparison < 0) {
            return TokenVerdict.OLDER;
        }
        if (comparison == 0) {
            // A different spelling of the same place in the order (1.0 vs 1.0.0); the orders make this impossible.
            return TokenVerdict.MALFORMED;
        }
        return newer.withinGrace(token) ? TokenVerdict.NEWER_WAIT : TokenVerdict.NEWER_EXPIRED;
    }
}
