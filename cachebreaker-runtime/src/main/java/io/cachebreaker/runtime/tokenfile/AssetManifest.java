package io.cachebreaker.runtime.tokenfile;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The allowlist of a token's assets: every path the runtime may serve, with the sizes and digests it needs to answer
 * without touching the disk. Iteration is in path order.
 */
public final class AssetManifest {
    private static final AssetManifest EMPTY = new AssetManifest(Map.of(), new Asset[0]);
    private static final Comparator<Asset> BY_PATH = Comparator.comparing(Asset::path);

    /** For lookups, such as the plugin's for each source file: hashing beats a search among 10,000 paths. */
    private final Map<String, Asset> byPath;
    private final List<Asset> inPathOrder;
    private final long totalBytes;

    private AssetManifest(Map<String, Asset> byPath, Asset[] inPathOrder) {
        this.byPath = byPath;
        this.inPathOrder = Collections.unmodifiableList(Arrays.asList(inPathOrder));
        long total = 0;
        for (Asset asset : inPathOrder) {
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
        Map<String, Asset> byPath = new HashMap<>(assets.size() * 4 / 3 + 1);
        for (Asset asset : assets) {
            if (byPath.putIfAbsent(asset.path(), asset) != null) {
                throw new TokenFileException("Asset path '" + asset.path() + "' is listed twice.");
            }
        }
        Asset[] inPathOrder = assets.toArray(new Asset[0]);
        // Linear when they come in path order already, as from a token file or a source scan: the sort finds one run.
        Arrays.sort(inPathOrder, BY_PATH);
        return new AssetManifest(byPath, inPathOrder);
    }

    /**
     * Looks an asset up.
     *
     * @param path a relative path such as {@code css/app.css}
     * @return the asset, or {@code null} when the path is not listed
     */
    public Asset get(String path) {
        return path == null ? null : byPath.get(path);
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
        return inPathOrder;
    }

    /** @return the number of assets */
    public int size() {
        return inPathOrder.size();
    }

    /** @return the summed size of the original bytes of every asset */
    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssetManifest other && byPath.equals(other.byPath);
    }

    @Override
    public int hashCode() {
        return byPath.hashCode();
    }
}
