package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.maven.RetainedReleases.Candidate;
import io.cachebreaker.maven.RetainedReleases.Origin;
import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.RetainedRelease;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which candidates are retained (current token, retainReleases, retainMaxBytes) and what the log says. */
class RetainedTreeInstallerTest {
    private static final AssetPrefix PREFIX = AssetPrefix.parse("static/{token}");

    @TempDir
    Path tmp;

    private Path output() {
        return tmp.resolve("out");
    }

    /** A release tree on disk, outside the output, of one file of {@code size} bytes. */
    private Candidate candidate(String token, int size) throws Exception {
        byte[] bytes = token.repeat(size).substring(0, size).getBytes(StandardCharsets.US_ASCII);
        Path dir = Files.createDirectories(tmp.resolve("releases/" + token + "/css"));
        Files.write(dir.resolve("app.css"), bytes);
        AssetManifest manifest = AssetManifest.of(List.of(new Asset("css/app.css", Variant.of(bytes))));
        return new Candidate(new RetainedRelease(token, Instant.EPOCH, manifest), "src-" + token,
                new Origin.Directory(dir.getParent()), "FIX");
    }

    private static RetentionSettings settings(int releases, long maxBytes) {
        return new RetentionSettings(releases, false, List.of(), List.of(), true, RetentionSettings.Missing.FAIL,
                maxBytes);
    }

