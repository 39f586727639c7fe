package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetPath;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;

/**
 * Dev mode's asset source: every lookup reads the file from the source directory again, so edits and new files show
 * at once. It answers only for a regular file whose real path (symbolic links resolved) lies inside the directory's
 * real path, and for a path that the manifest rules ({@link AssetPath}) would allow; anything else is "no such
 * asset". Files are served as they are, with no precompressed forms.
 */
public final class DiskAssetSource implements AssetSource {
    private final Path root;
    private final ContentTypes contentTypes;

    /**
     * A source over a directory.
     *
     * @param directory    the source directory
     * @param contentTypes names each file's type
     * @throws UncheckedIOException when the directory cannot be resolved
     */
    public DiskAssetSource(Path directory, ContentTypes contentTypes) {
        try {
            this.root = directory.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cachebreaker dev mode cannot use " + directory, e);
        }
        this.contentTypes = contentTypes;
    }

    /** @return the directory's real path */
    public Path root() {
        return root;
    }

    @Override
    public CatalogEntry get(String path) {
        if (!AssetPath.isValid(path)) {
            return null;
        }
        try {
            Path file = root.resolve(path).normalize();
            if (!file.startsWith(root)) {
                return null;
            }
            // The real path catches a symbolic link anywhere along the way that leads out of the directory.
            Path real = file.toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            byte[] bytes = Files.readAllBytes(real);
            Variant variant = Variant.of(bytes);
            return new CatalogEntry(new Asset(path, variant), contentTypes.of(path),
                    StoredVariant.held(variant, bytes), new EnumMap<>(Encoding.class),
                    Files.getLastModifiedTime(real).toInstant().truncatedTo(ChronoUnit.SECONDS));
        } catch (IOException | InvalidPathException e) {
            // Gone, unreadable or an odd name for this file system: as good as absent.
            return null;
        }
    }

}
