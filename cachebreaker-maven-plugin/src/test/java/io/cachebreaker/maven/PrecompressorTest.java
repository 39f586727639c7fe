package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.Encoding;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class PrecompressorTest {
    private static final byte[] TEXT = "a { color: red }\n".repeat(100).getBytes(StandardCharsets.US_ASCII);

    @Test
    void gzipBytesDependOnlyOnTheContent() {
        byte[] first = Precompressor.gzip(TEXT);
        byte[] second = Precompressor.gzip(TEXT.clone());
        assertArrayEquals(first, second);
        assertEquals(0x1f, first[0] & 0xff);
        assertEquals(0x8b, first[1] & 0xff);
        assertEquals(0, first[3], "no FNAME, FCOMMENT or FEXTRA flag");
        assertArrayEquals(new byte[4], java.util.Arrays.copyOfRange(first, 4, 8), "MTIME is zero");
    }

    @Test
    void keepsOnlyResultsSmallerThanTheOriginal() {
        Precompressor precompressor = new Precompressor(true, true, new SystemStreamLog());
        Map<Encoding, byte[]> text = precompressor.compress(TEXT);
        assertTrue(text.get(Encoding.GZIP).length < TEXT.length);
        assertFalse(precompressor.compress(new byte[] {42}).containsKey(Encoding.GZIP));
        if (precompressor.encodings().contains(Encoding.BROTLI)) {
            assertArrayEquals(text.get(Encoding.BROTLI), precompressor.compress(TEXT).get(Encoding.BROTLI));
        }
    }

    @Test
    void compressibleTypesGoByExtension() {
        assertTrue(Precompressor.isCompressible("css/app.CSS"));
        assertTrue(Precompressor.isCompressible("app.webmanifest"));
        assertFalse(Precompressor.isCompressible("img/logo.png"));
        assertFalse(Precompressor.isCompressible("dir.css/noext"));
        assertFalse(Precompressor.isCompressible(".css"));
    }
}