    @Test
    void theCurrentTokenIsSkippedAndTheNewestNAreKeptWithALogLineEach() throws Exception {
        List<Candidate> candidates = List.of(candidate("cur", 10), candidate("r1", 10), candidate("r2", 20),
                candidate("r3", 10));
        Path leftover = Files.createDirectories(output().resolve("static/" + RetainedTreeInstaller.STAGING + "old"));
        RecordingLog log = new RecordingLog();
        List<Path> written = new ArrayList<>();
        List<RetainedRelease> kept = new RetainedTreeInstaller(settings(2, 1000), log, written::add)
                .install(candidates, output(), PREFIX, "cur", null, () -> { });
        assertEquals(List.of("r1", "r2"), kept.stream().map(RetainedRelease::token).toList());
        assertEquals(List.of(output().resolve("static/r1"), output().resolve("static/r2")), written);
        assertEquals("r1r1r1r1r1", Files.readString(output().resolve("static/r1/css/app.css")));
        assertFalse(Files.exists(output().resolve("static/r3")));
        assertFalse(Files.exists(leftover), "a killed build's staging directory goes");
        assertEquals(List.of(
                "cachebreaker: removed the leftover staging directory " + leftover,
                "cachebreaker: not retaining cur from src-cur, it is the current token (the current tree wins)",
                "cachebreaker: not retaining r3 from src-r3, retainReleases (property cachebreaker.retain.releases)"
                        + " keeps the newest 2",
                "cachebreaker: retained 2 previous releases, 2 files adding 30 bytes (30 bytes) to the artifact:"
                        + " r1 (1 assets, from src-r1), r2 (1 assets, from src-r2)"), log.info);
        try (var staging = Files.list(output().resolve("static"))) {
            assertEquals(Set.of("r1", "r2"), staging.map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toSet()), "no staging directory is left");
        }
    }

    @Test
    void retainMaxBytesIsACapThatMayBeReachedExactly() throws Exception {
        List<Candidate> candidates = List.of(candidate("r1", 10), candidate("r2", 5), candidate("r3", 1));
        RecordingLog log = new RecordingLog();
        List<RetainedRelease> kept = new RetainedTreeInstaller(settings(5, 15), log, path -> { })
                .install(candidates, output(), PREFIX, "cur", null, () -> { });
        assertEquals(List.of("r1", "r2"), kept.stream().map(RetainedRelease::token).toList(), "10 + 5 = 15 fits");
        assertEquals(1, log.warnings.size());
        assertTrue(log.warnings.get(0).startsWith("cachebreaker: not retaining r3: r3 would bring the retained bytes"
                + " to 16, above retainMaxBytes (property cachebreaker.retain.maxBytes) of 15 (15 bytes)."),
                log.warnings.get(0));
        assertEquals("cachebreaker: retained 2 previous releases, 2 files adding 15 bytes (15 bytes) to the"
                + " artifact: r1 (1 assets, from src-r1), r2 (1 assets, from src-r2)", log.info.get(0));
    }

    @Test
    void oneReleaseIsSingularAndATreeAlreadyInPlaceIsNotRewritten() throws Exception {
        Candidate r1 = candidate("r1", 4);
        RecordingLog log = new RecordingLog();
        List<Path> written = new ArrayList<>();
        RetainedTreeInstaller installer = new RetainedTreeInstaller(settings(2, 1000), log, written::add);
        installer.install(List.of(r1), output(), PREFIX, "cur", null, () -> { });
        assertEquals(List.of("cachebreaker: retained 1 previous release, 1 files adding 4 bytes (4 bytes) to the"
                + " artifact: r1 (1 assets, from src-r1)"), log.info);
        assertEquals(1, written.size());
        installer.install(List.of(r1), output(), PREFIX, "cur", null, () -> { });
        assertEquals(1, written.size(), "already there with the same bytes: not written again");
        assertTrue(log.debug.stream().anyMatch(line -> line.contains("already holds retained r1")),
                log.debug.toString());

        // A candidate whose directory is the target itself is checked in place.
        Candidate inPlace = new Candidate(r1.release(), "the output",
                new Origin.Directory(output().resolve("static/r1")),
                "FIX");
        installer.install(List.of(inPlace), output(), PREFIX, "cur", null, () -> { });
        assertEquals(1, written.size());
        assertTrue(log.debug.stream().anyMatch(line -> line.contains("retained r1 in place at")), log.debug.toString());
    }

    @Test
    void nothingChosenMeansNothingLogged() throws Exception {
        RecordingLog log = new RecordingLog();
        assertEquals(List.of(), new RetainedTreeInstaller(settings(2, 1000), log, path -> { })
                .install(List.of(), output(), PREFIX, "cur", null, () -> { }));
        assertEquals(List.of(), log.info);
        assertEquals(Set.of("static/a", "static/b"), RetainedTreeInstaller.directories(PREFIX,
                List.of(new RetainedRelease("a", Instant.EPOCH, AssetManifest.of(List.of())),
                        new RetainedRelease("b", Instant.EPOCH, AssetManifest.of(List.of())))));
    }

    /** Why a directory is not exactly a manifest's tree: each reason, and a tree of several files that is. */
    @Test
    void aTreeMatchesItsManifestExactlyOrSaysWhy() throws Exception {
        byte[] css = "p{}".getBytes(StandardCharsets.US_ASCII);
        byte[] js = "x()".getBytes(StandardCharsets.US_ASCII);
        AssetManifest manifest = AssetManifest.of(List.of(new Asset("css/app.css", Variant.of(css)),
                new Asset("js/app.js", Variant.of(js))));
        Path dir = Files.createDirectories(tmp.resolve("tree/css"));
        Files.write(dir.resolve("app.css"), css);
        Files.createDirectories(tmp.resolve("tree/js"));
        Files.write(tmp.resolve("tree/js/app.js"), js);
        Path tree = tmp.resolve("tree");
        assertEquals(null, RetainedTreeInstaller.mismatch(tree, manifest));

        Files.writeString(tree.resolve("js/extra.js"), "1");
        assertEquals("has js/extra.js, which its manifest does not list",
                RetainedTreeInstaller.mismatch(tree, manifest));
        Files.delete(tree.resolve("js/extra.js"));

        Files.createSymbolicLink(tree.resolve("js/link.js"), tree.resolve("js/app.js"));
        assertTrue(RetainedTreeInstaller.mismatch(tree, manifest).startsWith("has the symbolic link js/link.js"));
        Files.delete(tree.resolve("js/link.js"));

        Files.write(tree.resolve("js/app.js"), "x();".getBytes(StandardCharsets.US_ASCII));
        assertEquals("has js/app.js of 4 bytes where the manifest says 3",
                RetainedTreeInstaller.mismatch(tree, manifest));
        Files.write(tree.resolve("js/app.js"), "y()".getBytes(StandardCharsets.US_ASCII));
        assertTrue(RetainedTreeInstaller.mismatch(tree, manifest).startsWith("has js/app.js with SHA-256 "));
        Files.delete(tree.resolve("js/app.js"));
        assertEquals("lacks js/app.js, which the manifest lists", RetainedTreeInstaller.mismatch(tree, manifest));

        assertEquals("is not a directory", RetainedTreeInstaller.mismatch(tree.resolve("css/app.css"), manifest));
        assertEquals("is not a directory", RetainedTreeInstaller.mismatch(tmp.resolve("nowhere"), manifest));
    }

    /** A retained tree that does not match its manifest is refused naming the release, and nothing is kept. */
    @Test
    void aCandidateWhoseTreeIsNotItsManifestIsRefusedAndNothingIsKept() throws Exception {
        Candidate good = candidate("r1", 4);
        Candidate bad = candidate("r2", 4);
        Files.writeString(tmp.resolve("releases/r2/css/app.css"), "edited");
        RetentionException e = org.junit.jupiter.api.Assertions.assertThrows(RetentionException.class,
                () -> new RetainedTreeInstaller(settings(2, 1000), new RecordingLog(), path -> { })
                        .install(List.of(good, bad), output(), PREFIX, "cur", null, () -> { }));
        // Staging copies one byte more than the manifest says, no further: enough to see the file is larger.
        assertTrue(e.getMessage().startsWith("cachebreaker: cannot retain r2 from src-r2: its extracted tree has"
                + " css/app.css of 5 bytes where the manifest says 4. Nothing of it was kept. FIX"), e.getMessage());
        assertFalse(Files.exists(output().resolve("static/r1")), "r1, placed before r2 failed, is removed again");
        try (var left = Files.list(output().resolve("static"))) {
            assertEquals(List.of(), left.toList(), "no staging directory is left");
        }
    }

    /**
     * A target directory with other files is replaced only when the previous token file names it (withdrawing that
     * file first); otherwise it is someone else's and the build stops.
     */
    @Test
    void aTargetWithOtherFilesIsReplacedOnlyWhenThePreviousTokenFileNamesIt() throws Exception {
        Candidate r1 = candidate("r1", 4);
        Path target = Files.createDirectories(output().resolve("static/r1/css"));
        Files.writeString(target.resolve("app.css"), "someone else's");
        RetainedTreeInstaller installer = new RetainedTreeInstaller(settings(2, 1000), new RecordingLog(), p -> { });
        RetentionException e = org.junit.jupiter.api.Assertions.assertThrows(RetentionException.class,
                () -> installer.install(List.of(r1), output(), PREFIX, "cur", null, () -> { }));
        assertTrue(e.getMessage().contains("exists, holds other files, and no token file names it"), e.getMessage());
        assertEquals("someone else's", Files.readString(target.resolve("app.css")));

        io.cachebreaker.runtime.tokenfile.TokenFile previous = new io.cachebreaker.runtime.tokenfile.TokenFile("cur",
                io.cachebreaker.runtime.tokenfile.TokenStrategy.EXPLICIT, PREFIX, Instant.EPOCH,
                AssetManifest.of(List.of()), List.of(new RetainedRelease("r1", Instant.EPOCH,
                        AssetManifest.of(List.of()))));
        List<String> withdrawn = new ArrayList<>();
        installer.install(List.of(r1), output(), PREFIX, "cur", previous, () -> withdrawn.add("token file"));
        assertEquals(List.of("token file"), withdrawn, "withdrawn before the directory it names is replaced");
        assertEquals("r1r1", Files.readString(target.resolve("app.css")));
    }
}
