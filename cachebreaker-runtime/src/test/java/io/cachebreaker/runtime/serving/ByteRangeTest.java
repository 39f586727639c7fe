package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cachebreaker.runtime.serving.ByteRange.Kind;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void singleRanges() {
        assertEquals(new ByteRange(Kind.PART, 0, 9), ByteRange.parse("bytes=0-9", 100));
        assertEquals(new ByteRange(Kind.PART, 90, 99), ByteRange.parse("bytes=90-", 100));
        assertEquals(new ByteRange(Kind.PART, 90, 99), ByteRange.parse("bytes=90-1000", 100));
        assertEquals(new ByteRange(Kind.PART, 95, 99), ByteRange.parse("bytes=-5", 100));
        assertEquals(new ByteRange(Kind.PART, 0, 99), ByteRange.parse("bytes=-500", 100));
        assertEquals(new ByteRange(Kind.PART, 5, 5), ByteRange.parse(" Bytes=5-5 ", 100));
        assertEquals(new ByteRange(Kind.PART, 0, 99), ByteRange.parse("bytes=0-99999999999999999999999", 100));
        assertEquals(10, ByteRange.parse("bytes=0-9", 100).size());
    }

    /** A last byte at or past the end is clamped to the end: the boundary itself, and just inside it. */
    @Test
    void aLastByteAtTheLengthIsClampedToTheEnd() {
        assertEquals(new ByteRange(Kind.PART, 0, 99), ByteRange.parse("bytes=0-100", 100));
        assertEquals(new ByteRange(Kind.PART, 0, 98), ByteRange.parse("bytes=0-98", 100));
        assertEquals(new ByteRange(Kind.PART, 99, 99), ByteRange.parse("bytes=99-99", 100));
        assertEquals(new ByteRange(Kind.PART, 99, 99), ByteRange.parse("bytes=-1", 100));
        assertEquals(100, ByteRange.parse("bytes=0-100", 100).size());
    }

    /** Digits too many for a long count as "past the end"; anything else in a long run voids the header. */
    @Test
    void anEndTooLongForALongIsPastTheEndOnlyWhenItIsDigits() {
        assertEquals(new ByteRange(Kind.PART, 0, 99), ByteRange.parse("bytes=0-1234567890123456789", 100));
        assertEquals(Kind.WHOLE, ByteRange.parse("bytes=0-1234567890123456789x", 100).kind());
        assertEquals(Kind.WHOLE, ByteRange.parse("bytes=0-123456789012345678x", 100).kind());
        assertEquals(new ByteRange(Kind.PART, 0, 99), ByteRange.parse("bytes=0-123456789012345678", 100));
        assertEquals(new ByteRange(Kind.PART, 0, 99), ByteRange.parse("bytes=-1234567890123456789", 100));
        assertEquals(Kind.WHOLE, ByteRange.parse("bytes=-1234567890123456789x", 100).kind());
        assertEquals(Kind.UNSATISFIABLE, ByteRange.parse("bytes=1234567890123456789-", 100).kind());
        assertEquals(Kind.WHOLE, ByteRange.parse("bytes=1234567890123456789x-", 100).kind());
    }

    @Test
    void theHeaderLengthLimitIsInclusive() {
        String padding = " ".repeat(ByteRange.MAX_LENGTH - "bytes=0-9".length());
        assertEquals(new ByteRange(Kind.PART, 0, 9), ByteRange.parse("bytes=0-9" + padding, 100));
        assertEquals(Kind.WHOLE, ByteRange.parse("bytes=0-9" + padding + " ", 100).kind());
    }

    @Test
    void unsatisfiable() {
        assertEquals(Kind.UNSATISFIABLE, ByteRange.parse("bytes=100-", 100).kind());
        assertEquals(Kind.UNSATISFIABLE, ByteRange.parse("bytes=-0", 100).kind());
        assertEquals(Kind.UNSATISFIABLE, ByteRange.parse("bytes=0-0", 0).kind());
        assertEquals(Kind.UNSATISFIABLE, ByteRange.parse("bytes=99999999999999999999-", 100).kind());
    }

    @Test
    void ignoredMeansWhole() {
        for (String header : new String[] {null, "", "items=0-1", "bytes=", "bytes=5", "bytes=9-5", "bytes=a-b",
            "bytes=-", "bytes=0-1,3-4", "bytes=--1", "bytes=1-2-3", "bytes=+1-2", "bytes = 1-2"}) {
            assertEquals(Kind.WHOLE, ByteRange.parse(header, 100).kind(), header);
        }
    }

    /**
     * Several ranges are ignored whole (the server may), however many there are and however short the header; the
     * bound on work is the length cap and the single scan for a comma, both pinned above and here, not a clock.
     */
    @Test
    void aThousandRangesAreIgnoredAsOne() {
        StringBuilder many = new StringBuilder("bytes=");
        for (int i = 0; i < 1000; i++) {
            many.append(i == 0 ? "" : ",").append(i).append('-').append(i);
        }
        assertEquals(Kind.WHOLE, ByteRange.parse(many.toString(), 1 << 20).kind());
        assertEquals(Kind.WHOLE, ByteRange.parse("bytes=0-0,1-1", 100).kind(), "two short ranges, under the cap");
        assertEquals(Kind.WHOLE, ByteRange.parse("bytes=0-1,", 100).kind(), "a trailing comma");
    }
}
