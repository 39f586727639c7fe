package io.cachebreaker.runtime;

import io.cachebreaker.runtime.serving.AssetSite;
import io.cachebreaker.runtime.serving.DevMode;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Keeps one {@link AssetSite} per servlet context, built the first time the initializer, the servlet or
 * {@link AssetUrls#of} asks, so the token file is read once whoever comes first.
 */
final class SiteRegistry {
    static final String SITE_ATTRIBUTE = AssetSite.class.getName();
    /** An internal hook: a {@link Clock} stored under this name before start-up drives the newer-token grace. */
    static final String CLOCK_ATTRIBUTE = "io.cachebreaker.runtime.clock";

    private static final Object LOCK = new Object();

    private SiteRegistry() {
    }

    /**
     * The site of a context, built on first use.
     *
     * @param context the servlet context
     * @return the site
     * @throws io.cachebreaker.runtime.tokenfile.TokenFileException when the token file or an asset is missing or
     *                                                              malformed
     * @throws IllegalArgumentException                             when a setting is invalid
     */
    static AssetSite site(ServletContext context) {
        return site(context, null);
    }

    /**
     * The site of a context, built on first use with the given settings. The first caller decides: when the site
     * exists already, it is returned as it is, and settings given now are ignored (with a log line if they differ
     * from those in use).
     *
     * @param context  the servlet context
     * @param settings the settings, or {@code null} to read init parameters and system properties
     * @return the site
     */
    static AssetSite site(ServletContext context, CachebreakerSettings settings) {
        synchronized (LOCK) {
            if (context.getAttribute(SITE_ATTRIBUTE) instanceof AssetSite existing) {
                if (settings != null && settings != existing.settings()) {
                    context.log("cachebreaker: the site of this context was already built with other settings,"
                            + " which stay in force; register the servlet with its settings before anything calls"
                            + " AssetUrls.of or registers it without them.");
                }
                return existing;
            }
            if (settings == null) {
                settings = CachebreakerSettings.fromInitParametersAndSystemProperties(context::getInitParameter);
            }
            Clock clock = context.getAttribute(CLOCK_ATTRIBUTE) instanceof Clock given ? given : Clock.systemUTC();
            AssetSite site = AssetSite.load(classLoader(context), context.getContextPath(), settings,
                    context::getMimeType, clock);
            if (site.devMode()) {
                warnAboutDevMode(context, settings);
            }
            context.setAttribute(SITE_ATTRIBUTE, site);
            context.setAttribute(AssetUrls.ATTRIBUTE, new AssetUrls(site.urls()));
            return site;
        }
    }

    /** Dev mode must never go unnoticed: to the container's log, and at WARNING to java.util.logging. */
    private static void warnAboutDevMode(ServletContext context, CachebreakerSettings settings) {
        String warning = DevMode.warning(settings.devDirectory());
        context.log(warning);
        Logger.getLogger(SiteRegistry.class.getName()).warning(warning);
    }

    static ClassLoader classLoader(ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        return loader != null ? loader : Thread.currentThread().getContextClassLoader();
    }
}
