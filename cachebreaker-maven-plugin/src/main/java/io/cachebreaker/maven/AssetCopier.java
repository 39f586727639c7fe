package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * Makes a token directory hold exactly the scanned assets and their precompressed siblings, and describes them in a
 * manifest.
 *
 * <p>Each source is read once, hashing as it goes. A target whose size and modification time equal the source's is
 * left alone (the copier sets the time after writing), and so is a sibling with the source's time, so a re-run with
 * unchanged inputs writes nothing and compresses nothing. Files in the directory that no longer stem from a source are
 * deleted.
 *
 * <p>Given the manifest that the previous token file holds for this very directory, an unchanged file is not even
 * read again: its size and digests, and those of its unchanged siblings, are taken from that manifest, so a re-run
 * costs a directory walk instead of hashing every byte.
 */
final class AssetCopier {
    /** Above this, a compressible file is streamed and not precompressed, to bound memory. */
    static final long MAX_IN_MEMORY = 64L * 1024 * 1024;

    /** What a copy did. */
    record Result(AssetManifest manifest, int written, int precompressed) {
    }

    private final Precompressor precompressor;
    private final Log log;
    private final Consumer<Path> onWrite;
    private AssetManifest known = AssetManifest.empty();
    private Runnable beforeFirstChange;
    private int written;

    /**
     * @param precompressor the codecs, or {@code null} for no precompression
     * @param log           for skipped precompression
     * @param onWrite       told of every file written, such as an IDE's build context
     */
    AssetCopier(Precompressor precompressor, Log log, Consumer<Path> onWrite) {
        this(precompressor, log, onWrite, () -> { });
    }

    /**
     * @param precompressor     the codecs, or {@code null} for no precompression
     * @param log               for skipped precompression
     * @param onWrite           told of every file written, such as an IDE's build context
     * @param beforeFirstChange run once, before the first file in the directory is written or deleted, such as to
     *                          withdraw a token file that describes the directory as it was
     */
    AssetCopier(Precompressor precompressor, Log log, Consumer<Path> onWrite, Runnable beforeFirstChange) {
        this.precompressor = precompressor;
        this.log = log;
        this.onWrite = onWrite;
        this.beforeFirstChange = beforeFirstChange;
    }

    /**
     * @param manifest what the previous token file says this directory holds; trusted for files whose size and
     *                 modification time show they were not touched since
     * @return this copier
     */
    AssetCopier knowing(AssetManifest manifest) {
        this.known = manifest;
        return this;
    }

    private void changing() {
        Runnable hook = beforeFirstChange;
        if (hook != null) {
            beforeFirstChange = null;
            hook.run();
        }
    }

    /**
     * @param sources  source files by asset path
     * @param tokenDir the directory to fill
     * @return the manifest and counts
     * @throws MojoExecutionException naming the file that cannot be read or written
     */
    Result copy(SortedMap<String, Path> sources, Path tokenDir) throws MojoExecutionException {
        List<Asset> assets = new ArrayList<>(sources.size());
        Set<Path> produced = new HashSet<>();
        written = 0;
        int precompressed = 0;
        for (Map.Entry<String, Path> entry : sources.entrySet()) {
            String path = entry.getKey();
            Path source = entry.getValue();
            Path target = tokenDir.resolve(path);
            produced.add(target);
            try {
                Asset asset = copyOne(path, source, target, sources, produced);
                if (!asset.encoded().isEmpty()) {
                    precompressed++;
                }
                assets.add(asset);
            } catch (IOException e) {
                throw new MojoExecutionException("cachebreaker cannot copy the asset " + source + " to " + target
                        + ": " + e, e);
            }
        }
        try {
            prune(tokenDir, produced);
        } catch (IOException e) {
            throw new MojoExecutionException("cachebreaker cannot remove outdated files from " + tokenDir + ": " + e,
                    e);
        }
        return new Result(AssetManifest.of(assets), written, precompressed);
    }

