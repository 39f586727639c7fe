package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.AssetPath;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicReference;
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
 *
 * <p>The scan is on the path of every build, also one with nothing to do, so each entry is read once without
 * following links (a regular file costs that one {@code lstat}) and only links are read again; directories are listed
 * on up to {@code threads} threads. What it finds, and what it warns about, is sorted afterwards, so the result does
 * not depend on the threads.
 */
final class SourceScanner {
    private final Path root;
    private final Path realRoot;
    private final List<PathMatcher> includes;
    private final List<PathMatcher> excludes;
    private final Log log;
    private final int threads;
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
     * @param threads  how many directories to list at once; 1 lists them on the calling thread
     */
    SourceScanner(Path root, List<String> includes, List<String> excludes, Log log, int threads)
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
        this.threads = Math.max(1, threads);
    }

    /**
     * @return every selected regular file, by its relative path, in path order
     * @throws MojoExecutionException when the tree cannot be read
     * @throws MojoFailureException   when a path cannot be served
     */
    TreeMap<String, Path> scan() throws MojoExecutionException, MojoFailureException {
        Walk walk = new Walk();
        try {
            walk.run();
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read the cachebreaker sourceDirectory " + root + " "
                    + Parameters.named("sourceDirectory") + ": " + e, e);
        } finally {
            // On the calling thread, as a Log need not be thread-safe, and in path order, whatever the threads.
            List<Warning> warnings = new ArrayList<>(walk.warnings);
            warnings.sort(Comparator.comparing(Warning::path));
            for (Warning warning : warnings) {
                log.warn(warning.message());
            }
        }
        TreeMap<String, Path> files = new TreeMap<>();
        boolean servable = true;
        for (List<Found> listed : walk.found) {
            for (Found found : listed) {
                files.put(found.relative(), found.path());
                attributes.put(found.relative(), found.attributes());
                servable &= found.servable();
            }
        }
        if (!servable) {
            for (String path : files.keySet()) {
                requireServable(path, files.get(path));
            }
        }
        return files;
    }

    /** A directory to list: where the walk reached it, its file key, and the directory it was reached from. */
    private record Directory(Path path, Object key, Directory parent) {
    }

    /** A selected file; {@code servable} is checked on the worker that found it, so the caller only rechecks misses. */
    private record Found(String relative, Path path, BasicFileAttributes attributes, boolean servable) {
    }

    private record Warning(Path path, String message) {
    }

    /** One scan: filled from any thread, read by the calling thread once every directory is listed. */
    private final class Walk {
        final Queue<List<Found>> found = new ConcurrentLinkedQueue<>();
        final Queue<Warning> warnings = new ConcurrentLinkedQueue<>();
        /** The first failure, which stops the listing of further directories. */
        final AtomicReference<IOException> failure = new AtomicReference<>();

        void run() throws IOException {
            // The root may be a link itself (links are checked against its real path); its key tells a link back.
            BasicFileAttributes top = Files.readAttributes(root, BasicFileAttributes.class);
            Directory start = new Directory(root, top.fileKey(), null);
            if (threads == 1) {
                Deque<Directory> pending = new ArrayDeque<>();
                pending.push(start);
                while (!pending.isEmpty()) {
                    pending.addAll(list(pending.pop()));
                }
                return;
            }
            ForkJoinPool pool = new ForkJoinPool(threads, new Workers("cachebreaker-scan"), null, false);
            try {
                pool.invoke(new Listing(start));
            } finally {
                pool.shutdownNow();
            }
            IOException e = failure.get();
            if (e != null) {
                throw e;
            }
        }

        /** Lists one directory, keeps its files, and returns its subdirectories, those reached by a link too. */
        List<Directory> list(Directory directory) throws IOException {
            List<Found> files = new ArrayList<>();
            List<Directory> subdirectories = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.path())) {
                // Where the platform offers it (Linux), an entry's attributes are read relative to the open
                // directory (fstatat), which spares the kernel a walk of the whole path for each of thousands.
                SecureDirectoryStream<Path> open = entries instanceof SecureDirectoryStream<Path> secure ? secure
                        : null;
                for (Path entry : entries) {
                    BasicFileAttributes attrs = open == null
                            ? Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                            : open.getFileAttributeView(entry.getFileName(), BasicFileAttributeView.class,
                                    LinkOption.NOFOLLOW_LINKS).readAttributes();
                    boolean link = attrs.isSymbolicLink();
                    if (link) {
                        attrs = followed(entry);
                        if (attrs == null) {
                            continue;
                        }
                    }
                    if (attrs.isDirectory()) {
                        if (loops(directory, entry, attrs.fileKey())) {
                            warn(entry, "cachebreaker: not following " + entry + ", a symbolic link loop");
                        } else if (!link || !leavesRoot(entry)) {
                            subdirectories.add(new Directory(entry, attrs.fileKey(), directory));
                        }
                    } else if (attrs.isRegularFile() && (!link || !leavesRoot(entry))) {
                        String relative = relative(entry);
                        if (selected(relative)) {
                            files.add(new Found(relative, entry, attrs, servable(relative)));
                        }
                    }
                }
            } catch (DirectoryIteratorException e) {
                throw e.getCause();
            }
            found.add(files);
            return subdirectories;
        }

        /** The attributes of a link's target, or {@code null}, warned about, when it has none to read. */
        private BasicFileAttributes followed(Path link) {
            try {
                return Files.readAttributes(link, BasicFileAttributes.class);
            } catch (IOException e) {
                // A missing target, or a loop of links (ELOOP): either way the link leads to nothing to read.
                warn(link, "cachebreaker: skipping " + link + ", a broken symbolic link");
                return null;
            }
        }

        /**
         * Whether a directory is one the walk is already in, as a walk following links tells a loop: by file key, or
         * where the file system has none, by {@link Files#isSameFile}.
         */
        private boolean loops(Directory parent, Path dir, Object key) {
            for (Directory ancestor = parent; ancestor != null; ancestor = ancestor.parent()) {
                if (key != null && ancestor.key() != null) {
                    if (key.equals(ancestor.key())) {
                        return true;
                    }
                } else {
                    try {
                        if (Files.isSameFile(dir, ancestor.path())) {
                            return true;
                        }
                    } catch (IOException e) {
                        // As the JDK's walk does: not comparable is not a loop.
                    }
                }
            }
            return false;
        }

        private boolean leavesRoot(Path link) throws IOException {
            Path target = link.toRealPath();
            if (target.startsWith(realRoot)) {
                return false;
            }
            warn(link, "cachebreaker: not following the symbolic link " + link + ", which leads outside the"
                    + " sourceDirectory to " + target);
            return true;
        }

        private void warn(Path path, String message) {
            warnings.add(new Warning(path, message));
        }

        /** One directory, then its subdirectories at once; after a failure, nothing more is listed. */
        private final class Listing extends RecursiveAction {
            private final Directory directory;

            Listing(Directory directory) {
                this.directory = directory;
            }

            @Override
            protected void compute() {
                if (failure.get() != null) {
                    return;
                }
                List<Directory> subdirectories;
                try {
                    subdirectories = list(directory);
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                    return;
                }
                List<Listing> next = new ArrayList<>(subdirectories.size());
                for (Directory subdirectory : subdirectories) {
                    next.add(new Listing(subdirectory));
                }
                invokeAll(next);
            }
        }
    }

    /** Whether the servlet can serve a file by this path; {@link #requireServable} says why not. */
    private static boolean servable(String path) {
        if (!AssetPath.isValid(path) || path.indexOf('%') >= 0) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            // A valid path has no unpaired surrogate, so any surrogate starts a supplementary character.
            if (Character.isSurrogate(path.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void requireServable(String path, Path file) throws MojoFailureException {
        if (!AssetPath.isValid(path)) {
            throw new MojoFailureException("cachebreaker cannot serve the source file " + file + ": "
                    + invalidReason(path) + " Rename it, or leave it out with 'excludes'.");
        }
        if (path.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
            throw new MojoFailureException("cachebreaker cannot serve the source file " + file + ": its name has a"
                    + " character beyond Unicode's Basic Multilingual Plane, such as an emoji, and Java 17's class"
                    + " loader cannot open such a resource (it encodes the name as CESU-8). Rename it, or leave it"
                    + " out with 'excludes'.");
        }
        if (path.indexOf('%') >= 0) {
            throw new MojoFailureException("cachebreaker cannot serve the source file " + file + ": its name has a"
                    + " '%'. Its URL escape %25 is refused by Jetty 12 (ambiguous path encoding), and a name like"
                    + " '%41' would look double percent-encoded, which the servlet refuses. Rename it, or leave it"
                    + " out with 'excludes'.");
        }
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
