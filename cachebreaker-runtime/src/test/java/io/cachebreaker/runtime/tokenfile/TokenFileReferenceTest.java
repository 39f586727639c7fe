package io.cachebreaker.runtime.tokenfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The token file's writer, reader and fingerprint against the straightforward implementations they replaced, kept
 * here as references: every line in a {@code TreeMap}, a {@code String} per digested line, a regex split per asset
 * line. A seeded corpus ({@code -Dcachebreaker.property.seed=N} explores other samples) mixes paths with escaped and
 * non-ASCII characters, deep directories, precompressed siblings and up to 12 retained releases, so that
 * {@code retained.10.} sorts before {@code retained.2.}.
 */
class TokenFileReferenceTest {
    private static final String SHA = "0123456789abcdef".repeat(4);
    /**
     * Path pieces: characters that need escaping in a key, ones that sort before and after the others (space first,
     * then '!', '#', '.', '/', digits, ':', '='; non-ASCII after ASCII, a surrogate pair before U+E000 and up), and
     * longer names.
     */
    private static final List<String> PIECES = List.of("a", "b", "A", "Z", "0", "9", " ", "!", "#", "=", ":", ".",
            "-", "_", "~", "\u00e9", "\u0080", "\u00a0", "\u4e2d", "\u2028", "\ue000", "\ufffd", "\uffff",
            "\uD83D\uDE00", "app", "css", "index.html");
    private static final List<String> PREFIXES = List.of("static/{token}", "a/b/{token}", "assets/{token}/x");

    private static Random random() {
        return new Random(TokenOrderPropertyTest.SEED);
    }

    private static String path(Random random) {
        StringBuilder path = new StringBuilder();
        int depth = 1 + random.nextInt(random.nextInt(4) == 0 ? 12 : 3);
        for (int d = 0; d < depth; d++) {
            if (d > 0) {
                path.append('/');
            }
            StringBuilder segment = new StringBuilder();
            int pieces = 1 + random.nextInt(4);
            for (int p = 0; p < pieces; p++) {
                segment.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            if (segment.toString().replace(".", "").isEmpty()) {
                segment.append('x');
            }
            path.append(segment);
        }
        return path.toString();
    }

    private static Variant variant(Random random) {
        byte[] sha = new byte[32];
        random.nextBytes(sha);
        long size = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE - random.nextInt(1000);
            default -> random.nextInt(1_000_000);
        };
        return new Variant(size, HexFormat.of().formatHex(sha));
    }

    private static AssetManifest manifest(Random random, int maxAssets) {
        Map<String, Asset> assets = new TreeMap<>();
        int count = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(maxAssets);
        for (int i = 0; i < count; i++) {
            String path = path(random);
            assertTrue(AssetPath.isValid(path), path);
            Map<Encoding, Variant> encoded = new EnumMap<>(Encoding.class);
            for (Encoding encoding : Encoding.values()) {
                if (random.nextBoolean()) {
                    encoded.put(encoding, variant(random));
                }
            }
            assets.put(path, new Asset(path, variant(random), encoded));
        }
        List<Asset> shuffled = new ArrayList<>(assets.values());
        Collections.shuffle(shuffled, random);
        return AssetManifest.of(shuffled);
    }

    private static Instant instant(Random random) {
        return Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
    }

    /** Token files with 0 to 12 retained releases; about half have a token that ends with their fingerprint. */
    static List<TokenFile> corpus() {
        Random random = random();
        List<TokenFile> files = new ArrayList<>();
        for (int f = 0; f < 60; f++) {
            AssetManifest manifest = manifest(random, 120);
            String ordered = "rel-" + f;
            String token = switch (random.nextInt(3)) {
                case 0 -> ordered;
                case 1 -> TokenStrategy.EXPLICIT.withFingerprint(ordered, "0badf00d");
                default -> TokenStrategy.EXPLICIT.withFingerprint(ordered, Fingerprint.of(manifest));
            };
            List<RetainedRelease> retained = new ArrayList<>();
            int releases = random.nextInt(13);
            for (int n = 1; n <= releases; n++) {
                retained.add(new RetainedRelease("old-" + f + "-" + n, instant(random), manifest(random, 15)));
            }
            files.add(new TokenFile(token, TokenStrategy.EXPLICIT,
                    AssetPrefix.parse(PREFIXES.get(random.nextInt(PREFIXES.size()))), instant(random), manifest,
                    retained));
        }
        return files;
    }

