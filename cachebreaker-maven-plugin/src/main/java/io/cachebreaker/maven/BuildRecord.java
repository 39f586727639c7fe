package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What the last successful build of an output directory saw and made, kept outside the output (under
 * {@code target/cachebreaker/}, so it never reaches the artifact): the attributes of every source, the settings that
 * shape the output, the digest of the token file it wrote and the state of every directory of its token tree.
 *
 * <p>It lets the next build tell what changed from one {@code lstat} per source, without opening or {@code stat}-ing
 * a single file of the previous output: a re-run with nothing changed does nothing, and a build with a few changed
 * sources or a new token updates the previous tree in place ({@link TreeUpdate}). It is only a shortcut: a missing,
 * unreadable or outdated record, or an output that differs from what it describes, makes the build check everything
 * as it would without one.
 *
 * <p>Like git's index, it trusts a file whose size, modification time and file key (device and inode) are unchanged.
 * A time too close to the moment it was read could still change within the same tick of the file system's clock, so
 * such a source is recorded as "racy", and next time its bytes decide (as git does), and such a directory has its
 * entries counted instead of trusting its time.
 */
final class BuildRecord {
    /** A record that matches nothing: the build checks everything. */
    static final BuildRecord NONE = new BuildRecord(null, null, null, null, null, Map.of(), null);

    private static final String HEADER = "# cachebreaker build record: what the last build of an output directory saw"
            + " and made, so that the next one can tell what changed. Safe to delete.";
    private static final String VERSION = "version 1";
    /** Within this of the moment a time was read, the file system's clock may not have moved on since. */
    private static final Duration RACY = Duration.ofMillis(50);
    /** File systems that keep whole seconds (FAT, HFS+) round a time down by up to this. */
    private static final Duration RACY_COARSE = Duration.ofSeconds(2);
    private static final long UNKNOWN = -1;

    /** A source as the build saw it; a racy one's time was read too soon to prove that its bytes stay. */
    private record Source(long size, long modified, String key, boolean racy) {
    }

    /** A directory of the token tree: its time, or {@link #UNKNOWN}, and how many entries it holds. */
    private record Directory(long modified, int entries) {
    }

    /**
     * What differs between the sources now and the sources the record saw.
     *
     * @param changed   paths that are new, or whose attributes changed
     * @param removed   paths the record knew that are gone
     * @param unsettled paths whose attributes are unchanged but were read too soon after their last change to prove
     *                  the bytes the same: only their bytes can tell
     */
    record Changes(TreeSet<String> changed, TreeSet<String> removed, TreeSet<String> unsettled) {
        boolean none() {
            return changed.isEmpty() && removed.isEmpty();
        }
    }

    private final String output;
    private final String inputs;
    private final String tokenFileDigest;
    private final TokenSummary summary;
    private final String tokenRoot;
    private final Map<String, Directory> directories;
    /** In path order, as the scan lists the sources. */
    private final List<Map.Entry<String, Source>> sources;

    private BuildRecord(String output, String inputs, String tokenFileDigest, TokenSummary summary, String tokenRoot,
            Map<String, Directory> directories, List<Map.Entry<String, Source>> sources) {
        this.output = output;
        this.inputs = inputs;
        this.tokenFileDigest = tokenFileDigest;
        this.summary = summary;
        this.tokenRoot = tokenRoot;
        this.directories = directories;
        this.sources = sources;
    }

