package io.cachebreaker.runtime;

import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.TokenFileException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The runtime's settings, read from context init parameters named {@code cachebreaker.<setting>}; a system property
 * of the same name overrides the init parameter. An invalid value fails start-up with a message naming the setting.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>Name</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code cachebreaker.cacheMaxAge}</td><td>31536000 (one year)</td>
 *       <td>{@code max-age} in seconds of the {@code Cache-Control} sent with assets.</td></tr>
 *   <tr><td>{@code cachebreaker.immutable}</td><td>true</td>
 *       <td>Whether assets' {@code Cache-Control} carries {@code immutable}.</td></tr>
 *   <tr><td>{@code cachebreaker.retryAfter}</td><td>3</td>
 *       <td>{@code Retry-After} seconds of the 503 sent for a newer token during its grace period.</td></tr>
 *   <tr><td>{@code cachebreaker.redirectStatus}</td><td>301</td>
 *       <td>Status of the redirect from an older token: 301, 302, 303, 307 or 308.</td></tr>
 *   <tr><td>{@code cachebreaker.redirectMaxAge}</td><td>3600</td>
 *       <td>{@code max-age} in seconds of that redirect; 0 sends {@code no-store}.</td></tr>
 *   <tr><td>{@code cachebreaker.newerTokenGrace}</td><td>600</td>
 *       <td>Seconds after this instance first saw a newer token during which it answers 503; afterwards a
 *       non-cacheable 302 to the current token (rollback safety).</td></tr>
 *   <tr><td>{@code cachebreaker.newerTokenLimit}</td><td>1000</td>
 *       <td>How many newer tokens are remembered; when full, an unseen newer token gets the 302 at once.</td></tr>
 *   <tr><td>{@code cachebreaker.memoryCacheAssetLimit}</td><td>48KiB</td>
 *       <td>Largest variant held in memory; larger ones are streamed from the class path.</td></tr>
 *   <tr><td>{@code cachebreaker.memoryCacheTotalLimit}</td><td>16MiB</td>
 *       <td>Memory budget for all held variants together; 0 turns the memory cache off.</td></tr>
 *   <tr><td>{@code cachebreaker.errorMaxAge}</td><td>0</td>
 *       <td>{@code max-age} in seconds of 400/404/405 answers; 0 sends {@code no-store}.</td></tr>
 *   <tr><td>{@code cachebreaker.rolloutHops}</td><td>16</td>
 *       <td>How many times a browser's subresource request for bytes this instance lacks is bounced back through the
 *       balancer with a non-cacheable 307 during a rolling deploy; 0 keeps the seed's answers.</td></tr>
 *   <tr><td>{@code cachebreaker.rolloutWindow}</td><td>600</td>
 *       <td>Seconds after start-up during which an older token this instance lacks is bounced for browsers.</td></tr>
 *   <tr><td>{@code cachebreaker.baseUrl}</td><td>(none)</td>
 *       <td>Absolute http(s) URL that replaces the context path in built URLs, for a CDN.</td></tr>
 *   <tr><td>{@code cachebreaker.strict}</td><td>true</td>
 *       <td>Whether building the URL of an asset missing from the manifest throws; when false it builds it
 *       anyway.</td></tr>
 *   <tr><td>{@code cachebreaker.autoRegister}</td><td>true</td>
 *       <td>Whether the {@code ServletContainerInitializer} mounts the servlet by itself.</td></tr>
 *   <tr><td>{@code cachebreaker.dev}</td><td>(off)</td>
 *       <td>Dev mode: a directory whose files are served straight from disk, uncached, under the token
 *       {@code dev}. Never for production.</td></tr>
 *   <tr><td>{@code cachebreaker.devPrefix}</td><td>{@code static/{token}}</td>
 *       <td>The prefix in dev mode when there is no token file to take it from.</td></tr>
 * </table>
 *
 * <p>Sizes are bytes, or a number followed by {@code KiB} or {@code MiB} (also {@code k}, {@code m}).
 */
