package io.cachebreaker.maven;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import io.cachebreaker.runtime.tokenfile.Encoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.maven.plugin.logging.Log;

/**
 * Compresses text-like assets with gzip and, where its native library loads, Brotli.
 *
 * <p>Output must be byte-for-byte reproducible: {@link GZIPOutputStream} writes a fixed header (no file name, mtime
 * 0), and both codecs are deterministic for a given level and library version.
 */
final class Precompressor {
    /** Extensions worth compressing; images, fonts and archives are compressed already. */
    static final Set<String> COMPRESSIBLE = Set.of("css", "js", "mjs", "json", "map", "svg", "html", "htm", "txt",
            "xml", "wasm", "webmanifest", "ico");

    private static final int BROTLI_QUALITY = 11;

    private final boolean brotli;

    /**
     * Writes gzip always, Brotli when asked and available.
     *
     * @param brotli whether to try Brotli; when its native library does not load, a warning says so once
     * @param log    for that warning
     */
    Precompressor(boolean brotli, Log log) {
        this.brotli = brotli && brotliAvailable(log);
    }

    private static boolean brotliAvailable(Log log) {
        try {
            if (Brotli4jLoader.isAvailable()) {
                return true;
            }
            Throwable cause = Brotli4jLoader.getUnavailabilityCause();
            log.warn("cachebreaker: Brotli is not available on this platform (" + cause + "); writing gzip"
                    + " siblings only. Set brotli=false (-Dcachebreaker.brotli=false) to silence this.");
        } catch (LinkageError e) {
            log.warn("cachebreaker: Brotli is not available on this platform (" + e + "); writing gzip siblings"
                    + " only. Set brotli=false (-Dcachebreaker.brotli=false) to silence this.");
        }
        return false;
    }

    /** @return the codings this instance writes */
    Set<Encoding> encodings() {
        return brotli ? EnumSet.of(Encoding.GZIP, Encoding.BROTLI) : EnumSet.of(Encoding.GZIP);
    }

    /**
     * @param path an asset path
     * @return whether its extension marks a compressible type
     */
    static boolean isCompressible(String path) {
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        return dot > slash + 1 && COMPRESSIBLE.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * @param encoding a coding from {@link #encodings()}
     * @param original the asset's bytes
     * @return the compressed bytes, which the caller keeps only when smaller than the original
     */
    byte[] compress(Encoding encoding, byte[] original) {
        return switch (encoding) {
            case GZIP -> gzip(original);
            case BROTLI -> brotli(original);
        };
    }

    static byte[] gzip(byte[] original) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(original.length / 3 + 64);
        try (OutputStream out = new BestGzip(bytes)) {
            out.write(original);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] brotli(byte[] original) {
        try {
            return Encoder.compress(original, new Encoder.Parameters().setQuality(BROTLI_QUALITY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** gzip at the best level: assets are compressed once per build and served many times. */
    private static final class BestGzip extends GZIPOutputStream {
        BestGzip(OutputStream out) throws IOException {
            super(out, 8192);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}
