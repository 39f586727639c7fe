package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.CachebreakerSettings;
import io.cachebreaker.runtime.tokenfile.RetainedRelease;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything one deployed application needs, built once at start-up from its token file: the asset source, the
 * request handler and the URL builder. In dev mode the same parts are built around {@link DevMode} and a
 * {@link DiskAssetSource}.
 */
public final class AssetSite {
    private final TokenFile tokenFile;
    private final CachebreakerSettings settings;
    private final AssetSource source;
    private final AssetUrlBuilder urls;
    private final AssetRequestHandler handler;
    private final String rawMountPrefix;

    private AssetSite(TokenFile tokenFile, CachebreakerSettings settings, HeldReleases releases, String contextPath,
            Function<String, TokenVerdict> judge, Function<StatusReplies, AssetResponder> responder) {
        this.tokenFile = tokenFile;
        this.settings = settings;
        this.source = releases.current();
        this.urls = new AssetUrlBuilder(tokenFile, source, contextPath, settings.baseUrl(), settings.strict());
        this.rawMountPrefix = PathEncoder.encode(contextPath) + "/" + tokenFile.prefix().mount() + "/";
        StatusReplies statusReplies = new StatusReplies(settings);
        BalancerBounce bounce = new BalancerBounce(settings.rolloutHops(), rawMountPrefix, tokenFile.prefix(),
                statusReplies);
        this.handler = new AssetRequestHandler(new PathDecoder(tokenFile.prefix()), judge, releases, bounce,
                responder.apply(statusReplies), statusReplies, urls);
    }

    /**
     * Reads the token file and resolves every asset; in dev mode, sets up serving from the source directory instead.
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
        ContentTypes contentTypes = new ContentTypes(mimeTypes);
        if (settings.devDirectory() != null) {
            TokenFile devFile = DevMode.tokenFile(loader, settings, clock.instant());
            return new AssetSite(devFile, settings, new HeldReleases(devFile.token(),
                    new DiskAssetSource(settings.devDirectory(), contentTypes), Map.of()), contextPath,
                    DevMode::judge, AssetResponder::uncached);
        }
        TokenFile tokenFile = TokenFile.load(loader);
        MemoryBudget budget = new MemoryBudget(settings.memoryCacheAssetLimit(), settings.memoryCacheTotalLimit());
        AssetCatalog catalog = AssetCatalog.load(tokenFile, loader, contentTypes, budget);
        Map<String, AssetSource> retained = new HashMap<>();
        for (RetainedRelease release : tokenFile.retained()) {
            retained.put(release.token(), AssetCatalog.load(tokenFile.prefix().directory(release.token()),
                    release.manifest(), release.lastModified(), loader, contentTypes, budget));
        }
        HeldReleases releases = new HeldReleases(tokenFile.token(), catalog, retained);
        TokenJudge judge = new TokenJudge(tokenFile.token(), tokenFile.strategy(), releases.retainedTokens(),
                new NewerTokenTracker(clock, settings.newerTokenGrace(), settings.newerTokenLimit()),
                new RolloutWindow(clock, settings.rolloutWindow()));
        return new AssetSite(tokenFile, settings, releases, contextPath, judge::judge,
                statusReplies -> AssetResponder.cached(settings, statusReplies));
    }

    /** @return whether this site serves from the source directory (setting {@code cachebreaker.dev}) */
    public boolean devMode() {
        return source instanceof DiskAssetSource;
    }

    /** @return the token file; in dev mode one with the token {@value DevMode#TOKEN} and no assets */
    public TokenFile tokenFile() {
        return tokenFile;
    }

    /** @return the settings */
    public CachebreakerSettings settings() {
        return settings;
    }

    /** @return where assets are looked up: the allowlist, or in dev mode the disk */
    public AssetSource source() {
        return source;
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
