package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.CachebreakerSettings;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The rules that differ in dev mode (setting {@value CachebreakerSettings#DEV}): one fixed token, a prefix that does
 * not need the plugin to have run, and every other token sent to the fixed one.
 */
public final class DevMode {
    /** The token of every dev-mode URL. */
    public static final String TOKEN = "dev";

    private DevMode() {
    }

    /**
     * The token file dev mode works with: the fixed token and an empty manifest, with the prefix of the real token
     * file when there is one, so URLs keep their shape, and otherwise {@value CachebreakerSettings#DEV_PREFIX}.
     *
     * @param loader   where a real token file may be
     * @param settings the settings
     * @param started  the start-up time
     * @return the token file
     * @throws io.cachebreaker.runtime.tokenfile.TokenFileException when a real token file is there but malformed
     */
    static TokenFile tokenFile(ClassLoader loader, CachebreakerSettings settings, Instant started) {
        AssetPrefix prefix = loader.getResource(TokenFile.RESOURCE) != null
                ? TokenFile.load(loader).prefix()
                : settings.devPrefix();
        return new TokenFile(TOKEN, TokenStrategy.EXPLICIT, prefix, started, AssetManifest.empty());
    }

    /**
     * Judges a request's token. Any other token, older or newer, gets the non-cacheable 302 to the same asset under
     * {@value #TOKEN}, so a page rendered by a real build still loads its assets from disk.
     *
     * @param token a syntactically valid token
     * @return {@link TokenVerdict#SERVE} for {@value #TOKEN}, otherwise {@link TokenVerdict#REDIRECT_TEMPORARILY}
     */
    static TokenVerdict judge(String token) {
        return TOKEN.equals(token) ? TokenVerdict.SERVE : TokenVerdict.REDIRECT_TEMPORARILY;
    }

    /**
     * What to log at start-up, loudly.
     *
     * @param directory the source directory
     * @return the warning
     */
    public static String warning(Path directory) {
        return "cachebreaker DEV MODE: serving " + directory + " from disk with no caching, under the token '" + TOKEN
                + "'; never use in production. Unset " + CachebreakerSettings.DEV + " to turn it off.";
    }
}
