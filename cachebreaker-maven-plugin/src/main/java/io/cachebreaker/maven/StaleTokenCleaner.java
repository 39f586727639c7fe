package io.cachebreaker.maven;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * Removes what a build leaves behind once the new token file is in place: the directory of the previous build's
 * token, and staging directories of builds that were killed, so that an artifact built without {@code clean} never
 * ships stale copies.
 *
 * <p>Only a directory that the previous token file names is removed, and staging directories by their reserved
 * dot-prefixed name; never a sibling merely found under the prefix: the prefix's parent (such as {@code static/})
 * often holds the application's own resources too. Directories of tokens in the {@code keep} set (retained releases)
 * stay.
 */
final class StaleTokenCleaner {
    /** The name every staging directory starts with; a dot, so no runtime takes it for a token. */
    static final String STAGING_PREFIX = ".cachebreaker-staging-";

    private final Path outputDirectory;
    private final Log log;

    /**
     * @param outputDirectory where the token file and the asset directories live
     * @param log             for what was removed
     */
    StaleTokenCleaner(Path outputDirectory, Log log) {
        this.outputDirectory = outputDirectory;
        this.log = log;
    }

    /**
     * @param previous    the build before this one
     * @param currentRoot the current token's directory, which stays
     * @param keep        tokens whose directories stay, such as retained releases
     * @return the removed directories, relative to the output directory with {@code /} separators
     * @throws MojoExecutionException when one cannot be removed
     */
    List<String> clean(PreviousBuild previous, Path currentRoot, Set<String> keep) throws MojoExecutionException {
        List<String> removed = new ArrayList<>();
        Path stale = previous.tokenRoot();
        if (stale != null && !stale.equals(currentRoot) && !keep.contains(previous.token())
                && Files.isDirectory(stale, LinkOption.NOFOLLOW_LINKS)) {
            remove(stale, "the stale asset directory", removed);
            log.info("cachebreaker: removed the stale asset directory " + relative(stale) + " of token "
                    + previous.token());
        }
        // Trees the previous build retained go too, once they fall out of retention.
        for (String token : previous.retainedTokens()) {
            Path dir = currentRoot.resolveSibling(token);
            if (!keep.contains(token) && !dir.equals(currentRoot)
                    && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                remove(dir, "the asset directory of a release no longer retained", removed);
                log.info("cachebreaker: removed " + relative(dir) + ", of " + token + ", no longer retained");
            }
        }
        for (Path orphan : stagingDirectories(currentRoot.getParent())) {
            remove(orphan, "the staging directory of an interrupted build", removed);
            log.info("cachebreaker: removed " + relative(orphan) + ", left by an interrupted build");
        }
        return removed;
    }

    private void remove(Path dir, String what, List<String> removed) throws MojoExecutionException {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw new MojoExecutionException("cachebreaker cannot remove " + what + " " + dir + ": " + e
                    + ". Run 'mvn clean'.", e);
        }
        removed.add(relative(dir));
    }

    private String relative(Path dir) {
        return outputDirectory.relativize(dir).toString().replace('\\', '/');
    }

    /** @return the staging directories under {@code parent}, such as those of killed builds */
    static List<Path> stagingDirectories(Path parent) throws MojoExecutionException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, STAGING_PREFIX + "*")) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(entry);
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cachebreaker cannot list " + parent + ": " + e, e);
        }
        return found;
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
