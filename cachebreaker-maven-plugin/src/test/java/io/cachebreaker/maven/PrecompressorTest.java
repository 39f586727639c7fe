package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.Encoding;
import java.nio.charset.StandardCharsets;
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
    void brotliIsDeterministicWhereAvailable() {
        Precompressor precompressor = new Precompressor(true, new SystemStreamLog());
        if (precompressor.encodings().contains(Encoding.BROTLI)) {
            byte[] brotli = precompressor.compress(Encoding.BROTLI, TEXT);
            assertTrue(brotli.length < TEXT.length);
            assertArrayEquals(brotli, precompressor.compress(Encoding.BROTLI, TEXT.clone()));
        }
        assertEquals(java.util.Set.of(Encoding.GZIP), new Precompressor(false, new SystemStreamLog()).encodings());
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
