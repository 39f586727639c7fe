package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.Fingerprint;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A project in a temporary directory for the mojo tests: where its sources and output are, how a mojo is pointed at
 * it, and what a build left there. One place for what AssetsMojoTest, AssetsMojoBadInputTest, StaticZipMojoTest and
 * BuiltAssetsServeTest each set up and read.
 */
final class ProjectFixture {
    final Path basedir;
    /** The default sourceDirectory, {@code src/main/static}. */
    final Path source;
    /** The outputDirectory the mojo is pointed at, {@code target/classes}. */
    final Path output;

    ProjectFixture(Path tmp) {
        this.basedir = tmp.resolve("project");
        this.source = basedir.resolve("src/main/static");
        this.output = basedir.resolve("target/classes");
    }

    /** Writes a source file, making its directories. */
    Path write(String path, String text) throws IOException {
        Path file = source.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Writes a source file, making its directories. */
    Path write(String path, byte[] bytes) throws IOException {
        Path file = source.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** Points an injected mojo at this project, keeping every other parameter as injected. */
    AssetsMojo at(AssetsMojo mojo) {
        mojo.basedir = basedir.toFile();
        mojo.outputDirectory = output.toFile();
        mojo.buildDirectory = basedir.resolve("target").toFile();
        return mojo;
    }

    Path tokenFilePath() {
        return output.resolve(TokenFile.RESOURCE);
    }

    /** The token file the last build left; fails when there is none or it does not parse. */
    TokenFile tokenFile() {
        return TokenFile.read(tokenFilePath());
    }

    /** {@code -} and the fingerprint of the assets the token file lists, which every token ends with. */
    String fingerprint() {
        return "-" + Fingerprint.of(tokenFile().manifest());
    }

    /** The current token's asset directory. */
    Path assetDirectory() {
        return output.resolve(tokenFile().assetDirectory());
    }

    /** The names under the prefix's parent (token directories, staging directories left behind), sorted. */
    List<String> staticEntries() throws IOException {
        Path dir = output.resolve("static");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
