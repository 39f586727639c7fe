package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.util.Set;

/**
 * Decides what a request's token gets, by the order of the strategy recorded in the token file, never by comparing
 * text: the current token is served, an older one redirected, a malformed one not found, and a newer one waited for
 * during its grace period.
 *
 * <p>Two tokens with the same ordered part and different fingerprints (the same version or CI token built twice with
 * different bytes, or a token from before fingerprints next to one with) have no order: the other build may be the
 * one before this or the one after. Such a token gets a non-cacheable 302 to the current token, which can neither pin
 * a wrong asset in a cache (a 301 could, for as long as it lives) nor loop (a 503 would, for as long as the page asks).
 * Within its grace, while a rolling deploy may still bring it, a browser is first bounced through the balancer to find
 * an instance that holds its exact bytes.
 *
 * <p>A retained previous release's token is served like the current one: its pages get their exact bytes. While a
 * rolling deploy may be under way, the answers for tokens this instance lacks start with a bounce for browsers
 * ({@link BalancerBounce}).
 */
public final class TokenJudge {
    private final String current;
    private final TokenStrategy strategy;
    private final Set<String> retained;
    private final NewerTokenTracker newer;
    private final RolloutWindow rollout;

    /**
     * A judge for one deploy that retains no previous release and never bounces.
     *
     * @param current  this instance's token
     * @param strategy the strategy that made it, whose order places foreign tokens
     * @param newer    remembers when newer tokens were first seen
     */
    public TokenJudge(String current, TokenStrategy strategy, NewerTokenTracker newer) {
        this(current, strategy, Set.of(), newer, null);
    }

    /**
     * A judge for one deploy.
     *
     * @param current  this instance's token
     * @param strategy the strategy that made it, whose order places foreign tokens
     * @param retained the tokens of retained previous releases, served as they are
     * @param newer    remembers when newer tokens were first seen
     * @param rollout  while open, an older token this instance does not hold may be bounced; {@code null} for never
     */
    TokenJudge(String current, TokenStrategy strategy, Set<String> retained, NewerTokenTracker newer,
            RolloutWindow rollout) {
        this.current = current;
        this.strategy = strategy;
        this.retained = Set.copyOf(retained);
        this.newer = newer;
        this.rollout = rollout;
    }

    /**
     * Judges a token.
     *
     * @param token a token that passed {@link io.cachebreaker.runtime.tokenfile.TokenSyntax#isValid}
     * @return the verdict
     */
    public TokenVerdict judge(String token) {
        if (token.equals(current) || retained.contains(token)) {
            return TokenVerdict.SERVE;
        }
        if (!strategy.accepts(token)) {
            return TokenVerdict.NOT_FOUND;
        }
        int order = strategy.compare(token, current);
        if (order < 0) {
            return rollout != null && rollout.isOpen() ? TokenVerdict.BOUNCE_THEN_REDIRECT_PERMANENTLY
                    : TokenVerdict.REDIRECT_PERMANENTLY;
        }
        if (!newer.withinGrace(token)) {
            return TokenVerdict.REDIRECT_TEMPORARILY;
        }
        if (order == 0) {
            return rollout != null ? TokenVerdict.BOUNCE_THEN_REDIRECT_TEMPORARILY : TokenVerdict.REDIRECT_TEMPORARILY;
        }
        return rollout != null ? TokenVerdict.BOUNCE_THEN_RETRY_LATER : TokenVerdict.RETRY_LATER;
    }
}
