package io.cachebreaker.runtime.serving;

/** What to answer for a request's token, named for the answer. */
public enum TokenVerdict {
    /** The current token: serve the asset, or 404 when the manifest does not list it. */
    SERVE,
    /** An older token: permanent redirect to the same asset under the current token. */
    REDIRECT_PERMANENTLY,
    /**
     * A token this instance cannot serve that a rolling deploy may be bringing, seen within its grace period: a newer
     * token, or one that the order cannot place against the current one. {@code 503} with {@code Retry-After}.
     */
    RETRY_LATER,
    /**
     * Such a token past its grace period (a rollback, or a build that never reached this instance), or one that could
     * not be tracked: a non-cacheable temporary redirect to the current token.
     */
    REDIRECT_TEMPORARILY,
    /** A token the strategy's order cannot read at all: 404. */
    NOT_FOUND
}
