package io.cachebreaker.runtime.serving;

import static io.cachebreaker.runtime.tokenfile.Encoding.BROTLI;
import static io.cachebreaker.runtime.tokenfile.Encoding.GZIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cachebreaker.runtime.tokenfile.Encoding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcceptEncodingTest {
    /** Brotli is the smaller form; the identity original is larger than both. */
    private static final Map<Encoding, Long> BOTH = Map.of(GZIP, 300L, BROTLI, 250L);

    private static Encoding choose(String header) {
        return AcceptEncoding.choose(header, BOTH, 1000);
    }

    /** The same sizes, offered in a fixed order, so that a result cannot depend on a map's iteration order. */
    private static Map<Encoding, Long> inOrder(Encoding first, long firstSize, Encoding second, long secondSize) {
        Map<Encoding, Long> sizes = new LinkedHashMap<>();
        sizes.put(first, firstSize);
        sizes.put(second, secondSize);
        return sizes;
    }

    @Test
    void prefersTheSmallestAmongEqualWeightsInWhateverOrderTheFormsCome() {
        for (String header : List.of("gzip, deflate, br", "br, gzip", "gzip;q=0.5, br;q=0.5", "*")) {
            assertEquals(BROTLI, AcceptEncoding.choose(header, inOrder(GZIP, 300, BROTLI, 250), 1000), header);
            assertEquals(BROTLI, AcceptEncoding.choose(header, inOrder(BROTLI, 250, GZIP, 300), 1000), header);
            assertEquals(GZIP, AcceptEncoding.choose(header, inOrder(GZIP, 250, BROTLI, 300), 1000), header);
            assertEquals(GZIP, AcceptEncoding.choose(header, inOrder(BROTLI, 300, GZIP, 250), 1000), header);
        }
        assertEquals(GZIP, AcceptEncoding.choose("br, gzip", inOrder(GZIP, 250, BROTLI, 250), 1000),
                "equal sizes: the first offered stays");
        assertEquals(BROTLI, AcceptEncoding.choose("br, gzip", inOrder(BROTLI, 250, GZIP, 250), 1000));
    }

    @Test
    void namesAndCaseAreNormalised() {
        assertEquals(GZIP, choose("gzip"));
        assertEquals(GZIP, choose("x-gzip"));
        assertEquals(GZIP, choose(" GZIP ;Q=1"));
        assertEquals(BROTLI, choose("BR"));
        assertNull(choose("deflate, compress, zstd"), "codings with no stored form");
    }

    @Test
    void respectsQValues() {
        assertEquals(GZIP, choose("br;q=0.5, gzip"));
        assertEquals(BROTLI, choose("br;q=0.9, gzip;q=0.8"));
        assertEquals(GZIP, choose("br;q=0.8, gzip;q=0.801"), "a thousandth decides");
        assertNull(choose("gzip;q=0, br;q=0"));
        assertNull(choose("gzip;q=0"));
        assertNull(choose("identity, gzip;q=0.5"), "identity weighs more");
        assertEquals(GZIP, choose("identity;q=0.4, gzip;q=0.5"));
        assertEquals(GZIP, choose("identity;q=0.5, gzip;q=0.5"), "equal weights: the smaller form, here gzip");
        assertEquals(GZIP, choose("gzip;q=0.5;level=9"), "other parameters are ignored");
        assertEquals(GZIP, choose("gzip;level=9;q=0.5, br;q=0.4"));
    }

    /** The last q of an element counts; any bad one voids the element. */
    @Test
    void aBadWeightVoidsItsElementEvenNextToAGoodOne() {
        assertNull(choose("gzip;q=0.5;q=2"));
        assertNull(choose("gzip;q=2;q=0.5"));
        assertEquals(GZIP, choose("gzip;q=0;q=0.5"));
    }

    @Test
    void starCoversTheRest() {
        assertEquals(BROTLI, choose("*"));
        assertEquals(GZIP, choose("br;q=0, *"));
        assertNull(choose("*;q=0"), "nothing is acceptable, so the original is sent anyway");
        assertEquals(GZIP, choose("gzip;q=0.1, *;q=0"));
        assertNull(choose("*;q=0, identity"));
        assertEquals(BROTLI, choose("*;q=0.5"), "a weighed star still beats the implicit identity");
    }

    /**
     * A malformed weight voids its element, so the coding is treated as not named: with a star it falls back to the
     * star's weight, without one it is not acceptable.
     */
    @Test
    void malformedWeightsVoidTheElement() {
        for (String bad : List.of("2", "", "abc", "0.0001", "1.001", ".5", "1.5", "-1", "0.a", "1.00a",
                "01", "0..1", "q")) {
            assertNull(choose("gzip;q=" + bad), "gzip;q=" + bad);
            assertEquals(BROTLI, AcceptEncoding.choose("gzip;q=" + bad + ", br;q=0.1",
                    inOrder(GZIP, 10, BROTLI, 250), 1000), "void, so the smaller gzip is not taken: " + bad);
            assertEquals(GZIP, AcceptEncoding.choose("br;q=0, gzip;q=" + bad + ", *;q=0.5",
                    inOrder(GZIP, 300, BROTLI, 250), 1000), "void, so gzip takes the star's weight: " + bad);
        }
        assertEquals(GZIP, choose("gzip;q=0.001"));
        assertEquals(GZIP, choose("gzip;q=1"));
        assertEquals(GZIP, choose("gzip;q=1."));
        assertEquals(GZIP, choose("gzip;q=1.0"));
        assertEquals(GZIP, choose("gzip;q=1.000"));
        assertEquals(GZIP, choose("gzip;q=0.999"));
        assertEquals(GZIP, choose("br;q=0.49, gzip;q=0.5"));
        assertEquals(BROTLI, choose("br;q=1., gzip;q=0.999"));
        assertEquals(BROTLI, choose("br;Q=0.9, gzip;q=0.8"), "the q is case-insensitive");
        assertEquals(GZIP, choose("br;x=0.9;q=0.1, gzip;q=0.8"));
    }

    /**
     * The original counts as acceptable at the lowest weight, so a compressed form at q=0.001 competes with it by
     * size: it wins when smaller, and loses when compression made it larger.
     */
    @Test
    void aBarelyAcceptableFormLosesToASmallerOriginal() {
        assertEquals(GZIP, AcceptEncoding.choose("gzip;q=0.001", Map.of(GZIP, 300L), 1000));
        assertNull(AcceptEncoding.choose("gzip;q=0.001", Map.of(GZIP, 1200L), 1000));
        assertNull(AcceptEncoding.choose("gzip;q=0.001", Map.of(GZIP, 1000L), 1000), "equal size: the original");
        assertEquals(GZIP, AcceptEncoding.choose("gzip;q=0.002", Map.of(GZIP, 1200L), 1000), "a higher weight wins");
        assertEquals(GZIP, AcceptEncoding.choose("gzip", Map.of(GZIP, 1200L), 1000), "whatever its size");
        assertNull(AcceptEncoding.choose("gzip;q=0.5, identity;q=0.5", Map.of(GZIP, 1200L), 1000));
        assertEquals(GZIP, AcceptEncoding.choose("gzip;q=0.5, identity;q=0.5", Map.of(GZIP, 900L), 1000));
    }

    @Test
    void absentOrOverlongHeadersMeanIdentity() {
        assertNull(choose(null));
        assertNull(choose(""));
        assertNull(choose(","));
        assertNull(choose(";q=1"));
        String padded = "gzip" + " ".repeat(AcceptEncoding.MAX_LENGTH - 4);
        assertEquals(GZIP, choose(padded), "the length limit is inclusive");
        assertNull(choose(padded + " "));
        assertNull(choose("gzip, " + "x,".repeat(AcceptEncoding.MAX_LENGTH)));
        assertNull(AcceptEncoding.choose("gzip, br", Map.of(), 10), "nothing precompressed");
    }
}