public final class CachebreakerSettings {
    /** The common prefix of every setting's name. */
    public static final String PREFIX = "cachebreaker.";

    /** Seconds of {@code max-age} for assets; default one year. */
    public static final String CACHE_MAX_AGE = PREFIX + "cacheMaxAge";
    /** Whether assets are marked {@code immutable}; default true. */
    public static final String IMMUTABLE = PREFIX + "immutable";
    /** {@code Retry-After} seconds of the 503 for a newer token; default 3. */
    public static final String RETRY_AFTER = PREFIX + "retryAfter";
    /** Status of the redirect from an older token; default 301. */
    public static final String REDIRECT_STATUS = PREFIX + "redirectStatus";
    /** Seconds of {@code max-age} of that redirect, 0 for {@code no-store}; default 3600. */
    public static final String REDIRECT_MAX_AGE = PREFIX + "redirectMaxAge";
    /** Seconds a newer token gets 503 after first sight, then a 302; default 600. */
    public static final String NEWER_TOKEN_GRACE = PREFIX + "newerTokenGrace";
    /** How many newer tokens are remembered; default 1000. */
    public static final String NEWER_TOKEN_LIMIT = PREFIX + "newerTokenLimit";
    /** Largest variant held in memory; default 48KiB. */
    public static final String MEMORY_CACHE_ASSET_LIMIT = PREFIX + "memoryCacheAssetLimit";
    /** Memory for all held variants; default 16MiB. */
    public static final String MEMORY_CACHE_TOTAL_LIMIT = PREFIX + "memoryCacheTotalLimit";
    /** Seconds of {@code max-age} of 400/404/405, 0 for {@code no-store}; default 0. */
    public static final String ERROR_MAX_AGE = PREFIX + "errorMaxAge";
    /** Absolute URL replacing the context path in built URLs; default none. */
    public static final String BASE_URL = PREFIX + "baseUrl";
    /** Whether an asset missing from the manifest makes URL building throw; default true. */
    public static final String STRICT = PREFIX + "strict";
    /** Whether the initializer mounts the servlet by itself; default true. */
    public static final String AUTO_REGISTER = PREFIX + "autoRegister";
    /** How many times a browser is bounced back through the balancer during a rolling deploy; default 16. */
    public static final String ROLLOUT_HOPS = PREFIX + "rolloutHops";
    /** Seconds after start-up during which an older token this instance lacks may be bounced; default 600. */
    public static final String ROLLOUT_WINDOW = PREFIX + "rolloutWindow";
    /** Dev mode's source directory; default none, which leaves dev mode off. */
    public static final String DEV = PREFIX + "dev";
    /** Dev mode's prefix when no token file gives one; default {@code static/{token}}. */
    public static final String DEV_PREFIX = PREFIX + "devPrefix";

    private static final int[] REDIRECT_STATUSES = {301, 302, 303, 307, 308};
    private static final long MAX_SECONDS = 10L * 365 * 24 * 3600;

    private final long cacheMaxAge;
    private final boolean immutable;
    private final long retryAfter;
    private final int redirectStatus;
    private final long redirectMaxAge;
    private final Duration newerTokenGrace;
    private final int newerTokenLimit;
    private final long memoryCacheAssetLimit;
    private final long memoryCacheTotalLimit;
    private final long errorMaxAge;
    private final int rolloutHops;
    private final Duration rolloutWindow;
    private final String baseUrl;
    private final boolean strict;
    private final boolean autoRegister;
    private final Path devDirectory;
    private final AssetPrefix devPrefix;

