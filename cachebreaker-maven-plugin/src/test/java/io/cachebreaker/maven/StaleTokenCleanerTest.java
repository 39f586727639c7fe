package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.RetainedRelease;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a build removes once its token file is in place, and what it must leave alone. */
class StaleTokenCleanerTest {
    @TempDir
    Path tmp;

    private Path output() {
        return tmp.resolve("out");
    }

    private Path tree(String name) throws Exception {
        Path dir = Files.createDirectories(output().resolve("static").resolve(name).resolve("css"));
        Files.writeString(dir.resolve("app.css"), name);
        return dir.getParent();
    }

    private PreviousBuild previous(String token, String... retained) {
        List<RetainedRelease> releases = java.util.Arrays.stream(retained)
                .map(t -> new RetainedRelease(t, Instant.EPOCH, AssetManifest.of(List.of()))).toList();
        return new PreviousBuild(output(), new TokenFile(token, TokenStrategy.EXPLICIT,
                AssetPrefix.parse("static/{token}"), Instant.EPOCH, AssetManifest.of(List.of()), releases));
    }

    @Test
    void thePreviousTokensDirectoryGoesAndTheCurrentOneAndSiblingsStay() throws Exception {
        tree("a");
        Path current = tree("b");
        Path own = Files.createDirectories(output().resolve("static/img"));
        Files.writeString(output().resolve("static/" + StaleTokenCleaner.STAGING_PREFIX + "file"), "not a dir");
        RecordingLog log = new RecordingLog();
        List<String> removed = new StaleTokenCleaner(output(), log).clean(previous("a"), current, Set.of());
        assertEquals(List.of("static/a"), removed);
        assertFalse(Files.exists(output().resolve("static/a")));
        assertTrue(Files.isRegularFile(current.resolve("css/app.css")));
        assertTrue(Files.isDirectory(own), "the application's own resources stay");
        assertTrue(Files.exists(output().resolve("static/" + StaleTokenCleaner.STAGING_PREFIX + "file")),
                "only staging directories are removed");
        assertEquals(List.of("cachebreaker: removed the stale asset directory static/a of token a"), log.info);
    }

    @Test
    void nothingGoesWhenThePreviousTokenIsTheCurrentOneOrIsKeptOrNone() throws Exception {
        Path current = tree("a");
        RecordingLog log = new RecordingLog();
        StaleTokenCleaner cleaner = new StaleTokenCleaner(output(), log);
        assertEquals(List.of(), cleaner.clean(previous("a"), current, Set.of()));
        Path other = tree("b");
        assertEquals(List.of(), cleaner.clean(previous("a"), other, Set.of("a")));
        assertEquals(List.of(), cleaner.clean(new PreviousBuild(output(), null), other, Set.of()));
        assertTrue(Files.isDirectory(current));
        assertEquals(List.of(), log.info);
    }

    @Test
    void aLinkNamedLikeThePreviousTokenIsNotFollowedNorRemoved() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("keep.txt"), "keep");
        Files.createDirectories(output().resolve("static"));
        Files.createSymbolicLink(output().resolve("static/a"), elsewhere);
        Path current = tree("b");
        assertEquals(List.of(), new StaleTokenCleaner(output(), new RecordingLog())
                .clean(previous("a"), current, Set.of()));
        assertTrue(Files.isRegularFile(elsewhere.resolve("keep.txt")));
    }

    @Test
    void retainedTreesGoOnceNoLongerRetainedAndStagingLeftoversGo() throws Exception {
        Path current = tree("c");
        tree("r1");
        tree("r2");
        Path staging = Files.createDirectories(
                output().resolve("static/" + StaleTokenCleaner.STAGING_PREFIX + "x/css"));
        Files.writeString(staging.resolve("half.css"), "half");
        RecordingLog log = new RecordingLog();
        List<String> removed = new StaleTokenCleaner(output(), log)
                .clean(previous("p", "r1", "r2", "c", "gone"), current, Set.of("r1"));
        assertEquals(List.of("static/r2", "static/" + StaleTokenCleaner.STAGING_PREFIX + "x"), removed);
        assertTrue(Files.isDirectory(output().resolve("static/r1")), "still retained");
        assertTrue(Files.isDirectory(current), "a retained token that became the current one stays");
        assertEquals(List.of("cachebreaker: removed static/r2, of r2, no longer retained",
                "cachebreaker: removed static/" + StaleTokenCleaner.STAGING_PREFIX + "x, left by an interrupted build"),
                log.info);
    }

    @Test
    void deletingATreeDoesNotFollowLinksInIt() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("keep.txt"), "keep");
        Path dir = tree("a");
        Files.createSymbolicLink(dir.resolve("css/link"), elsewhere);
        Files.createSymbolicLink(dir.resolve("file-link"), elsewhere.resolve("keep.txt"));
        StaleTokenCleaner.deleteTree(dir);
        assertFalse(Files.exists(dir));
        assertEquals("keep", Files.readString(elsewhere.resolve("keep.txt")));
    }

    @Test
    void noStagingDirectoriesUnderAMissingParent() throws Exception {
        assertEquals(List.of(), StaleTokenCleaner.stagingDirectories(tmp.resolve("nowhere")));
    }
}