    @Test
    void theCorpusHasWhatItIsFor() {
        List<TokenFile> files = corpus();
        assertTrue(files.stream().anyMatch(file -> file.retained().size() >= 10), "retained.10 and up");
        assertTrue(files.stream().anyMatch(TokenFile::fingerprinted));
        assertTrue(files.stream().anyMatch(file -> !file.fingerprinted()));
        assertTrue(files.stream().anyMatch(file -> file.manifest().size() == 0));
        String text = files.stream().map(file -> new String(file.toBytes(), StandardCharsets.US_ASCII))
                .reduce("", String::concat);
        for (String escaped : List.of("\\ ", "\\!", "\\#", "\\=", "\\:", "\\u00E9", "\\uD83D\\uDE00", "\\uFFFF",
                " gzip:", " br:", "retained.10.token=")) {
            assertTrue(text.contains(escaped), escaped);
        }
    }

    @Test
    void writesTheBytesOfTheSortedMapOfEveryLine() {
        for (TokenFile file : corpus()) {
            assertArrayEquals(referenceBytes(file), file.toBytes(), file.toString());
        }
    }

    @Test
    void fingerprintsTheBytesOfOneStringPerLine() {
        for (TokenFile file : corpus()) {
            String fingerprint = referenceFingerprint(file.manifest());
            assertEquals(fingerprint, Fingerprint.of(file.manifest()), file.toString());
            assertEquals(file.token().endsWith("-" + fingerprint), file.fingerprinted(), file.toString());
            for (RetainedRelease release : file.retained()) {
                assertEquals(referenceFingerprint(release.manifest()), Fingerprint.of(release.manifest()));
            }
        }
    }

    /** In the order written, in any other order (as a hand-edited file may be), and with a key given twice. */
    @Test
    void readsBackWhatItWroteInAnyLineOrder() {
        Random random = random();
        for (TokenFile file : corpus()) {
            String text = new String(file.toBytes(), StandardCharsets.US_ASCII);
            assertEquals(file, read(text));
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
            Collections.shuffle(lines, random);
            assertEquals(file, read(String.join("\n", lines)));
            String firstAsset = lines.stream().filter(line -> line.contains("=identity:")).findFirst().orElse(null);
            if (firstAsset != null) {
                String overwritten = firstAsset.substring(0, firstAsset.indexOf("=identity:")) + "=not an asset\n";
                assertEquals(file, read(overwritten + text), "the last value of a key counts");
            }
        }
    }

    /** Asset values the plugin never writes, but a hand-edited file may hold, give the same asset or message. */
    @Test
    void parsesAssetValuesAsTheRegexSplitDid() {
        List<String> values = new ArrayList<>(List.of("identity:1:" + SHA, "  identity:1:" + SHA + "  ",
                "identity:1:" + SHA + "   gzip:2:" + SHA, "gzip:2:" + SHA + " identity:1:" + SHA,
                "identity:1:" + SHA + "\tgzip:2:" + SHA, "identity:1:" + SHA + " \t gzip:2:" + SHA,
                "identity:1:" + SHA + "\u2003", "\u2003identity:1:" + SHA, "identity:1:" + SHA + "\u00a0",
                "identity:1:" + SHA + " \u00a0 gzip:2:" + SHA, "identity:1:" + SHA + " identity:2:" + SHA,
                "identity:1:" + SHA + " gzip:2:" + SHA + " gzip:3:" + SHA, "identity:1:" + SHA + " zstd:1:" + SHA,
                "identity:1:" + SHA + " zstd:1:bad", "identity:1:" + SHA + " zstd:x:" + SHA, "", " ", "\t",
                "identity", "identity:1", "identity:1:" + SHA + ":", ":1:" + SHA + " identity:1:" + SHA,
                "identity::" + SHA, "identity:+1:" + SHA, "identity:-1:" + SHA, "identity:\u0661\u0662:" + SHA,
                "identity:99999999999999999999:" + SHA, "identity:1:" + SHA.toUpperCase(), "identity:1:abc",
                "IDENTITY:1:" + SHA, "identityx:1:" + SHA, "gzip:1:" + SHA, "br:1:" + SHA + " identity:5:" + SHA));
        Random random = random();
        List<String> parts = List.of("identity", "gzip", "br", "zstd", ":", ":", ":", " ", "  ", "\t", "1", "42",
                "-", "+", "x", SHA, SHA, "abc", "\u2003");
        for (int i = 0; i < 3000; i++) {
            StringBuilder value = new StringBuilder();
            int count = random.nextInt(12);
            for (int p = 0; p < count; p++) {
                value.append(parts.get(random.nextInt(parts.size())));
            }
            values.add(value.toString());
        }
        int parsed = 0;
        for (String value : values) {
            Asset expected;
            String why;
            try {
                expected = referenceParseAsset("a.css", value);
                why = null;
            } catch (TokenFileException e) {
                expected = null;
                why = e.getMessage();
            }
            String text = withAssetValue(value);
            if (expected != null) {
                assertEquals(expected, read(text).manifest().get("a.css"), value);
                parsed++;
            } else {
                String message = assertThrows(TokenFileException.class, () -> read(text), value).getMessage();
                assertTrue(message.contains(": asset 'a.css': " + why + "."), value + " -> " + message);
            }
        }
        assertTrue(parsed > 10, "some values parse: " + parsed);
    }

