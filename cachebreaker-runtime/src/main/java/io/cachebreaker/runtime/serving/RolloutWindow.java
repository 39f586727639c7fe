package io.cachebreaker.runtime.serving;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time after this instance started during which a request for an older token it does not hold may come from a
 * page of the release being replaced, still served by other instances of a rolling deploy. Within it, a browser is
 * sent back through the balancer to find those instances instead of being redirected to bytes its page did not name.
 */
final class RolloutWindow {
    private final Clock clock;
    private final Instant closes;

    /**
     * @param clock  the time source
     * @param length how long the window stays open from now; zero for never open
     */
    RolloutWindow(Clock clock, Duration length) {
        this.clock = clock;
        this.closes = clock.instant().plus(length);
    }

    /** @return whether a rolling deploy may still be under way */
    boolean isOpen() {
        return clock.instant().isBefore(closes);
    }
}
