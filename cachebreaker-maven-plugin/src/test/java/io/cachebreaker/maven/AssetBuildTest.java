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
        AssetBuild.Probe mustNotStage = new AssetBuild.Probe() {
            @Override
            public void written(Path file) {
                throw new AssertionError("wrote " + file);
            }

            @Override
            public void staged(Path staging) {
                throw new AssertionError("staged " + staging);
            }
        };
        AssetBuild.Outcome again = build("static/{token}", RetainedReleases.NONE, mustNotStage);
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
}
