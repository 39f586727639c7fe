package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.Variant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.build.incremental.BuildContext;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * Issue #5's bad input for the plugin: every misconfiguration fails naming the parameter, its user property and
 * the fix; a build that fails halfway leaves nothing a later build or the runtime would trust; unreadable sources
 * get a clear error; links out of the source tree are not followed.
 */
@MojoTest
class AssetsMojoBadInputTest {
    private static final String SECRET = "CANARY-OUTSIDE-THE-SOURCES";

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
        write("css/app.css", "body { color: red; }\n".repeat(40));
        write("js/app.js", "console.log(1);\n".repeat(40));
        write("z-last.css", "p { margin: 0 }\n".repeat(40));
    }

    private void write(String path, String text) throws IOException {
        project.write(path, text);
    }

    private AssetsMojo at(AssetsMojo mojo) {
        project.at(mojo).token = "t1";
        return mojo;
    }

    /** The injected mojo's configuration on a mojo whose build context calls {@code onRefresh} for each write. */
    private AssetsMojo withContext(AssetsMojo injected, Consumer<File> onRefresh) {
        BuildContext base = new DefaultBuildContext();
        BuildContext context = (BuildContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BuildContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("refresh")) {
                        onRefresh.accept((File) args[0]);
                    }
                    try {
                        return method.invoke(base, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        AssetsMojo mojo = new AssetsMojo(context);
        mojo.strategy = injected.strategy;
        mojo.prefix = injected.prefix;
        mojo.gitAbbrev = injected.gitAbbrev;
        mojo.gitDirty = injected.gitDirty;
        mojo.precompress = injected.precompress;
        mojo.brotli = false;
        mojo.outputTimestamp = "2026-01-02T03:04:05Z";
        mojo.unsafeOmitFingerprint = injected.unsafeOmitFingerprint;
        mojo.projectVersion = injected.projectVersion;
        mojo.sessionStartTime = injected.sessionStartTime;
        return at(mojo);
    }

    private static String failure(AssetsMojo mojo) {
        Exception e = assertThrows(Exception.class, mojo::execute);
        assertTrue(e instanceof MojoExecutionException || e instanceof MojoFailureException, e.toString());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "'" + fragment + "' in: " + message);
        }
    }

    private Path tokenFilePath() {
        return project.tokenFilePath();
    }

    private TokenFile tokenFile() {
        return project.tokenFile();
    }

    /** Everything under the prefix's parent: token directories, and any staging directory left behind. */
    private List<String> staticEntries() throws IOException {
        return project.staticEntries();
    }

    /** The token file there must be describes exactly the bytes on disk: sizes and digests of every variant. */
    private void assertTokenFileIsTrustworthy() throws IOException {
        assertTrue(Files.isRegularFile(tokenFilePath()), "every caller expects the previous build's token file");
        TokenFile file = tokenFile();
        Path dir = output.resolve(file.assetDirectory());
        assertEquals(List.of("css/app.css", "js/app.js", "z-last.css"),
                file.manifest().assets().stream().map(Asset::path).filter(p -> !p.startsWith("many/")).toList());
        for (Asset asset : file.manifest().assets()) {
            byte[] bytes = Files.readAllBytes(dir.resolve(asset.path()));
            assertEquals(asset.identity().size(), bytes.length, asset.path());
            assertEquals(asset.identity().sha256(), Variant.of(bytes).sha256(), asset.path());
            for (var encoded : asset.encoded().entrySet()) {
                byte[] sibling = Files.readAllBytes(dir.resolve(asset.path() + encoded.getKey().suffix()));
                assertEquals(encoded.getValue().sha256(), Variant.of(sibling).sha256(), asset.path());
            }
        }
    }

    // --------------------------------------------------------------------------------------- misconfiguration

    @Test
    @InjectMojo(goal = "assets")
    void everyMisconfigurationNamesTheParameterItsPropertyAndTheFix(AssetsMojo injected) throws Exception {
        Path aFile = Files.writeString(tmp.resolve("a-file"), "x");
        Map<String, Consumer<AssetsMojo>> cases = new java.util.LinkedHashMap<>();
        cases.put("token", m -> m.token = "release/1.2");
        cases.put("strategy", m -> {
            m.token = null;
            m.strategy = "svn";
        });
        cases.put("explicit without token", m -> {
            m.token = null;
            m.strategy = "explicit";
        });
        cases.put("prefix", m -> m.prefix = "static/v{token}");
        cases.put("gitAbbrev", m -> {
            m.token = null;
            m.strategy = "git";
            m.gitAbbrev = 41;
        });
        cases.put("gitDirty", m -> {
            m.token = null;
            m.strategy = "git";
            m.gitDirty = "sometimes";
        });
        cases.put("outputTimestamp", m -> m.outputTimestamp = "yesterday");
        cases.put("brotliQuality", m -> m.brotliQuality = 12);
        cases.put("sourceDirectory missing", m -> m.sourceDirectory = tmp.resolve("nowhere").toFile());
        cases.put("sourceDirectory a file", m -> m.sourceDirectory = aFile.toFile());
        cases.put("includes", m -> m.includes = List.of("css/[a-"));
        cases.put("excludes", m -> m.excludes = List.of("{js,css"));
        cases.put("includes blank", m -> m.includes = List.of(" "));
        cases.put("outputDirectory a file", m -> m.outputDirectory = aFile.toFile());
        cases.put("outputDirectory inside sourceDirectory", m -> m.outputDirectory = source.resolve("out").toFile());
        cases.put("sourceDirectory inside outputDirectory", m -> {
            m.sourceDirectory = source.toFile();
            m.outputDirectory = tmp.resolve("project/src").toFile();
        });
        Map<String, String[]> expected = Map.ofEntries(
                Map.entry("token", new String[] {"'token'", "cachebreaker.token", "replace them"}),
                Map.entry("strategy", new String[] {"'strategy'", "cachebreaker.strategy", "use one of"}),
                Map.entry("explicit without token", new String[] {"'token'", "cachebreaker.token", "set the"}),
                Map.entry("prefix", new String[] {"'prefix'", "cachebreaker.prefix", "such as 'static/{token}'"}),
                Map.entry("gitAbbrev", new String[] {"'gitAbbrev'", "cachebreaker.gitAbbrev", "use 4 to 40"}),
                Map.entry("gitDirty", new String[] {"'gitDirty'", "cachebreaker.gitDirty", "use ignore"}),
                Map.entry("brotliQuality", new String[] {"'brotliQuality'", "cachebreaker.brotliQuality",
                    "use 0 to 11"}),
                Map.entry("outputTimestamp", new String[] {"'outputTimestamp'", "project.build.outputTimestamp",
                    "Fix the property"}),
                Map.entry("sourceDirectory missing", new String[] {"'sourceDirectory'",
                    "cachebreaker.sourceDirectory", "Create it"}),
                Map.entry("sourceDirectory a file", new String[] {"'sourceDirectory'",
                    "cachebreaker.sourceDirectory", "fix the path"}),
                Map.entry("includes", new String[] {"'includes'", "css/[a-", "Close every '['"}),
                Map.entry("excludes", new String[] {"'excludes'", "{js,css", "Close every"}),
                Map.entry("includes blank", new String[] {"'includes'", "Remove it"}),
                Map.entry("outputDirectory a file", new String[] {"'outputDirectory'",
                    "cachebreaker.outputDirectory", "project.build.outputDirectory"}),
                Map.entry("outputDirectory inside sourceDirectory", new String[] {"'sourceDirectory'",
                    "'outputDirectory'", "cachebreaker.outputDirectory", "Keep the sources outside"}),
                Map.entry("sourceDirectory inside outputDirectory", new String[] {"'sourceDirectory'",
                    "'outputDirectory'", "overlap"}));
        for (Map.Entry<String, Consumer<AssetsMojo>> c : cases.entrySet()) {
            AssetsMojo mojo = withContext(injected, file -> { });
            c.getValue().accept(mojo);
            String message = failure(mojo);
            assertMentions(message, expected.get(c.getKey()));
            assertFalse(Files.exists(tokenFilePath()), c.getKey() + " wrote a token file");
        }
        assertEquals(cases.keySet(), expected.keySet());
        assertTrue(Files.isRegularFile(source.resolve("css/app.css")), "no case touched the sources");
    }

    @Test
    @InjectMojo(goal = "assets")
    void aNameWithAPercentSignFailsTheBuildRatherThanBeingRefusedAtRunTime(AssetsMojo mojo) throws Exception {
        write("img/100%41.png", "x");
        assertMentions(failure(at(mojo)), "100%41.png", "double percent-encoded", "Rename it", "'excludes'");
        Files.delete(source.resolve("img/100%41.png"));
        write("img/100% sure.png", "x");
        assertMentions(failure(at(mojo)), "100% sure.png", "%25", "Jetty");
        mojo.excludes = List.of("**/*%*");
        at(mojo).execute();
        assertFalse(Files.exists(output.resolve(tokenFile().assetDirectory()).resolve("img")), "excluded");
    }

    /** Java 17's URLClassLoader encodes such a name as CESU-8 and then cannot open it: the servlet would fail. */
    @Test
    @InjectMojo(goal = "assets")
    void aNameBeyondTheBasicMultilingualPlaneFailsTheBuild(AssetsMojo mojo) throws Exception {
        write("emoji/\uD83D\uDE00.svg", "<svg/>");
        assertMentions(failure(at(mojo)), "emoji", "Basic Multilingual Plane", "Rename it", "'excludes'");
        assertFalse(Files.exists(tokenFilePath()));
    }

    // ------------------------------------------------------------------------------------- failure halfway

    /** Deletes the last source once the first asset is staged: a real I/O failure halfway, even for root. */
    private AssetBuild.Probe vanishAfterFirstWrite() {
        return new AssetBuild.Probe() {
            @Override
            public void written(Path file) throws IOException {
                Files.deleteIfExists(source.resolve("z-last.css"));
            }
        };
    }

    /** Runs the build step as the mojo does, with a probe that may fail it on the way. */
    /** One thread, so "halfway" is a fixed point: the last source vanishes before it is reached. */
    private AssetBuild.Outcome build(String token, AssetBuild.Probe probe) throws Exception {
        return build(token, probe, 1);
    }

    private AssetBuild.Outcome build(String token, AssetBuild.Probe probe, int threads) throws Exception {
        BuildInstant instant = BuildInstant.of("2026-01-02T03:04:05Z", null);
        TokenResolver resolver = new TokenResolver(instant, "1.0", () -> {
            throw new AssertionError("no git");
        }, new SystemStreamLog());
        AssetBuild.Settings settings = new AssetBuild.Settings(token, "auto", "static/{token}", source, null, null,
                output, new Precompressor(false, new SystemStreamLog()), false, threads);
        return new AssetBuild(resolver, new SystemStreamLog(), path -> { }, RetainedReleases.NONE, probe).run(settings);
    }

    private static String failure(ThrowingBuild build) {
        Exception e = assertThrows(Exception.class, build::run);
        assertTrue(e instanceof MojoExecutionException || e instanceof MojoFailureException, e.toString());
        return e.getMessage();
    }

    private interface ThrowingBuild {
        void run() throws Exception;
    }

    @Test
    @InjectMojo(goal = "assets")
    void aFirstBuildThatFailsHalfwayLeavesNoTokenFileAndNoTree(AssetsMojo injected) throws Exception {
        String message = failure(() -> build("t1", vanishAfterFirstWrite()));
        assertMentions(message, "z-last.css", "NoSuchFileException");
        assertFalse(Files.exists(tokenFilePath()));
        assertEquals(List.of(), staticEntries(), "no token directory and no staging directory");
    }

    @Test
    @InjectMojo(goal = "assets")
    void aRebuildWithChangedAssetsThatFailsHalfwayKeepsThePreviousBuildThenRecovers(AssetsMojo injected)
            throws Exception {
        build("t1", AssetBuild.Probe.NONE);
        String first = tokenFile().token();
        assertTokenFileIsTrustworthy();
        write("css/app.css", "body { color: blue; background: white; }\n".repeat(60));
        failure(() -> build("t1", vanishAfterFirstWrite()));
        assertEquals(first, tokenFile().token(), "the previous token file stays");
        assertTokenFileIsTrustworthy();
        assertEquals(List.of(first), staticEntries(), "no staging directory is left");

        write("z-last.css", "p { margin: 1px }\n");
        withContext(injected, file -> { }).execute();
        assertTokenFileIsTrustworthy();
        FileTimeProbe probe = new FileTimeProbe(tokenFilePath());
        withContext(injected, file -> { }).execute();
        assertTrue(probe.unchanged(), "an unchanged re-run still leaves the token file alone");
        assertEquals(List.of(tokenFile().token()), staticEntries());
    }

    @Test
    @InjectMojo(goal = "assets")
    void aBuildOfANewTokenThatFailsHalfwayKeepsThePreviousTokenFileAndTree(AssetsMojo injected)
            throws Exception {
        build("t1", AssetBuild.Probe.NONE);
        String first = tokenFile().token();
        write("css/app.css", "body { color: blue; background: white; }\n".repeat(60));
        failure(() -> build("t2", vanishAfterFirstWrite()));
        assertEquals(first, tokenFile().token());
        assertTokenFileIsTrustworthy();
        assertEquals(List.of(first), staticEntries(), "no tree that no token file names");
    }

    @Test
    @InjectMojo(goal = "assets")
    void aFailureOnAWorkerThreadLeavesNoTokenFileAndNothingStaged(AssetsMojo injected) throws Exception {
        for (int i = 0; i < 40; i++) {
            write("many/file" + i + ".css", ("p.x" + i + " { margin: 0 }\n").repeat(50));
        }
        List<String> failedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        AssetBuild.Probe failOnWorker = new AssetBuild.Probe() {
            @Override
            public void written(Path file) throws IOException {
                if (file.getFileName().toString().equals("file17.css")) {
                    failedOn.add(Thread.currentThread().getName());
                    throw new IOException("no space left on device, say");
                }
            }
        };
        String message = failure(() -> build("t1", failOnWorker, 4));
        assertMentions(message, "file17.css", "no space left");
        assertEquals(1, failedOn.size());
        assertTrue(failedOn.get(0).startsWith("cachebreaker-copy-"), failedOn.get(0));
        assertFalse(Files.exists(tokenFilePath()));
        assertEquals(List.of(), staticEntries(), "no token directory and no staging directory");

        String first = build("t1", AssetBuild.Probe.NONE, 4).tokenFile().token();
        write("many/file17.css", "p { margin: 1px }\n");
        failure(() -> build("t1", failOnWorker, 4));
        assertEquals(first, tokenFile().token(), "the previous token file stays");
        assertTokenFileIsTrustworthy();
        assertEquals(List.of(first), staticEntries());
    }

    @Test
    @InjectMojo(goal = "assets")
    void aFailureAfterStagingBeforeTheMoveKeepsThePreviousBuild(AssetsMojo injected) throws Exception {
        String first = build("t1", AssetBuild.Probe.NONE).tokenFile().token();
        write("css/app.css", "body { color: blue; }\n".repeat(60));
        List<Path> staged = new ArrayList<>();
        Exception e = assertThrows(Exception.class, () -> build("t1", new AssetBuild.Probe() {
            @Override
            public void staged(Path staging) throws IOException {
                staged.add(staging);
                assertTrue(Files.isRegularFile(staging.resolve("z-last.css")), "staging is complete");
                throw new IOException("disk full, say");
            }
        }));
        assertMentions(e.getMessage(), "disk full", "stage");
        assertEquals(1, staged.size());
        assertFalse(Files.exists(staged.get(0)), "the staging directory is removed");
        assertEquals(first, tokenFile().token());
        assertTokenFileIsTrustworthy();
        assertEquals(List.of(first), staticEntries());

        // Killed at that point instead: the staging directory stays until the next build removes it.
        Path orphan = output.resolve("static/" + StaleTokenCleaner.STAGING_PREFIX + "killed");
        Files.createDirectories(orphan);
        Files.writeString(orphan.resolve("half.css"), "half");
        String second = build("t1", AssetBuild.Probe.NONE).tokenFile().token();
        assertFalse(first.equals(second));
        assertTokenFileIsTrustworthy();
        assertEquals(List.of(second), staticEntries());
    }

    private record FileTimeProbe(Path file, java.nio.file.attribute.FileTime before) {
        FileTimeProbe(Path file) throws IOException {
            this(file, Files.getLastModifiedTime(file));
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        }

        boolean unchanged() throws IOException {
            return Files.getLastModifiedTime(file).toMillis() == 1_000_000_000_000L;
        }
    }

    // ------------------------------------------------------------------------------------ unreadable sources

    /**
     * A source that cannot be read once the copy reaches it, for root too (permissions do not stop root, and CI runs
     * as root): after the first asset is staged, js/app.js becomes a directory, which no one can read as a file.
     */
    @Test
    @InjectMojo(goal = "assets")
    void anUnreadableSourceFileFailsNamingIt(AssetsMojo injected) throws Exception {
        Path locked = source.resolve("js/app.js");
        String message = failure(() -> build("t1", new AssetBuild.Probe() {
            @Override
            public void written(Path file) throws IOException {
                if (Files.isRegularFile(locked)) {
                    Files.delete(locked);
                    Files.createDirectory(locked);
                }
            }
        }));
        assertMentions(message, locked.toString(), "cannot copy the asset", "Is a directory");
        assertFalse(Files.exists(tokenFilePath()));
        assertEquals(List.of(), staticEntries(), "no token directory and no staging directory");
    }

    /**
     * A source tree that cannot be walked fails naming the parameter: the directory goes away between the
     * configuration check and the walk, which fails for root too, as a directory without read permission does for
     * other users.
     */
    @Test
    void anUnreadableSourceDirectoryFailsNamingTheParameter() throws Exception {
        SourceScanner scanner = new SourceScanner(source, List.of(), List.of(), new SystemStreamLog(), 1);
        try (Stream<Path> all = Files.walk(source)) {
            for (Path path : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        MojoExecutionException e = assertThrows(MojoExecutionException.class, scanner::scan);
        assertMentions(e.getMessage(), "Cannot read the cachebreaker sourceDirectory " + source, "'sourceDirectory'",
                "cachebreaker.sourceDirectory", "NoSuchFileException");
    }

    // ------------------------------------------------------------------------------------------ links

    @Test
    @InjectMojo(goal = "assets")
    void noLinkOutOfTheSourceTreeIsCopiedHoweverItIsSpelled(AssetsMojo mojo) throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("key.txt"), SECRET);
        Files.createDirectories(source.resolve("links"));
        // relative, through '..'
        Files.createSymbolicLink(source.resolve("links/relative.txt"), Path.of("../../../../outside/key.txt"));
        Files.createSymbolicLink(source.resolve("links/relative-dir"), Path.of("../../../../outside"));
        // a chain: inside to inside to outside
        Files.createSymbolicLink(source.resolve("links/hop.txt"), outside.resolve("key.txt"));
        Files.createSymbolicLink(source.resolve("links/chain.txt"), source.resolve("links/hop.txt"));
        // a link to a directory inside that itself holds a link out
        Files.createDirectories(source.resolve("inner"));
        Files.createSymbolicLink(source.resolve("inner/out"), outside);
        Files.createSymbolicLink(source.resolve("via-inner"), source.resolve("inner"));
        // the root of the file system and a parent of the sources
        Files.createSymbolicLink(source.resolve("root"), Path.of("/"));
        Files.createSymbolicLink(source.resolve("parent"), tmp.resolve("project"));
        at(mojo).execute();

        List<String> listed = tokenFile().manifest().assets().stream().map(Asset::path).toList();
        assertEquals(List.of("css/app.css", "js/app.js", "z-last.css"), listed);
        try (Stream<Path> all = Files.walk(output)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(SECRET),
                        file.toString());
            }
        }
    }
}
