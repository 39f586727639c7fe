package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.EnumMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetCopierTest {
    @TempDir
    Path tmp;

    @Test
    void secondCopyOfUnchangedSourcesWritesAndCompressesNothing() throws Exception {
        Path css = Files.writeString(tmp.resolve("app.css"), "p { margin: 0 }\n".repeat(50));
        TreeMap<String, Path> sources = new TreeMap<>();
        sources.put("app.css", css);
        List<Path> writes = new ArrayList<>();
        AssetCopier copier = new AssetCopier(new Precompressor(true, new SystemStreamLog()),
                new SystemStreamLog(), writes::add);
        AssetCopier.Result first = copier.copy(sources, tmp.resolve("out"));
        assertTrue(first.written() >= 2, "the copy and at least its .gz");
        writes.clear();
        AssetCopier.Result second = copier.copy(sources, tmp.resolve("out"));
        assertEquals(0, second.written());
        assertEquals(List.of(), writes);
        assertEquals(first.manifest(), second.manifest());
    }

    /**
     * A re-run trusts the previous manifest for files untouched since (same size and time), so it does not read them:
     * a manifest with a made-up digest shows whether a file was hashed again.
     */
    @Test
    void rerunTakesDigestsOfUntouchedFilesFromThePreviousManifest() throws Exception {
        Path css = Files.writeString(tmp.resolve("app.css"), "p { margin: 0 }\n".repeat(50));
        Path png = Files.write(tmp.resolve("logo.png"), new byte[] {1, 2, 3, 4});
        Path js = Files.writeString(tmp.resolve("app.js"), "console.log(1);\n".repeat(50));
        TreeMap<String, Path> sources = new TreeMap<>(Map.of("app.css", css, "logo.png", png, "app.js", js));
        Path out = tmp.resolve("out");
        AssetManifest first = new AssetCopier(new Precompressor(false, new SystemStreamLog()), new SystemStreamLog(),
                path -> { }).copy(sources, out).manifest();

        String madeUp = "f".repeat(64);
        List<Asset> claimed = new ArrayList<>();
        for (Asset asset : first.assets()) {
            Map<Encoding, Variant> encoded = new EnumMap<>(Encoding.class);
            asset.encoded().forEach((encoding, variant) -> encoded.put(encoding, new Variant(variant.size(), madeUp)));
            claimed.add(new Asset(asset.path(), new Variant(asset.identity().size(), madeUp), encoded));
        }
        // app.js changes, keeping its size: its time moves, so it must be read again.
        Files.writeString(js, "console.log(2);\n".repeat(50));
        Files.setLastModifiedTime(js, FileTime.from(Files.getLastModifiedTime(css).toInstant().plusSeconds(60)));

        AssetManifest second = new AssetCopier(new Precompressor(false, new SystemStreamLog()),
                new SystemStreamLog(), path -> { }).knowing(AssetManifest.of(claimed)).copy(sources, out).manifest();
        assertEquals(madeUp, second.get("app.css").identity().sha256(), "untouched: not hashed again");
        assertEquals(madeUp, second.get("app.css").variant(Encoding.GZIP).sha256(), "untouched sibling reused");
        assertEquals(madeUp, second.get("logo.png").identity().sha256(), "untouched: not hashed again");
        assertEquals(Variant.of(Files.readAllBytes(js)).sha256(), second.get("app.js").identity().sha256(),
                "touched: hashed again");
        assertTrue(Files.isRegularFile(out.resolve("app.css.gz")), "a reused sibling is not pruned");

        // Switching Brotli on finds no .br in the previous manifest, so app.css is read and compressed again.
        Precompressor withBrotli = new Precompressor(true, new SystemStreamLog());
        if (withBrotli.encodings().contains(Encoding.BROTLI)) {
            AssetManifest third = new AssetCopier(withBrotli, new SystemStreamLog(), path -> { })
                    .knowing(AssetManifest.of(claimed)).copy(sources, out).manifest();
            assertTrue(third.get("app.css").encoded().containsKey(Encoding.BROTLI));
            assertEquals(Variant.of(Files.readAllBytes(css)).sha256(), third.get("app.css").identity().sha256());
        }
    }

    @Test
    void unreadableSourceFailsNamingTheFile() {
        TreeMap<String, Path> sources = new TreeMap<>();
        Path gone = tmp.resolve("gone.css");
        sources.put("gone.css", gone);
        AssetCopier copier = new AssetCopier(null, new SystemStreamLog(), path -> { });
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> copier.copy(sources, tmp.resolve("out")));
        assertTrue(e.getMessage().contains(gone.toString()), e.getMessage());
    }
}
