package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenFileException;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The allowlist of one release: its token's assets, each resolved to its class path resources at start-up. The hot
 * path looks an asset up here and nowhere else, so nothing outside the manifest can be reached and no disk is read to
 * decide. The current release has one, and so does each retained previous release.
 */
public final class AssetCatalog implements AssetSource {
    private final Map<String, CatalogEntry> entries;

    private AssetCatalog(Map<String, CatalogEntry> entries) {
        this.entries = entries;
    }

    /**
     * Resolves every asset of a token file's current release.
     *
     * @param tokenFile    the token file
     * @param loader       where the assets live, normally the web application's class loader
     * @param contentTypes names each asset's type
     * @param budget       how much may be held in memory
     * @return the catalog
     * @throws TokenFileException when a listed file is missing or its size differs from the manifest
     */
    public static AssetCatalog load(TokenFile tokenFile, ClassLoader loader, ContentTypes contentTypes,
            MemoryBudget budget) {
        return load(tokenFile.assetDirectory(), tokenFile.manifest(), tokenFile.lastModified(), loader, contentTypes,
                budget);
    }

    /**
     * Resolves every asset of one release.
     *
     * @param assetDirectory the release's token directory, such as {@code static/rel-1-9f3e1b2a}
     * @param manifest       its assets
     * @param lastModified   its build instant
     * @param loader         where the assets live
     * @param contentTypes   names each asset's type
     * @param budget         how much may be held in memory, shared by every release
     * @return the catalog
     * @throws TokenFileException when a listed file is missing or its size differs from the manifest
     */
    public static AssetCatalog load(String assetDirectory, AssetManifest manifest, Instant lastModified,
            ClassLoader loader, ContentTypes contentTypes, MemoryBudget budget) {
        String directory = assetDirectory + "/";
        Map<String, CatalogEntry> entries = new HashMap<>();
        for (Asset asset : manifest.assets()) {
            String base = directory + asset.path();
            StoredVariant identity = resolve(loader, base, null, asset.identity(), budget);
            Map<Encoding, StoredVariant> encoded = new EnumMap<>(Encoding.class);
            for (Map.Entry<Encoding, Variant> e : asset.encoded().entrySet()) {
                encoded.put(e.getKey(), resolve(loader, base + e.getKey().suffix(), e.getKey(), e.getValue(), budget));
            }
            entries.put(asset.path(), new CatalogEntry(asset, contentTypes.of(asset.path()), identity, encoded,
                    lastModified));
        }
        return new AssetCatalog(Map.copyOf(entries));
    }

    /**
     * The catalog of a token file's current release for building URLs only: it knows every listed path and digest
     * but holds no bytes, so it needs neither a class loader nor the asset files. A request walk never sees it.
     *
     * @param tokenFile the token file
     * @return the catalog
     */
    public static AssetCatalog forUrls(TokenFile tokenFile) {
        Map<String, CatalogEntry> entries = new HashMap<>();
        for (Asset asset : tokenFile.manifest().assets()) {
            entries.put(asset.path(), new CatalogEntry(asset, null, null, new EnumMap<>(Encoding.class),
                    tokenFile.lastModified()));
        }
        return new AssetCatalog(Map.copyOf(entries));
    }

    private static StoredVariant resolve(ClassLoader loader, String name, Encoding encoding, Variant variant,
            MemoryBudget budget) {
        URL url = loader.getResource(name);
        if (url == null) {
            throw new TokenFileException(TokenFile.RESOURCE + " lists " + name + ", but the class path has no such"
                    + " file. Package the output of the cachebreaker-maven-plugin goal 'assets' with the token file,"
                    + " and rebuild.");
        }
        long actual = sizeOf(url);
        if (actual >= 0 && actual != variant.size()) {
            throw new TokenFileException(TokenFile.RESOURCE + " says " + name + " has " + variant.size()
                    + " bytes, but the class path copy has " + actual + ". The assets changed after the build;"
                    + " rebuild so the token file and the assets match.");
        }
        return new StoredVariant(encoding, variant, url, budget);
    }

    /** The size of a resource without reading it, or -1 when the URL kind does not tell. */
    private static long sizeOf(URL url) {
        try {
            Path file = StoredVariant.fileOf(url);
            if (file != null) {
                return Files.size(file);
            }
            if ("jar".equals(url.getProtocol())) {
                URLConnection connection = url.openConnection();
                if (connection instanceof JarURLConnection jar) {
                    return jar.getJarEntry().getSize();
                }
            }
        } catch (IOException e) {
            // Not knowable here; the manifest's size is trusted.
        }
        return -1;
    }

    /**
     * Looks an asset up.
     *
     * @param path a decoded asset path
     * @return the entry, or {@code null} when the manifest does not list it
     */
    @Override
    public CatalogEntry get(String path) {
        return path == null ? null : entries.get(path);
    }

    /** @return how many assets may be served */
    public int size() {
        return entries.size();
    }
}
