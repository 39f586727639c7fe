package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.Fingerprint;
import io.cachebreaker.runtime.tokenfile.RetainedRelease;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build step's seams: retained releases, and a prefix with segments after the token. */
class AssetBuildTest {
    @TempDir
    Path tmp;

    Path source;
    Path output;

    @BeforeEach
    void sources() throws Exception {
        source = tmp.resolve("src");
        output = tmp.resolve("classes");
        Files.createDirectories(source.resolve("css"));
        Files.writeString(source.resolve("css/app.css"), "p { margin: 0 }\n".repeat(40));
    }

    private AssetBuild.Outcome build(String prefix, RetainedReleases retention) throws Exception {
        return build(prefix, retention, AssetBuild.Probe.NONE);
    }

    private AssetBuild.Outcome build(String prefix, RetainedReleases retention, AssetBuild.Probe probe)
            throws Exception {
        TokenResolver resolver = new TokenResolver(BuildInstant.of("2026-01-02T03:04:05Z", null), "1.0", () -> {
            throw new AssertionError("no git");
        }, new SystemStreamLog());
        AssetBuild.Settings settings = new AssetBuild.Settings("rel", "auto", prefix, source, null, null, output,
                new Precompressor(false, new SystemStreamLog()), false, 2);
        return new AssetBuild(resolver, new SystemStreamLog(), path -> { }, retention, probe).run(settings);
    }

    private List<String> entries(String dir) throws Exception {
        try (Stream<Path> list = Files.list(output.resolve(dir))) {
            return list.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    /** A re-run with the same inputs does not even stage: nothing in the output is created, touched or removed. */
    @Test
    void aRerunWithTheSameInputsStagesNothing() throws Exception {
        Files.writeString(source.resolve("app.js"), "console.log(1);\n".repeat(40));
        TokenFile first = build("static/{token}", RetainedReleases.NONE).tokenFile();
        AssetBuild.Outcome again = build("static/{token}", RetainedReleases.NONE, Probes.MUST_NOT_STAGE);
        assertFalse(again.published());
        assertEquals(0, again.written());
        assertEquals(List.of(), again.removed());
        assertEquals(first, again.tokenFile());
        assertEquals(List.of(first.token()), entries("static"));

        // One changed asset: staged, and the unchanged one is linked from the previous directory.
        Files.writeString(source.resolve("css/app.css"), "p { margin: 1px }\n".repeat(40));
        AssetBuild.Outcome changed = build("static/{token}", RetainedReleases.NONE);
        assertTrue(changed.published());
        assertEquals(2, changed.written(), "app.css and its .gz; app.js and its .gz are linked");
    }

    @Test
    void retainedReleasesAreRecordedAndTheirDirectoriesKept() throws Exception {
        TokenFile first = build("static/{token}", RetainedReleases.NONE).tokenFile();
        Files.writeString(source.resolve("css/app.css"), "p { margin: 1px }\n");
        RetainedRelease keep = new RetainedRelease(first.token(), first.lastModified(), first.manifest());
        RetainedReleases previousOutput = new RetainedReleases(new RetentionSettings(1, false, List.of(), List.of(),
                true, RetentionSettings.Missing.FAIL, 1 << 20), ReleaseRepository.NONE, "g", "a", "1.0",
                new SystemStreamLog());
        TokenFile second = build("static/{token}", previousOutput).tokenFile();
        assertEquals("rel-" + Fingerprint.of(second.manifest()), second.token());
        assertEquals(List.of(keep), second.retained());
        assertEquals(List.of(keep), TokenFile.read(output.resolve(TokenFile.RESOURCE)).retained());
        assertEquals(List.of(first.token(), second.token()).stream().sorted().toList(), entries("static"),
                "the retained release's directory stays");
    }

    @Test
    void aPrefixWithSegmentsAfterTheTokenIsStagedAndReplacedWhole() throws Exception {
        TokenFile first = build("static/{token}/assets", RetainedReleases.NONE).tokenFile();
        assertTrue(Files.isRegularFile(output.resolve("static/" + first.token() + "/assets/css/app.css")));
        Files.writeString(source.resolve("css/app.css"), "p { margin: 1px }\n");
        TokenFile second = build("static/{token}/assets", RetainedReleases.NONE).tokenFile();
        assertFalse(first.token().equals(second.token()));
        assertEquals("p { margin: 1px }\n",
                Files.readString(output.resolve(second.assetDirectory()).resolve("css/app.css")));
        assertEquals(List.of(second.token()), entries("static"), "the old token's whole directory is gone");
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), second.lastModified());
    }

