package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.Fingerprint;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * The defect as it was seen on this demo: with the demo's pinned {@code project.build.outputTimestamp}, editing
 * {@code src/main/static/css/app.css} and building again kept the token, so browsers kept the old stylesheet for a
 * year. Runs the plugin's goal on a copy of the demo's assets, edits one file, runs it again.
 *
 * <p>In the plugin's package, to configure the goal the way Maven would.
 */
class DemoAssetsChangeTest {
    /** The demo's pinned instant, passed from the POM by surefire. */
    private static final String OUTPUT_TIMESTAMP = System.getProperty("demo.outputTimestamp");

    @TempDir
    Path tmp;

    private Path copyOfTheDemo() throws IOException {
        Path source = Path.of("src/main/static");
        Path copy = tmp.resolve("demo/src/main/static");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    private AssetsMojo mojo(String strategy, long sessionStart) {
        AssetsMojo mojo = new AssetsMojo(new DefaultBuildContext());
        mojo.basedir = tmp.resolve("demo").toFile();
        mojo.outputDirectory = tmp.resolve("demo/target/classes").toFile();
        mojo.strategy = strategy;
        mojo.prefix = "static/{token}";
        mojo.gitAbbrev = 7;
        mojo.gitDirty = "suffix";
        mojo.precompress = true;
        mojo.brotli = true;
        mojo.outputTimestamp = OUTPUT_TIMESTAMP;
        mojo.projectVersion = "0.1.0-SNAPSHOT";
        mojo.sessionStartTime = new Date(sessionStart);
        return mojo;
    }

    private TokenFile tokenFile() {
        return TokenFile.read(tmp.resolve("demo/target/classes").resolve(TokenFile.RESOURCE));
    }

    private List<String> tokenDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(tmp.resolve("demo/target/classes/static"))) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theDemoPinsOutputTimestamp() {
        assertEquals("2026-11-24T00:00:00Z", OUTPUT_TIMESTAMP, "the demo's case needs its pinned instant");
    }

    /** The old default, timestamp, with the pinned instant: the ordered part stays, the fingerprint moves. */
    @Test
    void editingAStylesheetGivesANewTokenWithThePinnedTimestamp() throws Exception {
        Path sources = copyOfTheDemo();
        mojo("timestamp", 1_800_000_000_000L).execute();
        String before = tokenFile().token();
        assertEquals("001795478400000-" + Fingerprint.of(tokenFile().manifest()), before);

        Files.writeString(sources.resolve("css/app.css"), "\nh1 { letter-spacing: 0.01em; }\n",
                java.nio.file.StandardOpenOption.APPEND);
        mojo("timestamp", 1_800_000_060_000L).execute();
        String after = tokenFile().token();
        assertEquals("001795478400000-" + Fingerprint.of(tokenFile().manifest()), after);
        assertNotEquals(before, after, "a changed stylesheet under the same token would be cached for a year");
        assertEquals(List.of(after), tokenDirectories(), "the old token's directory is gone");
        assertTrue(Files.readString(tmp.resolve("demo/target/classes/static/" + after + "/css/app.css"))
                .contains("letter-spacing"));
    }

    /** The new default, auto, outside a git checkout: the build's clock, so deploys also keep their order. */
    @Test
    void editingAStylesheetGivesANewerTokenWithTheDefaultStrategy() throws Exception {
        Path sources = copyOfTheDemo();
        mojo("auto", 1_800_000_000_000L).execute();
        String before = tokenFile().token();
        Files.writeString(sources.resolve("css/app.css"), "\nh1 { letter-spacing: 0.01em; }\n",
                java.nio.file.StandardOpenOption.APPEND);
        mojo("auto", 1_800_000_060_000L).execute();
        String after = tokenFile().token();
        assertEquals(TokenStrategy.TIMESTAMP, tokenFile().strategy());
        assertEquals("001800000060000-" + Fingerprint.of(tokenFile().manifest()), after);
        assertTrue(TokenStrategy.TIMESTAMP.compare(before, after) < 0, before + " before " + after);
        assertFalse(Files.exists(tmp.resolve("demo/target/classes/static/" + before)));
    }
}
