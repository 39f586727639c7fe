package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.CachebreakerInitializer;
import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.JettyContainer;
import io.cachebreaker.runtime.testing.SiteFixture;
import io.cachebreaker.runtime.testing.TomcatContainer;
import io.cachebreaker.runtime.tokenfile.RetainedRelease;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * Keeping previous releases' trees: from static zips (by path and by coordinates), from directories, and carried
 * forward from the output directory of a build without clean; the count, the byte cap, missing sources, and zips
 * that are corrupt or try to escape, each of which fails naming the source and the fix and leaves nothing behind.
 */
class RetentionTest {
    @TempDir
    Path tmp;

    Path output;
    /** Each release's token as built, by the name given: tokens may end with a fingerprint, so none is spelled out. */
    final Map<String, String> tokens = new HashMap<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> infos = new ArrayList<>();

    @BeforeEach
    void setUp() {
        output = tmp.resolve("app/target/classes");
    }

    /** A release's sources: css and js that change with the release, and an asset only that release has. */
    private Path sources(String release) throws IOException {
        Path dir = tmp.resolve("sources-" + release);
        write(dir.resolve("css/app.css"), ("body { color: #" + release.hashCode() + "; }\n").repeat(60));
        write(dir.resolve("js/app.js"), ("console.log('" + release + "');\n").repeat(60));
        write(dir.resolve("js/only-" + release + ".js"), ("export const r = '" + release + "';\n").repeat(40));
        Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) release.length()});
        return dir;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private AssetsMojo mojo(String token, Path sources, Path out, int second) {
        AssetsMojo mojo = new AssetsMojo(new DefaultBuildContext());
        mojo.basedir = tmp.resolve("app").toFile();
        mojo.sourceDirectory = sources.toFile();
        mojo.outputDirectory = out.toFile();
        mojo.token = token;
        mojo.prefix = "static/{token}";
        mojo.strategy = "timestamp";
        mojo.gitDirty = "ignore";
        mojo.gitAbbrev = 7;
        mojo.precompress = true;
        mojo.brotli = false;
        mojo.projectVersion = "2.0.0";
        mojo.projectGroupId = "com.example";
        mojo.projectArtifactId = "shop";
        mojo.outputTimestamp = String.format("2026-01-02T03:04:%02dZ", second);
        mojo.retainReleases = RetentionSettings.DEFAULT_RELEASES;
        mojo.retainMaxBytes = RetentionSettings.DEFAULT_MAX_BYTES;
        mojo.retainMissing = "fail";
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
                super.warn(content);
            }

            @Override
            public void info(CharSequence content) {
                infos.add(content.toString());
                super.info(content);
            }
        });
        return mojo;
    }

    /** Builds a release on its own, as its own CI run would, and zips it as the static-zip goal does. */
    private Path release(String token, int second) throws Exception {
        Path out = tmp.resolve("release-" + token + "/classes");
        mojo(token, sources(token), out, second).execute();
        tokens.put(token, TokenFile.read(out.resolve(TokenFile.RESOURCE)).token());
        Path zip = tmp.resolve("release-" + token + "/shop-" + token + "-static.zip");
        new StaticZip(out, TokenFile.read(out.resolve(TokenFile.RESOURCE))).writeTo(zip);
        return zip;
    }

    private Path releaseOutput(String token) {
        return tmp.resolve("release-" + token + "/classes");
    }

    /** Runs a build into {@code output} and notes its token. */
    private void run(AssetsMojo mojo) throws Exception {
        mojo.execute();
        tokens.put(mojo.token, tokenFile().token());
    }

    /** @return the token built for a name */
    private String tok(String name) {
        return tokens.getOrDefault(name, name);
    }

    /** @return the token directory of a name, relative to an output directory */
    private String dir(String name) {
        return "static/" + tok(name);
    }

    private List<String> retainedTokens() {
        return tokenFile().retained().stream().map(RetainedRelease::token).toList();
    }

    private List<String> toks(String... names) {
        return Stream.of(names).map(this::tok).toList();
    }

    private TokenFile tokenFile() {
        return TokenFile.read(output.resolve(TokenFile.RESOURCE));
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** Every file of a retained tree is byte-identical to the release's own build, siblings included. */
    private void assertSameTree(String token) throws IOException {
        Path original = releaseOutput(token).resolve(dir(token));
        Path retained = output.resolve(dir(token));
        assertEquals(files(original), files(retained), token);
        for (String file : files(original)) {
            assertArrayEquals(Files.readAllBytes(original.resolve(file)), Files.readAllBytes(retained.resolve(file)),
                    file);
        }
    }

    /** No staging directory, no retained or current tree, no token file: nothing half-written. */
    private void assertNothingLeft() throws IOException {
        assertFalse(Files.exists(output.resolve(TokenFile.RESOURCE)), "no token file");
        assertEquals(List.of(), files(output.resolve("static")), "nothing under static/");
        if (Files.isDirectory(output.resolve("static"))) {
            try (Stream<Path> list = Files.list(output.resolve("static"))) {
                assertEquals(List.of(), list.toList(), "no directory under static/, staging included");
            }
        }
    }

    private static void assertMessage(Exception e, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' in: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------------- sources

    @Test
    void aStaticZipByPathIsRetainedByteForByteAndListedInTheTokenFile() throws Exception {
        Path zip = release("rel-1", 1);
        AssetsMojo mojo = mojo("rel-2", sources("rel-2"), output, 2);
        mojo.retainPaths = List.of(zip.toFile());
        run(mojo);

        TokenFile file = tokenFile();
        assertTrue(file.token().startsWith("rel-2"), file.token());
        TokenFile first = TokenFile.read(releaseOutput("rel-1").resolve(TokenFile.RESOURCE));
        assertEquals(List.of(new RetainedRelease(first.token(), first.lastModified(), first.manifest())),
                file.retained());
        assertSameTree("rel-1");
        assertTrue(Files.isRegularFile(output.resolve(dir("rel-1")).resolve("js/only-rel-1.js")));
        assertTrue(Files.isRegularFile(output.resolve(dir("rel-1")).resolve("css/app.css.gz")));
        assertFalse(Files.exists(output.resolve(dir("rel-2")).resolve("js/only-rel-1.js")));
        assertTrue(infos.stream().anyMatch(line -> line.contains("retained 1 previous release")
                && line.contains(tok("rel-1")) && line.contains("bytes")), infos.toString());
    }

    @Test
    void previousReleasesResolveFromTheRepositoryNewestFirstUpToTheCount() throws Exception {
        Path one = release("rel-1", 1);
        Path two = release("rel-2", 2);
        Path three = release("rel-3", 3);
        List<String> asked = new ArrayList<>();
        AssetsMojo mojo = mojo("rel-4", sources("rel-4"), output, 4);
        mojo.retainPreviousReleases = true;
        mojo.releaseRepository = new ReleaseRepository() {
            @Override
            public List<String> releasedVersionsBelow(Coordinates coordinates, String below) {
                assertEquals("com.example:shop:zip:static:PREVIOUS_RELEASES", coordinates.toString());
                assertEquals("2.0.0", below);
                return List.of("1.2", "1.1", "1.0");
            }

            @Override
            public Path resolve(Coordinates coordinates) {
                asked.add(coordinates.toString());
                return switch (coordinates.version()) {
                    case "1.2" -> three;
                    case "1.1" -> two;
                    default -> one;
                };
            }
        };
        run(mojo);
        assertEquals(List.of("com.example:shop:zip:static:1.2", "com.example:shop:zip:static:1.1"), asked);
        assertEquals(toks("rel-3", "rel-2"), retainedTokens());
        assertSameTree("rel-3");
        assertSameTree("rel-2");
    }

    @Test
    void latestReleaseIsTheNewestOneOnly() throws Exception {
        Path two = release("rel-2", 2);
        List<String> asked = new ArrayList<>();
        AssetsMojo mojo = mojo("rel-4", sources("rel-4"), output, 4);
        mojo.retainArtifacts = List.of("com.example:shop:LATEST_RELEASE");
        mojo.releaseRepository = new ReleaseRepository() {
            @Override
            public List<String> releasedVersionsBelow(Coordinates coordinates, String below) {
                return List.of("1.1", "1.0");
            }

            @Override
            public Path resolve(Coordinates coordinates) {
                asked.add(coordinates.toString());
                return two;
            }
        };
        run(mojo);
        assertEquals(List.of("com.example:shop:zip:static:1.1"), asked);
        assertEquals(toks("rel-2"), retainedTokens());
    }

    @Test
    void aFirstReleaseFindsNoPreviousReleaseAndBuilds() throws Exception {
        AssetsMojo mojo = mojo("rel-1", sources("rel-1"), output, 1);
        mojo.retainPreviousReleases = true;
        mojo.releaseRepository = new ReleaseRepository() {
            @Override
            public List<String> releasedVersionsBelow(Coordinates coordinates, String below) {
                return List.of();
            }

            @Override
            public Path resolve(Coordinates coordinates) {
                throw new AssertionError("nothing to resolve");
            }
        };
        run(mojo);
        assertEquals(List.of(), tokenFile().retained());
        assertTrue(infos.stream().anyMatch(line -> line.contains("no previous release to retain")), infos.toString());
    }

    @Test
    void anUnpackedDirectoryIsRetainedToo() throws Exception {
        release("rel-1", 1);
        AssetsMojo mojo = mojo("rel-2", sources("rel-2"), output, 2);
        mojo.retainPaths = List.of(releaseOutput("rel-1").toFile());
        run(mojo);
        assertEquals(toks("rel-1"), retainedTokens());
        assertSameTree("rel-1");
    }

    @Test
    void theCurrentTokenIsNeverRetained() throws Exception {
        Path zip = release("rel-1", 1);
        // The same release built again (same bytes, so the same token, fingerprint or not) offered to itself.
        AssetsMojo mojo = mojo("rel-1", sources("rel-1"), output, 2);
        mojo.retainPaths = List.of(zip.toFile());
        run(mojo);
        assertEquals(tok("rel-1"), tokenFile().token());
        assertEquals(List.of(), tokenFile().retained());
        assertTrue(infos.stream().anyMatch(line -> line.contains("it is the current token")), infos.toString());
    }

    @Test
    void theRuntimeServesTheRetainedTreeByteForByteInJettyAndTomcat() throws Exception {
        Path zip = release("rel-1", 1);
        AssetsMojo mojo = mojo("rel-2", sources("rel-2"), output, 2);
        mojo.retainPaths = List.of(zip.toFile());
        run(mojo);
        Path r1 = releaseOutput("rel-1").resolve(dir("rel-1"));
        // Older than the current token and of the same shape (fingerprint or not), but not retained.
        String older = tok("rel-2").replaceFirst("^rel-2", "rel-0");
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        int n = 0;
        for (Container.Factory factory : List.of(JettyContainer.FACTORY, TomcatContainer.FACTORY)) {
            Container.Setup setup = new Container.Setup(SiteFixture.loader(output), tmp.resolve("work-" + n++))
                    .initializer(new CachebreakerInitializer());
            try (Container container = factory.start(setup)) {
                assertTrue(container.available());
                for (String path : List.of("css/app.css", "js/app.js", "js/only-rel-1.js")) {
                    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                            container.origin().resolve("/ctx/" + dir("rel-1") + "/" + path)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, response.statusCode(), path);
                    assertArrayEquals(Files.readAllBytes(r1.resolve(path)), response.body(), path);
                }
                HttpResponse<byte[]> gzipped = client.send(HttpRequest.newBuilder(
                        container.origin().resolve("/ctx/" + dir("rel-1") + "/css/app.css"))
                        .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
                assertArrayEquals(Files.readAllBytes(r1.resolve("css/app.css.gz")), gzipped.body());
                HttpResponse<byte[]> moved = client.send(HttpRequest.newBuilder(
                        container.origin().resolve("/ctx/static/" + older + "/css/app.css")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(301, moved.statusCode(), "a token that is not retained still redirects");
                assertEquals("/ctx/" + dir("rel-2") + "/css/app.css", moved.headers().firstValue("Location")
                        .orElse(null));
            }
        }
    }

    // ----------------------------------------------------------------------------------------- missing sources

    @Test
    void aMissingPathFailsNamingItAndTheFix() throws Exception {
        Path gone = tmp.resolve("ci-cache/shop-static.zip");
        AssetsMojo mojo = mojo("rel-2", sources("rel-2"), output, 2);
        mojo.retainPaths = List.of(gone.toFile());
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertMessage(e, gone.toString(), "does not exist", "cachebreaker.retain.paths", "retainMissing",
                "cachebreaker.retain.missing", "'warn'");
        assertNothingLeft();
    }

    @Test
    void aMissingPathOnlyWarnsWithRetainMissingWarn() throws Exception {
        Path gone = tmp.resolve("ci-cache/shop-static.zip");
        AssetsMojo mojo = mojo("rel-2", sources("rel-2"), output, 2);
        mojo.retainPaths = List.of(gone.toFile());
        mojo.retainMissing = "warn";
        run(mojo);
        assertEquals(List.of(), tokenFile().retained());
        assertTrue(warnings.stream().anyMatch(line -> line.contains(gone.toString())), warnings.toString());
    }

    @Test
    void anArtifactNoRepositoryHasIsMissing() throws Exception {
        AssetsMojo mojo = mojo("rel-2", sources("rel-2"), output, 2);
        mojo.retainArtifacts = List.of("com.example:shop:1.0");
        mojo.releaseRepository = new ReleaseRepository() {
            @Override
            public List<String> releasedVersionsBelow(Coordinates coordinates, String below) {
                throw new AssertionError("an exact version needs no listing");
            }

            @Override
            public Path resolve(Coordinates coordinates) throws MissingSourceException {
                throw new MissingSourceException("Could not find artifact " + coordinates);
            }
        };
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertMessage(e, "com.example:shop:zip:static:1.0", "cannot be resolved", "cachebreaker.retain.artifacts",
                "static-zip", "retainMissing");
        assertNothingLeft();

        mojo.retainMissing = "warn";
        run(mojo);
        assertEquals(List.of(), tokenFile().retained());
    }

    @Test
    void badSettingsNameTheParameter() throws Exception {
        AssetsMojo mojo = mojo("rel-2", sources("rel-2"), output, 2);
        mojo.retainOutput = true;
        mojo.retainMissing = "ignore";
        assertMessage(assertThrows(MojoExecutionException.class, mojo::execute), "cachebreaker.retain.missing");
        mojo.retainMissing = "fail";
        mojo.retainMaxBytes = "lots";
        assertMessage(assertThrows(MojoExecutionException.class, mojo::execute), "cachebreaker.retain.maxBytes",
                "64MiB");
        mojo.retainMaxBytes = "64MiB";
        mojo.retainArtifacts = List.of("shop:1.0");
        assertMessage(assertThrows(MojoExecutionException.class, mojo::execute), "retainArtifacts",
                "groupId:artifactId");
    }

    @Test
    void sizesParse() throws Exception {
        assertEquals(64L << 20, RetentionSettings.parseBytes("64MiB"));
        assertEquals(64L << 20, RetentionSettings.parseBytes(null));
        assertEquals(1000, RetentionSettings.parseBytes("1000"));
        assertEquals(3L << 10, RetentionSettings.parseBytes("3k"));
        assertEquals(1L << 30, RetentionSettings.parseBytes("1 GiB"));
    }

    // ---------------------------------------------------------------------------------------------------- the cap

    @Test
    void theCapDropsTheOldestReleasesWithAWarning() throws Exception {
        Path one = release("rel-1", 1);
        Path two = release("rel-2", 2);
        long sum = 0;
        for (String file : files(releaseOutput("rel-2").resolve(dir("rel-2")))) {
            sum += Files.size(releaseOutput("rel-2").resolve(dir("rel-2")).resolve(file));
        }
        long oneRelease = sum;
        AssetsMojo mojo = mojo("rel-3", sources("rel-3"), output, 3);
        mojo.retainPaths = List.of(one.toFile(), two.toFile());
        mojo.retainMaxBytes = String.valueOf(oneRelease + 10);
        run(mojo);
        assertEquals(toks("rel-2"), retainedTokens(),
                "the newest fits, the oldest is dropped");
        assertFalse(Files.exists(output.resolve(dir("rel-1"))));
        assertTrue(warnings.stream().anyMatch(line -> line.contains("not retaining " + tok("rel-1"))
                && line.contains("cachebreaker.retain.maxBytes")), warnings.toString());
        assertTrue(infos.stream().anyMatch(line -> line.contains(oneRelease + " bytes")), infos.toString());
    }

    @Test
    void theCountKeepsTheNewest() throws Exception {
        Path one = release("rel-1", 1);
        Path two = release("rel-2", 2);
        AssetsMojo mojo = mojo("rel-3", sources("rel-3"), output, 3);
        // Given oldest first: the order of the build instants counts, not the configured order.
        mojo.retainPaths = List.of(one.toFile(), two.toFile());
        mojo.retainReleases = 1;
        run(mojo);
        assertEquals(toks("rel-2"), retainedTokens());
        assertFalse(Files.exists(output.resolve(dir("rel-1"))));
    }

    // ----------------------------------------------------------------------------------- bad and unsafe zips

    @Test
    void aCorruptZipFailsNamingItAndLeavesNothing() throws Exception {
        Path zip = tmp.resolve("broken-static.zip");
        Files.write(zip, "PK\u0003\u0004 this is not a zip at all".getBytes(StandardCharsets.ISO_8859_1));
        AssetsMojo mojo = mojo("rel-2", sources("rel-2"), output, 2);
        mojo.retainPaths = List.of(zip.toFile());
        mojo.retainMissing = "warn";
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute,
                "corrupt is not missing: warn does not apply");
        assertMessage(e, zip.toString(), "corrupt", "retainPaths", "cachebreaker.retain.paths");
        assertNothingLeft();
    }

    @Test
    void aTamperedFileFailsTheChecksAndLeavesNothing() throws Exception {
        Path zip = release("rel-1", 1);
        Path tampered = tmp.resolve("tampered.zip");
        rewrite(zip, tampered, (name, bytes) -> name.endsWith("css/app.css")
                ? "body { color: hotpink }".getBytes(StandardCharsets.UTF_8) : bytes, null);
        AssetsMojo mojo = mojo("rel-2", sources("rel-2"), output, 2);
        mojo.retainPaths = List.of(tampered.toFile());
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertMessage(e, tampered.toString(), "css/app.css", "bytes where the manifest says", "Nothing of it was kept");
        assertNothingLeft();
    }

    @Test
    void entriesThatEscapeFailBeforeAnythingIsExtracted() throws Exception {
        Path zip = release("rel-1", 1);
        String[][] cases = {
            {"../evil.js", "'..'"},
            {"static/rel-1/../../evil.js", "'..'"},
            {"/etc/evil.js", "absolute"},
            {"static\\rel-1\\evil.js", "backslash"},
            {"C:/evil.js", "drive letter"},
            {"static/other/evil.js", "outside " + dir("rel-1") + "/"},
            {"WEB-INF/web.xml", "outside " + dir("rel-1") + "/"},
        };
        for (String[] bad : cases) {
            Path unsafe = tmp.resolve("unsafe-" + Integer.toHexString(bad[0].hashCode()) + ".zip");
            rewrite(zip, unsafe, (name, bytes) -> bytes, bad[0]);
            Files.deleteIfExists(output.resolve(TokenFile.RESOURCE));
            AssetsMojo mojo = mojo("rel-2", sources("rel-2"), output, 2);
            mojo.retainPaths = List.of(unsafe.toFile());
            MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute, bad[0]);
            assertMessage(e, unsafe.toString(), bad[1], "Nothing of it was extracted", "cachebreaker.retain.paths");
            assertNothingLeft();
        }
    }

    @Test
    void anExtraFileInTheTokenDirectoryFails() throws Exception {
        Path zip = release("rel-1", 1);
        Path extra = tmp.resolve("extra.zip");
        rewrite(zip, extra, (name, bytes) -> bytes, dir("rel-1") + "/js/injected.js");
        AssetsMojo mojo = mojo("rel-2", sources("rel-2"), output, 2);
        mojo.retainPaths = List.of(extra.toFile());
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertMessage(e, "injected.js", "does not list", "Nothing of it was kept");
        assertNothingLeft();
    }

    @Test
    void aSymbolicLinkEntryFails() throws Exception {
        Path zip = release("rel-1", 1);
        Path linked = tmp.resolve("linked.zip");
        rewrite(zip, linked, (name, bytes) -> name.endsWith("logo.png") ? "/etc/passwd".getBytes() : bytes, null);
        markUnixMode(linked, dir("rel-1") + "/logo.png", 0120777);
        AssetsMojo mojo = mojo("rel-2", sources("rel-2"), output, 2);
        mojo.retainPaths = List.of(linked.toFile());
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertMessage(e, linked.toString(), "logo.png", "symbolic link", "Nothing of it was extracted");
        assertNothingLeft();
    }

    @Test
    void aZipWithoutTokenFileIsMissingItsDescription() throws Exception {
        Path zip = release("rel-1", 1);
        Path old = tmp.resolve("old-static.zip");
        rewrite(zip, old, (name, bytes) -> name.equals(TokenFile.RESOURCE) ? null : bytes, null);
        AssetsMojo mojo = mojo("rel-2", sources("rel-2"), output, 2);
        mojo.retainPaths = List.of(old.toFile());
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertMessage(e, old.toString(), TokenFile.RESOURCE, "retainMissing");
    }

    private interface EntryRewrite {
        byte[] apply(String name, byte[] bytes);
    }

    /** Copies a zip, changing or dropping entries, and adding one more entry when {@code extra} is set. */
    private static void rewrite(Path from, Path to, EntryRewrite change, String extra) throws IOException {
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(from.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                byte[] bytes = change.apply(entry.getName(), in.getInputStream(entry).readAllBytes());
                if (bytes != null) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    out.write(bytes);
                    out.closeEntry();
                }
            }
            if (extra != null) {
                out.putNextEntry(new ZipEntry(extra));
                out.write("alert(1)".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    /** Sets an entry's Unix mode in the central directory, as zip -y stores a symbolic link. */
    private static void markUnixMode(Path zip, String name, int mode) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (int i = 0; i + 46 < bytes.length; i++) {
            if (buffer.getInt(i) == 0x02014b50 && (buffer.getShort(i + 28) & 0xffff) == wanted.length
                    && java.util.Arrays.equals(bytes, i + 46, i + 46 + wanted.length, wanted, 0, wanted.length)) {
                buffer.put(i + 5, (byte) 3);
                buffer.putInt(i + 38, mode << 16);
                found = true;
            }
        }
        assertTrue(found, name);
        try (OutputStream out = Files.newOutputStream(zip)) {
            out.write(bytes);
        }
    }

    // ---------------------------------------------------------------------------- carrying forward without clean

    @Test
    void withoutCleanTheOutputCarriesForwardTheNewestAndDropsTheRest() throws Exception {
        List<String> names = List.of("t1", "t2", "t3", "t4");
        for (int i = 0; i < names.size(); i++) {
            AssetsMojo mojo = mojo(names.get(i), sources(names.get(i)), output, i + 1);
            mojo.retainOutput = true;
            run(mojo);
        }
        assertEquals(toks("t3", "t2"), retainedTokens());
        assertTrue(Files.isRegularFile(output.resolve(dir("t3")).resolve("js/only-t3.js")));
        assertTrue(Files.isRegularFile(output.resolve(dir("t2")).resolve("js/only-t2.js")));
        assertFalse(Files.exists(output.resolve(dir("t1"))), "fell out of retention, so deleted");
        try (Stream<Path> list = Files.list(output.resolve("static"))) {
            assertEquals(toks("t2", "t3", "t4"), list.map(p -> p.getFileName().toString()).sorted().toList());
        }

        // Retention switched off: the next build removes every retained tree, as it removes the previous token's.
        AssetsMojo plain = mojo("t5", sources("t5"), output, 5);
        run(plain);
        assertEquals(List.of(), tokenFile().retained());
        try (Stream<Path> list = Files.list(output.resolve("static"))) {
            assertEquals(toks("t5"), list.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aCarriedForwardTreeThatWasChangedFails() throws Exception {
        AssetsMojo first = mojo("t1", sources("t1"), output, 1);
        run(first);
        Files.writeString(output.resolve(dir("t1")).resolve("js/app.js"), "edited by hand");
        AssetsMojo second = mojo("t2", sources("t2"), output, 2);
        second.retainOutput = true;
        MojoExecutionException e = assertThrows(MojoExecutionException.class, second::execute);
        assertMessage(e, tok("t1"), "js/app.js", "mvn clean", "cachebreaker.retain.output");
        try (Stream<Path> list = Files.list(output.resolve("static"))) {
            assertEquals(toks("t1"), list.map(p -> p.getFileName().toString()).toList(),
                    "the new tree is removed again");
        }
    }

    @Test
    void aRebuildWithoutCleanKeepsTheRetainedTreeWithoutRewritingIt() throws Exception {
        Path zip = release("rel-1", 1);
        AssetsMojo mojo = mojo("rel-2", sources("rel-2"), output, 2);
        mojo.retainPaths = List.of(zip.toFile());
        run(mojo);
        Path css = output.resolve(dir("rel-1")).resolve("css/app.css");
        long before = Files.getLastModifiedTime(css).toMillis();
        Files.setLastModifiedTime(css, java.nio.file.attribute.FileTime.fromMillis(before - 5000));
        run(mojo);
        assertEquals(before - 5000, Files.getLastModifiedTime(css).toMillis(), "verified in place, not rewritten");
        assertEquals(toks("rel-1"), retainedTokens());
        assertSameTree("rel-1");
    }
}
