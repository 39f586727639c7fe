package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.maven.GitTokenSource.DirtyPolicy;
import io.cachebreaker.maven.GitTokenSource.Head;
import io.cachebreaker.maven.GitTokenSource.Lookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HEAD as the git strategy reads it, straight from {@link GitTokenSource}: no mojo in between. */
class GitTokenSourceTest {
    private static final Instant TIME = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path tmp;

    /** A log that keeps debug lines. */
    private static final class DebugLog extends SystemStreamLog {
        final List<String> debug = new ArrayList<>();

        @Override
        public void debug(CharSequence content) {
            debug.add(content.toString());
        }
    }

    private static Head head(Path start, int abbrev, DirtyPolicy policy) throws Exception {
        Lookup lookup = new GitTokenSource(start.toFile(), abbrev, policy, new SystemStreamLog()).lookup();
        assertNull(lookup.missing());
        return lookup.head();
    }

    @Test
    void aCleanTreeIsNotDirtyUnderEveryPolicyAndUntrackedFilesDoNotCount() throws Exception {
        try (GitRepositoryFixture repo = new GitRepositoryFixture(tmp.resolve("repo"))) {
            RevCommit commit = repo.commit("README.md", "hello", TIME);
            Files.writeString(repo.dir.resolve("untracked.css"), "p {}");
            for (DirtyPolicy policy : DirtyPolicy.values()) {
                Head head = head(repo.dir, 7, policy);
                assertFalse(head.dirty(), policy.toString());
                assertEquals(TIME, head.commitTime());
                assertEquals(commit.name().substring(0, 7), head.sha());
            }
        }
    }

    @Test
    void aChangedTrackedFileIsDirtyUnlessIgnoredAndFailsUnderFail() throws Exception {
        try (GitRepositoryFixture repo = new GitRepositoryFixture(tmp.resolve("repo"))) {
            repo.commit("README.md", "hello", TIME);
            Files.writeString(repo.dir.resolve("README.md"), "changed");
            DebugLog log = new DebugLog();
            assertTrue(new GitTokenSource(repo.dir.toFile(), 7, DirtyPolicy.SUFFIX, log).lookup().head().dirty());
            assertEquals(1, log.debug.size(), "the check's time is logged");
            assertTrue(log.debug.get(0).matches("cachebreaker: git dirty check took \\d{1,6} ms"), log.debug.get(0));
            assertFalse(head(repo.dir, 7, DirtyPolicy.IGNORE).dirty(), "ignore does not look");
            MojoFailureException e = assertThrows(MojoFailureException.class,
                    () -> new GitTokenSource(repo.dir.toFile(), 7, DirtyPolicy.FAIL, new SystemStreamLog()).lookup());
            assertTrue(e.getMessage().contains("uncommitted changes"), e.getMessage());
        }
    }

    @Test
    void theAbbreviationMayBeFourToFortyDigits() throws Exception {
        try (GitRepositoryFixture repo = new GitRepositoryFixture(tmp.resolve("repo"))) {
            RevCommit commit = repo.commit("README.md", "hello", TIME);
            assertEquals(commit.name().substring(0, 4), head(repo.dir, 4, DirtyPolicy.IGNORE).sha());
            assertEquals(commit.name(), head(repo.dir, 40, DirtyPolicy.IGNORE).sha());
            for (int abbrev : new int[] {3, 41, 0, -1}) {
                MojoFailureException e = assertThrows(MojoFailureException.class,
                        () -> new GitTokenSource(repo.dir.toFile(), abbrev, DirtyPolicy.IGNORE,
                                new SystemStreamLog()));
                assertTrue(e.getMessage().contains("use 4 to 40"), e.getMessage());
                assertTrue(e.getMessage().contains("Invalid gitAbbrev " + abbrev), e.getMessage());
            }
        }
    }

    @Test
    void noRepositoryOrNoCommitIsAReasonNotAFailure() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Lookup none = new GitTokenSource(plain.toFile(), 7, DirtyPolicy.SUFFIX, new SystemStreamLog()).lookup();
        // GIT_CEILING_DIRECTORIES of the build may stop the search; without it, /tmp has no repository above.
        if (none.head() == null) {
            assertTrue(none.missing().contains("found no git repository in " + plain), none.missing());
        }
        try (Git git = Git.init().setDirectory(tmp.resolve("empty").toFile()).setInitialBranch("main").call()) {
            Lookup empty = new GitTokenSource(tmp.resolve("empty").toFile(), 7, DirtyPolicy.SUFFIX,
                    new SystemStreamLog()).lookup();
            assertNull(empty.head());
            assertTrue(empty.missing().contains("has no commit yet"), empty.missing());
        }
    }

    @Test
    void aBareRepositoryIsNeverDirty() throws Exception {
        try (GitRepositoryFixture repo = new GitRepositoryFixture(tmp.resolve("repo"))) {
            RevCommit commit = repo.commit("README.md", "hello", TIME);
            Path bare = tmp.resolve("bare.git");
            Git.cloneRepository().setURI(repo.dir.toUri().toString()).setDirectory(bare.toFile()).setBare(true)
                    .call().close();
            Head head = head(bare, 7, DirtyPolicy.FAIL);
            assertFalse(head.dirty());
            assertEquals(commit.name().substring(0, 7), head.sha());
        }
    }

    @Test
    void dirtyPoliciesParseCaseAndSpaceInsensitively() throws Exception {
        assertEquals(DirtyPolicy.SUFFIX, DirtyPolicy.parse(" Suffix "));
        assertEquals(DirtyPolicy.FAIL, DirtyPolicy.parse("FAIL"));
        assertEquals(DirtyPolicy.IGNORE, DirtyPolicy.parse("ignore"));
        assertThrows(MojoFailureException.class, () -> DirtyPolicy.parse(null));
        assertThrows(MojoFailureException.class, () -> DirtyPolicy.parse(""));
    }
}
