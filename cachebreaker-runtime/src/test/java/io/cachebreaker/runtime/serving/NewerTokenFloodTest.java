package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.testing.MutableClock;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Millions of distinct made-up newer tokens, straight into the judge: the tracker never holds more than its limit. */
class NewerTokenFloodTest {
    private static final int LIMIT = 1000;
    private static final int FLOOD = Integer.getInteger("cachebreaker.flood.tokens", 2_000_000);

    @Test
    void millionsOfNewerTokensKeepTheTrackerWithinItsLimit() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
        NewerTokenTracker tracker = new NewerTokenTracker(clock, Duration.ofMinutes(10), LIMIT);
        TokenJudge judge = new TokenJudge("v1", TokenStrategy.EXPLICIT, tracker);
        int waited = 0;
        for (int i = 0; i < FLOOD; i++) {
            TokenVerdict verdict = judge.judge("v2-" + i);
            assertTrue(verdict == TokenVerdict.RETRY_LATER || verdict == TokenVerdict.REDIRECT_TEMPORARILY,
                    verdict::name);
            if (verdict == TokenVerdict.RETRY_LATER) {
                waited++;
            }
            if (i % 1000 == 999) {
                // A second per thousand requests: slots free up as grace periods end, and are taken again.
                clock.advance(Duration.ofSeconds(1));
                assertTrue(tracker.size() <= LIMIT, "size " + tracker.size() + " after " + (i + 1));
            }
        }
        assertEquals(LIMIT, tracker.size());
        assertTrue(waited >= LIMIT && waited < FLOOD / 2, "tokens that got a slot: " + waited);
    }

    @Test
    void aFloodDuringTheGracePeriodIsNotTrackedAtAll() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
        NewerTokenTracker tracker = new NewerTokenTracker(clock, Duration.ofMinutes(10), LIMIT);
        TokenJudge judge = new TokenJudge("1000", TokenStrategy.TIMESTAMP, tracker);
        for (int i = 0; i < FLOOD / 4; i++) {
            judge.judge(String.valueOf(2000 + i));
        }
        assertEquals(LIMIT, tracker.size());
        assertEquals(TokenVerdict.RETRY_LATER, judge.judge("2000"), "a token tracked before the flood still waits");
        assertEquals(TokenVerdict.REDIRECT_TEMPORARILY, judge.judge("99999999"), "a new one is redirected at once");
        assertEquals(TokenVerdict.NOT_FOUND, judge.judge("12a"), "malformed tokens take no slot");
        assertEquals(LIMIT, tracker.size());
    }
}
