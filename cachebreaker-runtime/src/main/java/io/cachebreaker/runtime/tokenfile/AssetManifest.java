package io.cachebreaker.runtime.tokenfile;

import java.util.Collection;
import java.util.Collections;
import java.util.TreeMap;

/**
 * The allowlist of a token's assets: every path the runtime may serve, with the sizes and digests it needs to answer
 * without touching the disk. Iteration is in path order.
 */
public final class AssetManifest {
    private static final AssetManifest EMPTY = new AssetManifest(new TreeMap<>());

    private final TreeMap<String, Asset> assets;
    private final long totalBytes;

    private AssetManifest(TreeMap<String, Asset> assets) {
        this.assets = assets;
        long total = 0;
        for (Asset asset : assets.values()) {
            total += asset.identity().size();
        }
        this.totalBytes = total;
    }

    /** @return a manifest with no assets */
    public static AssetManifest empty() {
        return EMPTY;
    }

    /**
     * A manifest of the given assets.
     *
     * @param assets the assets; paths must be distinct
     * @return the manifest
     * @throws TokenFileException when two assets share a path
     */
    public static AssetManifest of(Collection<Asset> assets) {
        TreeMap<String, Asset> byPath = new TreeMap<>();
        for (Asset asset : assets) {
            if (byPath.putIfAbsent(asset.path(), asset) != null) {
                throw new TokenFileException("Asset path '" + asset.path() + "' is listed twice.");
            }
        }
        return new AssetManifest(byPath);
    }

    /**
     * Looks an asset up.
     *
     * @param path a relative path such as {@code css/app.css}
     * @return the asset, or {@code null} when the path is not listed
     */
    public Asset get(String path) {
        return path == null ? null : assets.get(path);
    }

    /**
     * Whether the manifest lists {@code path}.
     *
     * @param path a relative path
     * @return true when listed
     */
    public boolean contains(String path) {
        return get(path) != null;
    }

    /** @return every asset, in path order */
    public Collection<Asset> assets() {
        return Collections.unmodifiableCollection(assets.values());
    }

    /** @return the number of assets */
    public int size() {
        return assets.size();
    }

    /** @return the summed size of the original bytes of every asset */
    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssetManifest other && assets.equals(other.assets);
    }

    @Override
    public int hashCode() {
        return assets.hashCode();
    }
}
