package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.testing.SiteFixture;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.TokenFileException;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetCatalogTest {
    @TempDir
    Path dir;

    private AssetCatalog load(SiteFixture fixture, MemoryBudget budget) {
        return AssetCatalog.load(fixture.tokenFile(), fixture.write(), new ContentTypes(name -> null), budget);
    }

    private static byte[] read(StoredVariant variant, long offset, long length) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        variant.write(out, offset, length);
        return out.toByteArray();
    }

    @Test
    void onlyListedAssetsAreInTheCatalog() {
        SiteFixture fixture = SiteFixture.standard(dir, "1", TokenStrategy.TIMESTAMP);
        AssetCatalog catalog = load(fixture, new MemoryBudget(1024, 4096));
        assertEquals(fixture.tokenFile().manifest().size(), catalog.size());
        assertNull(catalog.get("secret.txt"));
        assertEquals("text/css;charset=utf-8", catalog.get("css/app.css").contentType());
        assertEquals("css/app.css", catalog.get("css/app.css").asset().path());
        assertEquals(Encoding.GZIP, catalog.get("css/app.css").variantOrOriginal(Encoding.GZIP).encoding());
        assertNull(catalog.get("js/app.mjs").variantOrOriginal(Encoding.GZIP).encoding(), "falls back to the original");
    }

    @Test
    void smallVariantsAreHeldWithinTheBudgetAndLargeOnesStreamed() throws Exception {
        SiteFixture fixture = new SiteFixture(dir, "1", TokenStrategy.TIMESTAMP)
                .asset("a.bin", SiteFixture.pattern(100))
                .asset("b.bin", SiteFixture.pattern(100))
                .asset("big.bin", SiteFixture.pattern(5000));
        MemoryBudget budget = new MemoryBudget(1000, 150);
        AssetCatalog catalog = load(fixture, budget);
        StoredVariant a = catalog.get("a.bin").original();
        StoredVariant b = catalog.get("b.bin").original();
        StoredVariant big = catalog.get("big.bin").original();
        assertArrayEquals(fixture.bytes("a.bin"), read(a, 0, 100));
        assertArrayEquals(fixture.bytes("b.bin"), read(b, 0, 100));
        assertArrayEquals(java.util.Arrays.copyOfRange(fixture.bytes("big.bin"), 4000, 4100), read(big, 4000, 100));
        assertTrue(a.inMemory());
        assertFalse(b.inMemory(), "over the total budget");
        assertFalse(big.inMemory(), "over the per-variant limit");
        assertEquals(50, budget.left());

        // Held bytes are served from memory: the file can go.
        Files.delete(dir.resolve("static/1/a.bin"));
        assertArrayEquals(java.util.Arrays.copyOfRange(fixture.bytes("a.bin"), 10, 20), read(a, 10, 10));
    }

    @Test
    void aMissingOrResizedFileFailsStartUp() throws Exception {
        SiteFixture fixture = new SiteFixture(dir, "1", TokenStrategy.TIMESTAMP).asset("a.css", new byte[10]);
        fixture.write();
        Files.write(dir.resolve("static/1/a.css"), new byte[11]);
        TokenFileException resized = assertThrows(TokenFileException.class, () -> AssetCatalog.load(
                fixture.tokenFile(), SiteFixture.loader(dir), new ContentTypes(n -> null), new MemoryBudget(0, 0)));
        assertTrue(resized.getMessage().contains("10 bytes") && resized.getMessage().contains("11"),
                resized.getMessage());
        Files.delete(dir.resolve("static/1/a.css"));
        TokenFileException missing = assertThrows(TokenFileException.class, () -> AssetCatalog.load(
                fixture.tokenFile(), SiteFixture.loader(dir), new ContentTypes(n -> null), new MemoryBudget(0, 0)));
        assertTrue(missing.getMessage().contains("static/1/a.css"), missing.getMessage());
    }

    /** An empty file where the token file says there are bytes is a resized file too, not an unknown size. */
    @Test
    void aFileEmptiedAfterTheBuildFailsStartUp() throws Exception {
        SiteFixture fixture = new SiteFixture(dir, "1", TokenStrategy.TIMESTAMP).asset("a.css", new byte[10]);
        fixture.write();
        Files.write(dir.resolve("static/1/a.css"), new byte[0]);
        TokenFileException emptied = assertThrows(TokenFileException.class, () -> AssetCatalog.load(
                fixture.tokenFile(), SiteFixture.loader(dir), new ContentTypes(n -> null), new MemoryBudget(0, 0)));
        assertTrue(emptied.getMessage().contains("the class path copy has 0"), emptied.getMessage());
    }

    /** In a jar the size comes from the entry, without reading it: a resized entry fails start-up as a file does. */
    @Test
    void aResizedJarEntryFailsStartUp() throws Exception {
        SiteFixture fixture = new SiteFixture(dir.resolve("classes"), "1", TokenStrategy.TIMESTAMP)
                .asset("a.css", new byte[10]);
        fixture.write();
        Path jar = dir.resolve("app.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("static/1/a.css"));
            out.write(new byte[11]);
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            TokenFileException resized = assertThrows(TokenFileException.class, () -> AssetCatalog.load(
                    fixture.tokenFile(), loader, new ContentTypes(n -> null), new MemoryBudget(0, 0)));
            assertTrue(resized.getMessage().contains("10 bytes") && resized.getMessage().contains("has 11"),
                    resized.getMessage());
        }
    }

    @Test
    void contentTypesPreferTheOwnTableThenTheContainer() {
        ContentTypes types = new ContentTypes(name -> name.endsWith(".foo") ? "application/x-foo" : null);
        assertEquals("application/wasm", types.of("a/x.wasm"));
        assertEquals("text/javascript;charset=utf-8", types.of("x.MJS"));
        assertEquals("application/x-foo", types.of("a/b.foo"));
        assertEquals("application/octet-stream", types.of("a/b.unknown"));
        assertEquals("application/octet-stream", types.of("noextension"));
        assertEquals("application/octet-stream", types.of("css"), "a name without a dot is not an extension");
        assertEquals("application/octet-stream", new ContentTypes(name -> "text/x\u001fbad").of("a.x"),
                "the last control character");
        assertEquals("application/octet-stream",
                new ContentTypes(name -> "text/html\r\nX: y").of("a.bad"), "a broken container type is not used");
    }
}
