package io.cachebreaker.runtime.tokenfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "0123456789abcdef".repeat(4);

    private static TokenFile sample() {
        Asset css = new Asset("css/app.css", new Variant(5120, SHA_A),
                Map.of(Encoding.GZIP, new Variant(1234, SHA_B), Encoding.BROTLI, new Variant(1100, SHA_B)));
        Asset odd = new Asset("img/caf\u00e9 menu=#1:!.png", new Variant(7, SHA_B));
        Asset emoji = new Asset("fonts/\uD83D\uDE00.woff2", new Variant(0, SHA_A));
        return new TokenFile("20261124213206-a1b2c3d", TokenStrategy.GIT, AssetPrefix.parse("static/{token}"),
                Instant.parse("2026-11-24T21:32:06.789Z"), AssetManifest.of(List.of(css, odd, emoji)));
    }

    private static TokenFile read(String text) {
        return TokenFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
    }

    @Test
    void roundTripsEveryField() {
        TokenFile file = sample();
        TokenFile back = TokenFile.read(new ByteArrayInputStream(file.toBytes()), "test");
        assertEquals(file, back);
        assertEquals("static/20261124213206-a1b2c3d", back.assetDirectory());
        assertEquals(Instant.parse("2026-11-24T21:32:06Z"), back.lastModified());
        assertEquals(1234, back.manifest().get("css/app.css").variant(Encoding.GZIP).size());
        assertTrue(back.manifest().contains("img/caf\u00e9 menu=#1:!.png"));
        assertTrue(back.manifest().contains("fonts/\uD83D\uDE00.woff2"));
    }

    /** Equality is over every field: a file that differs in any one of them is another file. */
    @Test
    void filesDifferingInAnyFieldAreNotEqual() {
        TokenFile file = sample();
        TokenFile same = sample();
        assertEquals(file, same);
        assertEquals(file.hashCode(), same.hashCode());
        assertEquals(file, new TokenFile(file.token(), file.strategy(), file.prefix(),
                file.lastModified().plusMillis(999), file.manifest()), "whole seconds are kept");
        AssetManifest fewer = AssetManifest.of(List.of(file.manifest().get("css/app.css")));
        RetainedRelease older = new RetainedRelease("20261120100000-0f1e2d3", Instant.EPOCH, fewer);
        List<TokenFile> others = List.of(
                new TokenFile("20261124213207-a1b2c3d", file.strategy(), file.prefix(), file.lastModified(),
                        file.manifest()),
                new TokenFile(file.token(), TokenStrategy.EXPLICIT, file.prefix(), file.lastModified(),
                        file.manifest()),
                new TokenFile(file.token(), file.strategy(), AssetPrefix.parse("assets/{token}"),
                        file.lastModified(), file.manifest()),
                new TokenFile(file.token(), file.strategy(), file.prefix(), file.lastModified().plusSeconds(1),
                        file.manifest()),
                new TokenFile(file.token(), file.strategy(), file.prefix(), file.lastModified(), fewer),
                new TokenFile(file.token(), file.strategy(), file.prefix(), file.lastModified(), file.manifest(),
                        List.of(older)));
        for (TokenFile other : others) {
            assertNotEquals(file, other, other.toString());
            assertNotEquals(other, file, other.toString());
        }
        assertNotEquals(file, null);
        assertNotEquals(file, (Object) file.token());
        assertEquals("TokenFile[token=20261124213206-a1b2c3d, strategy=git, prefix=" + file.prefix()
                + ", assets=3, retained=0]", file.toString());
    }

    @Test
    void writesSortedAsciiWithoutDate() {
        String text = new String(sample().toBytes(), StandardCharsets.US_ASCII);
        for (char c : text.toCharArray()) {
            assertTrue(c == '\n' || (c >= 0x20 && c < 0x7f), "non-ASCII character in " + text);
        }
        String[] lines = text.split("\n");
        assertTrue(lines[0].startsWith("# cachebreaker token file"));
        assertEquals("# cachebreaker token file, format 2. Written by cachebreaker-maven-plugin;"
                + " read by cachebreaker-runtime.", lines[0], "a fixed comment, with no date");
        assertEquals(1, text.lines().filter(line -> line.startsWith("#")).count());
        for (int i = 2; i < lines.length; i++) {
            assertTrue(lines[i - 1].compareTo(lines[i]) < 0, "sorted: " + lines[i - 1] + " / " + lines[i]);
        }
        assertTrue(text.contains("\nformat=2\n"));
        assertTrue(text.contains("\ntoken=20261124213206-a1b2c3d\n"));
        assertTrue(text.contains("asset.css/app.css=identity:5120:" + SHA_A + " gzip:1234:" + SHA_B + " br:1100:"));
        assertArrayEquals(sample().toBytes(), sample().toBytes());
    }

    private static TokenFile fingerprinted(List<RetainedRelease> retained) {
        AssetManifest manifest = sample().manifest();
        String token = TokenStrategy.GIT.withFingerprint("20261124213206-a1b2c3d", Fingerprint.of(manifest));
        return new TokenFile(token, TokenStrategy.GIT, AssetPrefix.parse("static/{token}"),
                Instant.parse("2026-11-24T21:32:06Z"), manifest, retained);
    }

    @Test
    void theFingerprintFollowsEveryStoredByte() {
        AssetManifest manifest = sample().manifest();
        String fingerprint = Fingerprint.of(manifest);
        assertEquals(8, fingerprint.length());
        assertEquals(fingerprint, Fingerprint.of(AssetManifest.of(List.copyOf(manifest.assets()))), "stable");
        Asset css = manifest.get("css/app.css");
        Asset otherBrotli = new Asset(css.path(), css.identity(),
                Map.of(Encoding.GZIP, css.variant(Encoding.GZIP), Encoding.BROTLI, new Variant(1100, SHA_A)));
        List<Asset> changed = new java.util.ArrayList<>(manifest.assets());
        changed.set(0, otherBrotli);
        assertTrue(!fingerprint.equals(Fingerprint.of(AssetManifest.of(changed))), "a sibling's bytes count too");
    }

    @Test
    void aFingerprintedFileRoundTripsWithItsRetainedReleases() {
        RetainedRelease previous = new RetainedRelease("20261120100000-0f1e2d3-1a2b3c4d",
                Instant.parse("2026-11-20T10:00:00.5Z"),
                AssetManifest.of(List.of(new Asset("js/only-in-r1.mjs", new Variant(3, SHA_B)))));
        TokenFile file = fingerprinted(List.of(previous));
        assertTrue(file.fingerprinted());
        String text = new String(file.toBytes(), StandardCharsets.US_ASCII);
        assertTrue(text.contains("\nfingerprint=" + Fingerprint.of(file.manifest()) + "\n"), text);
        assertTrue(text.contains("\nretained.1.token=20261120100000-0f1e2d3-1a2b3c4d\n"), text);
        assertTrue(text.contains("\nretained.1.asset.js/only-in-r1.mjs=identity:3:" + SHA_B + "\n"), text);
        TokenFile back = read(text);
        assertEquals(file, back);
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), back.retained().get(0).lastModified());
        assertTrue(!sample().fingerprinted(), "a token without the fingerprint says so");
        assertTrue(!new String(sample().toBytes(), StandardCharsets.US_ASCII).contains("fingerprint="));
    }

    @Test
    void anEditedManifestNoLongerMatchesItsFingerprint() {
        String text = new String(fingerprinted(List.of()).toBytes(), StandardCharsets.US_ASCII);
        String edited = text.replace("identity:5120:", "identity:5121:");
        String message = assertThrows(TokenFileException.class, () -> read(edited)).getMessage();
        assertTrue(message.contains("does not match the assets"), message);
        String renamed = text.replace("\ntoken=20261124213206-a1b2c3d-", "\ntoken=20261124213207-a1b2c3d-");
        assertEquals("20261124213207", read(renamed).token().substring(0, 14), "the fingerprint is about bytes");
        String otherFingerprint = text.replaceAll("\nfingerprint=[0-9a-f]{8}", "\nfingerprint=00000000");
        message = assertThrows(TokenFileException.class, () -> read(otherFingerprint)).getMessage();
        assertTrue(message.contains("does not end with its fingerprint"), message);
    }

    @Test
    void everyRetainedReleaseIsReadBackInOrder() {
        RetainedRelease r2 = new RetainedRelease("20261120100000-0f1e2d3-1a2b3c4d",
                Instant.parse("2026-11-20T10:00:00Z"),
                AssetManifest.of(List.of(new Asset("js/r2.mjs", new Variant(3, SHA_B)))));
        RetainedRelease r1 = new RetainedRelease("20261110100000-0f1e2d2-1a2b3c4e",
                Instant.parse("2026-11-10T10:00:00Z"),
                AssetManifest.of(List.of(new Asset("js/r1.mjs", new Variant(4, SHA_A)))));
        TokenFile file = fingerprinted(List.of(r2, r1));
        TokenFile back = read(new String(file.toBytes(), StandardCharsets.US_ASCII));
        assertEquals(List.of(r2, r1), back.retained());
        assertEquals(file, back);
        assertNotEquals(fingerprinted(List.of(r2)).hashCode(), file.hashCode());
    }

    @Test
    void aBadAssetLineNamesTheReleaseItBelongsTo() {
        String text = new String(fingerprinted(List.of(new RetainedRelease("20261120100000-0f1e2d3-1a2b3c4d",
                Instant.EPOCH, AssetManifest.of(List.of(new Asset("js/r.mjs", new Variant(3, SHA_B)))))))
                .toBytes(), StandardCharsets.US_ASCII);
        String badRetained = text.replace("retained.1.asset.js/r.mjs=identity:3:",
                "retained.1.asset.js/r.mjs=identity:x:");
        String message = assertThrows(TokenFileException.class, () -> read(badRetained)).getMessage();
        assertTrue(message.contains("asset 'js/r.mjs' of retained.1."), message);
        String badCurrent = text.replace("identity:5120:", "identity:x:");
        message = assertThrows(TokenFileException.class, () -> read(badCurrent)).getMessage();
        assertTrue(message.contains("asset 'css/app.css': "), message);
    }

    @Test
    void printableAsciiIsWrittenAsItIs() {
        TokenFile file = new TokenFile("1", TokenStrategy.TIMESTAMP, AssetPrefix.parse("static/{token}"),
                Instant.EPOCH, AssetManifest.of(List.of(new Asset("a~b !.css", new Variant(1, SHA_A)),
                        new Asset("\u00e9\u0080.css", new Variant(1, SHA_A)))));
        String text = new String(file.toBytes(), StandardCharsets.US_ASCII);
        assertTrue(text.contains("\nasset.a~b\\ \\!.css=identity:1:"), text);
        assertTrue(text.contains("\nasset.\\u00E9\\u0080.css=identity:1:"), text);
        assertEquals(file, read(text));
    }

    @Test
    void retainedReleasesMustBeDistinctFromEachOtherAndTheCurrentOne() {
        TokenFile current = fingerprinted(List.of());
        RetainedRelease same = new RetainedRelease(current.token(), Instant.EPOCH, AssetManifest.empty());
        assertThrows(TokenFileException.class, () -> fingerprinted(List.of(same)));
        RetainedRelease r1 = new RetainedRelease("rel-1", Instant.EPOCH, AssetManifest.empty());
        assertThrows(TokenFileException.class, () -> fingerprinted(List.of(r1, r1)));
    }

    @Test
    void formatOneIsStillRead() {
        TokenFile old = read("format=1\nstrategy=git\ntoken=20261124213206-a1b2c3d\nprefix=static/{token}\n"
                + "lastModified=2026-01-01T00:00:00Z\nasset.a.css=identity:1:" + SHA_A + "\n");
        assertEquals("20261124213206-a1b2c3d", old.token());
        assertTrue(old.retained().isEmpty());
    }

    @Test
    void readsAFileFromDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cachebreaker.properties");
        Files.write(file, sample().toBytes());
        assertEquals(sample(), TokenFile.read(file));
        String message = assertThrows(TokenFileException.class, () -> TokenFile.read(dir.resolve("none")))
                .getMessage();
        assertTrue(message.contains("none"), message);
    }

    /** The size a stream reports only sizes the table: too large, negative or none, the file reads the same. */
    @Test
    void readsAStreamWhateverSizeItReports() {
        byte[] bytes = fingerprinted(List.of()).toBytes();
        for (int reported : new int[] {Integer.MAX_VALUE, -1, 0, 1}) {
            InputStream in = new ByteArrayInputStream(bytes) {
                @Override
                public synchronized int available() {
                    return reported;
                }
            };
            assertEquals(fingerprinted(List.of()), TokenFile.read(in, "test"), "available() = " + reported);
        }
    }

    @Test
    void missingKeysAreNamed() {
        String message = assertThrows(TokenFileException.class,
                () -> read("format=1\nstrategy=timestamp\nprefix=static/{token}\nlastModified=2026-01-01T00:00:00Z\n"))
                .getMessage();
        assertTrue(message.contains("'token' is missing"), message);
        assertTrue(message.contains("cachebreaker-maven-plugin"), message);
    }

    @Test
    void aMissingPrefixIsReportedOnce() {
        String message = assertThrows(TokenFileException.class,
                () -> read("format=1\nstrategy=git\ntoken=20261124213206-a1b2c3d\n")).getMessage();
        assertTrue(message.contains("'prefix' is missing"), message);
        assertEquals(message.indexOf("malformed"), message.lastIndexOf("malformed"), message);
    }

    @Test
    void newerFormatAsksForNewerRuntime() {
        String message = assertThrows(TokenFileException.class, () -> read("format=3\n")).getMessage();
        assertTrue(message.contains("format 3"), message);
    }

    @Test
    void tokenMustSuitStrategy() {
        String message = assertThrows(TokenFileException.class, () -> read("format=1\nstrategy=timestamp\n"
                + "token=abc\nprefix=static/{token}\nlastModified=2026-01-01T00:00:00Z\n")).getMessage();
        assertTrue(message.contains("digits only"), message);
    }

    @Test
    void badAssetLinesAreRejected() {
        String head = "format=1\nstrategy=timestamp\ntoken=1\nprefix=static/{token}\n"
                + "lastModified=2026-01-01T00:00:00Z\n";
        assertThrows(TokenFileException.class, () -> read(head + "asset.a.css=identity:x:" + SHA_A + "\n"));
        assertThrows(TokenFileException.class, () -> read(head + "asset.a.css=gzip:1:" + SHA_A + "\n"));
        assertThrows(TokenFileException.class, () -> read(head + "asset.a.css=identity:1:abc\n"));
        assertThrows(TokenFileException.class, () -> read(head + "asset.../x.css=identity:1:" + SHA_A + "\n"));
        assertThrows(TokenFileException.class, () -> read(head + "asset.WEB-INF/web.xml=identity:1:" + SHA_A + "\n"));
        TokenFile ok = read(head + "asset.a.css=identity:1:" + SHA_A + " zstd:1:" + SHA_A + "\nfuture=1\n");
        assertEquals(1, ok.manifest().size());
    }

    @Test
    void loadFromClassLoaderExplainsMissingFile() {
        ClassLoader empty = new ClassLoader(null) { };
        String message = assertThrows(TokenFileException.class, () -> TokenFile.load(empty)).getMessage();
        assertTrue(message.contains("META-INF/cachebreaker.properties"), message);
        assertTrue(message.contains("process-resources"), message);
    }
}
