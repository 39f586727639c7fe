package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks of a static zip's central directory and names, on zips made here byte by byte where needed. */
class RetainedZipTest {
    private static final TokenFile TOKEN_FILE = new TokenFile("rel-1", TokenStrategy.EXPLICIT,
            AssetPrefix.parse("static/{token}"), Instant.EPOCH, AssetManifest.of(List.of()));

    @TempDir
    Path tmp;

    /** A zip of the token file and the given entries; each entry gets an extra field and a comment. */
    private Path zip(String file, List<String> names) throws IOException {
        Path zip = tmp.resolve(file);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setComment("a zip comment, so the end record is not at the very end");
            out.putNextEntry(new ZipEntry(TokenFile.RESOURCE));
            out.write(TOKEN_FILE.toBytes());
            out.closeEntry();
            for (String name : names) {
                ZipEntry entry = new ZipEntry(name);
                entry.setExtra(new byte[] {(byte) 0xfe, (byte) 0xca, 4, 0, 1, 2, 3, 4});
                entry.setComment("comment of " + name);
                out.putNextEntry(entry);
                if (!name.endsWith("/")) {
                    out.write(name.getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        return zip;
    }

    private static String refusal(Path zip) {
        return assertThrows(RetentionException.class, () -> RetainedZip.check(zip, "the-source", "THE FIX"))
                .getMessage();
    }

    /** Sets the host system and mode of a central directory entry, as zip -y does for a link. */
    private static void mark(Path zip, String name, int host, int mode) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (int i = 0; i + 46 < bytes.length; i++) {
            if (buffer.getInt(i) == 0x02014b50 && (buffer.getShort(i + 28) & 0xffff) == wanted.length
                    && Arrays.equals(bytes, i + 46, i + 46 + wanted.length, wanted, 0, wanted.length)) {
                buffer.put(i + 5, (byte) host);
                buffer.putInt(i + 38, mode << 16);
                found = true;
            }
        }
        assertTrue(found, name);
        try (OutputStream out = Files.newOutputStream(zip)) {
            out.write(bytes);
        }
    }

    @Test
    void entriesWithExtraFieldsCommentsAndDirectoriesAreWalkedToTheEnd() throws Exception {
        Path zip = zip("ok.zip", List.of("META-INF/", "static/", "static/rel-1/", "static/rel-1/css/",
                "static/rel-1/css/app.css", "static/rel-1/js/app.js", "static/rel-1/z.txt"));
        mark(zip, "static/rel-1/css/app.css", 3, 0100644);
        mark(zip, "static/rel-1/css/", 3, 040755);
        mark(zip, "static/rel-1/js/app.js", 0, 0120777);
        assertEquals(TOKEN_FILE.token(), RetainedZip.check(zip, "the-source", "THE FIX").token(),
                "a link mode from a host that has no such modes (FAT) means nothing");
    }

    @Test
    void aDirectoryEntryOutsideTheTokensTreeIsRefused() throws Exception {
        String message = refusal(zip("dir.zip", List.of("static/rel-1/a.css", "css/")));
        assertTrue(message.contains("the entry 'css/' is outside static/rel-1/"), message);
        assertTrue(message.contains("THE FIX"), message);
    }

    @Test
    void linksAndSpecialFilesAreRefusedFromUnixAndMacHosts() throws Exception {
        Path link = zip("link.zip", List.of("static/rel-1/a.css"));
        mark(link, "static/rel-1/a.css", 19, 0120777);
        String message = refusal(link);
        assertTrue(message.contains("'static/rel-1/a.css' is a symbolic link"), message);
        Path fifo = zip("fifo.zip", List.of("static/rel-1/a.css"));
        mark(fifo, "static/rel-1/a.css", 3, 010644);
        message = refusal(fifo);
        assertTrue(message.contains("'static/rel-1/a.css' is not a regular file or directory"), message);
        assertTrue(message.startsWith("cachebreaker: refusing the static zip the-source: "), message);
        assertTrue(message.endsWith("Nothing of it was extracted. THE FIX"), message);
    }

    @Test
    void aNameWithAControlCharacterIsRefusedAndShownPrintably() throws Exception {
        String message = refusal(zip("control.zip", List.of("static/rel-1/a b\u0001c\u007f.css")));
        assertTrue(message.contains("the entry 'static/rel-1/a b?c?.css' has a control character"), message);
    }

    @Test
    void aTwiceListedNameIsRefused() throws Exception {
        Path zip = zip("twice.zip", List.of("static/rel-1/a.css", "static/rel-1/b.css"));
        byte[] bytes = Files.readAllBytes(zip);
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("static/rel-1/b.css",
                "static/rel-1/a.css");
        Files.write(zip, text.getBytes(StandardCharsets.ISO_8859_1));
        String message = refusal(zip);
        assertTrue(message.contains("the entry 'static/rel-1/a.css' is there twice"), message);
    }

    @Test
    void junkIsCorruptNotMissing() throws Exception {
        Path junk = Files.write(tmp.resolve("junk.zip"), new byte[100]);
        String message = refusal(junk);
        assertTrue(message.contains("is corrupt (no end of central directory record)"), message);
        Path tiny = Files.write(tmp.resolve("tiny.zip"), new byte[] {'P', 'K'});
        assertTrue(refusal(tiny).contains("is corrupt"));
    }

    @Test
    void namesThatCouldEscapeAreNamed() {
        assertNull(RetainedZip.nameProblem("static/rel-1/css/app.css"));
        assertNull(RetainedZip.nameProblem("static/rel-1/"));
        assertNull(RetainedZip.nameProblem("a"));
        assertNull(RetainedZip.nameProblem("a b~.css"));
        assertEquals("has an empty name", RetainedZip.nameProblem(""));
        assertTrue(RetainedZip.nameProblem("a\\b").contains("backslash"));
        assertEquals("is an absolute path", RetainedZip.nameProblem("/a"));
        assertEquals("starts with a drive letter", RetainedZip.nameProblem("c:"));
        assertEquals("starts with a drive letter", RetainedZip.nameProblem("c:/a"));
        assertNull(RetainedZip.nameProblem("ab:c"), "a colon later is a name character");
        assertEquals("has a control character", RetainedZip.nameProblem("a\u001fb"));
        assertEquals("has a control character", RetainedZip.nameProblem("a\u007f"));
        assertEquals("has a control character", RetainedZip.nameProblem("\u0000"));
        for (String escape : List.of("..", "a/../b", "a//b", "./a", "a/.", "a//", "../")) {
            assertTrue(RetainedZip.nameProblem(escape).contains("'..' segment"), escape);
        }
    }

    /** An empty zip is the end record alone, at offset 0: a zip without a token file, not a corrupt one. */
    @Test
    void anEmptyZipIsMissingItsTokenFileNotCorrupt() throws Exception {
        Path empty = tmp.resolve("empty.zip");
        new ZipOutputStream(Files.newOutputStream(empty)).close();
        assertEquals(22, Files.size(empty));
        MissingSourceException e = assertThrows(MissingSourceException.class,
                () -> RetainedZip.check(empty, "the-source", "THE FIX"));
        assertTrue(e.getMessage().contains("has no " + TokenFile.RESOURCE), e.getMessage());
    }

    /** More than 65535 entries: the end record defers to the Zip64 records, which are read. */
    @Test
    void aZip64CentralDirectoryIsRead() throws Exception {
        Path zip = tmp.resolve("zip64.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry(TokenFile.RESOURCE));
            out.write(TOKEN_FILE.toBytes());
            out.closeEntry();
            for (int i = 0; i < 65536; i++) {
                out.putNextEntry(new ZipEntry("static/rel-1/" + i));
                out.closeEntry();
            }
        }
        assertEquals("rel-1", RetainedZip.check(zip, "the-source", "THE FIX").token());
        // Its last entry made into a link is still found, so every entry was walked.
        mark(zip, "static/rel-1/65535", 3, 0120777);
        assertTrue(refusal(zip).contains("'static/rel-1/65535' is a symbolic link"));
    }

    @Test
    void aLeadingBackslashCounts() {
        assertTrue(RetainedZip.nameProblem("\\a").contains("backslash"));
    }

    /** Rewrites a field of a zip's last record with the given signature: a short (2 bytes) or an int (4). */
    private static void patch(Path zip, int signature, int offset, int width, long value) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = -1;
        for (int i = 0; i + 4 <= bytes.length; i++) {
            if (buffer.getInt(i) == signature) {
                at = i;
            }
        }
        assertTrue(at >= 0, Integer.toHexString(signature));
        if (width == 2) {
            buffer.putShort(at + offset, (short) value);
        } else {
            buffer.putInt(at + offset, (int) value);
        }
        Files.write(zip, bytes);
    }

    @Test
    void aCentralDirectoryThatDoesNotAddUpIsCorrupt() throws Exception {
        Path more = zip("more.zip", List.of("static/rel-1/a.css"));
        patch(more, 0x06054b50, 10, 2, 3);
        assertTrue(refusal(more).contains("is corrupt (a truncated central directory)"), refusal(more));

        Path longName = zip("long-name.zip", List.of("static/rel-1/a.css"));
        patch(longName, 0x02014b50, 28, 2, 0xffff);
        assertTrue(refusal(longName).contains("is corrupt (a truncated central directory)"), refusal(longName));

        Path outside = zip("outside.zip", List.of("static/rel-1/a.css"));
        patch(outside, 0x06054b50, 12, 4, 2 * Files.size(outside));
        assertTrue(refusal(outside).contains("is corrupt (a central directory outside the file)"), refusal(outside));
    }
}
