package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.UnknownAssetException;
import io.cachebreaker.runtime.tokenfile.AssetPath;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.util.Base64;

/**
 * Builds asset URLs: a catalog lookup and a string concatenation, with no I/O. Every prefix is worked out at
 * start-up and every asset path is percent-encoded once, in its {@link CatalogEntry}. In dev mode the lookup reads
 * the file, so a strict URL fails for a file that is not on disk and {@link #integrity} hashes its current bytes.
 */
public final class AssetUrlBuilder {
    private final String token;
    private final AssetSource assets;
    private final String localPrefix;
    private final String publicPrefix;
    private final boolean strict;

    /**
     * A builder for one deploy.
     *
     * @param tokenFile   the token file
     * @param assets      the allowlist, or in dev mode the disk
     * @param contextPath the application's context path, such as {@code /ctx} or empty
     * @param baseUrl     an absolute URL that replaces the context path in {@link #url}, or {@code null}
     * @param strict      whether an asset missing from the manifest throws
     */
    public AssetUrlBuilder(TokenFile tokenFile, AssetSource assets, String contextPath, String baseUrl,
            boolean strict) {
        this.token = tokenFile.token();
        this.assets = assets;
        String directory = "/" + tokenFile.assetDirectory() + "/";
        this.localPrefix = PathEncoder.encode(contextPath) + directory;
        this.publicPrefix = baseUrl == null ? localPrefix : baseUrl + directory;
        this.strict = strict;
    }

    /** @return the current token */
    public String token() {
        return token;
    }

    /**
     * The URL of an asset, through the base URL when one is set.
     *
     * @param path such as {@code css/app.css}; one leading {@code /} is ignored
     * @return such as {@code /ctx/static/<token>/css/app.css}
     * @throws UnknownAssetException when strict and the manifest does not list the asset
     */
    public String url(String path) {
        String p = normalize(path);
        CatalogEntry entry = assets.get(p);
        if (entry != null) {
            return publicPrefix + entry.encodedPath();
        }
        if (strict || !AssetPath.isValid(p)) {
            throw unknown(path);
        }
        return publicPrefix + PathEncoder.encode(p);
    }

    /**
     * The URL of an asset on this host, for redirects.
     *
     * @param entry a listed asset
     * @return such as {@code /ctx/static/<token>/css/app.css}
     */
    public String localUrl(CatalogEntry entry) {
        return localPrefix + entry.encodedPath();
    }

    /**
     * The Subresource Integrity value of an asset's original bytes.
     *
     * @param path such as {@code css/app.css}
     * @return such as {@code sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=}; empty when lenient and unknown
     * @throws UnknownAssetException when strict and the manifest does not list the asset
     */
    public String integrity(String path) {
        CatalogEntry entry = assets.get(normalize(path));
        if (entry == null) {
            if (strict) {
                throw unknown(path);
            }
            return "";
        }
        return "sha256-" + Base64.getEncoder().encodeToString(entry.asset().identity().sha256Bytes());
    }

    private static String normalize(String path) {
        return path != null && path.startsWith("/") ? path.substring(1) : path;
    }

    private static UnknownAssetException unknown(String path) {
        return new UnknownAssetException(path, "cachebreaker: the asset '" + path + "' is not in the manifest of "
                + TokenFile.RESOURCE + ". Check the name (paths are relative to the asset directory, such as"
                + " 'css/app.css'), check that the plugin's includes cover it, or set cachebreaker.strict=false.");
    }
}
