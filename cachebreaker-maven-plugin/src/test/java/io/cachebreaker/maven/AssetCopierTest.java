package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetCopierTest {
    @TempDir
    Path tmp;

    private Path output() {
        return tmp.resolve("out");
    }

    /** A previous build whose token directory {@code static/<token>} holds what {@code manifest} claims. */
    private PreviousBuild previous(String token, AssetManifest manifest) {
        return new PreviousBuild(output(), new TokenFile(token, TokenStrategy.EXPLICIT,
                AssetPrefix.parse("static/{token}"), Instant.EPOCH, manifest));
    }

    private AssetCopier.Result copy(Precompressor precompressor, PreviousBuild previous, String token,
            TreeMap<String, Path> sources) throws MojoExecutionException {
        return copy(precompressor, previous, token, sources, AssetCopier.defaultThreads());
    }

    private AssetCopier.Result copy(Precompressor precompressor, PreviousBuild previous, String token,
            TreeMap<String, Path> sources, int threads) throws MojoExecutionException {
        return new AssetCopier(precompressor, new SystemStreamLog(), previous, output().resolve("static/" + token),
                AssetBuild.Probe.NONE, threads).copy(sources);
    }

    /** Four threads give exactly what one gives: the same files, bytes, manifest and so fingerprint. */
    @Test
    void aParallelCopyIsByteIdenticalToASingleThreadedOne() throws Exception {
        TreeMap<String, Path> sources = new TreeMap<>();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 60; i++) {
            String name = "dir" + (i % 7) + "/file" + i + (i % 3 == 0 ? ".png" : i % 3 == 1 ? ".css" : ".js");
            Path file = tmp.resolve("src").resolve(name);
            Files.createDirectories(file.getParent());
            byte[] bytes = i % 3 == 0 ? new byte[1000 + random.nextInt(20_000)]
                    : ("/* " + i + " */ p { margin: " + i + "px }\n").repeat(1 + random.nextInt(500)).getBytes();
            if (i % 3 == 0) {
                random.nextBytes(bytes);
            }
            Files.write(file, bytes);
            sources.put(name, file);
        }
        Precompressor precompressor = new Precompressor(true, new SystemStreamLog());
        AssetCopier.Result single = copy(precompressor, new PreviousBuild(output(), null), "one", sources, 1);
        AssetCopier.Result parallel = copy(precompressor, new PreviousBuild(output(), null), "four", sources, 4);
        assertEquals(single.manifest(), parallel.manifest());
        assertEquals(io.cachebreaker.runtime.tokenfile.Fingerprint.of(single.manifest()),
                io.cachebreaker.runtime.tokenfile.Fingerprint.of(parallel.manifest()));
        assertEquals(single.files(), parallel.files());
        assertEquals(single.written(), parallel.written());
        assertEquals(single.precompressed(), parallel.precompressed());
        for (String file : single.files()) {
            assertEquals(-1L, Files.mismatch(output().resolve("static/one/" + file),
                    output().resolve("static/four/" + file)), file);
        }
    }

    @Test
    void unchangedSourcesAreLinkedFromThePreviousBuildNotWrittenOrCompressed() throws Exception {
        Path css = Files.writeString(tmp.resolve("app.css"), "p { margin: 0 }\n".repeat(50));
        TreeMap<String, Path> sources = new TreeMap<>(Map.of("app.css", css));
        Precompressor precompressor = new Precompressor(true, new SystemStreamLog());
        AssetCopier.Result first = copy(precompressor, new PreviousBuild(output(), null), "a", sources);
        assertTrue(first.written() >= 2, "the copy and at least its .gz");
        assertEquals(first.written(), first.files().size());

        AssetCopier.Result second = copy(precompressor, previous("a", first.manifest()), "b", sources);
        assertEquals(0, second.written());
        assertEquals(first.files(), second.files());
        assertEquals(first.manifest(), second.manifest());
        for (String file : second.files()) {
            assertTrue(Files.isSameFile(output().resolve("static/a/" + file), output().resolve("static/b/" + file)),
                    file + " is linked, not copied");
        }
    }

    /**
     * A build trusts the previous manifest for files untouched since (same size and time), so it does not read them:
     * a manifest with a made-up digest shows whether a file was hashed again.
     */
    @Test
    void digestsOfUntouchedFilesComeFromThePreviousManifest() throws Exception {
        Path css = Files.writeString(tmp.resolve("app.css"), "p { margin: 0 }\n".repeat(50));
        Path png = Files.write(tmp.resolve("logo.png"), new byte[] {1, 2, 3, 4});
        Path js = Files.writeString(tmp.resolve("app.js"), "console.log(1);\n".repeat(50));
        TreeMap<String, Path> sources = new TreeMap<>(Map.of("app.css", css, "logo.png", png, "app.js", js));
        Precompressor gzipOnly = new Precompressor(false, new SystemStreamLog());
        AssetManifest first = copy(gzipOnly, new PreviousBuild(output(), null), "a", sources).manifest();

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

        AssetCopier.Result second = copy(gzipOnly, previous("a", AssetManifest.of(claimed)), "b", sources);
        AssetManifest manifest = second.manifest();
        assertEquals(madeUp, manifest.get("app.css").identity().sha256(), "untouched: not hashed again");
        assertEquals(madeUp, manifest.get("app.css").variant(Encoding.GZIP).sha256(), "untouched sibling reused");
        assertEquals(madeUp, manifest.get("logo.png").identity().sha256(), "untouched: not hashed again");
        assertEquals(Variant.of(Files.readAllBytes(js)).sha256(), manifest.get("app.js").identity().sha256(),
                "touched: hashed again");
        assertTrue(Files.isRegularFile(output().resolve("static/b/app.css.gz")), "a reused sibling is there");
        assertEquals(List.of("app.css", "app.css.gz", "app.js", "app.js.gz", "logo.png"), second.files());
        assertEquals(2, second.written(), "app.js and its sibling");

        // Switching Brotli on finds no .br in the previous manifest, so app.css is read and compressed again.
        Precompressor withBrotli = new Precompressor(true, new SystemStreamLog());
        if (PrecompressorTest.brotliShipped()) {
            assertTrue(withBrotli.encodings().contains(Encoding.BROTLI), "its native library is shipped here");
        }
        if (withBrotli.encodings().contains(Encoding.BROTLI)) {
            AssetManifest third = copy(withBrotli, previous("a", AssetManifest.of(claimed)), "c", sources)
                    .manifest();
            assertTrue(third.get("app.css").encoded().containsKey(Encoding.BROTLI));
            assertEquals(Variant.of(Files.readAllBytes(css)).sha256(), third.get("app.css").identity().sha256());
        }

        // Switching precompression off links the identity only.
        AssetCopier.Result plain = copy(null, previous("a", first), "d", sources);
        assertTrue(plain.manifest().get("app.css").encoded().isEmpty());
        assertFalse(Files.exists(output().resolve("static/d/app.css.gz")));
    }

    @Test
    void unreadableSourceFailsNamingTheFile() {
        TreeMap<String, Path> sources = new TreeMap<>();
        Path gone = tmp.resolve("gone.css");
        sources.put("gone.css", gone);
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> copy(null, new PreviousBuild(output(), null), "a", sources));
        assertTrue(e.getMessage().contains(gone.toString()), e.getMessage());
    }

    /** What one copy reports: every file, how many were written, how many assets got a sibling. */
    @Test
    void theCountsAndFilesOfACopyAreExact() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        FileTime time = FileTime.from(Instant.parse("2026-01-02T03:04:05Z"));
        TreeMap<String, Path> sources = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : Map.of(
                "app.css", "p { margin: 0 }\n".repeat(50).getBytes(),
                "tiny.js", "1".getBytes(),
                "logo.png", new byte[] {1, 2, 3},
                "own.js", "console.log(1);\n".repeat(50).getBytes(),
                "own.js.gz", Precompressor.gzip("console.log(1);\n".repeat(50).getBytes())).entrySet()) {
            Path file = Files.write(src.resolve(e.getKey()), e.getValue());
            Files.setLastModifiedTime(file, time);
            sources.put(e.getKey(), file);
        }
        RecordingLog log = new RecordingLog();
        AssetCopier.Result result = new AssetCopier(new Precompressor(false, log), log,
                new PreviousBuild(output(), null), output().resolve("static/a"), AssetBuild.Probe.NONE, 1)
                .copy(sources);
        // tiny.js: its gzip is larger, so no sibling; own.js ships its own .gz, which is not overwritten.
        assertEquals(List.of("app.css", "app.css.gz", "logo.png", "own.js", "own.js.gz", "tiny.js"), result.files());
        assertEquals(6, result.written());
        assertEquals(1, result.precompressed());
        assertEquals(List.of("cachebreaker: not precompressing own.js, the source directory already has a"
                + " precompressed sibling of it"), log.info);
        for (String file : result.files()) {
            assertEquals(time, Files.getLastModifiedTime(output().resolve("static/a/" + file)), file);
        }
        assertTrue(result.manifest().get("tiny.js").encoded().isEmpty());
        assertEquals(Precompressor.gzip("p { margin: 0 }\n".repeat(50).getBytes()).length,
                result.manifest().get("app.css").variant(Encoding.GZIP).size());
        assertEquals(Math.min(Runtime.getRuntime().availableProcessors(), 4), AssetCopier.defaultThreads());

        // One whose sibling is gone from the previous tree is written again; so is tiny.js, since the manifest
        // cannot tell "gzip did not pay off" from "gzip was off": a compressible asset without a sibling is always
        // compressed again.
        Files.delete(output().resolve("static/a/app.css.gz"));
        AssetCopier.Result again = new AssetCopier(new Precompressor(false, log), log,
                previous("a", result.manifest()), output().resolve("static/b"), AssetBuild.Probe.NONE, 1)
                .copy(sources);
        assertEquals(result.files(), again.files());
        assertEquals(3, again.written(), "app.css, its sibling, and tiny.js");
        assertEquals(result.manifest(), again.manifest());
    }

    /** A failure on a worker thread reaches the caller as itself: an I/O failure named once, others unwrapped. */
    @Test
    void failuresOnWorkerThreadsAreRethrownAsThemselves() throws Exception {
        TreeMap<String, Path> sources = new TreeMap<>();
        for (int i = 0; i < 6; i++) {
            sources.put("f" + i + ".png", Files.write(tmp.resolve("f" + i + ".png"), new byte[] {(byte) i}));
        }
        for (Throwable thrown : List.of(new java.io.IOException("disk full, say"), new IllegalStateException("bug"),
                new AssertionError("worse"))) {
            AssetBuild.Probe failing = new AssetBuild.Probe() {
                @Override
                public void written(Path file) throws java.io.IOException {
                    if (file.getFileName().toString().equals("f3.png")) {
                        if (thrown instanceof java.io.IOException io) {
                            throw io;
                        }
                        if (thrown instanceof RuntimeException runtime) {
                            throw runtime;
                        }
                        throw (Error) thrown;
                    }
                }
            };
            Path dir = output().resolve("static/" + thrown.getClass().getSimpleName());
            Throwable caught = assertThrows(Throwable.class, () -> new AssetCopier(null, new SystemStreamLog(),
                    new PreviousBuild(output(), null), dir, failing, 3).copy(sources));
            if (thrown instanceof java.io.IOException) {
                assertEquals(MojoExecutionException.class, caught.getClass());
                assertTrue(caught.getMessage()
                        .startsWith("cachebreaker cannot copy the asset " + tmp.resolve("f3.png")),
                        caught.getMessage());
                assertEquals(thrown, caught.getCause(), "wrapped once, on the worker");
            } else {
                assertEquals(thrown, caught);
            }
        }
    }
}
