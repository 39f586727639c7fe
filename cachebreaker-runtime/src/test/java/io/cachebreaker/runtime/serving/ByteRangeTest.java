package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cachebreaker.runtime.serving.ByteRange.Kind;
import java.time.Duration;
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

    @Test
    void aThousandRangesCostNothing() {
        StringBuilder many = new StringBuilder("bytes=");
        for (int i = 0; i < 100_000; i++) {
            many.append(i).append('-').append(i).append(',');
        }
        assertTimeoutPreemptively(Duration.ofMillis(500),
                () -> assertEquals(Kind.WHOLE, ByteRange.parse(many.toString(), 1 << 20).kind()));
    }
}
