package io.cachebreaker.runtime.serving;

/** What to answer for a request's token, named for the answer. */
public enum TokenVerdict {
    /** The current token, or a retained release's: serve the asset, or 404 when that manifest does not list it. */
    SERVE,
    /** An older token: permanent redirect to the same asset under the current token. */
    REDIRECT_PERMANENTLY,
    /**
     * A newer token that a rolling deploy may be bringing, seen within its grace period: {@code 503} with
     * {@code Retry-After}.
     */
    RETRY_LATER,
    /**
     * A newer token past its grace period (a rollback, or a build that never reached this instance), one that could
     * not be tracked, or one the order cannot place against the current one (same ordered part, other bytes): a
     * non-cacheable temporary redirect to the current token.
     */
    REDIRECT_TEMPORARILY,
    /** A token the strategy's order cannot read at all: 404. */
    NOT_FOUND,
    /**
     * An older token this instance does not hold, while a rolling deploy may be under way: a browser's subresource
     * request is sent back through the balancer to reach an instance that holds the bytes its page names; anyone
     * else, or a browser whose hops are spent, gets {@link #REDIRECT_PERMANENTLY}.
     */
    BOUNCE_THEN_REDIRECT_PERMANENTLY,
    /** A {@link #RETRY_LATER} token for which a browser's subresource request is first sent back to the balancer. */
    BOUNCE_THEN_RETRY_LATER,
    /**
     * A token the order cannot place, within its grace: a browser's subresource request is first sent back to the
     * balancer, which may reach the instance of the build that made it; then {@link #REDIRECT_TEMPORARILY}.
     */
    BOUNCE_THEN_REDIRECT_TEMPORARILY;

    /** @return whether a browser's subresource request may be sent back to the balancer first */
    public boolean bounces() {
        return this == BOUNCE_THEN_REDIRECT_PERMANENTLY || this == BOUNCE_THEN_RETRY_LATER
                || this == BOUNCE_THEN_REDIRECT_TEMPORARILY;
    }

    /** @return the answer once bouncing is not possible: the seed's answer */
    public TokenVerdict afterBouncing() {
        return switch (this) {
            case BOUNCE_THEN_REDIRECT_PERMANENTLY -> REDIRECT_PERMANENTLY;
            case BOUNCE_THEN_RETRY_LATER -> RETRY_LATER;
            case BOUNCE_THEN_REDIRECT_TEMPORARILY -> REDIRECT_TEMPORARILY;
            default -> this;
        };
    }
}