    private Asset copyOne(String path, Path source, Path target, SortedMap<String, Path> sources,
            Set<Path> produced) throws IOException {
        // One stat for the source and one for the target: on a re-run these are most of the work.
        BasicFileAttributes attributes = Files.readAttributes(source, BasicFileAttributes.class);
        FileTime time = attributes.lastModifiedTime();
        long size = attributes.size();
        boolean unchanged = sameFile(target, size, time);
        boolean compress = precompressor != null && Precompressor.isCompressible(path);
        if (compress && clashes(path, sources)) {
            log.info("cachebreaker: not precompressing " + path + ", the source directory already has a "
                    + "precompressed sibling of it");
            compress = false;
        }
        Asset previous = unchanged ? known.get(path) : null;
        if (previous != null && previous.identity().size() != size) {
            previous = null;
        }
        if (!compress || size > MAX_IN_MEMORY) {
            Variant identity = previous != null ? previous.identity()
                    : unchanged ? hash(source) : streamCopy(source, target, time);
            return new Asset(path, identity);
        }
        if (previous != null) {
            Asset reused = reuse(previous, target, time, produced);
            if (reused != null) {
                return reused;
            }
        }
        byte[] bytes = Files.readAllBytes(source);
        Variant identity = Variant.of(bytes);
        if (!unchanged) {
            write(target, bytes, time);
        }
        Map<Encoding, Variant> encoded = new EnumMap<>(Encoding.class);
        for (Encoding encoding : precompressor.encodings()) {
            Path sibling = target.resolveSibling(target.getFileName() + encoding.suffix());
            if (unchanged && Files.isRegularFile(sibling) && Files.getLastModifiedTime(sibling).equals(time)) {
                encoded.put(encoding, Variant.of(Files.readAllBytes(sibling)));
                produced.add(sibling);
                continue;
            }
            byte[] compressed = precompressor.compress(encoding, bytes);
            if (compressed.length < bytes.length) {
                write(sibling, compressed, time);
                encoded.put(encoding, Variant.of(compressed));
                produced.add(sibling);
            }
        }
        return new Asset(path, identity, encoded);
    }

    /**
     * The previous manifest's entry, when every sibling it lists is still there untouched and every coding asked
     * for has one; otherwise {@code null}, and the asset is read again (a coding newly switched on, say).
     */
    private Asset reuse(Asset previous, Path target, FileTime time, Set<Path> produced) throws IOException {
        Map<Encoding, Variant> encoded = new EnumMap<>(Encoding.class);
        List<Path> siblings = new ArrayList<>();
        for (Encoding encoding : precompressor.encodings()) {
            Variant variant = previous.variant(encoding);
            Path sibling = target.resolveSibling(target.getFileName() + encoding.suffix());
            if (variant == null || !sameFile(sibling, variant.size(), time)) {
                return null;
            }
            encoded.put(encoding, variant);
            siblings.add(sibling);
        }
        produced.addAll(siblings);
        return new Asset(previous.path(), previous.identity(), encoded);
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

    private static boolean sameFile(Path target, long size, FileTime time) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class);
        } catch (IOException e) {
            return false;
        }
        return attributes.isRegularFile() && attributes.size() == size && attributes.lastModifiedTime().equals(time);
    }

    private void write(Path target, byte[] bytes, FileTime time) throws IOException {
        changing();
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
        Files.setLastModifiedTime(target, time);
        written++;
        onWrite.accept(target);
    }

    private Variant streamCopy(Path source, Path target, FileTime time) throws IOException {
        changing();
        Files.createDirectories(target.getParent());
        Variant variant;
        try (OutputStream out = Files.newOutputStream(target)) {
            variant = copyDigesting(source, out);
        }
        Files.setLastModifiedTime(target, time);
        written++;
        onWrite.accept(target);
        return variant;
    }

    private static Variant hash(Path source) throws IOException {
        return copyDigesting(source, OutputStream.nullOutputStream());
    }

    /** Reads the source once, hashing what passes on to {@code out}. */
    private static Variant copyDigesting(Path source, OutputStream out) throws IOException {
        MessageDigest digest = Variant.newDigest();
        long size;
        try (InputStream in = new DigestInputStream(Files.newInputStream(source), digest)) {
            size = in.transferTo(out);
        }
        return Variant.digested(size, digest);
    }

    /** Deletes what a source no longer stands for, and directories left empty; returns whether dir is now empty. */
    private boolean prune(Path dir, Set<Path> keep) throws IOException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        boolean empty = true;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    if (prune(entry, keep)) {
                        changing();
                        Files.delete(entry);
                    } else {
                        empty = false;
                    }
                } else if (keep.contains(entry)) {
                    empty = false;
                } else {
                    changing();
                    Files.delete(entry);
                }
            }
        }
        return empty;
    }
}
