package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenFileException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * Removes the asset directory of the previous build's token, so that an artifact built without {@code clean} never
 * ships stale copies.
 *
 * <p>Only a directory named by the previous token file is removed, never a sibling merely found under the prefix:
 * the prefix's parent (such as {@code static/}) often holds the application's own resources too.
 */
final class StaleTokenCleaner {
    private final Path outputDirectory;
    private final Log log;
    private final TokenFile previous;

    /**
     * Reads the previous token file, if any; call before the new one replaces it.
     *
     * @param outputDirectory where the token file and the asset directories live
     * @param log             for what was removed, and for an unreadable previous file
     */
    StaleTokenCleaner(Path outputDirectory, Log log) {
        this.outputDirectory = outputDirectory;
        this.log = log;
        this.previous = readPrevious(outputDirectory.resolve(TokenFile.RESOURCE), log);
    }

    private static TokenFile readPrevious(Path file, Log log) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return TokenFile.read(file);
        } catch (TokenFileException e) {
            log.warn("cachebreaker: ignoring the unreadable previous token file " + file + " (" + e.getMessage()
                    + "); run 'mvn clean' if stale assets remain");
            return null;
        }
    }

    /**
     * Whether the previous token file names a directory.
     *
     * @param directory relative to the output directory
     * @return true when the previous token file's assets live there
     */
    boolean names(String directory) {
        return previous != null && previous.assetDirectory().equals(directory);
    }

    /**
     * What the previous token file says a directory holds.
     *
     * @param directory a token directory, relative to the output directory
     * @return its manifest when the previous token file names that directory, else an empty one
     */
    AssetManifest manifestOf(String directory) {
        return names(directory) ? previous.manifest() : AssetManifest.empty();
    }

    /**
     * Removes the previous token's directory unless it is the current one.
     *
     * @param currentDirectory the current token's directory, relative to the output directory
     * @return the removed directory relative to the output directory, or {@code null}
     * @throws MojoExecutionException when it cannot be removed
     */
    String removeStale(String currentDirectory) throws MojoExecutionException {
        if (previous == null) {
            return null;
        }
        String stale = previous.assetDirectory();
        if (stale.equals(currentDirectory)) {
            return null;
        }
        Path dir = outputDirectory.resolve(stale);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw new MojoExecutionException("cachebreaker cannot remove the stale asset directory " + dir + ": " + e
                    + ". Run 'mvn clean'.", e);
        }
        log.info("cachebreaker: removed the stale asset directory " + stale + " of token " + previous.token());
        return stale;
    }

    /** Deletes a tree without following links, so a link inside it cannot lead the deletion elsewhere. */
    static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
