package io.cachebreaker.runtime.serving;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers when this instance first saw each newer token, so that a newer token gets 503 only for a grace period.
 *
 * <p>Why: after a rollback the withdrawn release's tokens stay newer forever, and pages that still point at them
 * would loop on 503. Past the grace period they are redirected instead.
 *
 * <p>Memory is bounded: at most {@code limit} tokens, in least-recently-requested order. When full, the eldest entry
 * is dropped only if its grace is over (a token still requested stays near the young end); otherwise an unseen token
 * is not tracked and gets the redirect at once, so a flood of made-up tokens cannot grow memory.
 */
public final class NewerTokenTracker {
    private final Clock clock;
    private final Duration grace;
    private final int limit;
    private final LinkedHashMap<String, Instant> firstSeen = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * A tracker.
     *
     * @param clock the time source; tests pass a fixed one
     * @param grace how long after first sight a newer token gets 503
     * @param limit how many tokens to remember at most
     */
    public NewerTokenTracker(Clock clock, Duration grace, int limit) {
        this.clock = clock;
        this.grace = grace;
        this.limit = limit;
    }

    /**
     * Records a sighting and tells whether the token is still in its grace period.
     *
     * @param token a newer token
     * @return true while the token is within its grace period
     */
    public synchronized boolean withinGrace(String token) {
        Instant now = clock.instant();
        Instant first = firstSeen.get(token);
        if (first == null) {
            if (firstSeen.size() >= limit && !dropEldestIfExpired(now)) {
                return false;
            }
            firstSeen.put(token, now);
            first = now;
        }
        return isWithinGrace(first, now);
    }

    private boolean isWithinGrace(Instant first, Instant now) {
        return now.isBefore(first.plus(grace));
    }

    private boolean dropEldestIfExpired(Instant now) {
        Iterator<Map.Entry<String, Instant>> eldest = firstSeen.entrySet().iterator();
        if (eldest.hasNext() && !isWithinGrace(eldest.next().getValue(), now)) {
            eldest.remove();
            return true;
        }
        return false;
    }

    /** @return how many tokens are remembered */
    public synchronized int size() {
        return firstSeen.size();
    }
}
