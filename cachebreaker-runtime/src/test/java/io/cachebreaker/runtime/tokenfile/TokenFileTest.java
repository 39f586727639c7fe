package io.cachebreaker.runtime.tokenfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
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

    @Test
    void writesSortedAsciiWithoutDate() {
        String text = new String(sample().toBytes(), StandardCharsets.US_ASCII);
        for (char c : text.toCharArray()) {
            assertTrue(c == '\n' || (c >= 0x20 && c < 0x7f), "non-ASCII character in " + text);
        }
        String[] lines = text.split("\n");
        assertTrue(lines[0].startsWith("# cachebreaker token file"));
        assertEquals("# cachebreaker token file, format 1. Written by cachebreaker-maven-plugin;"
                + " read by cachebreaker-runtime.", lines[0], "a fixed comment, with no date");
        assertEquals(1, text.lines().filter(line -> line.startsWith("#")).count());
        for (int i = 2; i < lines.length; i++) {
            assertTrue(lines[i - 1].compareTo(lines[i]) < 0, "sorted: " + lines[i - 1] + " / " + lines[i]);
        }
        assertTrue(text.contains("\nformat=1\n"));
        assertTrue(text.contains("\ntoken=20261124213206-a1b2c3d\n"));
        assertTrue(text.contains("asset.css/app.css=identity:5120:" + SHA_A + " gzip:1234:" + SHA_B + " br:1100:"));
        assertArrayEquals(sample().toBytes(), sample().toBytes());
    }

    @Test
    void writeToIsAtomicAndSkipsUnchanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("META-INF/cachebreaker.properties");
        assertTrue(sample().writeTo(file));
        assertFalse(sample().writeTo(file));
        assertArrayEquals(sample().toBytes(), Files.readAllBytes(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
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
        String message = assertThrows(TokenFileException.class, () -> read("format=2\n")).getMessage();
        assertTrue(message.contains("format 2"), message);
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
