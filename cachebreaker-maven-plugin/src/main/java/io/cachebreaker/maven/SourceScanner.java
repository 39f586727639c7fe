package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.AssetPath;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.PatternSyntaxException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Lists the asset files of a source directory, by relative path in {@code /} form, filtered by Ant-style
 * {@code includes} and {@code excludes} ({@code **} spans directories, also none; {@code *} and {@code ?} stay within
 * one).
 *
 * <p>Symbolic links are followed only while their target stays inside the source directory: a link out of it could
 * otherwise ship any file of the build machine.
 */
final class SourceScanner {
    private final Path root;
    private final Path realRoot;
    private final List<PathMatcher> includes;
    private final List<PathMatcher> excludes;
    private final Log log;
    private final Map<String, BasicFileAttributes> attributes = new HashMap<>();
    /** No includes and no excludes: every file is selected, and no pattern needs matching. */
    private final boolean selectsAll;
    /** The root as a string with a trailing separator, the start of every path the walk reports. */
    private final String rootPrefix;

    /**
     * @param root     the existing source directory
     * @param includes patterns of files to take; empty means all
     * @param excludes patterns of files to leave out
     * @param log      for skipped links
     */
    SourceScanner(Path root, List<String> includes, List<String> excludes, Log log)
            throws MojoExecutionException, MojoFailureException {
        this.root = root;
        try {
            this.realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read the cachebreaker sourceDirectory " + root + ": " + e, e);
        }
        FileSystem fs = FileSystems.getDefault();
        this.includes = compile(fs, includes == null || includes.isEmpty() ? List.of("**") : includes, "includes");
        this.excludes = compile(fs, excludes == null ? List.of() : excludes, "excludes");
        this.selectsAll = (includes == null || includes.isEmpty()) && (excludes == null || excludes.isEmpty());
        String rootString = root.toString();
        this.rootPrefix = rootString.isEmpty() || rootString.endsWith(root.getFileSystem().getSeparator())
                ? rootString : rootString + root.getFileSystem().getSeparator();
        this.log = log;
    }