    private AssetBuild.Outcome build(String token, boolean omitFingerprint, RecordingLog log) throws Exception {
        TokenResolver resolver = new TokenResolver(BuildInstant.of("2026-01-02T03:04:05Z", null), "1.0", () -> {
            throw new AssertionError("no git");
        }, log);
        AssetBuild.Settings settings = new AssetBuild.Settings(token, "auto", "static/{token}", source, null, null,
                output, new Precompressor(false, log), omitFingerprint, 1);
        return new AssetBuild(resolver, log, path -> { }, RetainedReleases.NONE, AssetBuild.Probe.NONE).run(settings);
    }

    /**
     * Touched sources with the same bytes: the previous manifest cannot vouch for them (their times moved), so they
     * are staged; the staged tree equals the existing one, so nothing is published and the staging goes.
     */
    @Test
    void touchedSourcesWithTheSameBytesPublishNothingAndLeaveNoStaging() throws Exception {
        TokenFile first = build("rel", false, new RecordingLog()).tokenFile();
        Files.setLastModifiedTime(source.resolve("css/app.css"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2030-01-01T00:00:00Z")));
        RecordingLog log = new RecordingLog();
        AssetBuild.Outcome again = build("rel", false, log);
        assertTrue(log.info.stream().noneMatch(line -> line.contains("interrupted build")),
                "the build removes its own staging directory, not the cleaner: " + log.info);
        assertFalse(again.published());
        assertEquals(0, again.written());
        assertEquals(first.token(), again.tokenFile().token());
        assertEquals(List.of(first.token()), entries("static"), "no staging directory is left");
    }

    /** Without the fingerprint, other bytes under the same token replace the tree, withdrawing the file first. */
    @Test
    void withoutTheFingerprintOtherBytesReplaceTheTreeUnderTheSameToken() throws Exception {
        RecordingLog log = new RecordingLog();
        build("rel", true, log);
        assertTrue(log.warnings.stream().anyMatch(w -> w.startsWith("cachebreaker: unsafeOmitFingerprint is true, so"
                + " the token 'rel' does not end with the fingerprint")), log.warnings.toString());
        Files.writeString(source.resolve("css/app.css"), "p { margin: 1px }\n");
        AssetBuild.Outcome again = build("rel", true, log);
        assertTrue(again.published());
        assertEquals("rel", again.tokenFile().token());
        assertEquals("p { margin: 1px }\n", Files.readString(output.resolve("static/rel/css/app.css")));
        assertEquals(again.tokenFile(), TokenFile.read(output.resolve(TokenFile.RESOURCE)));
        assertTrue(log.debug.stream().anyMatch(d -> d.contains("withdrew") && d.contains("asset directory it names")),
                log.debug.toString());
        assertEquals(List.of("rel"), entries("static"));
    }

    /** An output that is a link into the sources overlaps them, however it is spelled. */
    @Test
    void anOutputLinkedIntoTheSourcesIsRefused() throws Exception {
        Path inside = Files.createDirectories(source.resolve("out"));
        Files.createDirectories(output.getParent());
        Files.createSymbolicLink(output, inside);
        org.apache.maven.plugin.MojoFailureException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.apache.maven.plugin.MojoFailureException.class, () -> build("rel", false, new RecordingLog()));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    }
}
