package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.maven.GitTokenSource.Head;
import io.cachebreaker.maven.GitTokenSource.Lookup;
import io.cachebreaker.maven.TokenResolver.ResolvedToken;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** How each strategy makes the ordered part of a token, and which time the token file gets. */
class TokenResolverTest {
    private static final Instant PINNED = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant START = Instant.parse("2026-11-24T21:32:06.789Z");
    private static final Instant COMMIT = Instant.parse("2026-06-01T10:00:00Z");

    private static TokenResolver resolver(String outputTimestamp, String version, Lookup lookup, RecordingLog log)
            throws MojoFailureException {
        return new TokenResolver(BuildInstant.of(outputTimestamp, Date.from(START)), version, () -> lookup, log);
    }

    private static Lookup head(Instant commit, boolean dirty) {
        return new Lookup(new Head(commit, "abc1234", dirty), null);
    }

    private static final Lookup NONE = new Lookup(null, "found no git repository in /p or above it");

    @Test
    void gitCleanTakesTheCommitTimeAndDirtyTakesTheLaterOfBuildAndCommitTime() throws Exception {
        RecordingLog log = new RecordingLog();
        ResolvedToken clean = resolver(null, "1.0", head(COMMIT, false), log).resolve(null, "git");
        assertEquals(new ResolvedToken("20260601100000-abc1234", TokenStrategy.GIT, COMMIT), clean);
        assertEquals(List.of(), log.info);

        ResolvedToken pinned = resolver(PINNED.toString(), "1.0", head(COMMIT, false), log).resolve(null, "git");
        assertEquals(new ResolvedToken("20260601100000-abc1234", TokenStrategy.GIT, PINNED), pinned,
                "a pinned outputTimestamp is the file's time");

        ResolvedToken dirty = resolver(null, "1.0", head(COMMIT, true), log).resolve(null, "git");
        assertEquals(new ResolvedToken("20261124213206-abc1234-dirty", TokenStrategy.GIT, START), dirty);
        assertEquals(List.of("cachebreaker: the git work tree has uncommitted changes; the token carries the build"
                + " time and -dirty"), log.info);

        // A commit in the future of the build's clock (a skewed clock): the dirty token still orders after it.
        Instant later = START.plusSeconds(3600);
        assertEquals("20261124223206-abc1234-dirty",
                resolver(null, "1.0", head(later, true), log).resolve(null, "git").orderedPart());
        assertEquals("20261124213206-abc1234-dirty",
                resolver(null, "1.0", head(START, true), log).resolve(null, "git").orderedPart());
        assertEquals(PINNED, resolver(PINNED.toString(), "1.0", head(COMMIT, true), log).resolve(null, "git")
                .lastModified());
    }

    @Test
    void autoChoosesGitWithACommitAndTheBuildClockWithout() throws Exception {
        RecordingLog log = new RecordingLog();
        assertEquals("20260601100000-abc1234",
                resolver(PINNED.toString(), "1.0", head(COMMIT, false), log).resolve("", null).orderedPart());
        assertEquals(List.of("cachebreaker: strategy auto chose git: the project is in a git work tree with a commit"),
                log.info);
        log.info.clear();
        ResolvedToken timestamp = resolver(PINNED.toString(), "1.0", NONE, log).resolve(null, " AUTO ");
        assertEquals(new ResolvedToken(String.format("%015d", START.toEpochMilli()), TokenStrategy.TIMESTAMP, PINNED),
                timestamp, "the build's clock, never outputTimestamp");
        assertEquals(1, log.info.size());
        assertTrue(log.info.get(0).contains("chose timestamp, the build time " + START + ": it found no git"),
                log.info.get(0));
    }

    @Test
    void timestampTakesOutputTimestampUnlessItIsMaven4sDefault() throws Exception {
        RecordingLog log = new RecordingLog();
        assertEquals(new ResolvedToken(String.format("%015d", PINNED.toEpochMilli()), TokenStrategy.TIMESTAMP,
                PINNED), resolver(PINNED.toString(), "1.0", NONE, log).resolve(null, "timestamp"));
        assertEquals(List.of(), log.info);
        ResolvedToken maven4 = resolver(BuildInstant.MAVEN_4_DEFAULT, "1.0", NONE, log).resolve(null, "timestamp");
        assertEquals(String.format("%015d", START.toEpochMilli()), maven4.orderedPart());
        assertEquals(1, log.info.size());
        assertTrue(log.info.get(0).contains("Maven 4's default"), log.info.get(0));
    }

    @Test
    void versionAppendsTheSessionStartToASnapshotOnly() throws Exception {
        RecordingLog log = new RecordingLog();
        assertEquals(new ResolvedToken("1.5.0-SNAPSHOT-20261124213206", TokenStrategy.VERSION, PINNED),
                resolver(PINNED.toString(), "1.5.0-SNAPSHOT", NONE, log).resolve(null, "version"));
        assertEquals(new ResolvedToken("1.5.0", TokenStrategy.VERSION, PINNED),
                resolver(PINNED.toString(), "1.5.0", NONE, log).resolve(null, "Version"));
    }

    @Test
    void anExplicitTokenWinsAndIsChecked() throws Exception {
        RecordingLog log = new RecordingLog();
        assertEquals(new ResolvedToken("rel-7", TokenStrategy.EXPLICIT, PINNED),
                resolver(PINNED.toString(), "1.0", NONE, log).resolve("rel-7", "git"));
        String tooLong = "a".repeat(TokenStrategy.MAX_ORDERED_LENGTH + 1);
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> resolver(null, "1.0", NONE, log).resolve(tooLong, null));
        assertTrue(e.getMessage().contains("it has " + tooLong.length() + " characters"), e.getMessage());
        assertTrue(e.getMessage().contains("The token came from (parameter 'token'"), e.getMessage());
        assertEquals("a".repeat(TokenStrategy.MAX_ORDERED_LENGTH), resolver(null, "1.0", NONE, log)
                .resolve("a".repeat(TokenStrategy.MAX_ORDERED_LENGTH), null).orderedPart(), "the limit itself fits");
        MojoFailureException version = assertThrows(MojoFailureException.class,
                () -> resolver(null, "v1", NONE, log).resolve(null, "version"));
        assertTrue(version.getMessage().contains("The token came from the project version"), version.getMessage());
    }

    @Test
    void gitWithoutACommitAndUnknownOrExplicitStrategiesFailSayingWhatToDo() throws Exception {
        RecordingLog log = new RecordingLog();
        MojoFailureException git = assertThrows(MojoFailureException.class,
                () -> resolver(null, "1.0", NONE, log).resolve(null, "git"));
        assertTrue(git.getMessage().startsWith("cachebreaker strategy 'git' found no git repository"),
                git.getMessage());
        MojoFailureException unknown = assertThrows(MojoFailureException.class,
                () -> resolver(null, "1.0", NONE, log).resolve(null, "svn"));
        assertTrue(unknown.getMessage().contains("Unknown cachebreaker strategy 'svn'"), unknown.getMessage());
        MojoFailureException explicit = assertThrows(MojoFailureException.class,
                () -> resolver(null, "1.0", NONE, log).resolve(null, "explicit"));
        assertTrue(explicit.getMessage().contains("needs a token"), explicit.getMessage());
    }
}
