package io.cachebreaker.runtime.serving;

/** What a request's token means relative to this instance's own token. */
public enum TokenVerdict {
    /** The current token: serve, or 404. */
    CURRENT,
    /** An older token: permanent redirect to the current one. */
    OLDER,
    /** A newer token seen within its grace period: a rolling deploy is in progress, 503. */
    NEWER_WAIT,
    /** A newer token past its grace period, or one that could not be tracked: temporary redirect. */
    NEWER_EXPIRED,
    /** A token the strategy's order cannot place: 404. */
    MALFORMED
}
