package io.cachebreaker.runtime.serving;

import static io.cachebreaker.runtime.tokenfile.Encoding.BROTLI;
import static io.cachebreaker.runtime.tokenfile.Encoding.GZIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cachebreaker.runtime.tokenfile.Encoding;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcceptEncodingTest {
    private static final Map<Encoding, Long> BOTH = Map.of(GZIP, 300L, BROTLI, 250L);

    private static Encoding choose(String header) {
        return AcceptEncoding.choose(header, BOTH, 1000);
    }

    @Test
    void prefersTheSmallestAmongEqualWeights() {
        assertEquals(BROTLI, choose("gzip, deflate, br"));
        assertEquals(GZIP, choose("gzip"));
        assertEquals(GZIP, choose("x-gzip"));
        assertEquals(GZIP, choose(" GZIP ;Q=1"));
    }

    @Test
    void respectsQValues() {
        assertEquals(GZIP, choose("br;q=0.5, gzip"));
        assertEquals(BROTLI, choose("br;q=0.9, gzip;q=0.8"));
        assertNull(choose("gzip;q=0, br;q=0"));
        assertNull(choose("gzip;q=0"));
        assertNull(choose("identity, gzip;q=0.5"), "identity weighs more");
        assertEquals(GZIP, choose("identity;q=0.4, gzip;q=0.5"));
    }

    @Test
    void starCoversTheRest() {
        assertEquals(BROTLI, choose("*"));
        assertEquals(GZIP, choose("br;q=0, *"));
        assertNull(choose("*;q=0"), "nothing is acceptable, so the original is sent anyway");
        assertEquals(GZIP, choose("gzip;q=0.1, *;q=0"));
        assertNull(choose("*;q=0, identity"));
    }

    @Test
    void malformedOrAbsentMeansIdentity() {
        assertNull(choose(null));
        assertNull(choose(""));
        assertNull(choose("gzip;q=2"), "a bad weight voids the element");
        assertNull(choose("gzip;q=abc"));
        assertNull(choose("gzip;q=0.0001"));
        assertNull(choose("gzip;q=1.001"));
        assertNull(choose("gzip;q=.5"));
        assertEquals(GZIP, choose("gzip;q=0.001"));
        assertEquals(GZIP, choose("br;q=0.49, gzip;q=0.5"));
        assertEquals(BROTLI, choose("br;q=1., gzip;q=0.999"));
        assertNull(choose("gzip, " + "x,".repeat(AcceptEncoding.MAX_LENGTH)));
        assertNull(AcceptEncoding.choose("gzip, br", Map.of(), 10), "nothing precompressed");
    }
}
