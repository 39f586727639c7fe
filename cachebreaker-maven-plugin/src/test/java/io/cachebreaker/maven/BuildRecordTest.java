package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build record on its own: what makes it stand for an output, and what it says changed. */
class BuildRecordTest {
    private static final Instant PAST = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    Path source;
    Path output;
    Path record;

    @BeforeEach
    void build() throws Exception {
        source = tmp.resolve("src");
        output = tmp.resolve("classes");
        record = tmp.resolve("target/cachebreaker/default.record");
        Files.createDirectories(source.resolve("css/deep"));
        Files.writeString(source.resolve("css/app.css"), "body { margin: 0 }\n".repeat(40));
        Files.writeString(source.resolve("css/deep/x.css"), "a { color: red }\n".repeat(40));
        Files.writeString(source.resolve("logo.png"), "png");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(PAST));
            }
        }
        run();
    }

    private void run() throws Exception {
        TokenResolver resolver = new TokenResolver(BuildInstant.of("2026-01-02T03:04:05Z", null), "1.0", () -> null,
                new SystemStreamLog());
        new AssetBuild(resolver, new SystemStreamLog(), path -> { }, RetainedReleases.NONE, AssetBuild.Probe.NONE)
                .run(new AssetBuild.Settings("rel", "auto", "static/{token}", source, null, null, output,
                        new Precompressor(false, new SystemStreamLog()), false, 1, record));
    }

    private String inputs() throws Exception {
        return Files.readAllLines(record).get(3).substring("inputs ".length());
    }

    private boolean holds() throws Exception {
        return BuildRecord.read(record).describes(output, inputs(), PreviousBuild.read(output, new SystemStreamLog()));
    }

    private Path tokenRoot() {
        return output.resolve(TokenFile.read(output.resolve(TokenFile.RESOURCE)).assetDirectory());
    }

    /** Gives every directory of the token tree an old time and records that, so that none is racy. */
    private void settleTheTree() throws Exception {
        try (Stream<Path> dirs = Files.walk(tokenRoot())) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Files.setLastModifiedTime(dir, FileTime.from(PAST));
            }
        }
        // Without its record, the build checks the tree file by file, finds it whole, and records it anew.
        Files.delete(record);
        run();
        assertFalse(Files.readString(record).contains("\nd -1 "), "no directory is racy now");
    }

    @Test
    void aRecordStandsForTheOutputItsBuildLeftAndNoOther() throws Exception {
        assertTrue(holds());
        assertFalse(BuildRecord.read(record).describes(tmp.resolve("elsewhere"), inputs(),
                PreviousBuild.read(output, new SystemStreamLog())), "another output directory");
        assertFalse(BuildRecord.read(record).describes(output, inputs() + "x",
                PreviousBuild.read(output, new SystemStreamLog())), "other settings");
        Files.writeString(output.resolve(TokenFile.RESOURCE), "\n", StandardCharsets.US_ASCII,
                java.nio.file.StandardOpenOption.APPEND);
        assertFalse(holds(), "a token file with other bytes");
    }

    @Test
    void anEntryAddedToOrRemovedFromASettledDirectoryIsSeenByItsTime() throws Exception {
        settleTheTree();
        assertTrue(holds());
        Files.writeString(tokenRoot().resolve("css/deep/extra.css"), "x");
        assertFalse(holds(), "a file added by hand");
        Files.delete(tokenRoot().resolve("css/deep/extra.css"));
        assertFalse(holds(), "even once removed again, the directory's time has moved on");
    }

    @Test
    void aRacyDirectoryHasItsEntriesCounted() throws Exception {
        // The build just wrote the tree: its directories' times may still be those of a later change.
        assertTrue(Files.readString(record).contains("\nd -1 "), Files.readString(record));
        assertTrue(holds());
        Files.delete(tokenRoot().resolve("css/deep/x.css"));
        assertFalse(holds());
    }

    @Test
    void changesAreTheNewTheChangedAndTheGoneInPathOrder() throws Exception {
        BuildRecord known = BuildRecord.read(record);
        Files.writeString(source.resolve("css/app.css"), "changed");
        Files.setLastModifiedTime(source.resolve("css/app.css"), FileTime.from(PAST.plusSeconds(1)));
        Files.delete(source.resolve("logo.png"));
        Files.writeString(source.resolve("new.js"), "new");
        SourceScanner scanner = new SourceScanner(source, null, null, new SystemStreamLog(), 1);
        SortedMap<String, Path> sources = scanner.scan();
        BuildRecord.Changes changes = known.changes(sources, scanner::attributes);
        assertEquals(List.of("css/app.css", "new.js"), List.copyOf(changes.changed()));
        assertEquals(Set.of("logo.png"), changes.removed());
        assertEquals(Set.of(), changes.unsettled());
    }

    @Test
    void aSourceReplacedByAnotherFileWithTheSameSizeAndTimeIsChanged() throws Exception {
        BuildRecord known = BuildRecord.read(record);
        Path app = source.resolve("css/app.css");
        Path copy = tmp.resolve("copy.css");
        Files.writeString(copy, Files.readString(app).replace('b', 'B'));
        Files.setLastModifiedTime(copy, Files.getLastModifiedTime(app));
        Files.move(copy, app, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        SourceScanner scanner = new SourceScanner(source, null, null, new SystemStreamLog(), 1);
        BuildRecord.Changes changes = known.changes(scanner.scan(), scanner::attributes);
        assertEquals(Set.of("css/app.css"), changes.changed(), "another inode");
    }

    @Test
    void anUnreadableRecordIsNone() throws Exception {
        Files.writeString(record, "# cachebreaker build record, but cut");
        assertSame(BuildRecord.NONE, BuildRecord.read(record));
        assertSame(BuildRecord.NONE, BuildRecord.read(tmp.resolve("missing")));
        assertSame(BuildRecord.NONE, BuildRecord.read(null));
        assertNull(BuildRecord.NONE.summary());
        assertFalse(BuildRecord.NONE.describes(output, "", PreviousBuild.read(output, new SystemStreamLog())));
    }
}
