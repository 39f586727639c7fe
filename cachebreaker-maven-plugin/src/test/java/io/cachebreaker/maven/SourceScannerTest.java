package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        return List.copyOf(new SourceScanner(root, includes, excludes, new SystemStreamLog()).scan().keySet());
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
        List<String> scanned = List.copyOf(new SourceScanner(root, null, null, log).scan().keySet());
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
        List<String> scanned = List.copyOf(new SourceScanner(root, List.of("**/*.css"), null, log).scan().keySet());
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
        List<String> scanned = List.copyOf(new SourceScanner(root, List.of("**/*.css"), null, log).scan().keySet());
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
                    () -> new SourceScanner(root, null, patterns, new SystemStreamLog()));
            assertTrue(e.getMessage().contains("'excludes'"), e.getMessage());
        }
    }
}
