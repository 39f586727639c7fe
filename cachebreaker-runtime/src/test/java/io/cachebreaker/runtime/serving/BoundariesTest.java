package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.serving.ByteRange.Kind;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.Encoding;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The character-class and size boundaries of the serving code, one by one: each neighbour of a range's end is
 * checked on both sides, which is where an off-by-one hides.
 */
class BoundariesTest {
    private static final PathDecoder DECODER = new PathDecoder(AssetPrefix.parse("static/{token}"));

    private static int status(String raw) {
        try {
            DECODER.decode(raw);
            return 200;
        } catch (Rejection rejection) {
            return rejection.status();
        }
    }

    @Test
    void rawPathCharactersAtTheEdgesOfEachRange() {
        for (char c : "azAZ09-._~!$&'()*+,=:@".toCharArray()) {
            assertEquals(200, status("v1/a" + c + "b"), "allowed: " + c);
        }
        // Each neighbour of a, z, A, Z, 0 and 9, and the other refused characters.
        for (char c : "`{@[/:\"<>\\^|; %#?\u007f\u0080".toCharArray()) {
            if (c == '@' || c == ':' || c == '/' || c == '%') {
                continue; // allowed, or a separator or escape, checked elsewhere
            }
            assertEquals(400, status("v1/a" + c + "b"), "refused: " + (int) c);
        }
    }

    @Test
    void hexDigitsAtTheEdgesOfEachRange() {
        for (String ok : new String[] {"%30", "%39", "%41", "%46", "%61", "%66", "%4a", "%4A", "%4f", "%4F"}) {
            assertEquals(200, status("v1/a" + ok), ok);
        }
        for (String bad : new String[] {"%/0", "%:0", "%@0", "%G0", "%`0", "%g0", "%3/", "%3:", "%3@", "%3G",
            "%3`", "%3g", "%3", "%"}) {
            assertEquals(400, status("v1/a" + bad), bad);
        }
    }

    @Test
    void encodedControlsAndTheDoubleEncodingCheck() {
        assertEquals(400, status("v1/a%1f"));
        assertEquals(400, status("v1/a%7f"));
        assertEquals(400, status("v1/a%00"));
        assertEquals(200, status("v1/a%20"), "the first character that is not a control");
        assertEquals(200, status("v1/a%7e"));
        assertEquals(400, status("v1/a%2541"), "double encoding");
        assertEquals(200, status("v1/a%25"), "a decoded % at the end");
        assertEquals(200, status("v1/a%254"), "a decoded % with one character after it");
        assertEquals(200, status("v1/a%25g1"), "a decoded % before a non-hex character");
        assertEquals(400, status("v1/a%2501"), "0 is a hex digit, first");
        assertEquals(400, status("v1/a%2510"), "0 is a hex digit, second");
        assertEquals(400, status("%2541/a"), "double encoding at the very start");
    }

    @Test
    void theRawLengthLimitIsInclusive() {
        String atLimit = "v1/" + "a".repeat(PathDecoder.MAX_RAW_LENGTH - 3);
        assertEquals(PathDecoder.MAX_RAW_LENGTH, atLimit.length());
        assertEquals(404, status(atLimit), "not refused for its length, but too long an asset path");
        assertEquals(404, status(atLimit + "a"));
        // A legal path at exactly the limit: 454 escaped three-byte characters make it long before it is too long.
        String escaped = "v1/" + "%E4%B8%AD".repeat(454) + "abcdefg";
        assertEquals(PathDecoder.MAX_RAW_LENGTH, escaped.length());
        assertEquals(200, status(escaped), "the raw length limit is inclusive");
        assertEquals(404, status(escaped + "h"));
        String longTokenOk = "v".repeat(80) + "/a";
        assertEquals(200, status(longTokenOk));
        assertEquals(404, status("v".repeat(81) + "/a"));
        assertEquals(404, status("v1"), "no asset path");
        assertEquals(404, status("v1/"), "an empty asset path");
    }

    @Test
    void aPrefixWithSegmentsAfterTheTokenNeedsThem() {
        PathDecoder nested = new PathDecoder(AssetPrefix.parse("assets/{token}/v"));
        assertEquals(new RequestPath("t", "a.css"), nested.decode("t/v/a.css"));
        assertEquals(404, assertThrows(Rejection.class, () -> nested.decode("t/a.css")).status());
        assertEquals(404, assertThrows(Rejection.class, () -> nested.decode("t/vx/a.css")).status());
    }

    @Test
    void queryEscapesAtTheEdgesOfEachHexRange() {
        for (String ok : new String[] {"%09", "%90", "%af", "%fa", "%AF", "%FA"}) {
            assertTrue(StatusReplies.isSafeQuery("a" + ok), ok);
        }
        for (String bad : new String[] {"%/0", "%:0", "%@0", "%G0", "%`0", "%g0", "%0/", "%0:", "%0@", "%0G",
            "%0`", "%0g"}) {
            assertFalse(StatusReplies.isSafeQuery("a" + bad), bad);
        }
    }

