package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * Fills one new, empty directory (a build's staging directory) with the scanned assets and their precompressed
 * siblings, and describes them in a manifest. Everything it needs comes through the constructor, and it holds no
 * state between calls.
 *
 * <p>Each asset takes one of three ways:
 * <ul>
 *   <li>{@linkplain #linkUnchanged unchanged}: the previous build has it, with the source's size and modification
 *       time, and has every sibling asked for. Its file and siblings are hard-linked (or, where links do not work,
 *       copied) from the previous token directory, and their sizes and digests come from the previous token file, so
 *       the asset is neither read nor compressed again;</li>
 *   <li>{@linkplain #copyStreaming streamed}: not compressible, or too large to compress in memory. It is copied and
 *       hashed in one read;</li>
 *   <li>{@linkplain #copyAndCompress compressed}: read once, hashed, written, and its gzip (and Brotli) siblings
 *       written where smaller than the original.</li>
 * </ul>
 * Copies keep the source's modification time, which is what tells the next build that a file is unchanged.
 *
 * <p>Assets are handled on up to {@link #defaultThreads()} threads (hashing and compressing are CPU-bound), and the
 * results are collected in path order, so the directory, the manifest and the fingerprint are byte for byte those of a
 * single-threaded run. Each asset writes only its own files. When one fails, the others are stopped and waited for
 * before the failure is thrown, so that the caller can remove the directory with nothing still writing into it.
 */
final class AssetCopier {
    /** Above this, a compressible file is streamed and not precompressed, to bound memory. */
    static final long MAX_IN_MEMORY = 64L * 1024 * 1024;

    /**
     * What a copy did.
     *
     * @param manifest      the assets, in path order
     * @param files         every file put in the directory, relative to it, siblings included
     * @param written       how many of them were written (copied or compressed) rather than linked
     * @param precompressed how many assets have at least one precompressed sibling
     */
    record Result(AssetManifest manifest, List<String> files, int written, int precompressed) {
    }

    /** One asset's part of the result. */
    private record Copied(Asset asset, List<String> files, int written) {
    }

    private final Precompressor precompressor;
    private final Log log;
    private final PreviousBuild previous;
    private final Path directory;
    private final AssetBuild.Probe probe;
    private final int threads;
    /** One copy buffer per thread: most assets fit it whole, so a copy is one read and one write. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
    /** Directories this copier made or found in its directory, so each costs its system calls once, not per file. */
    private final Set<Path> directories = ConcurrentHashMap.newKeySet();

    /**
     * @param precompressor the codecs, or {@code null} for no precompression
     * @param log           for skipped precompression
     * @param previous      the previous build, whose unchanged files are linked rather than read again
     * @param directory     the directory to fill; it must not hold any of the files yet
     * @param probe         told of each file written, for tests
     * @param threads       how many assets to handle at once, at least 1
     */
    AssetCopier(Precompressor precompressor, Log log, PreviousBuild previous, Path directory,
            AssetBuild.Probe probe, int threads) {
        this.precompressor = precompressor;
        this.log = log;
        this.previous = previous;
        this.directory = directory;
        this.probe = probe;
        this.threads = Math.max(1, threads);
    }

    /**
     * The threads a build uses by default: one per core, at most four. Under {@code mvn -T}, each module that runs
     * the goal at the same time has its own pool.
     *
     * @return {@code min(available processors, 4)}
     */
    static int defaultThreads() {
        return Math.min(Runtime.getRuntime().availableProcessors(), 4);
    }

    /**
     * @param sources source files by asset path
     * @return the manifest and what was done
     * @throws MojoExecutionException naming the file that cannot be read or written
     */
    Result copy(SortedMap<String, Path> sources) throws MojoExecutionException {
        return copy(sources, sources);
    }

    /**
     * Copies some of the sources, as part of a build of all of them.
     *
     * @param selected the sources to copy, by asset path
     * @param all      every source of the build, which decides whether an asset may be precompressed (not when the
     *                 sources ship a sibling of it)
     * @return the manifest of the selected assets and what was done
     * @throws MojoExecutionException naming the file that cannot be read or written
     */
    Result copy(SortedMap<String, Path> selected, SortedMap<String, Path> all) throws MojoExecutionException {
        List<Asset> assets = new ArrayList<>(selected.size());
        List<String> files = new ArrayList<>();
        int written = 0;
        int precompressed = 0;
        for (Copied copied : copyAll(selected, all)) {
            assets.add(copied.asset());
            files.addAll(copied.files());
            written += copied.written();
            if (!copied.asset().encoded().isEmpty()) {
                precompressed++;
            }
        }
        return new Result(AssetManifest.of(assets), List.copyOf(files), written, precompressed);
    }

    /** Every asset, in path order, handled on this thread or on a bounded pool. */
    private List<Copied> copyAll(SortedMap<String, Path> selected, SortedMap<String, Path> sources)
            throws MojoExecutionException {
        List<Copied> copied = new ArrayList<>(selected.size());
        if (threads == 1 || selected.size() < 2) {
            for (Map.Entry<String, Path> entry : selected.entrySet()) {
                copied.add(copyOne(entry.getKey(), entry.getValue(), sources));
            }
            return copied;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, selected.size()),
                new Workers("cachebreaker-copy"));
        try {
            List<Future<Copied>> futures = new ArrayList<>(selected.size());
            for (Map.Entry<String, Path> entry : selected.entrySet()) {
                futures.add(pool.submit(() -> copyOne(entry.getKey(), entry.getValue(), sources)));
            }
            for (Future<Copied> future : futures) {
                copied.add(result(future));
            }
            return copied;
        } finally {
            stop(pool);
        }
    }

    private static Copied result(Future<Copied> future) throws MojoExecutionException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("cachebreaker was interrupted while copying the assets", e);
        } catch (ExecutionException e) {
            throw Background.mojoFailure(Background.unchecked(e.getCause()), "cachebreaker cannot copy the assets");
        }
    }

    /** Stops the pool and waits for running copies, so nothing writes into the directory after this returns. */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What {@link #copy} would describe if every asset were unchanged since the previous build, found without
     * writing anything: lets a re-run with the same inputs see that the previous token directory is already the
     * result.
     *
     * @param sources source files by asset path
     * @param scanned the attributes the scan already read for an asset path (as {@link Files#readAttributes} reads
     *                them, following links), or {@code null} to read them here
     * @return the manifest, or {@code null} when some asset is new or changed, or cannot be checked
     */
    AssetManifest unchanged(SortedMap<String, Path> sources, Function<String, BasicFileAttributes> scanned) {
        List<Asset> assets = new ArrayList<>(sources.size());
        for (Map.Entry<String, Path> entry : sources.entrySet()) {
            String path = entry.getKey();
            try {
                BasicFileAttributes attributes = scanned.apply(path);
                if (attributes == null) {
                    attributes = Files.readAttributes(entry.getValue(), BasicFileAttributes.class);
                }
                Asset asset = reusable(path, attributes, compresses(path, attributes, sources));
                if (asset == null) {
                    return null;
                }
                assets.add(asset);
            } catch (IOException e) {
                return null;
            }
        }
        return AssetManifest.of(assets);
    }

    private boolean compresses(String path, BasicFileAttributes attributes, SortedMap<String, Path> sources) {
        return precompressor != null && Precompressor.isCompressible(path) && attributes.size() <= MAX_IN_MEMORY
                && !clashes(path, sources);
    }

    private Copied copyOne(String path, Path source, SortedMap<String, Path> sources)
            throws MojoExecutionException {
        Path target = directory.resolve(path);
        try {
            BasicFileAttributes attributes = Files.readAttributes(source, BasicFileAttributes.class);
            boolean compress = compresses(path, attributes, sources);
            if (!compress && precompressor != null && Precompressor.isCompressible(path) && clashes(path, sources)) {
                log.info("cachebreaker: not precompressing " + path + ", the source directory already has a "
                        + "precompressed sibling of it");
            }
            createDirectories(target.getParent());
            Copied linked = linkUnchanged(path, attributes, compress, target);
            if (linked != null) {
                return linked;
            }
            return compress ? copyAndCompress(path, source, attributes.lastModifiedTime(), target)
                    : copyStreaming(path, source, attributes.lastModifiedTime(), target);
        } catch (IOException e) {
            throw new MojoExecutionException("cachebreaker cannot copy the asset " + source + " to " + target
                    + ": " + e, e);
        }
    }

    /**
     * The previous build's file and siblings, linked, with their sizes and digests from its token file: when the
     * previous file has the source's size and time, and every coding asked for has a sibling with that time; else
     * {@code null}, and the asset is read again (a coding newly switched on, say).
     */
    private Copied linkUnchanged(String path, BasicFileAttributes source, boolean compress, Path target)
            throws IOException {
        Asset asset = reusable(path, source, compress);
        if (asset == null) {
            return null;
        }
        List<String> files = new ArrayList<>();
        link(previous.file(path), target);
        files.add(path);
        for (Encoding encoding : asset.encoded().keySet()) {
            String sibling = path + encoding.suffix();
            link(previous.file(sibling), directory.resolve(sibling));
            files.add(sibling);
        }
        return new Copied(asset, files, 0);
    }

    /** The previous build's description of an asset, when its files there are the source's and complete. */
    private Asset reusable(String path, BasicFileAttributes source, boolean compress) {
        Asset known = previous.asset(path);
        FileTime time = source.lastModifiedTime();
        if (known == null || known.identity().size() != source.size()
                || !sameFile(previous.file(path), source.size(), time)) {
            return null;
        }
        Map<Encoding, Variant> encoded = new EnumMap<>(Encoding.class);
        if (compress) {
            for (Encoding encoding : precompressor.encodings()) {
                Variant variant = known.variant(encoding);
                if (variant == null || !sameFile(previous.file(path + encoding.suffix()), variant.size(), time)) {
                    return null;
                }
                encoded.put(encoding, variant);
            }
        }
        return new Asset(path, known.identity(), encoded);
    }

    /** Copies and hashes in one read. */
    private Copied copyStreaming(String path, Path source, FileTime time, Path target) throws IOException {
        MessageDigest digest = Variant.newDigest();
        long size = 0;
        byte[] buffer = BUFFER.get();
        try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(target)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                size += n;
            }
        }
        setTime(target, time);
        probe.written(target);
        return new Copied(new Asset(path, Variant.digested(size, digest)), List.of(path), 1);
    }

    /** Reads once, then writes the copy and each sibling that is smaller than the original. */
    private Copied copyAndCompress(String path, Path source, FileTime time, Path target) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        write(target, bytes, time);
        List<String> files = new ArrayList<>();
        files.add(path);
        Map<Encoding, Variant> encoded = new EnumMap<>(Encoding.class);
        for (Encoding encoding : precompressor.encodings()) {
            byte[] compressed = precompressor.compress(encoding, bytes);
            if (compressed.length < bytes.length) {
                String sibling = path + encoding.suffix();
                write(directory.resolve(sibling), compressed, time);
                encoded.put(encoding, Variant.of(compressed));
                files.add(sibling);
            }
        }
        return new Copied(new Asset(path, Variant.of(bytes), encoded), files, files.size());
    }

    /**
     * The assets whose precompression depends on some paths: a source {@code x.css.gz} that appears or goes decides
     * whether {@code x.css} gets a generated sibling of that name (see {@link #clashes}).
     *
     * @param paths   asset paths that appeared, changed or went
     * @param sources every source of the build
     * @return the sources named like those paths without a coding's suffix
     */
    static Set<String> siblingOwners(Collection<String> paths, SortedMap<String, Path> sources) {
        Set<String> owners = new HashSet<>();
        for (String path : paths) {
            for (Encoding encoding : Encoding.values()) {
                if (path.endsWith(encoding.suffix())) {
                    String owner = path.substring(0, path.length() - encoding.suffix().length());
                    if (sources.containsKey(owner)) {
                        owners.add(owner);
                    }
                }
            }
        }
        return owners;
    }

    /** A source that ships {@code x.css} and {@code x.css.gz} has precompressed it itself; do not overwrite that. */
    private static boolean clashes(String path, SortedMap<String, Path> sources) {
        for (Encoding encoding : Encoding.values()) {
            if (sources.containsKey(path + encoding.suffix())) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameFile(Path file, long size, FileTime time) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return false;
        }
        return attributes.isRegularFile() && attributes.size() == size && attributes.lastModifiedTime().equals(time);
    }

    /**
     * A hard link shares the bytes without copying them; no build ever writes into a token directory's file again,
     * so sharing is safe. Where the file system has no links (or the directories are on different devices), a copy.
     */
    private void link(Path existing, Path link) throws IOException {
        createDirectories(link.getParent());
        try {
            Files.createLink(link, existing);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, link, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private void write(Path target, byte[] bytes, FileTime time) throws IOException {
        createDirectories(target.getParent());
        Files.write(target, bytes);
        setTime(target, time);
        probe.written(target);
    }

    /**
     * {@link Files#createDirectories}, once per directory: for a directory that exists, that call costs a failed
     * {@code mkdir}, an exception and a {@code stat}, which for thousands of files in a few directories was a good
     * part of a build that only links.
     */
    private void createDirectories(Path dir) throws IOException {
        if (!directories.contains(dir)) {
            Files.createDirectories(dir);
            directories.add(dir);
        }
    }

    /**
     * Gives a written file the source's modification time (and the same access time): setting both is one
     * {@code utimensat}, where {@link Files#setLastModifiedTime} first reads the attributes to keep the access time.
     */
    private static void setTime(Path file, FileTime time) throws IOException {
        Files.getFileAttributeView(file, BasicFileAttributeView.class).setTimes(time, time, null);
    }
}
