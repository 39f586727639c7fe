package io.cachebreaker.bench;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import io.cachebreaker.runtime.tokenfile.Variant;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Deterministic benchmark data: the same seed always gives the same bytes. */
public final class Fixtures {
    /** The token of the served deploy (strategy timestamp: numeric order). */
    public static final String TOKEN = "001764000000000";
    /** An older token of the same strategy: requests for it are answered 301. */
    public static final String OLD_TOKEN = "001763000000000";
    public static final Instant BUILD_TIME = Instant.parse("2026-11-24T00:00:00Z");

    public static final String SMALL = "css/small.css";
    public static final String MEDIUM = "js/medium.js";
    public static final String LARGE = "media/large.bin";

    private Fixtures() {
    }

    /** About 2 KB of CSS-like text. */
    public static byte[] smallCss() {
        return text(2 * 1024, 1, true);
    }

    /** About 100 KB of JS-like text; compresses roughly like minified JS. */
    public static byte[] mediumJs() {
        return text(100 * 1024, 2, false);
    }

    /** 5 MiB of incompressible bytes, like a video or an image. */
    public static byte[] largeBinary() {
        byte[] out = new byte[5 * 1024 * 1024];
        new SplittableRandom(3).nextBytes(out);
        return out;
    }

    /** Text of exactly {@code size} bytes built from a small random vocabulary, so gzip finds real structure. */
    public static byte[] text(int size, long seed, boolean css) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] words = new String[256];
        for (int i = 0; i < words.length; i++) {
            StringBuilder w = new StringBuilder();
            int len = 3 + random.nextInt(9);
            for (int j = 0; j < len; j++) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = w.toString();
        }
        StringBuilder out = new StringBuilder(size + 128);
        while (out.length() < size) {
            if (css) {
                out.append('.').append(words[random.nextInt(256)]).append('-').append(words[random.nextInt(256)])
                        .append(" { ").append(words[random.nextInt(256)]).append(": ").append(random.nextInt(1000))
                        .append("px; color: #").append(Integer.toHexString(0x100000 + random.nextInt(0xefffff)))
                        .append("; }\n");
            } else {
                out.append("function ").append(words[random.nextInt(256)]).append('(')
                        .append(words[random.nextInt(256)]).append("){return ").append(words[random.nextInt(256)])
                        .append('.').append(words[random.nextInt(256)]).append('(').append(random.nextInt(100000))
                        .append(")+\"").append(words[random.nextInt(256)]).append("\";}");
            }
        }
        out.setLength(size);
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 2 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes) {
                {
                    def.setLevel(Deflater.BEST_COMPRESSION);
                }
            }) {
                gz.write(data);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A made-up but valid SHA-256 hex string for asset {@code i}, for manifests that need no real files. */
    public static String fakeSha256(long i) {
        SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L + 7);
        byte[] digest = new byte[32];
        random.nextBytes(digest);
        return HexFormat.of().formatHex(digest);
    }

    /** The path of asset {@code i} of a synthetic tree: 100 directories of 100 files for 10,000. */
    public static String syntheticPath(int i) {
        String[] kinds = {"css", "js", "img", "fonts"};
        String ext = switch (i % 4) {
            case 0 -> ".css";
            case 1 -> ".js";
            case 2 -> ".svg";
            default -> ".woff2";
        };
        return kinds[i % 4] + "/module-" + (i / 100) + "/asset-" + i + ext;
    }

    /** A token file listing {@code count} synthetic assets, each with a gzip sibling, built without touching disk. */
    public static TokenFile syntheticTokenFile(int count) {
        List<Asset> assets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long size = 1000 + (i * 7919L) % 40000;
            Map<Encoding, Variant> encoded = new EnumMap<>(Encoding.class);
            if (i % 4 != 3) {
                encoded.put(Encoding.GZIP, new Variant(size / 3, fakeSha256(-i - 1)));
            }
            assets.add(new Asset(syntheticPath(i), new Variant(size, fakeSha256(i)), encoded));
        }
        return new TokenFile(TOKEN, TokenStrategy.TIMESTAMP, AssetPrefix.parse(AssetPrefix.DEFAULT), BUILD_TIME,
                AssetManifest.of(assets));
    }

    /**
     * Writes the three serving assets (and the gzip sibling of the medium one) under
     * {@code classes/static/<token>/} and the token file for them under {@code classes/META-INF/}, as the plugin
     * would lay them out.
     *
     * @param classes the class path root to fill
     * @return the token file written
     */
    public static TokenFile writeServingTree(Path classes) throws IOException {
        AssetPrefix prefix = AssetPrefix.parse(AssetPrefix.DEFAULT);
        Path dir = classes.resolve(prefix.directory(TOKEN));
        List<Asset> assets = new ArrayList<>();
        assets.add(write(dir, SMALL, smallCss(), false));
        assets.add(write(dir, MEDIUM, mediumJs(), true));
        assets.add(write(dir, LARGE, largeBinary(), false));
        TokenFile tokenFile = new TokenFile(TOKEN, TokenStrategy.TIMESTAMP, prefix, BUILD_TIME,
                AssetManifest.of(assets));
        Path tokenFilePath = classes.resolve(TokenFile.RESOURCE);
        Files.createDirectories(tokenFilePath.getParent());
        Files.write(tokenFilePath, tokenFile.toBytes());
        return tokenFile;
    }

    private static Asset write(Path dir, String path, byte[] data, boolean gzip) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        Map<Encoding, Variant> encoded = new EnumMap<>(Encoding.class);
        if (gzip) {
            byte[] gz = gzip(data);
            Files.write(dir.resolve(path + Encoding.GZIP.suffix()), gz);
            encoded.put(Encoding.GZIP, new Variant(gz.length, sha256(gz)));
        }
        return new Asset(path, new Variant(data.length, sha256(data)), encoded);
    }
}
