package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@MojoTest
class StaticZipMojoTest {
    private static final String CSS = "body { color: red; }\n".repeat(40);

    @TempDir
    Path tmp;

    ProjectFixture fixture;
    Path output;
    Path zip;
    MavenProject project;

    @BeforeEach
    void project() throws IOException {
        fixture = new ProjectFixture(tmp);
        fixture.write("css/app.css", CSS);
        fixture.write("logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        output = fixture.output;
        zip = tmp.resolve("project/target/shop-1.0-static.zip");
        project = new MavenProject();
        project.setArtifact(new DefaultArtifact("com.example", "shop", "1.0", "compile", "war", null,
                new DefaultArtifactHandler("war")));
    }

    /** Runs the assets goal with a fixed build instant and gzip only, as a project would before static-zip. */
    private TokenFile assets(AssetsMojo mojo) throws Exception {
        fixture.at(mojo).outputTimestamp = "2026-01-02T03:04:05Z";
        mojo.brotli = false;
        mojo.execute();
        return fixture.tokenFile();
    }

    private StaticZipMojo at(StaticZipMojo mojo) {
        mojo.outputDirectory = output.toFile();
        mojo.buildDirectory = tmp.resolve("project/target").toFile();
        mojo.finalName = "shop-1.0";
        mojo.project = project;
        return mojo;
    }

    @Test
    @InjectMojo(goal = "static-zip")
    void defaultsAreDocumentedOnes(StaticZipMojo mojo) {
        assertEquals("static", mojo.classifier);
        assertFalse(mojo.skip);
    }

    @Test
    void zipsTheTokenTreeSortedWithTheBuildInstantAndAttachesIt(@InjectMojo(goal = "assets") AssetsMojo assets,
            @InjectMojo(goal = "static-zip") StaticZipMojo mojo) throws Exception {
        TokenFile tokenFile = assets(assets);
        RecordingLog log = new RecordingLog();
        at(mojo).setLog(log);
        mojo.execute();
        assertEquals(List.of("cachebreaker: shop-1.0-static.zip holds 3 files under static/" + tokenFile.token()
                + "/ and its token file, attached with classifier static"), log.info);

        String dir = "static/" + tokenFile.token() + "/";
        try (ZipFile read = new ZipFile(zip.toFile())) {
            List<String> names = new ArrayList<>();
            read.stream().forEach(entry -> names.add(entry.getName()));
            assertEquals(List.of(TokenFile.RESOURCE, dir + "css/app.css", dir + "css/app.css.gz", dir + "logo.png"),
                    names, "the token file first, so a later release can retain this tree");
            for (String name : names) {
                ZipEntry entry = read.getEntry(name);
                assertEquals(LocalDateTime.of(2026, 1, 2, 3, 4, 4), entry.getTimeLocal(),
                        "the build instant, in the DOS time's two-second steps: " + name);
                try (InputStream in = read.getInputStream(entry)) {
                    assertArrayEquals(Files.readAllBytes(output.resolve(name)), in.readAllBytes(), name);
                }
            }
        }
        List<Artifact> attached = project.getAttachedArtifacts();
        assertEquals(1, attached.size());
        assertEquals("static", attached.get(0).getClassifier());
        assertEquals("zip", attached.get(0).getType());
        assertEquals(zip.toFile(), attached.get(0).getFile());
    }

    @Test
    void theSameTreeGivesTheSameBytesWhateverTheFileTimes(@InjectMojo(goal = "assets") AssetsMojo assets,
            @InjectMojo(goal = "static-zip") StaticZipMojo mojo) throws Exception {
        TokenFile tokenFile = assets(assets);
        at(mojo).execute();
        byte[] first = Files.readAllBytes(zip);

        Path css = output.resolve(tokenFile.assetDirectory()).resolve("css/app.css");
        Files.setLastModifiedTime(css, FileTime.from(Instant.parse("2030-06-07T08:09:10Z")));
        mojo.execute();
        assertArrayEquals(first, Files.readAllBytes(zip));
    }

    @Test
    void anAssetChangedAfterTheAssetsGoalFailsTheZip(@InjectMojo(goal = "assets") AssetsMojo assets,
            @InjectMojo(goal = "static-zip") StaticZipMojo mojo) throws Exception {
        TokenFile tokenFile = assets(assets);
        Files.writeString(output.resolve(tokenFile.assetDirectory()).resolve("css/app.css"), "changed");
        String message = assertThrows(MojoExecutionException.class, () -> at(mojo).execute()).getMessage();
        assertTrue(message.contains("css/app.css") && message.contains("run the assets goal again"), message);
        assertFalse(Files.exists(zip));
        assertTrue(project.getAttachedArtifacts().isEmpty());
    }

    @Test
    @InjectMojo(goal = "static-zip")
    void withoutATokenFileTheGoalSaysWhatToRun(StaticZipMojo mojo) {
        String message = assertThrows(MojoExecutionException.class, () -> at(mojo).execute()).getMessage();
        assertTrue(message.contains("Run the assets goal") && message.contains("cachebreaker.staticZip.skip"),
                message);
    }

    @Test
    @InjectMojo(goal = "static-zip")
    void skipWritesAndAttachesNothing(StaticZipMojo mojo) throws Exception {
        at(mojo).skip = true;
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("cachebreaker: skipping the static-zip goal, as skip (cachebreaker.staticZip.skip) is"
                + " true"), log.info);
        assertFalse(Files.exists(zip));
        assertTrue(project.getAttachedArtifacts().isEmpty());
    }
}
