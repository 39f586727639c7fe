package io.cachebreaker.runtime.serving;

import static io.cachebreaker.runtime.serving.Preconditions.Outcome.FAILED;
import static io.cachebreaker.runtime.serving.Preconditions.Outcome.NOT_MODIFIED;
import static io.cachebreaker.runtime.serving.Preconditions.Outcome.PROCEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreconditionsTest {
    private static final String TAG = "\"abc\"";
    private static final Instant BUILT = Instant.parse("2026-11-24T21:32:06Z");
    private static final String BUILT_TEXT = "Tue, 24 Nov 2026 21:32:06 GMT";

    private static Preconditions.Outcome evaluate(String... headers) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return Preconditions.evaluate(new IncomingRequest("GET", "", null, map::get), TAG, BUILT);
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        assertEquals(NOT_MODIFIED, evaluate("If-None-Match", TAG));
        assertEquals(NOT_MODIFIED, evaluate("If-None-Match", "\"x\", W/" + TAG));
        assertEquals(NOT_MODIFIED, evaluate("If-None-Match", "*"));
        assertEquals(PROCEED, evaluate("If-None-Match", "\"abcd\""));
        assertEquals(PROCEED, evaluate("If-None-Match", "abc"));
        assertEquals(PROCEED, evaluate("If-None-Match", "\"x\", \"abcx\""));
    }

    @Test
    void ifNoneMatchWinsOverIfModifiedSince() {
        assertEquals(PROCEED, evaluate("If-None-Match", "\"other\"", "If-Modified-Since", BUILT_TEXT));
        assertEquals(NOT_MODIFIED, evaluate("If-Modified-Since", BUILT_TEXT));
        assertEquals(NOT_MODIFIED, evaluate("If-Modified-Since", "Wed, 25 Nov 2026 00:00:00 GMT"));
        assertEquals(PROCEED, evaluate("If-Modified-Since", "Tue, 24 Nov 2026 21:32:05 GMT"));
        assertEquals(PROCEED, evaluate("If-Modified-Since", "yesterday"));
    }

    @Test
    void ifMatchAndIfUnmodifiedSinceCanFail() {
        assertEquals(PROCEED, evaluate("If-Match", TAG));
        assertEquals(FAILED, evaluate("If-Match", "W/" + TAG), "If-Match compares strongly");
        assertEquals(FAILED, evaluate("If-Unmodified-Since", "Mon, 23 Nov 2026 00:00:00 GMT"));
        assertEquals(PROCEED, evaluate("If-Unmodified-Since", BUILT_TEXT));
    }

    @Test
    void ifRangeNeedsAStrongMatchOrTheExactDate() {
        assertTrue(Preconditions.rangeApplies(null, TAG, BUILT));
        assertTrue(Preconditions.rangeApplies(TAG, TAG, BUILT));
        assertFalse(Preconditions.rangeApplies("W/" + TAG, TAG, BUILT));
        assertFalse(Preconditions.rangeApplies("\"other\"", TAG, BUILT));
        assertTrue(Preconditions.rangeApplies(BUILT_TEXT, TAG, BUILT));
        assertFalse(Preconditions.rangeApplies("Wed, 25 Nov 2026 00:00:00 GMT", TAG, BUILT));
        assertFalse(Preconditions.rangeApplies("garbage", TAG, BUILT));
    }
}
