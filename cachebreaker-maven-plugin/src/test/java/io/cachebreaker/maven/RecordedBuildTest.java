package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builds that keep a {@link BuildRecord}: a re-run with nothing changed does nothing, and a build with changed
 * sources or a new token updates the previous tree in place. Every such build must leave exactly what a build from
 * scratch leaves (the same files, bytes and token file), must put everything back when it fails, and must never
 * leave a token file that names missing bytes at any point on the way.
 */
class RecordedBuildTest {
    private static final Instant PAST = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    Path source;
    Path output;
    Path record;
    /** Distinct source times, all well in the past, so that none is racy unless a test wants one. */
    long clock;
    int coldBuilds;

    @BeforeEach
    void sources() throws Exception {
        source = tmp.resolve("src");
        output = tmp.resolve("classes");
        record = tmp.resolve("target/cachebreaker/default.record");
        write("css/app.css", "body { margin: 0 }\n".repeat(40));
        write("css/print.css", "@media print { body { color: black } }\n".repeat(20));
        write("js/app.js", "console.log('app');\n".repeat(50));
        write("js/lib/util.js", "export const x = 1;\n".repeat(30));
        write("img/logo.png", "not really a png, incompressible by extension");
    }

    private void write(String path, String text) throws IOException {
        Path file = source.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(PAST.plusSeconds(++clock)));
    }

    /** The debug lines of the last build, which say which way it took. */
    RecordingLog log = new RecordingLog();

    private AssetBuild.Outcome build(String token, Path out, Path recordFile, String prefix, AssetBuild.Probe probe,
            int threads) throws Exception {
        log = new RecordingLog();
        TokenResolver resolver = new TokenResolver(BuildInstant.of("2026-01-02T03:04:05Z", null), "1.0", () -> {
            throw new AssertionError("no git");
        }, new SystemStreamLog());
        AssetBuild.Settings settings = new AssetBuild.Settings(token, "auto", prefix, source, null, null, out,
                new Precompressor(false, new SystemStreamLog()), false, threads, recordFile);
        return new AssetBuild(resolver, log, path -> { }, RetainedReleases.NONE, probe).run(settings);
    }

    private boolean updatedInPlace() {
        return log.debug.stream().anyMatch(line -> line.contains("in place"));
    }

    private AssetBuild.Outcome build(String token) throws Exception {
        return build(token, output, record, "static/{token}", AssetBuild.Probe.NONE, 2);
    }

    /** The same sources built from scratch, without a record, into a fresh directory. */
    private Map<String, String> cold(String token, String prefix) throws Exception {
        Path out = tmp.resolve("cold-" + ++coldBuilds);
        build(token, out, null, prefix, AssetBuild.Probe.NONE, 1);
        return snapshot(out);
    }

    /** Every file and directory below a directory, with the SHA-256 of each file's bytes. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        if (!Files.exists(root)) {
            return entries;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String relative = root.relativize(path).toString().replace('\\', '/');
                entries.put(relative, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "dir"
                        : HexFormat.of().formatHex(io.cachebreaker.runtime.tokenfile.Variant.newDigest()
                                .digest(Files.readAllBytes(path))));
            }
        }
        return entries;
    }

    private TokenFile tokenFile() {
        return TokenFile.read(output.resolve(TokenFile.RESOURCE));
    }

    @Test
    void aRerunWithNothingChangedReadsOnlyTheSourcesAttributesAndWritesNothing() throws Exception {
        TokenFile first = build("rel").tokenFile();
        assertTrue(Files.isRegularFile(record), "the build keeps a record");
        Map<String, String> before = snapshot(output);
        FileTime recorded = Files.getLastModifiedTime(record);
        AssetBuild.Outcome again = build("rel", output, record, "static/{token}", Probes.MUST_NOT_STAGE, 2);
        assertFalse(again.published());
        assertEquals(0, again.written());
        assertEquals(first, again.tokenFile());
        assertEquals(before, snapshot(output));
        assertEquals(recorded, Files.getLastModifiedTime(record), "the record stays as it was");
    }

    @ParameterizedTest
    @ValueSource(strings = {"static/{token}", "assets/v/{token}/files"})
    void everyBuildThatUpdatesInPlaceLeavesWhatABuildFromScratchLeaves(String prefix) throws Exception {
        SplittableRandom random = new SplittableRandom(20261129);
        List<String> paths = new ArrayList<>(List.of("css/app.css", "css/print.css", "js/app.js", "js/lib/util.js",
                "img/logo.png"));
        String token = "rel-1";
        build(token, output, record, prefix, AssetBuild.Probe.NONE, 2);
        for (int step = 0; step < 40; step++) {
            String what = edit(random, paths, step);
            if (random.nextInt(4) == 0) {
                token = "rel-" + (step + 2);
                what += ", new token " + token;
            }
            AssetBuild.Outcome outcome = build(token, output, record, prefix, AssetBuild.Probe.NONE,
                    1 + random.nextInt(3));
            assertTrue(updatedInPlace() || !outcome.published(), "step " + step + ": " + log.debug);
            assertEquals(cold(token, prefix), snapshot(output), "step " + step + ": " + what);
            assertTrue(Files.isRegularFile(record), "step " + step + ": the record is kept");
            assertTrue(outcome.written() <= 2 * 3, "step " + step + " (" + what + ") wrote " + outcome.written()
                    + " files: only the changed assets are written, with their siblings");
        }
    }

    /** One random change to the sources, among those a developer makes; returns what it did. */
    private String edit(SplittableRandom random, List<String> paths, int step) throws IOException {
        String path = paths.get(random.nextInt(paths.size()));
        switch (random.nextInt(7)) {
            case 0 -> {
                write(path, "/* step " + step + " */\n" + "p { padding: 1px }\n".repeat(1 + random.nextInt(40)));
                return "changed " + path;
            }
            case 1 -> {
                String added = "new" + step + (random.nextBoolean() ? "/deep/er" : "") + "/file" + step + ".js";
                write(added, "let step = " + step + ";\n".repeat(1 + random.nextInt(40)));
                paths.add(added);
                return "added " + added;
            }
            case 2 -> {
                if (paths.size() > 1) {
                    Files.delete(source.resolve(path));
                    paths.remove(path);
                    return "removed " + path;
                }
                return "nothing";
            }
            case 3 -> {
                // The sources ship their own sibling: the asset is no longer precompressed, and back.
                String sibling = path + Encoding.GZIP.suffix();
                if (paths.contains(sibling)) {
                    Files.delete(source.resolve(sibling));
                    paths.remove(sibling);
                    return "removed the shipped sibling " + sibling;
                }
                write(sibling, "shipped " + step);
                paths.add(sibling);
                return "shipped the sibling " + sibling;
            }
            case 4 -> {
                // A file becomes a directory of the same name.
                Files.delete(source.resolve(path));
                paths.remove(path);
                String nested = path + "/inside" + step + ".css";
                write(nested, "a { color: red }\n".repeat(30));
                paths.add(nested);
                return "replaced " + path + " by the directory holding " + nested;
            }
            case 5 -> {
                Files.setLastModifiedTime(source.resolve(path), FileTime.from(PAST.plusSeconds(++clock)));
                return "touched " + path;
            }
            default -> {
                return "nothing";
            }
        }
    }

    @Test
    void aNewTokenOverTheSameBytesMovesTheTreeAndWritesNoFile() throws Exception {
        TokenFile first = build("rel-1").tokenFile();
        AssetBuild.Outcome second = build("rel-2");
        assertTrue(updatedInPlace(), log.debug.toString());
        assertTrue(second.published());
        assertEquals(0, second.written());
        assertEquals(first.manifest(), second.tokenFile().manifest());
        assertEquals(List.of(second.tokenFile().token()), list(output.resolve("static")));
        assertEquals(cold("rel-2", "static/{token}"), snapshot(output));
    }

    @Test
    void aSourceChangedTooSoonAfterItsTimeWasReadIsCheckedByItsBytesUntilItsTimeIsSettled() throws Exception {
        Path app = source.resolve("css/app.css");
        Files.setLastModifiedTime(app, FileTime.from(Instant.now()));
        String token = build("rel").tokenFile().token();
        assertTrue(Files.readString(record).contains("\nr "), "app.css is recorded as racy");

        // Its time was read within the file system's tick, so the same time no longer proves the same bytes: a
        // change that kept size and time is still seen.
        byte[] original = Files.readAllBytes(app);
        byte[] edited = original.clone();
        edited[0] = (byte) 'B';
        FileTime time = Files.getLastModifiedTime(app);
        Files.write(app, edited);
        Files.setLastModifiedTime(app, time);
        AssetBuild.Outcome changed = build("rel");
        assertNotEquals(token, changed.tokenFile().token());
        assertEquals(2, changed.written(), "app.css and its .gz");

        // Unchanged bytes are read, compared and left alone.
        Files.write(app, original);
        Files.setLastModifiedTime(app, FileTime.from(Instant.now()));
        assertEquals(token, build("rel").tokenFile().token());
        AssetBuild.Outcome same = build("rel");
        assertFalse(same.published());
        assertEquals(0, same.written());

        Files.setLastModifiedTime(app, FileTime.from(PAST.plusSeconds(++clock)));
        build("rel");
        assertFalse(Files.readString(record).contains("\nr "), "a settled time is trusted");
    }

    @Test
    void anOutputChangedBehindTheRecordsBackIsCheckedFileByFileAndRepaired() throws Exception {
        String token = build("rel").tokenFile().token();
        Map<String, String> expected = snapshot(output);
        Files.delete(output.resolve("static/" + token + "/js/app.js"));
        build("rel");
        assertFalse(updatedInPlace(), log.debug.toString());
        assertEquals(expected, snapshot(output), "a deleted output file is put back");

        Files.writeString(output.resolve(TokenFile.RESOURCE), "# edited\n", StandardCharsets.US_ASCII,
                java.nio.file.StandardOpenOption.APPEND);
        build("rel");
        assertEquals(expected, snapshot(output), "an edited token file is written again");

        Files.writeString(record, "garbage");
        build("rel");
        assertEquals(expected, snapshot(output));
        assertTrue(Files.readString(record).startsWith("# cachebreaker build record"), "a fresh record");
    }

    @Test
    void aRecordOfOtherSettingsStandsForNothing() throws Exception {
        build("rel");
        TokenResolver resolver = new TokenResolver(BuildInstant.of("2026-01-02T03:04:05Z", null), "1.0", () -> null,
                new SystemStreamLog());
        // Precompression switched off: every asset loses its sibling, which the record alone cannot tell.
        AssetBuild.Settings plain = new AssetBuild.Settings("rel", "auto", "static/{token}", source, null, null,
                output, null, false, 2, record);
        new AssetBuild(resolver, new SystemStreamLog(), path -> { }, RetainedReleases.NONE, AssetBuild.Probe.NONE)
                .run(plain);
        Path cold = tmp.resolve("cold-plain");
        new AssetBuild(resolver, new SystemStreamLog(), path -> { }, RetainedReleases.NONE, AssetBuild.Probe.NONE)
                .run(new AssetBuild.Settings("rel", "auto", "static/{token}", source, null, null, cold, null, false,
                        1, null));
        assertEquals(snapshot(cold), snapshot(output));
    }

    /** Fails the build at its n-th written file, on whichever thread writes it. */
    private static AssetBuild.Probe failAtWrite(int n) {
        AtomicInteger writes = new AtomicInteger();
        return new AssetBuild.Probe() {
            @Override
            public void written(Path file) throws IOException {
                if (writes.incrementAndGet() == n) {
                    throw new IOException("injected failure at " + file);
                }
            }
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6})
    void anUpdateThatFailsPutsBackThePreviousTreeAndTokenFileExactly(int failAt) throws Exception {
        build("rel-1");
        Map<String, String> before = snapshot(output);
        write("css/app.css", "body { margin: 2px }\n".repeat(40));
        write("js/app.js", "console.log('changed');\n".repeat(50));
        write("js/new.js", "console.log('new');\n".repeat(50));
        Files.delete(source.resolve("css/print.css"));
        Exception failure = assertThrows(MojoExecutionException.class, () -> build("rel-2", output, record,
                "static/{token}", failAtWrite(failAt), 4));
        assertTrue(failure.getMessage().contains("injected failure"), failure.getMessage());
        assertTrue(updatedInPlace(), log.debug.toString());
        assertEquals(before, snapshot(output), "the previous tree and token file, and nothing else");
        assertFalse(Files.exists(record), "no record of a build that failed");

        build("rel-2");
        assertEquals(cold("rel-2", "static/{token}"), snapshot(output));
    }

    @Test
    void aFailureOnAWorkerThreadPutsBackThePreviousBuild() throws Exception {
        for (int i = 0; i < 40; i++) {
            write("many/file" + i + ".js", "var i = " + i + ";\n".repeat(30));
        }
        build("rel-1");
        Map<String, String> before = snapshot(output);
        for (int i = 0; i < 40; i++) {
            write("many/file" + i + ".js", "var j = " + i + ";\n".repeat(30));
        }
        Thread caller = Thread.currentThread();
        AtomicInteger writes = new AtomicInteger();
        AssetBuild.Probe onWorker = new AssetBuild.Probe() {
            @Override
            public void written(Path file) throws IOException {
                if (Thread.currentThread() != caller && writes.incrementAndGet() == 17) {
                    throw new IOException("injected failure on " + Thread.currentThread().getName());
                }
            }
        };
        Exception failure = assertThrows(MojoExecutionException.class, () -> build("rel-2", output, record,
                "static/{token}", onWorker, 4));
        assertTrue(failure.getMessage().contains("cachebreaker-copy-"), failure.getMessage());
        assertTrue(updatedInPlace(), log.debug.toString());
        assertEquals(before, snapshot(output));
    }

    /**
     * What a build killed at any moment would leave: at every file written and at the end of staging, either no token
     * file, or one whose every file is there with its size.
     */
    @Test
    void atEveryStepOfAnUpdateNoTokenFileNamesMissingBytes() throws Exception {
        build("rel-1");
        write("css/app.css", "body { margin: 3px }\n".repeat(40));
        write("js/other.js", "console.log('other');\n".repeat(50));
        Files.delete(source.resolve("js/lib/util.js"));
        AtomicInteger checks = new AtomicInteger();
        AssetBuild.Probe inspector = new AssetBuild.Probe() {
            @Override
            public void written(Path file) {
                check();
            }

            @Override
            public void staged(Path staging) {
                check();
            }

            private void check() {
                checks.incrementAndGet();
                Path file = output.resolve(TokenFile.RESOURCE);
                if (!Files.exists(file)) {
                    return;
                }
                TokenFile named = TokenFile.read(file);
                Path root = output.resolve(named.assetDirectory());
                for (Asset asset : named.manifest().assets()) {
                    Path bytes = root.resolve(asset.path());
                    try {
                        assertEquals(asset.identity().size(), Files.size(bytes), bytes.toString());
                    } catch (IOException e) {
                        throw new AssertionError("the token file names " + bytes + ", which is missing", e);
                    }
                }
            }
        };
        build("rel-1", output, record, "static/{token}", inspector, 1);
        assertTrue(updatedInPlace(), log.debug.toString());
        assertEquals(5, checks.get(), "app.css, its .gz, other.js and its .gz, and the end of staging");
    }

    @Test
    void aRecordOfAnotherOutputDirectoryStandsForNothing() throws Exception {
        build("rel");
        Path moved = tmp.resolve("moved");
        Files.move(output, moved);
        Path recordCopy = tmp.resolve("other.record");
        Files.copy(record, recordCopy);
        write("css/app.css", "body { margin: 9px }\n".repeat(40));
        build("rel", moved, recordCopy, "static/{token}", AssetBuild.Probe.NONE, 2);
        Map<String, String> expected = cold("rel", "static/{token}");
        assertEquals(expected, snapshot(moved));
        assertNotEquals(0, expected.size());
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