    /**
     * @return every selected regular file, by its relative path, in path order
     * @throws MojoExecutionException when the tree cannot be read
     * @throws MojoFailureException   when a path cannot be served
     */
    TreeMap<String, Path> scan() throws MojoExecutionException, MojoFailureException {
        TreeMap<String, Path> files = new TreeMap<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                                throws IOException {
                            return escapes(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                            if (attrs.isSymbolicLink()) {
                                // Following links, the walk gives a link's own attributes only when its target
                                // cannot be read: it is missing, or the link is part of a loop of links.
                                log.warn("cachebreaker: skipping " + file + ", a broken symbolic link");
                                return FileVisitResult.CONTINUE;
                            }
                            if (attrs.isRegularFile() && !escapes(file)) {
                                String relative = relative(file);
                                if (selected(relative)) {
                                    files.put(relative, file);
                                    attributes.put(relative, attrs);
                                }
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                            if (e instanceof FileSystemLoopException) {
                                log.warn("cachebreaker: not following " + file + ", a symbolic link loop");
                                return FileVisitResult.CONTINUE;
                            }
                            throw e;
                        }
                    });
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read the cachebreaker sourceDirectory " + root + " "
                    + Parameters.named("sourceDirectory") + ": " + e, e);
        }
        for (String path : files.keySet()) {
            if (!AssetPath.isValid(path)) {
                throw new MojoFailureException("cachebreaker cannot serve the source file " + files.get(path)
                        + ": " + invalidReason(path) + " Rename it, or leave it out with 'excludes'.");
            }
            if (path.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
                throw new MojoFailureException("cachebreaker cannot serve the source file " + files.get(path)
                        + ": its name has a character beyond Unicode's Basic Multilingual Plane, such as an emoji,"
                        + " and Java 17's class loader cannot open such a resource (it encodes the name as"
                        + " CESU-8). Rename it, or leave it out with 'excludes'.");
            }
            if (path.indexOf('%') >= 0) {
                throw new MojoFailureException("cachebreaker cannot serve the source file " + files.get(path)
                        + ": its name has a '%'. Its URL escape %25 is refused by Jetty 12 (ambiguous path"
                        + " encoding), and a name like '%41' would look double percent-encoded, which the servlet"
                        + " refuses. Rename it, or leave it out with 'excludes'.");
            }
        }
        return files;
    }

    /**
     * @param path a path that {@link #scan()} returned
     * @return the attributes the scan read for it (following links, as {@link Files#readAttributes} does), so that a
     *         build need not read them again; {@code null} for a path it did not return
     */
    BasicFileAttributes attributes(String path) {
        return attributes.get(path);
    }

    private static String invalidReason(String path) {
        try {
            AssetPath.requireValid(path);
            return "";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private boolean escapes(Path path) throws IOException {
        if (!Files.isSymbolicLink(path)) {
            return false;
        }
        Path target = path.toRealPath();
        if (target.startsWith(realRoot)) {
            return false;
        }
        log.warn("cachebreaker: not following the symbolic link " + path + ", which leads outside the"
                + " sourceDirectory to " + target);
        return true;
    }

    private String relative(Path file) {
        // The walk reports root.resolve(...) paths, so the relative path is the rest of the string: no Path
        // relativized and no segments joined per file. Other shapes (not expected) take the general way.
        String name = file.toString();
        if (!rootPrefix.isEmpty() && name.length() > rootPrefix.length() && name.startsWith(rootPrefix)
                && file.startsWith(root)) {
            String separator = file.getFileSystem().getSeparator();
            String rest = name.substring(rootPrefix.length());
            return separator.equals("/") ? rest : rest.replace(separator, "/");
        }
        List<String> segments = new ArrayList<>();
        for (Path segment : root.relativize(file)) {
            segments.add(segment.toString());
        }
        return String.join("/", segments);
    }

    private boolean selected(String relative) {
        if (selectsAll) {
            return true;
        }
        Path path = Path.of(relative);
        return includes.stream().anyMatch(m -> m.matches(path)) && excludes.stream().noneMatch(m -> m.matches(path));
    }

    /**
     * Turns Ant patterns into globs: a leading or inner {@code **}{@code /} may also match no directory, which a
     * plain glob does not allow, so each such pattern is added with and without it; a trailing {@code /} means
     * everything below.
     */
    private static List<PathMatcher> compile(FileSystem fs, List<String> patterns, String parameter)
            throws MojoFailureException {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String raw : patterns) {
            if (raw == null || raw.isBlank()) {
                throw new MojoFailureException("cachebreaker: the parameter '" + parameter + "' has an empty"
                        + " pattern. Remove it, or write an Ant-style pattern such as '**/*.css'.");
            }
            String pattern = raw.strip().replace('\\', '/');
            while (pattern.startsWith("/")) {
                pattern = pattern.substring(1);
            }
            if (pattern.endsWith("/")) {
                pattern += "**";
            }
            try {
                for (String variant : variants(pattern)) {
                    matchers.add(fs.getPathMatcher("glob:" + variant));
                }
            } catch (PatternSyntaxException e) {
                throw new MojoFailureException("cachebreaker: the pattern '" + raw + "' of the parameter '"
                        + parameter + "' is not a valid Ant-style pattern (" + e.getDescription() + "). Close every"
                        + " '[' and '{', or escape it with a backslash, as in '**/*.css' or 'img/\\[1\\].png'.", e);
            }
        }
        return matchers;
    }

    /** Every spelling of a pattern with each segment-leading {@code **}{@code /} kept or dropped. */
    private static List<String> variants(String pattern) {
        int at = pattern.indexOf("**/");
        while (at > 0 && pattern.charAt(at - 1) != '/') {
            at = pattern.indexOf("**/", at + 1);
        }
        if (at < 0) {
            return List.of(pattern);
        }
        String head = pattern.substring(0, at);
        List<String> out = new ArrayList<>();
        for (String tail : variants(pattern.substring(at + 3))) {
            out.add(head + "**/" + tail);
            out.add(head + tail);
        }
        return out;
    }
}
