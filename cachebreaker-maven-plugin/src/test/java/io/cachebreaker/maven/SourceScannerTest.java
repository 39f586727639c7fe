package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
