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

    private AssetBuild.Outcome build(String prefix, List<RetainedRelease> retained) throws Exception {
        TokenResolver resolver = new TokenResolver(BuildInstant.of("2026-01-02T03:04:05Z", null), "1.0", () -> {
            throw new AssertionError("no git");
        }, new SystemStreamLog());
        AssetBuild.Settings settings = new AssetBuild.Settings("rel", "auto", prefix, source, null, null, output,
                new Precompressor(false, new SystemStreamLog()), false, 2);
        return new AssetBuild(resolver, new SystemStreamLog(), path -> { }, retained, AssetBuild.Probe.NONE)
                .run(settings);
    }

    private List<String> entries(String dir) throws Exception {
        try (Stream<Path> list = Files.list(output.resolve(dir))) {
            return list.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void retainedReleasesAreRecordedAndTheirDirectoriesKept() throws Exception {
        TokenFile first = build("static/{token}", List.of()).tokenFile();
        Files.writeString(source.resolve("css/app.css"), "p { margin: 1px }\n");
        RetainedRelease keep = new RetainedRelease(first.token(), first.lastModified(), first.manifest());
        TokenFile second = build("static/{token}", List.of(keep)).tokenFile();
        assertEquals("rel-" + Fingerprint.of(second.manifest()), second.token());
        assertEquals(List.of(keep), second.retained());
        assertEquals(List.of(keep), TokenFile.read(output.resolve(TokenFile.RESOURCE)).retained());
        assertEquals(List.of(first.token(), second.token()).stream().sorted().toList(), entries("static"),
                "the retained release's directory stays");
    }

    @Test
    void aPrefixWithSegmentsAfterTheTokenIsStagedAndReplacedWhole() throws Exception {
        TokenFile first = build("static/{token}/assets", List.of()).tokenFile();
        assertTrue(Files.isRegularFile(output.resolve("static/" + first.token() + "/assets/css/app.css")));
        Files.writeString(source.resolve("css/app.css"), "p { margin: 1px }\n");
        TokenFile second = build("static/{token}/assets", List.of()).tokenFile();
        assertFalse(first.token().equals(second.token()));
        assertEquals("p { margin: 1px }\n",
                Files.readString(output.resolve(second.assetDirectory()).resolve("css/app.css")));
        assertEquals(List.of(second.token()), entries("static"), "the old token's whole directory is gone");
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), second.lastModified());
    }
}
