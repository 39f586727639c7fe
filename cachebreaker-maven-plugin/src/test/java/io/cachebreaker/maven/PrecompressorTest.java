package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.encoder.Encoder;
import io.cachebreaker.runtime.tokenfile.Encoding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class PrecompressorTest {
    private static final byte[] TEXT = "a { color: red }\n".repeat(100).getBytes(StandardCharsets.US_ASCII);

    /** Text whose gzip size depends on the level: words drawn at random, so matches are many but not trivial. */
    private static final byte[] WORDS = words();

    private static byte[] words() {
        String[] words = {"color", "margin", "padding", "border", "display", "flex", "grid", "none", "auto", "0",
            "1px", "2em", "red", "blue", ".btn", "#main", "{", "}", ";", ":"};
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        while (text.length() < 60_000) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(4) == 0 ? "\n" : " ");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The platforms for which the plugin ships brotli4j's native library (see the plugin's pom): there Brotli must
     * work, and a build that silently wrote gzip only would be a bug.
     */
    static boolean brotliShipped() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    private static byte[] gzipAt(int level, byte[] original) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes, 8192) {
            {
                def.setLevel(level);
            }
        }) {
            out.write(original);
        }
        return bytes.toByteArray();
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    @Test
    void gzipBytesDependOnlyOnTheContent() throws IOException {
        byte[] first = Precompressor.gzip(TEXT);
        byte[] second = Precompressor.gzip(TEXT.clone());
        assertArrayEquals(first, second);
        assertEquals(0x1f, first[0] & 0xff);
        assertEquals(0x8b, first[1] & 0xff);
        assertEquals(0, first[3], "no FNAME, FCOMMENT or FEXTRA flag");
        assertArrayEquals(new byte[4], Arrays.copyOfRange(first, 4, 8), "MTIME is zero");
        assertArrayEquals(TEXT, gunzip(first));
    }

    @Test
    void gzipIsWrittenAtTheBestLevel() throws IOException {
        byte[] best = gzipAt(Deflater.BEST_COMPRESSION, WORDS);
        byte[] usual = gzipAt(Deflater.DEFAULT_COMPRESSION, WORDS);
        assertFalse(Arrays.equals(best, usual), "the sample tells the levels apart");
        assertArrayEquals(best, Precompressor.gzip(WORDS));
        assertArrayEquals(best, new Precompressor(false, new SystemStreamLog()).compress(Encoding.GZIP, WORDS));
        assertArrayEquals(WORDS, gunzip(Precompressor.gzip(WORDS)));
    }

    @Test
    void brotliIsWrittenWhereItsNativeLibraryIsShipped() throws IOException {
        Precompressor precompressor = new Precompressor(true, new SystemStreamLog());
        if (!brotliShipped()) {
            // Elsewhere it may or may not load; gzip is written either way.
            assertTrue(precompressor.encodings().contains(Encoding.GZIP));
            return;
        }
        assertEquals(EnumSet.of(Encoding.GZIP, Encoding.BROTLI), precompressor.encodings());
        byte[] brotli = precompressor.compress(Encoding.BROTLI, WORDS);
        assertTrue(brotli.length < WORDS.length);
        assertArrayEquals(brotli, precompressor.compress(Encoding.BROTLI, WORDS.clone()), "deterministic");
        var decoded = Decoder.decompress(brotli);
        assertEquals(DecoderJNI.Status.DONE, decoded.getResultStatus());
        assertArrayEquals(WORDS, decoded.getDecompressedData());
        // At the best quality: the same bytes as quality 11, not those of a faster one.
        assertArrayEquals(Encoder.compress(WORDS, new Encoder.Parameters().setQuality(11)), brotli);
        assertFalse(Arrays.equals(Encoder.compress(WORDS, new Encoder.Parameters().setQuality(5)), brotli));
    }

    @Test
    void aLowerBrotliQualityIsUsedAndNamedInTheDescription() throws Exception {
        Precompressor fast = new Precompressor(true, 5, new SystemStreamLog());
        if (!brotliShipped()) {
            assertTrue(fast.describe().startsWith("gzip-9"));
            return;
        }
        assertEquals("gzip-9 br-5", fast.describe());
        assertEquals("gzip-9 br-11", new Precompressor(true, new SystemStreamLog()).describe());
        assertEquals("gzip-9", new Precompressor(false, 5, new SystemStreamLog()).describe());
        assertArrayEquals(Encoder.compress(WORDS, new Encoder.Parameters().setQuality(5)),
                fast.compress(Encoding.BROTLI, WORDS));
        assertEquals(0, Precompressor.requireQuality(0));
        assertEquals(11, Precompressor.requireQuality(11));
        assertThrows(MojoFailureException.class, () -> Precompressor.requireQuality(12));
        assertThrows(MojoFailureException.class, () -> Precompressor.requireQuality(-1));
    }

    @Test
    void brotliOffMeansGzipOnly() {
        assertEquals(Set.of(Encoding.GZIP), new Precompressor(false, new SystemStreamLog()).encodings());
    }

    @Test
    void compressibleTypesGoByExtension() {
        assertTrue(Precompressor.isCompressible("css/app.CSS"));
        assertTrue(Precompressor.isCompressible("app.webmanifest"));
        assertTrue(Precompressor.isCompressible("a.js"));
        assertTrue(Precompressor.isCompressible("x/a.js"));
        assertFalse(Precompressor.isCompressible("img/logo.png"));
        assertFalse(Precompressor.isCompressible("dir.css/noext"));
        assertFalse(Precompressor.isCompressible(".css"));
        assertFalse(Precompressor.isCompressible("x/.css"));
        assertFalse(Precompressor.isCompressible("css"));
    }
}