    private static String withAssetValue(String value) {
        Properties properties = new Properties();
        properties.setProperty("format", "2");
        properties.setProperty("strategy", "explicit");
        properties.setProperty("token", "t");
        properties.setProperty("prefix", "static/{token}");
        properties.setProperty("lastModified", "2026-01-01T00:00:00Z");
        properties.setProperty("asset.a.css", value);
        StringWriter out = new StringWriter();
        try {
            properties.store(out, null);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString();
    }

    private static TokenFile read(String text) {
        return TokenFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "corpus");
    }

    // ------------------------------------------------------------------ the replaced implementations, as they were

    private static byte[] referenceBytes(TokenFile file) {
        TreeMap<String, String> entries = new TreeMap<>();
        entries.put("format", "2");
        entries.put("token", file.token());
        entries.put("strategy", file.strategy().id());
        entries.put("prefix", file.prefix().pattern());
        entries.put("lastModified", file.lastModified().toString());
        String fingerprint = referenceFingerprint(file.manifest());
        if (file.token().endsWith("-" + fingerprint)) {
            entries.put("fingerprint", fingerprint);
        }
        putAssets(entries, "", file.manifest());
        for (int n = 1; n <= file.retained().size(); n++) {
            RetainedRelease release = file.retained().get(n - 1);
            entries.put("retained." + n + ".token", release.token());
            entries.put("retained." + n + ".lastModified", release.lastModified().toString());
            putAssets(entries, "retained." + n + ".", release.manifest());
        }
        StringBuilder out = new StringBuilder();
        out.append("# cachebreaker token file, format 2. Written by cachebreaker-maven-plugin; read by"
                + " cachebreaker-runtime.\n");
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            escape(entry.getKey(), true, out);
            out.append('=');
            escape(entry.getValue(), false, out);
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void putAssets(Map<String, String> entries, String keyPrefix, AssetManifest assets) {
        for (Asset asset : assets.assets()) {
            entries.put(keyPrefix + "asset." + asset.path(), assetValue(asset));
        }
    }

    private static String assetValue(Asset asset) {
        StringBuilder value = new StringBuilder();
        value.append("identity:").append(asset.identity().size()).append(':').append(asset.identity().sha256());
        for (Map.Entry<Encoding, Variant> entry : asset.encoded().entrySet()) {
            value.append(' ').append(entry.getKey().token()).append(':').append(entry.getValue().size()).append(':')
                    .append(entry.getValue().sha256());
        }
        return value.toString();
    }

    private static void escape(String text, boolean key, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                case '=', ':', '#', '!' -> out.append(key || i == 0 ? "\\" + c : String.valueOf(c));
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static String referenceFingerprint(AssetManifest manifest) {
        MessageDigest digest = Variant.newDigest();
        for (Asset asset : manifest.assets()) {
            digest.update((asset.path() + "=" + assetValue(asset) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 8);
    }

    private static Asset referenceParseAsset(String path, String value) {
        Variant identity = null;
        Map<Encoding, Variant> encoded = new EnumMap<>(Encoding.class);
        for (String field : value.strip().split(" +")) {
            String[] parts = field.split(":", -1);
            if (parts.length != 3) {
                throw new TokenFileException("'" + field + "' is not <coding>:<size>:<sha256>");
            }
            long size;
            try {
                size = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                throw new TokenFileException("size '" + parts[1] + "' is not a number");
            }
            Variant variant = new Variant(size, parts[2]);
            if (parts[0].equals("identity")) {
                identity = variant;
            } else {
                Encoding encoding = Encoding.forToken(parts[0]);
                if (encoding != null) {
                    encoded.put(encoding, variant);
                }
            }
        }
        if (identity == null) {
            throw new TokenFileException("no 'identity:<size>:<sha256>' field");
        }
        return new Asset(path, identity, encoded);
    }
}
