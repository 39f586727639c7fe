package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cachebreaker.runtime.testing.MutableClock;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenJudgeTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));

    private TokenJudge judge(String current, TokenStrategy strategy, int limit) {
        return new TokenJudge(current, strategy, new NewerTokenTracker(clock, Duration.ofMinutes(10), limit));
    }

    @Test
    void ordersByTheStrategyNotByText() {
        TokenJudge timestamp = judge("1000", TokenStrategy.TIMESTAMP, 10);
        assertEquals(TokenVerdict.CURRENT, timestamp.judge("1000"));
        assertEquals(TokenVerdict.OLDER, timestamp.judge("999"));
        assertEquals(TokenVerdict.NEWER_WAIT, timestamp.judge("1001"));
        assertEquals(TokenVerdict.MALFORMED, timestamp.judge("1a"));

        TokenJudge version = judge("1.10.0", TokenStrategy.VERSION, 10);
        assertEquals(TokenVerdict.OLDER, version.judge("1.9.0"));
        assertEquals(TokenVerdict.OLDER, version.judge("1.10.0-SNAPSHOT-20261124213206"));
        assertEquals(TokenVerdict.NEWER_WAIT, version.judge("1.10.0-sp1"));

        TokenJudge git = judge("20261124213206-a1b2c3d", TokenStrategy.GIT, 10);
        assertEquals(TokenVerdict.MALFORMED, git.judge("release-1"));
        assertEquals(TokenVerdict.OLDER, git.judge("20261124213205-ffff"));

        TokenJudge explicit = judge("rel-10", TokenStrategy.EXPLICIT, 10);
        assertEquals(TokenVerdict.OLDER, explicit.judge("rel-9"));
        assertEquals(TokenVerdict.NEWER_WAIT, explicit.judge("rel-11"));
    }

    @Test
    void aNewerTokenExpiresAfterItsGrace() {
        TokenJudge judge = judge("1000", TokenStrategy.TIMESTAMP, 10);
        assertEquals(TokenVerdict.NEWER_WAIT, judge.judge("2000"));
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertEquals(TokenVerdict.NEWER_WAIT, judge.judge("2000"));
        clock.advance(Duration.ofMillis(1));
        assertEquals(TokenVerdict.NEWER_EXPIRED, judge.judge("2000"));
        assertEquals(TokenVerdict.NEWER_WAIT, judge.judge("3000"), "each token has its own grace");
    }

    @Test
    void theTrackerIsBounded() {
        NewerTokenTracker tracker = new NewerTokenTracker(clock, Duration.ofMinutes(10), 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(true, tracker.withinGrace("t" + i));
        }
        for (int i = 0; i < 10_000; i++) {
            assertEquals(false, tracker.withinGrace("flood" + i), "untracked while everyone is in grace");
        }
        assertEquals(3, tracker.size());
        clock.advance(Duration.ofMinutes(11));
        assertEquals(true, tracker.withinGrace("fresh"), "an expired entry makes room");
        assertEquals(3, tracker.size());
        assertEquals(false, new NewerTokenTracker(clock, Duration.ofMinutes(10), 0).withinGrace("x"));
    }
}