    @Test
    void pathEncodingKeepsExactlyTheUnreservedCharacters() {
        assertEquals("azAZ09-._~+,=:@/x", PathEncoder.encode("azAZ09-._~+,=:@/x"));
        assertEquals("%60%7B@x", PathEncoder.encode("`{@x"));
        assertEquals("%5B/", PathEncoder.encode("[/"));
        assertEquals("/%3B%3F%23%25%20%5C", PathEncoder.encode("/;?#% \\"));
        assertEquals("%21%24%26%27%28%29%2A", PathEncoder.encode("!$&'()*"));
        assertEquals("%60a", PathEncoder.encode("`a"), "the neighbour of a");
        assertEquals("z%7B", PathEncoder.encode("z{"));
        assertEquals("@A", PathEncoder.encode("@A"));
        assertEquals("Z%5B", PathEncoder.encode("Z["));
        assertEquals("/0", PathEncoder.encode("/0"));
        assertEquals("9:", PathEncoder.encode("9:"));
        assertEquals("caf%C3%A9", PathEncoder.encode("caf\u00e9"));
    }

    @Test
    void aZeroWeightIsNotAMissingWeight() {
        Map<Encoding, Long> sizes = new LinkedHashMap<>();
        sizes.put(Encoding.GZIP, 10L);
        sizes.put(Encoding.BROTLI, 250L);
        assertEquals(Encoding.BROTLI, AcceptEncoding.choose("gzip;q=0, *", sizes, 1000),
                "gzip;q=0 refuses gzip even though the star would take it");
        assertEquals(Encoding.GZIP, AcceptEncoding.choose("br;q=0.5, *", sizes, 1000));
    }

    @Test
    void eighteenDigitsAreStillANumber() {
        assertEquals(new ByteRange(Kind.PART, 100000000000000000L, Long.MAX_VALUE - 1),
                ByteRange.parse("bytes=100000000000000000-", Long.MAX_VALUE));
        assertEquals(Kind.UNSATISFIABLE, ByteRange.parse("bytes=1000000000000000000-", Long.MAX_VALUE).kind(),
                "nineteen digits count as past any end");
    }

    @Test
    void theMemoryBudgetHoldsUpToItsLimitsExactly() {
        MemoryBudget budget = new MemoryBudget(10, 25);
        assertFalse(budget.claim(11), "over the per-variant limit");
        assertEquals(25, budget.left());
        assertTrue(budget.claim(10), "exactly the per-variant limit");
        assertTrue(budget.claim(10));
        assertEquals(5, budget.left());
        assertFalse(budget.claim(6), "more than is left");
        assertEquals(5, budget.left(), "a refused claim takes nothing");
        assertTrue(budget.claim(5), "exactly what is left");
        assertEquals(0, budget.left());
        assertTrue(budget.claim(0));
        assertFalse(budget.claim(1));
    }

    @Test
    void httpDatesHaveFourDigitYearsAndABoundedLength() {
        Instant built = Instant.parse("2026-11-24T21:32:06Z");
        assertEquals("Tue, 24 Nov 2026 21:32:06 GMT", HttpDates.format(built));
        assertEquals(built, HttpDates.parse(" Tue, 24 Nov 2026 21:32:06 GMT "));
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), HttpDates.parse("Fri, 31 Dec 9999 23:59:59 GMT"));
        assertNull(HttpDates.parse("Sat, 01 Jan 10000 00:00:00 GMT"));
        String padded = "Tue, 24 Nov 2026 21:32:06 GMT" + " ".repeat(64 - 29);
        assertEquals(64, padded.length());
        assertEquals(built, HttpDates.parse(padded), "64 characters are read");
        assertNull(HttpDates.parse(padded + " "), "65 are not");
        assertNull(HttpDates.parse(null));
    }

    @Test
    void contentTypesTrustOnlyPrintableContainerTypes() {
        ContentTypes types = new ContentTypes(name -> switch (name) {
            case "a.tab" -> "text/x\tbad";
            case "a.del" -> "text/x\u007fbad";
            case "a.ok" -> " text/x~ok";
            case "a.blank" -> " ";
            default -> null;
        });
        assertEquals(" text/x~ok", types.of("dir/a.ok"), "space and tilde are the printable ends");
        assertEquals("application/octet-stream", types.of("a.tab"));
        assertEquals("application/octet-stream", types.of("a.del"));
        assertEquals("application/octet-stream", types.of("a.blank"));
        assertEquals("application/octet-stream", types.of("a.none"));
        assertEquals("text/css;charset=utf-8", types.of("x/a.CSS"));
        assertEquals("application/octet-stream", types.of("css.d/noext"), "a dot in a directory is no extension");
        assertEquals("application/octet-stream", types.of(".css/x"));
    }
}
