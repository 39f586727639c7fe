package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.Variant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

@MojoTest
class AssetsMojoTest {
    private static final String CSS = "body { color: red; }\n".repeat(40);
    private static final Instant FIRST_COMMIT = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path tmp;

    ProjectFixture project;
    Path source;
    Path output;

    @BeforeEach
    void sources() throws IOException {
        project = new ProjectFixture(tmp);
        source = project.source;
        output = project.output;
        project.write("css/app.css", CSS);
        project.write("logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    }

    /** Points the injected mojo at the temporary project, keeping every other parameter as injected. */
    private AssetsMojo at(AssetsMojo mojo) {
        return project.at(mojo);
    }

    /** Asserts that running fails with this type and that the message holds every fragment. */
    private static void assertFails(Class<? extends Exception> type, Executable run, String... fragments) {
        String message = assertThrows(type, run).getMessage();
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), message);
        }
    }

    private TokenFile tokenFile() {
        return project.tokenFile();
    }

    private String fingerprint() {
        return project.fingerprint();
    }

    private Path assetDirectory() {
        return project.assetDirectory();
    }

    private List<String> staticEntries() throws IOException {
        return project.staticEntries();
    }

    private static java.util.Date at(String instant) {
        return java.util.Date.from(Instant.parse(instant));
    }

    /** A log that keeps warnings, to check what the build told the user. */
    private static final class WarningLog extends SystemStreamLog {
        final List<String> warnings = new java.util.ArrayList<>();

        @Override
        public void warn(CharSequence content) {
            warnings.add(content.toString());
            super.warn(content);
        }
    }

    @Test
    @InjectMojo(goal = "assets")
    void defaultsAreDocumentedOnes(AssetsMojo mojo) {
        assertEquals("auto", mojo.strategy);
        assertEquals("static/{token}", mojo.prefix);
        assertEquals(7, mojo.gitAbbrev);
        assertEquals("suffix", mojo.gitDirty);
        assertFalse(mojo.unsafeOmitFingerprint);
        assertTrue(mojo.precompress);
        assertTrue(mojo.brotli);
        assertFalse(mojo.skip);
        assertNull(mojo.token);
        assertNull(mojo.sourceDirectory);
        assertTrue(mojo.outputDirectory.toPath().endsWith(Path.of("target", "classes")),
                mojo.outputDirectory.toString());
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "timestamp")
    @MojoParameter(name = "outputTimestamp", value = "2026-01-02T03:04:05Z")
    void timestampTokenFollowsOutputTimestampAndEndsWithTheFingerprint(AssetsMojo mojo) throws Exception {
        at(mojo).execute();
        TokenFile file = tokenFile();
        assertEquals("001767323045000" + fingerprint(), file.token());
        assertEquals(TokenStrategy.TIMESTAMP, file.strategy());
        assertEquals(FIRST_COMMIT, file.lastModified());
        assertTrue(file.fingerprinted());
        assertTrue(Files.isRegularFile(output.resolve("static/" + file.token() + "/css/app.css")));
        assertEquals(List.of(file.token()), staticEntries(), "no staging directory is left");
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "timestamp")
    @MojoParameter(name = "outputTimestamp", value = "1767323045")
    void outputTimestampMayBeEpochSeconds(AssetsMojo mojo) throws Exception {
        at(mojo).execute();
        assertEquals("001767323045000" + fingerprint(), tokenFile().token());
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "timestamp")
    void timestampTokenIsSessionStartWithoutOutputTimestamp(AssetsMojo mojo) throws Exception {
        mojo.outputTimestamp = null;
        mojo.sessionStartTime = java.util.Date.from(Instant.ofEpochMilli(1732484326123L));
        at(mojo).execute();
        assertEquals("001732484326123" + fingerprint(), tokenFile().token());
    }

    /** The demo's case: a pinned outputTimestamp and a changed stylesheet. */
    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "timestamp")
    @MojoParameter(name = "outputTimestamp", value = "2026-01-02T03:04:05Z")
    void pinnedOutputTimestampWithChangedAssetsGivesANewTokenThatDoesNotClaimAnOrder(AssetsMojo mojo)
            throws Exception {
        at(mojo).execute();
        String before = tokenFile().token();
        Files.writeString(source.resolve("css/app.css"), CSS + "h1 { color: blue; }\n");
        mojo.execute();
        String after = tokenFile().token();
        assertEquals("001767323045000" + fingerprint(), after);
        assertTrue(before.startsWith("001767323045000-"), before);
        assertFalse(before.equals(after), before);
        assertEquals(0, TokenStrategy.TIMESTAMP.compare(before, after), "same ordered part: no order is claimed");
        assertEquals(List.of(after), staticEntries(), "the old token's directory is gone");
        assertEquals(CSS + "h1 { color: blue; }\n", Files.readString(assetDirectory().resolve("css/app.css")));
    }

    /** Maven 4's super POM pins 1980-02-01 for every project: that must not make every build's token the same. */
    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "timestamp")
    @MojoParameter(name = "outputTimestamp", value = "1980-02-01T00:00:00Z")
    void maven4DefaultOutputTimestampIsNotTakenAsPinned(AssetsMojo mojo) throws Exception {
        mojo.sessionStartTime = at("2026-11-24T21:32:06.123Z");
        at(mojo).execute();
        String first = tokenFile().token();
        assertEquals("001795555926123" + fingerprint(), first);
        assertEquals(Instant.parse("2026-11-24T21:32:06Z"), tokenFile().lastModified());
        Files.writeString(source.resolve("css/app.css"), CSS + "h1 { color: blue; }\n");
        mojo.sessionStartTime = at("2026-11-24T22:00:00Z");
        mojo.execute();
        String second = tokenFile().token();
        assertEquals("001795557600000" + fingerprint(), second);
        assertTrue(TokenStrategy.TIMESTAMP.compare(first, second) < 0, "deploys order by build time");
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "outputTimestamp", value = "2026-01-02T03:04:05Z")
    void autoOutsideGitTakesTheBuildClockNotOutputTimestamp(AssetsMojo mojo) throws Exception {
        mojo.sessionStartTime = java.util.Date.from(Instant.ofEpochMilli(1732484326123L));
        at(mojo).execute();
        TokenFile file = tokenFile();
        assertEquals(TokenStrategy.TIMESTAMP, file.strategy());
        assertEquals("001732484326123" + fingerprint(), file.token());
        assertEquals(FIRST_COMMIT, file.lastModified(), "Last-Modified stays reproducible");
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "outputTimestamp", value = "1980-02-01T00:00:00Z")
    void autoInsideGitChoosesGit(AssetsMojo mojo) throws Exception {
        try (GitRepositoryFixture repo = new GitRepositoryFixture(tmp.resolve("project"))) {
            RevCommit commit = repo.commit("README.md", "hello", FIRST_COMMIT);
            at(mojo).execute();
            TokenFile file = tokenFile();
            assertEquals(TokenStrategy.GIT, file.strategy());
            assertEquals("20260102030405-" + commit.name().substring(0, 7) + fingerprint(), file.token());
            assertEquals(FIRST_COMMIT, file.lastModified(), "a clean tree's Last-Modified is the commit time");
        }
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "git")
    void gitTokenIsCommitTimeAndAbbreviatedSha(AssetsMojo mojo) throws Exception {
        try (GitRepositoryFixture repo = new GitRepositoryFixture(tmp.resolve("project"))) {
            RevCommit commit = repo.commit("README.md", "hello", FIRST_COMMIT);
            at(mojo).execute();
            assertEquals("20260102030405-" + commit.name().substring(0, 7) + fingerprint(), tokenFile().token());
            assertEquals(TokenStrategy.GIT, tokenFile().strategy());
        }
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "git")
    @MojoParameter(name = "gitAbbrev", value = "12")
    void gitTokenOnDetachedHeadIsThatCommit(AssetsMojo mojo) throws Exception {
        try (GitRepositoryFixture repo = new GitRepositoryFixture(tmp.resolve("project"))) {
            RevCommit first = repo.commit("README.md", "one", FIRST_COMMIT);
            repo.commit("README.md", "two", FIRST_COMMIT.plusSeconds(3600));
            repo.git.checkout().setName(first.name()).call();
            at(mojo).execute();
            assertEquals("20260102030405-" + first.name().substring(0, 12) + fingerprint(), tokenFile().token());
        }
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "git")
    void dirtyTreeIsSuffixedIgnoredOrFatalAsAsked(AssetsMojo mojo) throws Exception {
        try (GitRepositoryFixture repo = new GitRepositoryFixture(tmp.resolve("project"))) {
            RevCommit commit = repo.commit("README.md", "hello", FIRST_COMMIT);
            String sha = commit.name().substring(0, 7);
            Files.writeString(repo.dir.resolve("README.md"), "changed");
            at(mojo).sessionStartTime = at("2026-11-24T21:32:06Z");
            mojo.execute();
            assertEquals("20261124213206-" + sha + "-dirty" + fingerprint(), tokenFile().token(),
                    "the default: the build time, the sha and -dirty");
            assertEquals(Instant.parse("2026-11-24T21:32:06Z"), tokenFile().lastModified());
            mojo.gitDirty = "ignore";
            mojo.execute();
            assertEquals("20260102030405-" + sha + fingerprint(), tokenFile().token());
            mojo.gitDirty = "fail";
            assertFails(MojoFailureException.class, mojo::execute, "uncommitted changes");
            mojo.gitDirty = "sometimes";
            assertFails(MojoFailureException.class, mojo::execute, "cachebreaker.gitDirty");
        }
    }

    /** Two builds of one dirty tree with different assets: different tokens, in build order, after the commit. */
    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "git")
    void dirtyBuildsGetDifferentTokensInBuildOrder(AssetsMojo mojo) throws Exception {
        try (GitRepositoryFixture repo = new GitRepositoryFixture(tmp.resolve("project"))) {
            RevCommit commit = repo.commit("src/main/static/css/app.css", CSS, FIRST_COMMIT);
            String sha = commit.name().substring(0, 7);
            at(mojo).execute();
            String clean = tokenFile().token();
            assertEquals("20260102030405-" + sha + fingerprint(), clean);

            Files.writeString(source.resolve("css/app.css"), CSS + "h1 { color: blue; }\n");
            mojo.sessionStartTime = at("2026-11-24T21:32:06Z");
            mojo.execute();
            String firstDirty = tokenFile().token();
            assertEquals("20261124213206-" + sha + "-dirty" + fingerprint(), firstDirty);

            Files.writeString(source.resolve("css/app.css"), CSS + "h1 { color: green; }\n");
            mojo.sessionStartTime = at("2026-11-24T21:40:00Z");
            mojo.execute();
            String secondDirty = tokenFile().token();
            assertEquals("20261124214000-" + sha + "-dirty" + fingerprint(), secondDirty);

            assertTrue(TokenStrategy.GIT.compare(clean, firstDirty) < 0, "a dirty build orders after its commit");
            assertTrue(TokenStrategy.GIT.compare(firstDirty, secondDirty) < 0, "dirty builds order by build time");
            assertEquals(List.of(secondDirty), staticEntries());
        }
    }

    /** Same commit, same bytes: the same token, and a rebuild leaves every file as it was. */
    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "git")
    void cleanTreeRebuildKeepsTheToken(AssetsMojo mojo) throws Exception {
        try (GitRepositoryFixture repo = new GitRepositoryFixture(tmp.resolve("project"))) {
            repo.commit("src/main/static/css/app.css", CSS, FIRST_COMMIT);
            repo.commit("src/main/static/logo.png", "\u0089PNG", FIRST_COMMIT);
            at(mojo).sessionStartTime = at("2026-11-24T21:32:06Z");
            mojo.execute();
            byte[] first = Files.readAllBytes(output.resolve(TokenFile.RESOURCE));
            mojo.sessionStartTime = at("2026-11-25T08:00:00Z");
            mojo.execute();
            assertArrayEquals(first, Files.readAllBytes(output.resolve(TokenFile.RESOURCE)));
        }
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "git")
    void gitTokenWorksInAShallowClone(AssetsMojo mojo) throws Exception {
        RevCommit head;
        try (GitRepositoryFixture origin = new GitRepositoryFixture(tmp.resolve("origin"))) {
            origin.commit("README.md", "one", FIRST_COMMIT);
            head = origin.commit("README.md", "two", FIRST_COMMIT.plusSeconds(60));
        }
        Path clone = tmp.resolve("clone");
        org.eclipse.jgit.api.Git.cloneRepository().setURI(tmp.resolve("origin").toUri().toString())
                .setDirectory(clone.toFile()).setDepth(1).call().close();
        assertTrue(Files.isRegularFile(clone.resolve(".git/shallow")), "the clone is shallow");
        at(mojo).basedir = clone.toFile();
        mojo.sourceDirectory = source.toFile();
        mojo.execute();
        assertEquals("20260102030505-" + head.name().substring(0, 7) + fingerprint(), tokenFile().token());
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "git")
    void noRepositoryNamesTheWaysOut(AssetsMojo mojo) {
        assertFails(MojoFailureException.class, at(mojo)::execute, "-Dcachebreaker.token", "timestamp");
        assertFalse(Files.exists(output.resolve(TokenFile.RESOURCE)));
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "git")
    @MojoParameter(name = "gitAbbrev", value = "3")
    void abbreviationOutOfRangeFails(AssetsMojo mojo) {
        assertFails(MojoFailureException.class, at(mojo)::execute, "cachebreaker.gitAbbrev");
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "version")
    @MojoParameter(name = "projectVersion", value = "1.10.0")
    void releaseVersionIsTheToken(AssetsMojo mojo) throws Exception {
        at(mojo).execute();
        assertEquals("1.10.0" + fingerprint(), tokenFile().token());
        assertEquals(TokenStrategy.VERSION, tokenFile().strategy());
    }

    /** A release version rebuilt with changed assets: {@code 1.4.2} twice, but two tokens. */
    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "version")
    @MojoParameter(name = "projectVersion", value = "1.4.2")
    void releaseVersionRebuiltWithChangedAssetsGetsANewToken(AssetsMojo mojo) throws Exception {
        at(mojo).execute();
        String first = tokenFile().token();
        assertEquals("1.4.2" + fingerprint(), first);
        Files.writeString(source.resolve("css/app.css"), CSS + "h1 { color: blue; }\n");
        mojo.execute();
        String second = tokenFile().token();
        assertEquals("1.4.2" + fingerprint(), second);
        assertFalse(first.equals(second), first);
        assertEquals(0, TokenStrategy.VERSION.compare(first, second));
        assertEquals(List.of(second), staticEntries());
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "version")
    @MojoParameter(name = "projectVersion", value = "1.5.0-SNAPSHOT")
    @MojoParameter(name = "outputTimestamp", value = "2026-01-02T03:04:05Z")
    void snapshotVersionGetsSessionStartEvenWithOutputTimestamp(AssetsMojo mojo) throws Exception {
        mojo.sessionStartTime = java.util.Date.from(Instant.parse("2026-11-24T21:32:06Z"));
        at(mojo).execute();
        String token = tokenFile().token();
        assertEquals("1.5.0-SNAPSHOT-20261124213206" + fingerprint(), token);
        assertTrue(TokenStrategy.VERSION.compare(token, "1.5.0") < 0);
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "version")
    @MojoParameter(name = "projectVersion", value = "1.0+build.5")
    void versionWithIllegalCharactersFails(AssetsMojo mojo) {
        assertFails(MojoFailureException.class, at(mojo)::execute, "'1.0+build.5'", "[A-Za-z0-9._-]");
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "token", value = "v1.2.3-ci")
    @MojoParameter(name = "strategy", value = "git")
    void explicitTokenWinsOverStrategy(AssetsMojo mojo) throws Exception {
        at(mojo).execute();
        assertEquals("v1.2.3-ci" + fingerprint(), tokenFile().token());
        assertEquals(TokenStrategy.EXPLICIT, tokenFile().strategy());
    }

    /** CI gives the same token to two builds with different assets: two tokens all the same. */
    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "token", value = "rel-7")
    void explicitTokenGivenTwiceWithChangedAssetsGetsANewToken(AssetsMojo mojo) throws Exception {
        at(mojo).execute();
        String first = tokenFile().token();
        assertEquals("rel-7" + fingerprint(), first);
        Files.writeString(source.resolve("css/app.css"), CSS + "h1 { color: blue; }\n");
        mojo.execute();
        String second = tokenFile().token();
        assertEquals("rel-7" + fingerprint(), second);
        assertFalse(first.equals(second), first);
        assertEquals(List.of(second), staticEntries());
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "token", value = "rel-7")
    @MojoParameter(name = "unsafeOmitFingerprint", value = "true")
    void unsafeOmitFingerprintWarnsAndKeepsTheBareToken(AssetsMojo mojo) throws Exception {
        WarningLog log = new WarningLog();
        mojo.setLog(log);
        at(mojo).execute();
        assertEquals("rel-7", tokenFile().token());
        assertFalse(tokenFile().fingerprinted());
        assertEquals(1, log.warnings.size(), log.warnings.toString());
        String warning = log.warnings.get(0);
        for (String fragment : List.of("unsafeOmitFingerprint", "'rel-7'", "stale", "CDNs", "cacheMaxAge")) {
            assertTrue(warning.contains(fragment), warning);
        }
        // The same token with other bytes replaces the directory, and the token file describes the new bytes.
        Files.writeString(source.resolve("css/app.css"), CSS + "h1 { color: blue; }\n");
        mojo.execute();
        assertEquals("rel-7", tokenFile().token());
        assertEquals(CSS + "h1 { color: blue; }\n", Files.readString(output.resolve("static/rel-7/css/app.css")));
        assertEquals(Variant.of(Files.readAllBytes(output.resolve("static/rel-7/css/app.css"))).sha256(),
                tokenFile().manifest().get("css/app.css").identity().sha256());
    }

    @Test
    @InjectMojo(goal = "assets")
    void illegalTokensFailNamingTokenAndCharacters(AssetsMojo mojo) {
        at(mojo);
        for (String bad : List.of("release/1.2", "..", ".", "x".repeat(65), "x".repeat(81), "a b", "caf\u00e9")) {
            mojo.token = bad;
            assertFails(MojoFailureException.class, mojo::execute, "[A-Za-z0-9._-]", "cachebreaker.token");
        }
        assertFalse(Files.exists(output.resolve(TokenFile.RESOURCE)));
    }

    @Test
    @InjectMojo(goal = "assets")
    void prefixWithoutWholeTokenSegmentFails(AssetsMojo mojo) {
        at(mojo);
        for (String bad : List.of("static/assets", "static/v{token}", "{token}")) {
            mojo.prefix = bad;
            assertFails(MojoFailureException.class, mojo::execute, "'prefix'", "cachebreaker.prefix");
        }
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "svn")
    void unknownStrategyNamesTheChoices(AssetsMojo mojo) {
        assertFails(MojoFailureException.class, at(mojo)::execute, "auto, timestamp, git, version",
                "cachebreaker.strategy");
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "strategy", value = "explicit")
    void explicitStrategyNeedsAToken(AssetsMojo mojo) {
        assertFails(MojoFailureException.class, at(mojo)::execute, "cachebreaker.token");
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "outputTimestamp", value = "yesterday")
    void unreadableOutputTimestampFails(AssetsMojo mojo) {
        assertFails(MojoFailureException.class, at(mojo)::execute, "outputTimestamp");
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "skip", value = "true")
    void skipDoesNothing(AssetsMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        at(mojo).setLog(log);
        mojo.execute();
        assertFalse(Files.exists(output));
        assertEquals(List.of("cachebreaker: skipping the assets goal, as skip (parameter 'skip', property"
                + " 'cachebreaker.skip') is true"), log.info);
    }

    /** The line a user reads after each build: the token, the counts, and whether anything was written. */
    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "token", value = "t1")
    @MojoParameter(name = "brotli", value = "false")
    void theSummaryLineSaysWhatTheBuildDid(AssetsMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        at(mojo).setLog(log);
        mojo.execute();
        String first = "cachebreaker: token " + tokenFile().token() + " (strategy explicit), 2 assets, "
                + (CSS.length() + 7) + " bytes, 1 precompressed, 3 files written, 0 previous releases retained, in ";
        String line = log.info.stream().filter(l -> l.startsWith(first)).findFirst().orElseThrow(
                () -> new AssertionError(first + " in " + log.info));
        long ms = Long.parseLong(line.substring(first.length(), line.length() - " ms".length()));
        assertTrue(ms >= 0 && ms < 600_000, line);
        log.info.clear();
        mojo.execute();
        String again = "cachebreaker: token " + tokenFile().token() + " (strategy explicit), 2 assets, "
                + (CSS.length() + 7) + " bytes, 1 precompressed, unchanged, nothing written, 0 previous releases"
                + " retained, in ";
        assertTrue(log.info.stream().anyMatch(l -> l.startsWith(again)), again + " in " + log.info + log.debug);
    }

    @Test
    @InjectMojo(goal = "assets")
    void missingDefaultSourceDirectorySkips(AssetsMojo mojo) throws Exception {
        StaleTokenCleaner.deleteTree(source);
        at(mojo).execute();
        assertFalse(Files.exists(output));
    }

    @Test
    @InjectMojo(goal = "assets")
    void missingConfiguredSourceDirectoryFails(AssetsMojo mojo) {
        at(mojo).sourceDirectory = tmp.resolve("nowhere").toFile();
        assertFails(MojoFailureException.class, mojo::execute, "cachebreaker.sourceDirectory");
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "token", value = "t1")
    void copiesPrecompressesAndDescribesAssets(AssetsMojo mojo) throws Exception {
        Files.writeString(source.resolve("app.js"), "console.log('x');\n".repeat(50));
        Files.write(source.resolve("app.js.gz"), Precompressor.gzip(new byte[] {1, 2, 3}));
        Files.writeString(source.resolve("css/app.scss"), "$x: 1;");
        mojo.excludes = List.of("**/*.scss");
        at(mojo).execute();

        Path dir = assetDirectory();
        assertEquals(output.resolve("static/t1" + fingerprint()), dir);
        assertArrayEquals(CSS.getBytes(), Files.readAllBytes(dir.resolve("css/app.css")));
        byte[] gz = Files.readAllBytes(dir.resolve("css/app.css.gz"));
        // gzip header: no name flag, mtime zero, so the bytes do not depend on when or where they were made
        assertEquals(0, gz[3]);
        assertArrayEquals(new byte[4], java.util.Arrays.copyOfRange(gz, 4, 8));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertArrayEquals(CSS.getBytes(), in.readAllBytes());
        }
        assertFalse(Files.exists(dir.resolve("css/app.scss")));
        assertFalse(Files.exists(dir.resolve("logo.png.gz")));

        TokenFile file = tokenFile();
        assertEquals(List.of("app.js", "app.js.gz", "css/app.css", "logo.png"),
                file.manifest().assets().stream().map(Asset::path).toList());
        Asset css = file.manifest().get("css/app.css");
        assertEquals(CSS.length(), css.identity().size());
        assertEquals(Variant.of(CSS.getBytes()).sha256(), css.identity().sha256());
        assertEquals(gz.length, css.variant(Encoding.GZIP).size());
        // The user's own app.js.gz is kept as it is, and app.js is not precompressed over it.
        assertTrue(file.manifest().get("app.js").encoded().isEmpty());
        assertArrayEquals(Files.readAllBytes(source.resolve("app.js.gz")),
                Files.readAllBytes(dir.resolve("app.js.gz")));
        if (PrecompressorTest.brotliShipped()) {
            assertNotNull(css.variant(Encoding.BROTLI), "brotli4j's native library is shipped for this platform");
        }
        if (css.variant(Encoding.BROTLI) != null) {
            assertEquals(css.variant(Encoding.BROTLI).size(), Files.size(dir.resolve("css/app.css.br")));
            assertTrue(Files.size(dir.resolve("css/app.css.br")) < CSS.length());
        }
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "precompress", value = "false")
    @MojoParameter(name = "token", value = "t1")
    void precompressionCanBeTurnedOff(AssetsMojo mojo) throws Exception {
        at(mojo).execute();
        assertFalse(Files.exists(assetDirectory().resolve("css/app.css.gz")));
        assertTrue(tokenFile().manifest().get("css/app.css").encoded().isEmpty());
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "token", value = "t1")
    void includesSelectFiles(AssetsMojo mojo) throws Exception {
        mojo.includes = List.of("**/*.css");
        at(mojo).execute();
        assertEquals(List.of("css/app.css"), tokenFile().manifest().assets().stream().map(Asset::path).toList());
    }

    @Test
    @InjectMojo(goal = "assets")
    void rebuildRemovesEarlierTokenButNotOtherResources(AssetsMojo mojo) throws Exception {
        at(mojo).token = "one";
        mojo.execute();
        String one = tokenFile().token();
        Path own = output.resolve("static/images/keep.png");
        Files.createDirectories(own.getParent());
        Files.writeString(own, "resources plugin output");
        mojo.token = "two";
        mojo.execute();
        String two = tokenFile().token();
        assertEquals("two" + fingerprint(), two);
        assertEquals("one" + fingerprint(), one, "same bytes, same fingerprint");
        assertFalse(Files.exists(output.resolve("static/" + one)));
        assertTrue(Files.isRegularFile(output.resolve("static/" + two + "/css/app.css")));
        assertTrue(Files.isRegularFile(own));
        assertEquals(List.of("images", two), staticEntries());
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "token", value = "t1")
    void rerunWithUnchangedInputsRewritesNothingAndDropsDeletedAssets(AssetsMojo mojo) throws Exception {
        at(mojo).execute();
        String first = tokenFile().token();
        Path copied = output.resolve("static/" + first + "/css/app.css");
        Path tokenFile = output.resolve(TokenFile.RESOURCE);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(tokenFile, old);
        FileTime copiedTime = Files.getLastModifiedTime(copied);
        Object copiedKey = Files.readAttributes(copied, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        mojo.execute();
        assertEquals(old, Files.getLastModifiedTime(tokenFile), "an unchanged re-run leaves the token file alone");
        assertEquals(copiedKey, Files.readAttributes(copied, java.nio.file.attribute.BasicFileAttributes.class)
                .fileKey(), "and the asset files");
        assertEquals(copiedTime, Files.getLastModifiedTime(copied));
        assertEquals(List.of(first), staticEntries());

        // Same size and time as the source but other bytes: the next build links it rather than reading it again.
        String marker = "X".repeat(CSS.length());
        Files.writeString(copied, marker);
        Files.setLastModifiedTime(copied, copiedTime);
        Files.delete(source.resolve("logo.png"));
        mojo.execute();
        String second = tokenFile().token();
        assertEquals("t1" + fingerprint(), second);
        assertFalse(first.equals(second), "an asset fewer, another token");
        assertEquals(marker, Files.readString(output.resolve("static/" + second + "/css/app.css")));
        assertFalse(Files.exists(output.resolve("static/" + second + "/logo.png")));
        assertEquals(List.of(second), staticEntries());
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "token", value = "t1")
    void stagingDirectoriesOfKilledBuildsAreRemoved(AssetsMojo mojo) throws Exception {
        Path orphan = output.resolve("static/" + StaleTokenCleaner.STAGING_PREFIX + "killed/css/app.css");
        Files.createDirectories(orphan.getParent());
        Files.writeString(orphan, "half");
        at(mojo).execute();
        assertEquals(List.of(tokenFile().token()), staticEntries());
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "token", value = "t1")
    void failureBeforeTheTokenFileRemovesTheNewTokenDirectory(AssetsMojo mojo) throws Exception {
        // A non-empty directory where the token file belongs: the atomic move onto it fails.
        Files.createDirectories(output.resolve(TokenFile.RESOURCE).resolve("blocker"));
        assertFails(MojoExecutionException.class, at(mojo)::execute, TokenFile.RESOURCE);
        assertEquals(List.of(), staticEntries(), "a token directory no token file names");
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "token", value = "t1")
    void symbolicLinksLeavingTheSourceDirectoryAreNotFollowed(AssetsMojo mojo) throws Exception {
        Path secret = Files.createDirectories(tmp.resolve("secret"));
        Files.writeString(secret.resolve("key.txt"), "secret");
        Files.createSymbolicLink(source.resolve("outside"), secret);
        Files.createSymbolicLink(source.resolve("key.txt"), secret.resolve("key.txt"));
        Files.createSymbolicLink(source.resolve("alias.css"), source.resolve("css/app.css"));
        at(mojo).execute();
        List<String> paths = tokenFile().manifest().assets().stream().map(Asset::path).toList();
        assertEquals(List.of("alias.css", "css/app.css", "logo.png"), paths);
    }

    @Test
    @InjectMojo(goal = "assets")
    @MojoParameter(name = "token", value = "t1")
    void sourceFilesThatCannotBeServedFailNamingTheFile(AssetsMojo mojo) throws Exception {
        Files.createDirectories(source.resolve("WEB-INF"));
        Files.writeString(source.resolve("WEB-INF/web.xml"), "<web-app/>");
        assertFails(MojoFailureException.class, at(mojo)::execute, "WEB-INF" + File.separator + "web.xml",
                "excludes");
    }
}
