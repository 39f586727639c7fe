package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.CachebreakerSettings;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.time.Clock;
import java.util.function.Function;

/**
 * Everything one deployed application needs, built once at start-up from its token file: the catalog, the request
 * handler and the URL builder.
 */
public final class AssetSite {
    private final TokenFile tokenFile;
    private final CachebreakerSettings settings;
    private final AssetCatalog catalog;
    private final AssetUrlBuilder urls;
    private final AssetRequestHandler handler;
    private final String rawMountPrefix;

    private AssetSite(TokenFile tokenFile, CachebreakerSettings settings, AssetCatalog catalog, String contextPath,
            Clock clock) {
        this.tokenFile = tokenFile;
        this.settings = settings;
        this.catalog = catalog;
        this.urls = new AssetUrlBuilder(tokenFile, catalog, contextPath, settings.baseUrl(), settings.strict());
        StatusReplies statusReplies = new StatusReplies(settings);
        NewerTokenTracker tracker = new NewerTokenTracker(clock, settings.newerTokenGrace(),
                settings.newerTokenLimit());
        this.handler = new AssetRequestHandler(new PathDecoder(tokenFile.prefix()),
                new TokenJudge(tokenFile.token(), tokenFile.strategy(), tracker), catalog,
                new AssetResponder(tokenFile.lastModified(), settings, statusReplies), statusReplies, urls);
        this.rawMountPrefix = PathEncoder.encode(contextPath) + "/" + tokenFile.prefix().mount() + "/";
    }

    /**
     * Reads the token file and resolves every asset.
     *
     * @param loader      where {@value TokenFile#RESOURCE} and the assets live
     * @param contextPath the application's context path, such as {@code /ctx} or empty
     * @param settings    the settings
     * @param mimeTypes   the container's type table, by file name
     * @param clock       the time source of the newer-token grace period
     * @return the site
     * @throws io.cachebreaker.runtime.tokenfile.TokenFileException when the token file is missing or malformed, or
     *                                                              a listed asset is missing
     */
    public static AssetSite load(ClassLoader loader, String contextPath, CachebreakerSettings settings,
            Function<String, String> mimeTypes, Clock clock) {
        TokenFile tokenFile = TokenFile.load(loader);
        AssetCatalog catalog = AssetCatalog.load(tokenFile, loader, new ContentTypes(mimeTypes),
                new MemoryBudget(settings.memoryCacheAssetLimit(), settings.memoryCacheTotalLimit()));
        return new AssetSite(tokenFile, settings, catalog, contextPath, clock);
    }

    /** @return the token file */
    public TokenFile tokenFile() {
        return tokenFile;
    }

    /** @return the settings */
    public CachebreakerSettings settings() {
        return settings;
    }

    /** @return the allowlist */
    public AssetCatalog catalog() {
        return catalog;
    }

    /** @return the URL builder */
    public AssetUrlBuilder urls() {
        return urls;
    }

    /** @return the request handler */
    public AssetRequestHandler handler() {
        return handler;
    }

    /** @return the servlet mapping, such as {@code /static/*} */
    public String servletMapping() {
        return "/" + tokenFile.prefix().mount() + "/*";
    }

    /**
     * The part of a raw request URI below the mount.
     *
     * @param rawRequestUri the request URI as sent, still percent-encoded
     * @return such as {@code <token>/css/app.css}, or {@code null} when the URI does not start with the encoded
     *         context path and mount (path parameters or odd encodings there included)
     */
    public String rawPathBelowMount(String rawRequestUri) {
        return rawRequestUri != null && rawRequestUri.startsWith(rawMountPrefix)
                ? rawRequestUri.substring(rawMountPrefix.length())
                : null;
    }
}