    private CachebreakerSettings(Function<String, String> source) {
        Reader r = new Reader(source);
        cacheMaxAge = r.seconds(CACHE_MAX_AGE, 31_536_000);
        immutable = r.bool(IMMUTABLE, true);
        retryAfter = r.seconds(RETRY_AFTER, 3);
        redirectStatus = r.redirectStatus(REDIRECT_STATUS, 301);
        redirectMaxAge = r.seconds(REDIRECT_MAX_AGE, 3600);
        newerTokenGrace = Duration.ofSeconds(r.seconds(NEWER_TOKEN_GRACE, 600));
        newerTokenLimit = (int) r.number(NEWER_TOKEN_LIMIT, 1000, 0, 1_000_000, "a whole number of tokens");
        memoryCacheAssetLimit = r.size(MEMORY_CACHE_ASSET_LIMIT, 48 * 1024);
        memoryCacheTotalLimit = r.size(MEMORY_CACHE_TOTAL_LIMIT, 16 * 1024 * 1024);
        errorMaxAge = r.seconds(ERROR_MAX_AGE, 0);
        rolloutHops = (int) r.number(ROLLOUT_HOPS, 16, 0, 19, "a whole number of hops (browsers follow 20 redirects)");
        rolloutWindow = Duration.ofSeconds(r.seconds(ROLLOUT_WINDOW, 600));
        baseUrl = r.baseUrl(BASE_URL);
        strict = r.bool(STRICT, true);
        autoRegister = r.bool(AUTO_REGISTER, true);
        devDirectory = r.directory(DEV);
        devPrefix = r.prefix(DEV_PREFIX, AssetPrefix.DEFAULT);
    }

    /** @return every setting at its default */
    public static CachebreakerSettings defaults() {
        return new CachebreakerSettings(name -> null);
    }

    /**
     * Reads the settings from init parameters, each overridden by a system property of the same name.
     *
     * @param initParameters looks an init parameter up by name, such as {@code ServletContext::getInitParameter}
     * @return the settings
     * @throws IllegalArgumentException naming the first invalid setting and what it expects
     */
    public static CachebreakerSettings from(Function<String, String> initParameters) {
        return from(initParameters, System::getProperty);
    }

    /**
     * Reads the settings from two sources.
     *
     * @param initParameters looks an init parameter up by name
     * @param overrides      looks an overriding value up by name, such as {@code System::getProperty}
     * @return the settings
     * @throws IllegalArgumentException naming the first invalid setting and what it expects
     */
    public static CachebreakerSettings from(Function<String, String> initParameters,
            Function<String, String> overrides) {
        Objects.requireNonNull(initParameters, "initParameters");
        Objects.requireNonNull(overrides, "overrides");
        return new CachebreakerSettings(name -> {
            String value = overrides.apply(name);
            return value != null ? value : initParameters.apply(name);
        });
    }

    /** @return seconds of {@code max-age} for assets */
    public long cacheMaxAge() {
        return cacheMaxAge;
    }

    /** @return whether assets are marked {@code immutable} */
    public boolean immutable() {
        return immutable;
    }

    /** @return seconds of {@code Retry-After} on the 503 for a newer token */
    public long retryAfter() {
        return retryAfter;
    }

    /** @return the status of the redirect from an older token */
    public int redirectStatus() {
        return redirectStatus;
    }

    /** @return seconds of {@code max-age} of that redirect; 0 means {@code no-store} */
    public long redirectMaxAge() {
        return redirectMaxAge;
    }

    /** @return how long after first sight a newer token gets 503 rather than a redirect */
    public Duration newerTokenGrace() {
        return newerTokenGrace;
    }

    /** @return how many newer tokens are remembered */
    public int newerTokenLimit() {
        return newerTokenLimit;
    }

    /** @return the largest variant, in bytes, held in memory */
    public long memoryCacheAssetLimit() {
        return memoryCacheAssetLimit;
    }

    /** @return the memory budget, in bytes, for all held variants */
    public long memoryCacheTotalLimit() {
        return memoryCacheTotalLimit;
    }

    /** @return seconds of {@code max-age} of error answers; 0 means {@code no-store} */
    public long errorMaxAge() {
        return errorMaxAge;
    }

    /** @return how many times a browser's subresource request may be bounced; 0 keeps the seed's answers */
    public int rolloutHops() {
        return rolloutHops;
    }

