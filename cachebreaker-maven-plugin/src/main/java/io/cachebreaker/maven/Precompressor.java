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
import org.apache.maven.plugin.MojoFailureException;
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

    /** The default Brotli quality, the highest: assets are compressed once per build and downloaded many times. */
    static final String DEFAULT_BROTLI_QUALITY = "11";
    static final int MIN_BROTLI_QUALITY = 0;
    static final int MAX_BROTLI_QUALITY = 11;

    private final boolean brotli;
    private final int brotliQuality;

    /**
     * Writes gzip always, Brotli at the default quality when asked and available.
     *
     * @param brotli whether to try Brotli; when its native library does not load, a warning says so once
     * @param log    for that warning
     */
    Precompressor(boolean brotli, Log log) {
        this(brotli, Integer.parseInt(DEFAULT_BROTLI_QUALITY), log);
    }

    /**
     * Writes gzip always, Brotli when asked and available.
     *
     * @param brotli        whether to try Brotli; when its native library does not load, a warning says so once
     * @param brotliQuality its quality, as {@link #requireQuality} checks it
     * @param log           for that warning
     */
    Precompressor(boolean brotli, int brotliQuality, Log log) {
        this.brotli = brotli && brotliAvailable(log);
        this.brotliQuality = brotliQuality;
    }

    /**
     * @param brotliQuality the configured Brotli quality
     * @return it, when it is {@value #MIN_BROTLI_QUALITY} to {@value #MAX_BROTLI_QUALITY}
     * @throws MojoFailureException naming the parameter and the fix otherwise
     */
    static int requireQuality(int brotliQuality) throws MojoFailureException {
        if (brotliQuality < MIN_BROTLI_QUALITY || brotliQuality > MAX_BROTLI_QUALITY) {
            throw new MojoFailureException("Invalid brotliQuality " + brotliQuality + " "
                    + Parameters.named("brotliQuality") + ": use " + MIN_BROTLI_QUALITY + " to " + MAX_BROTLI_QUALITY
                    + "; 11 (the default) makes the smallest files, 10 about 2 % larger ones in about 2.5x less"
                    + " build time.");
        }
        return brotliQuality;
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

    /** @return the codings and their levels, which decide the siblings' bytes, such as {@code gzip-9 br-11} */
    String describe() {
        return "gzip-" + Deflater.BEST_COMPRESSION + (brotli ? " br-" + brotliQuality : "");
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

    private byte[] brotli(byte[] original) {
        try {
            return Encoder.compress(original, new Encoder.Parameters().setQuality(brotliQuality));
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
