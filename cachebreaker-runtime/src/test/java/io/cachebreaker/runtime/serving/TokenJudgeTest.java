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
        assertEquals(TokenVerdict.SERVE, timestamp.judge("1000"));
        assertEquals(TokenVerdict.REDIRECT_PERMANENTLY, timestamp.judge("999"));
        assertEquals(TokenVerdict.RETRY_LATER, timestamp.judge("1001"));
        assertEquals(TokenVerdict.NOT_FOUND, timestamp.judge("1a"));

        TokenJudge version = judge("1.10.0", TokenStrategy.VERSION, 10);
        assertEquals(TokenVerdict.REDIRECT_PERMANENTLY, version.judge("1.9.0"));
        assertEquals(TokenVerdict.REDIRECT_PERMANENTLY, version.judge("1.10.0-SNAPSHOT-20261124213206"));
        assertEquals(TokenVerdict.RETRY_LATER, version.judge("1.10.0-sp1"));

        TokenJudge git = judge("20261124213206-a1b2c3d", TokenStrategy.GIT, 10);
        assertEquals(TokenVerdict.NOT_FOUND, git.judge("release-1"));
        assertEquals(TokenVerdict.REDIRECT_PERMANENTLY, git.judge("20261124213205-ffff"));

        TokenJudge explicit = judge("rel-10", TokenStrategy.EXPLICIT, 10);
        assertEquals(TokenVerdict.REDIRECT_PERMANENTLY, explicit.judge("rel-9"));
        assertEquals(TokenVerdict.RETRY_LATER, explicit.judge("rel-11"));
    }

    @Test
    void fingerprintsDoNotTakePartInTheOrder() {
        TokenJudge version = judge("1.10.0-9f3e1b2a", TokenStrategy.VERSION, 10);
        assertEquals(TokenVerdict.REDIRECT_PERMANENTLY, version.judge("1.9.0-ffffffff"));
        assertEquals(TokenVerdict.REDIRECT_PERMANENTLY, version.judge("1.9.0"), "a token from before fingerprints");
        assertEquals(TokenVerdict.RETRY_LATER, version.judge("1.11.0-00000000"));

        TokenJudge git = judge("20261124213206-a1b2c3d-9f3e1b2a", TokenStrategy.GIT, 10);
        assertEquals(TokenVerdict.REDIRECT_PERMANENTLY, git.judge("20261124213205-a1b2c3d4"),
                "an old git token with an 8-digit sha keeps its sha");
        assertEquals(TokenVerdict.REDIRECT_PERMANENTLY, git.judge("20261124213205-ffff-00000000"));
        assertEquals(TokenVerdict.RETRY_LATER, git.judge("20261124213207-0000-00000000"));

        TokenJudge timestamp = judge("001732484326123-9f3e1b2a", TokenStrategy.TIMESTAMP, 10);
        assertEquals(TokenVerdict.REDIRECT_PERMANENTLY, timestamp.judge("001732484326122"));
        assertEquals(TokenVerdict.NOT_FOUND, timestamp.judge("001732484326122-9f3e1b2"), "seven digits are no"
                + " fingerprint, and a timestamp has no dash");
    }

    @Test
    void aTokenWithTheSameOrderedPartIsRedirectedTemporarilyNeverPinnedNorWaitedFor() {
        TokenJudge judge = judge("rel-7-9f3e1b2a", TokenStrategy.EXPLICIT, 10);
        // rel-7 built twice with different bytes: no order exists, so nothing cacheable and nothing endless answers it.
        assertEquals(TokenVerdict.REDIRECT_TEMPORARILY, judge.judge("rel-7-0badf00d"));
        assertEquals(TokenVerdict.REDIRECT_TEMPORARILY, judge.judge("rel-7"), "the same release before fingerprints");
        assertEquals(TokenVerdict.REDIRECT_PERMANENTLY, judge.judge("rel-6-0badf00d"));
    }

    @Test
    void aNewerTokenExpiresAfterItsGrace() {
        TokenJudge judge = judge("1000", TokenStrategy.TIMESTAMP, 10);
        assertEquals(TokenVerdict.RETRY_LATER, judge.judge("2000"));
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertEquals(TokenVerdict.RETRY_LATER, judge.judge("2000"));
        clock.advance(Duration.ofMillis(1));
        assertEquals(TokenVerdict.REDIRECT_TEMPORARILY, judge.judge("2000"));
        assertEquals(TokenVerdict.RETRY_LATER, judge.judge("3000"), "each token has its own grace");
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