    /**
     * Reads a record; never fails a build.
     *
     * @param file the record, or {@code null} when the build keeps none
     * @return the record, or {@link #NONE} when there is none or it cannot be read
     */
    static BuildRecord read(Path file) {
        if (file == null) {
            return NONE;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (!HEADER.equals(in.readLine()) || !VERSION.equals(in.readLine())) {
                return NONE;
            }
            String output = field(in.readLine(), "output ");
            String inputs = field(in.readLine(), "inputs ");
            String digest = field(in.readLine(), "tokenFile ");
            String[] said = field(in.readLine(), "summary ").split(" ");
            TokenSummary summary = new TokenSummary(said[0], TokenStrategy.fromId(said[1]), Instant.parse(said[2]),
                    Integer.parseInt(said[3]), Long.parseLong(said[4]), Integer.parseInt(said[5]), 0);
            String root = field(in.readLine(), "tokenRoot ");
            Map<String, Directory> directories = new TreeMap<>();
            List<Map.Entry<String, Source>> sources = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int a = line.indexOf(' ', 2);
                int b = line.indexOf(' ', a + 1);
                if (line.startsWith("d ")) {
                    directories.put(line.substring(b + 1), new Directory(Long.parseLong(line, 2, a, 10),
                            Integer.parseInt(line, a + 1, b, 10)));
                } else if (line.startsWith("s ") || line.startsWith("r ")) {
                    int c = line.indexOf(' ', b + 1);
                    sources.add(Map.entry(line.substring(c + 1), new Source(Long.parseLong(line, 2, a, 10),
                            Long.parseLong(line, a + 1, b, 10), line.substring(b + 1, c), line.charAt(0) == 'r')));
                } else {
                    return NONE;
                }
            }
            return new BuildRecord(output, inputs, digest, summary, root, directories, sources);
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    private static String field(String line, String name) {
        if (line == null || !line.startsWith(name)) {
            throw new IllegalArgumentException("not a record");
        }
        return line.substring(name.length());
    }

    /** @return the token file this record's build wrote, in short; {@code null} for {@link #NONE} */
    TokenSummary summary() {
        return summary;
    }

    /**
     * Whether the output is exactly what this record's build left: the same output directory and settings, the token
     * file it wrote, and its token tree with no entry added or removed since.
     *
     * @param outputDirectory the build's output directory
     * @param inputs          the settings that shape the output, as {@link AssetBuild} spells them
     * @param previous        the token file found in the output
     * @return true when the record's view of the sources can stand for the output
     */
    boolean describes(Path outputDirectory, String inputs, PreviousBuild previous) {
        // The token file is compared by its bytes' digest, so it need not be parsed.
        if (sources == null || !outputDirectory.toAbsolutePath().toString().equals(output)
                || !inputs.equals(this.inputs) || !tokenFileDigest.equals(previous.digest())) {
            return false;
        }
        Path root = outputDirectory.resolve(tokenRoot);
        for (Map.Entry<String, Directory> entry : directories.entrySet()) {
            Path dir = entry.getKey().isEmpty() ? root : root.resolve(entry.getKey());
            Directory expected = entry.getValue();
            try {
                BasicFileAttributes attributes = Files.readAttributes(dir, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (!attributes.isDirectory() || (expected.modified() == UNKNOWN ? count(dir) != expected.entries()
                        : nanos(attributes.lastModifiedTime()) != expected.modified())) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param sources    the sources now, in path order
     * @param attributes the attributes the scan read for each
     * @return what changed since the record's build
     */
    Changes changes(SortedMap<String, Path> sources, Function<String, BasicFileAttributes> attributes) {
        TreeSet<String> changed = new TreeSet<>();
        TreeSet<String> removed = new TreeSet<>();
        TreeSet<String> unsettled = new TreeSet<>();
        Iterator<Map.Entry<String, Source>> known = this.sources.iterator();
        Map.Entry<String, Source> next = known.hasNext() ? known.next() : null;
        for (String path : sources.keySet()) {
            while (next != null && next.getKey().compareTo(path) < 0) {
                removed.add(next.getKey());
                next = known.hasNext() ? known.next() : null;
            }
            if (next == null || !next.getKey().equals(path)) {
                changed.add(path);
                continue;
            }
            Source was = next.getValue();
            BasicFileAttributes now = attributes.apply(path);
            if (now == null || now.size() != was.size() || nanos(now.lastModifiedTime()) != was.modified()
                    || !key(now).equals(was.key())) {
                changed.add(path);
            } else if (was.racy()) {
                unsettled.add(path);
            }
            next = known.hasNext() ? known.next() : null;
        }
        while (next != null) {
            removed.add(next.getKey());
            next = known.hasNext() ? known.next() : null;
        }
        return new Changes(changed, removed, unsettled);
    }

    /**
     * Writes the record of a build that just succeeded, in one step (a temporary sibling, then a move).
     *
     * @param file            where
     * @param scanned         when the scan began: a source changed since then may carry the same time
     * @param outputDirectory the build's output directory
     * @param inputs          the settings that shape the output, as {@link AssetBuild} spells them
     * @param tokenFileDigest the SHA-256 of the token file's bytes, as {@link PreviousBuild#digest} will read it
     * @param summary         that token file in short
     * @param tokenRoot       the token's directory
     * @param treeFiles       every file of the token tree, relative to {@code tokenRoot} with {@code /}
     * @param sources         the sources, in path order
     * @param attributes      the attributes the scan read for each source
     * @throws IOException when it cannot be written; the caller then makes sure no older record stays
     */
    static void write(Path file, Instant scanned, Path outputDirectory, String inputs, String tokenFileDigest,
            TokenSummary summary, Path tokenRoot, List<String> treeFiles, SortedMap<String, Path> sources,
            Function<String, BasicFileAttributes> attributes) throws IOException {
        // Entries per directory of the tree: its files, and its subdirectories once each.
        Map<String, int[]> entries = new HashMap<>();
        entries.put("", new int[1]);
        for (String path : treeFiles) {
            String child = path;
            for (int slash = child.lastIndexOf('/'); ; slash = child.lastIndexOf('/')) {
                String parent = slash < 0 ? "" : child.substring(0, slash);
                int[] count = entries.get(parent);
                boolean known = count != null;
                if (!known) {
                    count = new int[1];
                    entries.put(parent, count);
                }
                count[0]++;
                if (known || slash < 0) {
                    break;
                }
                child = parent;
            }
        }
        StringBuilder out = new StringBuilder(128 + sources.size() * 96);
        out.append(HEADER).append('\n').append(VERSION).append('\n');
        out.append("output ").append(outputDirectory.toAbsolutePath()).append('\n');
        out.append("inputs ").append(inputs).append('\n');
        out.append("tokenFile ").append(tokenFileDigest).append('\n');
        out.append("summary ").append(summary.token()).append(' ').append(summary.strategy().id()).append(' ')
                .append(summary.lastModified()).append(' ').append(summary.assets()).append(' ')
                .append(summary.bytes()).append(' ').append(summary.precompressed()).append('\n');
        out.append("tokenRoot ").append(relative(outputDirectory, tokenRoot)).append('\n');
        Racy settledBeforeNow = new Racy(Instant.now());
        for (Map.Entry<String, int[]> dir : new TreeMap<>(entries).entrySet()) {
            Path path = dir.getKey().isEmpty() ? tokenRoot : tokenRoot.resolve(dir.getKey());
            long time = nanos(Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
            out.append("d ").append(settledBeforeNow.racy(time) ? UNKNOWN : time).append(' ').append(dir.getValue()[0])
                    .append(' ').append(dir.getKey()).append('\n');
        }
        Racy settledBeforeScan = new Racy(scanned);
        for (String path : sources.keySet()) {
            BasicFileAttributes source = attributes.apply(path);
            long time = nanos(source.lastModifiedTime());
            out.append(settledBeforeScan.racy(time) ? "r " : "s ").append(source.size()).append(' ').append(time)
                    .append(' ').append(key(source)).append(' ').append(path).append('\n');
        }
        AtomicFiles.replace(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Removes a record before the output it describes changes, so that a build killed halfway leaves none.
     *
     * @param file the record, or {@code null} when the build keeps none
     * @throws IOException when it exists and cannot be removed
     */
    static void delete(Path file) throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    /** Whether a time read at some moment may still be the time of a later change. */
    private static final class Racy {
        private final long fine;
        private final long coarse;

        Racy(Instant reference) {
            long nanos = TimeUnit.SECONDS.toNanos(reference.getEpochSecond()) + reference.getNano();
            this.fine = nanos - RACY.toNanos();
            this.coarse = nanos - RACY_COARSE.toNanos();
        }

        /** A time in whole seconds comes from a file system that keeps no more, and rounds down by up to two. */
        boolean racy(long time) {
            return time >= (time % 1_000_000_000L == 0 ? coarse : fine);
        }
    }

    private static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }

    /**
     * A hash of the device and inode on POSIX systems, so that a file replaced by another with the same size and time
     * (a copy that keeps times, an unpacked archive) still differs; {@code -} where the file system has no key.
     */
    private static String key(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        return key == null ? "-" : Integer.toHexString(key.hashCode());
    }

    private static int count(Path dir) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Iterator<Path> it = entries.iterator(); it.hasNext(); it.next()) {
                n++;
            }
        } catch (NoSuchFileException e) {
            return -1;
        }
        return n;
    }

    private static String relative(Path outputDirectory, Path dir) {
        return outputDirectory.relativize(dir).toString().replace('\\', '/');
    }
}
