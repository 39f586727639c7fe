package io.cachebreaker.runtime.serving;

/**
 * Where the request walk and the URL builder look assets up: the build-time {@link AssetCatalog}, or in dev mode the
 * {@link DiskAssetSource}.
 */
public interface AssetSource {

    /**
     * Looks an asset up.
     *
     * @param path a decoded asset path, or {@code null}
     * @return the entry, or {@code null} when there is no such asset to serve
     */
    CatalogEntry get(String path);
}
