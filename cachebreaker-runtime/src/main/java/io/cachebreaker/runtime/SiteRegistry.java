package io.cachebreaker.runtime;

import io.cachebreaker.runtime.serving.AssetSite;
import jakarta.servlet.ServletContext;
import java.time.Clock;

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
        synchronized (LOCK) {
            if (context.getAttribute(SITE_ATTRIBUTE) instanceof AssetSite existing) {
                return existing;
            }
            CachebreakerSettings settings = CachebreakerSettings.from(context::getInitParameter);
            Clock clock = context.getAttribute(CLOCK_ATTRIBUTE) instanceof Clock given ? given : Clock.systemUTC();
            AssetSite site = AssetSite.load(classLoader(context), context.getContextPath(), settings,
                    context::getMimeType, clock);
            context.setAttribute(SITE_ATTRIBUTE, site);
            context.setAttribute(AssetUrls.ATTRIBUTE, new AssetUrls(site.urls()));
            return site;
        }
    }

    static ClassLoader classLoader(ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        return loader != null ? loader : Thread.currentThread().getContextClassLoader();
    }
}
