package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceScannerTest {
    @TempDir
    Path root;

    @BeforeEach
    void files() throws Exception {
        for (String path : List.of("app.css", "css/site.css", "css/vendor/lib/x.css", "css/site.scss", "js/app.js",
                "js/app.js.map")) {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, path);
        }
    }

    private List<String> scan(List<String> includes, List<String> excludes) throws Exception {
        return List.copyOf(new SourceScanner(root, includes, excludes, new SystemStreamLog(), 1).scan().keySet());
    }

    @Test
    void antPatternsLetDoubleStarMatchNoDirectoryToo() throws Exception {
        assertEquals(List.of("app.css", "css/site.css", "css/vendor/lib/x.css"), scan(List.of("**/*.css"), null));
        assertEquals(List.of("css/site.css", "css/vendor/lib/x.css"), scan(List.of("css/**/*.css"), null));
        assertEquals(List.of("css/vendor/lib/x.css"), scan(List.of("**/vendor/**/*.css"), null));
        assertEquals(List.of("js/app.js", "js/app.js.map"), scan(List.of("js/"), null));
        assertEquals(List.of("app.css", "css/site.css", "js/app.js"),
                scan(List.of(), List.of("**/vendor/**", "**/*.scss", "**/*.map")));
    }

    /** A log that keeps warnings. */
    private static final class WarningLog extends SystemStreamLog {
        final List<String> warnings = new java.util.ArrayList<>();

        @Override
        public void warn(CharSequence content) {
            warnings.add(content.toString());
        }
    }

    @Test
    void aNameStartingWithAPercentSignFails() throws Exception {
        Files.writeString(root.resolve("%41.css"), "x");
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> scan(null, null));
        assertTrue(e.getMessage().contains("%41.css"), e.getMessage());
        assertTrue(e.getMessage().contains("its name has a '%'"), e.getMessage());
        assertEquals(List.of("app.css"), scan(List.of("app.css"), null), "excluded, it does not count");
    }

    @Test
    void aLinkLoopIsWarnedAboutAndNotFollowed() throws Exception {
        Files.createSymbolicLink(root.resolve("css/vendor/up"), root.resolve("css"));
        WarningLog log = new WarningLog();
        List<String> scanned = List.copyOf(new SourceScanner(root, null, null, log, 1).scan().keySet());
        assertEquals(List.of("app.css", "css/site.css", "css/site.scss", "css/vendor/lib/x.css", "js/app.js",
                "js/app.js.map"), scanned);
        assertEquals(1, log.warnings.size(), log.warnings.toString());
        assertTrue(log.warnings.get(0).contains("symbolic link loop"), log.warnings.get(0));
        assertTrue(log.warnings.get(0).contains(root.resolve("css/vendor/up").toString()), log.warnings.get(0));
    }

    @Test
    void aBrokenLinkIsWarnedAboutAndSkipped() throws Exception {
        Files.createSymbolicLink(root.resolve("css/gone.css"), root.resolve("css/never-there.css"));
        // A link to itself cannot be followed either (ELOOP), for root too.
        Files.createSymbolicLink(root.resolve("self.css"), Path.of("self.css"));
        WarningLog log = new WarningLog();
        List<String> scanned = List.copyOf(new SourceScanner(root, List.of("**/*.css"), null, log, 1).scan().keySet());
        assertEquals(List.of("app.css", "css/site.css", "css/vendor/lib/x.css"), scanned);
        assertEquals(2, log.warnings.size(), log.warnings.toString());
        assertTrue(log.warnings.stream().allMatch(w -> w.contains("a broken symbolic link")), log.warnings.toString());
        assertTrue(log.warnings.stream().anyMatch(w -> w.contains(root.resolve("css/gone.css").toString())));
        assertTrue(log.warnings.stream().anyMatch(w -> w.contains(root.resolve("self.css").toString())));
    }

    @Test
    void linksThatStayInsideAreFollowedAndThoseThatLeaveAreNot(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("secret.css"), "x");
        Files.createSymbolicLink(root.resolve("inside.css"), root.resolve("css/site.css"));
        Files.createSymbolicLink(root.resolve("outside.css"), outside.resolve("secret.css"));
        Files.createSymbolicLink(root.resolve("outdir"), outside);
        WarningLog log = new WarningLog();
        List<String> scanned = List.copyOf(new SourceScanner(root, List.of("**/*.css"), null, log, 1).scan().keySet());
        assertEquals(List.of("app.css", "css/site.css", "css/vendor/lib/x.css", "inside.css"), scanned);
        assertEquals(2, log.warnings.size(), log.warnings.toString());
        assertTrue(log.warnings.stream().allMatch(w -> w.contains("leads outside the sourceDirectory")),
                log.warnings.toString());
    }

    @Test
    void patternsAreTrimmedAndMayUseBackslashesOrALeadingSlash() throws Exception {
        assertEquals(List.of("css/site.css"), scan(List.of(" /css/*.css "), null));
        assertEquals(List.of("css/site.css"), scan(List.of("css\\*.css"), null));
        assertEquals(List.of("css/vendor/lib/x.css"), scan(List.of("//css/vendor/"), null));
    }

    @Test
    void blankOrMalformedPatternsFailNamingTheParameter() {
        for (List<String> patterns : List.of(List.of(""), java.util.Arrays.asList((String) null), List.of("[a-"))) {
            MojoFailureException e = assertThrows(MojoFailureException.class,
                    () -> new SourceScanner(root, null, patterns, new SystemStreamLog(), 1));
            assertTrue(e.getMessage().contains("'excludes'"), e.getMessage());
        }
    }

    /** What one scan found and said: each path with the scanned size, time and file key, and the warnings. */
    private record Scanned(Map<String, String> files, List<String> warnings) {
    }

    private Scanned scanWith(Path directory, int threads) throws Exception {
        WarningLog log = new WarningLog();
        SourceScanner scanner = new SourceScanner(directory, null, null, log, threads);
        Map<String, String> files = new TreeMap<>();
        for (Map.Entry<String, Path> entry : scanner.scan().entrySet()) {
            BasicFileAttributes attributes = scanner.attributes(entry.getKey());
            files.put(entry.getKey(), entry.getValue() + " " + attributes.size() + " "
                    + attributes.lastModifiedTime() + " " + attributes.fileKey());
        }
        return new Scanned(files, log.warnings);
    }

    @Test
    void theResultIsTheSameOnAnyNumberOfThreads(@TempDir Path outside) throws Exception {
        List<String> paths = new ArrayList<>(List.of("app.css", "css/site.css", "css/site.scss",
                "css/vendor/lib/x.css", "inside.css", "js/app.js", "js/app.js.map", "nested/a1/lib/x.css"));
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 4; b++) {
                Path file = Files.createDirectories(root.resolve("nested/a" + a + "/b" + b)).resolve("f.css");
                Files.writeString(file, "x".repeat(a * 4 + b));
                Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000L * (a * 4 + b)));
                paths.add("nested/a" + a + "/b" + b + "/f.css");
            }
        }
        Collections.sort(paths);
        Files.writeString(outside.resolve("secret.css"), "x");
        Files.createSymbolicLink(root.resolve("inside.css"), root.resolve("css/site.css"));
        Files.createSymbolicLink(root.resolve("nested/a1/lib"), root.resolve("css/vendor/lib"));
        Files.createSymbolicLink(root.resolve("outside.css"), outside.resolve("secret.css"));
        Files.createSymbolicLink(root.resolve("nested/outdir"), outside);
        Files.createSymbolicLink(root.resolve("css/gone.css"), root.resolve("css/never-there.css"));
        Files.createSymbolicLink(root.resolve("css/vendor/up"), root.resolve("css"));

        Scanned one = scanWith(root, 1);
        assertEquals(paths, List.copyOf(one.files().keySet()));
        assertEquals(List.of("a broken symbolic link", "a symbolic link loop", "leads outside the sourceDirectory",
                "leads outside the sourceDirectory"), one.warnings().stream()
                .map(w -> w.replaceAll(".*(a broken symbolic link|a symbolic link loop|leads outside the"
                        + " sourceDirectory).*", "$1")).toList(), "in path order: " + one.warnings());
        for (int threads : new int[] {2, 4}) {
            for (int run = 0; run < 5; run++) {
                assertEquals(one, scanWith(root, threads), threads + " threads");
            }
        }
    }

    @Test
    void aFollowedLinkToAFileHasTheAttributesOfItsTarget() throws Exception {
        Path target = root.resolve("css/vendor/lib/x.css");
        Files.writeString(target, "x".repeat(1000));
        Files.setLastModifiedTime(target, FileTime.fromMillis(1_234_000L));
        Files.createSymbolicLink(root.resolve("link.css"), target);
        BasicFileAttributes expected = Files.readAttributes(target, BasicFileAttributes.class);
        for (int threads : new int[] {1, 2}) {
            SourceScanner scanner = new SourceScanner(root, null, null, new SystemStreamLog(), threads);
            assertEquals(root.resolve("link.css"), scanner.scan().get("link.css"));
            BasicFileAttributes scanned = scanner.attributes("link.css");
            assertTrue(scanned.isRegularFile());
            assertEquals(1000, scanned.size());
            assertEquals(expected.lastModifiedTime(), scanned.lastModifiedTime());
            assertEquals(expected.fileKey(), scanned.fileKey());
        }
    }

    @Test
    void aRootThatIsALinkIsWalkedUnderItsOwnPath(@TempDir Path elsewhere) throws Exception {
        Path link = Files.createSymbolicLink(elsewhere.resolve("source"), root);
        Files.createSymbolicLink(root.resolve("inside.css"), root.resolve("css/site.css"));
        for (int threads : new int[] {1, 2}) {
            SourceScanner scanner = new SourceScanner(link, List.of("**/*.css"), null, new SystemStreamLog(), threads);
            TreeMap<String, Path> scanned = scanner.scan();
            assertEquals(List.of("app.css", "css/site.css", "css/vendor/lib/x.css", "inside.css"),
                    List.copyOf(scanned.keySet()));
            assertEquals(link.resolve("css/vendor/lib/x.css"), scanned.get("css/vendor/lib/x.css"));
        }
    }

    /**
     * A tree that cannot be read fails on the calling thread, on any number of threads. No permission stops root,
     * which runs these tests on some machines; a path longer than the system takes (PATH_MAX, 4096 bytes on Linux,
     * 1024 on macOS) stops every user. Such a path cannot be made at once, so short directories are nested first and
     * renamed to long names from the deepest up, and renamed back before the temporary directory is removed.
     */
    @Test
    void aTreeThatCannotBeReadFailsTheScanOnTheCallingThread() throws Exception {
        int depth = 20;
        String longName = "d".repeat(250);
        Path deep = root.resolve("deep");
        Path deepest = deep;
        for (int i = 0; i < depth; i++) {
            deepest = deepest.resolve("d");
        }
        Files.createDirectories(deepest);
        Files.writeString(deepest.resolve("f.css"), "x");
        for (Path dir = deepest; !dir.equals(deep); dir = dir.getParent()) {
            Files.move(dir, dir.resolveSibling(longName));
        }
        try {
            for (int threads : new int[] {1, 2, 4}) {
                MojoExecutionException e = assertThrows(MojoExecutionException.class,
                        () -> new SourceScanner(root, null, null, new SystemStreamLog(), threads).scan());
                assertTrue(e.getMessage().startsWith("Cannot read the cachebreaker sourceDirectory " + root + " "),
                        e.getMessage());
                assertTrue(e.getMessage().contains("'sourceDirectory'"), e.getMessage());
                assertNotNull(e.getCause(), e.getMessage());
            }
        } finally {
            Path dir = deep;
            for (int i = 0; i < depth; i++) {
                dir = Files.move(dir.resolve(longName), dir.resolve("d"));
            }
        }
    }
}