    /** @return how long after start-up an older token this instance lacks may be bounced */
    public Duration rolloutWindow() {
        return rolloutWindow;
    }

    /** @return the base URL without a trailing slash, or {@code null} to use the context path */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return whether an asset missing from the manifest makes URL building throw */
    public boolean strict() {
        return strict;
    }

    /** @return whether the initializer mounts the servlet by itself */
    public boolean autoRegister() {
        return autoRegister;
    }

    /**
     * @return dev mode's source directory, absolute (a relative setting resolves against the working directory), or
     *         {@code null} when dev mode is off
     */
    public Path devDirectory() {
        return devDirectory;
    }

    /** @return dev mode's prefix when the class path holds no token file */
    public AssetPrefix devPrefix() {
        return devPrefix;
    }

    /** Parses one value at a time, so every message names its setting. */
    private static final class Reader {
        private final Function<String, String> source;

        Reader(Function<String, String> source) {
            this.source = source;
        }

        private String raw(String name) {
            String value = source.apply(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        long seconds(String name, long fallback) {
            return number(name, fallback, 0, MAX_SECONDS, "a whole number of seconds");
        }

        long number(String name, long fallback, long min, long max, String what) {
            String value = raw(name);
            if (value == null) {
                return fallback;
            }
            try {
                long parsed = Long.parseLong(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(name, value, what + " from " + min + " to " + max);
        }

        boolean bool(String name, boolean fallback) {
            String value = raw(name);
            if (value == null) {
                return fallback;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw invalid(name, value, "true or false");
            };
        }

        int redirectStatus(String name, int fallback) {
            String value = raw(name);
            if (value == null) {
                return fallback;
            }
            for (int status : REDIRECT_STATUSES) {
                if (value.equals(String.valueOf(status))) {
                    return status;
                }
            }
            throw invalid(name, value, "one of 301, 302, 303, 307, 308");
        }

        long size(String name, long fallback) {
            String value = raw(name);
            if (value == null) {
                return fallback;
            }
            String lower = value.toLowerCase(Locale.ROOT);
            long unit = 1;
            String digits = lower;
            for (String[] suffix : new String[][] {{"kib", "1024"}, {"mib", "1048576"}, {"k", "1024"},
                    {"m", "1048576"}}) {
                if (lower.endsWith(suffix[0])) {
                    unit = Long.parseLong(suffix[1]);
                    digits = lower.substring(0, lower.length() - suffix[0].length()).strip();
                    break;
                }
            }
            try {
                long parsed = Long.parseLong(digits);
                if (parsed >= 0 && parsed <= (1L << 40) / unit) {
                    return parsed * unit;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(name, value, "a size in bytes, such as 49152, 48KiB or 16MiB");
        }

        String baseUrl(String name) {
            String value = raw(name);
            if (value == null) {
                return null;
            }
            String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            try {
                URI uri = new URI(trimmed);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                        && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null
                        && trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                    return trimmed;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw invalid(name, value, "an absolute http or https URL with a host and no query,"
                    + " such as https://cdn.example.com/app");
        }

        Path directory(String name) {
            String value = raw(name);
            if (value == null) {
                return null;
            }
            try {
                Path directory = Path.of(value).toAbsolutePath().normalize();
                if (Files.isDirectory(directory)) {
                    return directory;
                }
            } catch (InvalidPathException e) {
                // reported below
            }
            throw invalid(name, value, "an existing directory (relative paths resolve against the working directory "
                    + Path.of("").toAbsolutePath() + ")");
        }

        AssetPrefix prefix(String name, String fallback) {
            String value = raw(name);
            try {
                return AssetPrefix.parse(value == null ? fallback : value);
            } catch (TokenFileException e) {
                throw invalid(name, value, "a prefix such as static/{token}: " + e.getMessage());
            }
        }

        private static IllegalArgumentException invalid(String name, String value, String expected) {
            return new IllegalArgumentException("Invalid cachebreaker setting " + name + "='" + value
                    + "' (context init parameter or system property): expected " + expected + ".");
        }
    }
}
