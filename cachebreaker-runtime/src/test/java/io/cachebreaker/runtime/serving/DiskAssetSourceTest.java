package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cachebreaker.runtime.testing.SiteFixture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskAssetSourceTest {
    @TempDir
    Path work;

    private DiskAssetSource source(Path dir) {
        return new DiskAssetSource(dir, new ContentTypes(name -> null));
    }

    @Test
    void anEntryIsASnapshotOfTheFileWithItsDigestAndTime() throws Exception {
        Path dir = Files.createDirectories(work.resolve("src/css"));
        Path file = Files.writeString(dir.resolve("app.css"), "a { }");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-20T10:00:00.750Z")));
        CatalogEntry entry = source(work.resolve("src")).get("css/app.css");
        Files.writeString(file, "changed after the lookup");

        StoredVariant variant = entry.original();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        variant.write(out, 0, variant.size());
        assertEquals("a { }", out.toString(StandardCharsets.UTF_8), "what is sent matches the digest");
        assertEquals('"' + SiteFixture.sha256("a { }".getBytes(StandardCharsets.UTF_8)) + '"', variant.etag());
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), entry.lastModified());
        assertEquals("text/css;charset=utf-8", entry.contentType());
    }

    @Test
    void aLinkThatStaysInsideIsFollowedOneThatLeavesIsNot() throws Exception {
        Path src = Files.createDirectories(work.resolve("src"));
        Files.writeString(src.resolve("real.js"), "inside");
        Files.writeString(work.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(src.resolve("alias.js"), src.resolve("real.js"));
        Files.createSymbolicLink(src.resolve("escape.txt"), work.resolve("secret.txt"));
        Files.createDirectories(src.resolve("WEB-INF"));
        Files.writeString(src.resolve("WEB-INF/web.xml"), "x");
        DiskAssetSource source = source(src);
        assertNotNull(source.get("alias.js"));
        assertNull(source.get("escape.txt"));
        assertNull(source.get("../secret.txt"));
        assertNull(source.get("WEB-INF/web.xml"));
        assertNull(source.get("WEB-INF"), "no directories");
        assertNull(source.get("missing.js"));
        assertNull(source.get(null));
    }
}
