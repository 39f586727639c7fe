package io.cachebreaker.runtime;

import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The runtime's settings, parsed and checked. {@link Setting} defines each one; README.md explains them. An invalid
 * value fails with a message that names the setting and what it expects.
 *
 * <p>Read them from a servlet context with {@link #fromInitParametersAndSystemProperties}, or build them in code with
 * {@link #builder()} and hand them to {@link CachebreakerServlet#register(jakarta.servlet.ServletContext,
 * CachebreakerSettings)}.
 */
public final class CachebreakerSettings {
    private static final String INIT_PARAMETER_OR_SYSTEM_PROPERTY = "context init parameter or system property";

    private final Map<Setting, Object> values;

    private CachebreakerSettings(Function<Setting, String> source, String sourceName) {
        values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            Object value = setting.parse(source.apply(setting), sourceName);
            if (value != null) {
                values.put(setting, value);
            }
        }
    }

    /** @return every setting at its default */
    public static CachebreakerSettings defaults() {
        return new CachebreakerSettings(setting -> null, "default");
    }

    /**
     * Reads the settings from init parameters, each overridden by a JVM system property of the same name.
     *
     * @param initParameters looks an init parameter up by name, such as {@code ServletContext::getInitParameter}
     * @return the settings
     * @throws IllegalArgumentException naming the first invalid setting and what it expects
     */
    public static CachebreakerSettings fromInitParametersAndSystemProperties(
            Function<String, String> initParameters) {
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
        return new CachebreakerSettings(setting -> {
            String value = overrides.apply(setting.key());
            return value != null ? value : initParameters.apply(setting.key());
        }, INIT_PARAMETER_OR_SYSTEM_PROPERTY);
    }

    /**
     * Settings set in code, for embedded containers; neither init parameters nor system properties are read.
     *
     * @return a builder whose unset settings keep their defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    private <T> T get(Setting setting, Class<T> type) {
        return type.cast(values.get(setting));
    }

    /** @return seconds of {@code max-age} for assets */
    public long cacheMaxAge() {
        return get(Setting.CACHE_MAX_AGE, Long.class);
    }

    /** @return whether assets are marked {@code immutable} */
    public boolean immutable() {
        return get(Setting.IMMUTABLE, Boolean.class);
    }

    /** @return seconds of {@code Retry-After} on the 503 for a newer token */
    public long retryAfter() {
        return get(Setting.RETRY_AFTER, Long.class);
    }

    /** @return the status of the redirect from an older token */
    public int redirectStatus() {
        return get(Setting.REDIRECT_STATUS, Integer.class);
    }

    /** @return seconds of {@code max-age} of that redirect; 0 means {@code no-store} */
    public long redirectMaxAge() {
        return get(Setting.REDIRECT_MAX_AGE, Long.class);
    }

    /** @return how long after first sight a newer token gets 503 rather than a redirect */
    public Duration newerTokenGrace() {
        return get(Setting.NEWER_TOKEN_GRACE, Duration.class);
    }

    /** @return how many newer tokens are remembered */
    public int newerTokenLimit() {
        return get(Setting.NEWER_TOKEN_LIMIT, Integer.class);
    }

    /** @return the largest variant, in bytes, held in memory */
    public long memoryCacheAssetLimit() {
        return get(Setting.MEMORY_CACHE_ASSET_LIMIT, Long.class);
    }

    /** @return the memory budget, in bytes, for all held variants */
    public long memoryCacheTotalLimit() {
        return get(Setting.MEMORY_CACHE_TOTAL_LIMIT, Long.class);
    }

    /** @return seconds of {@code max-age} of error answers; 0 means {@code no-store} */
    public long errorMaxAge() {
        return get(Setting.ERROR_MAX_AGE, Long.class);
    }

    /** @return the base URL without a trailing slash, or {@code null} to use the context path */
    public String baseUrl() {
        return get(Setting.BASE_URL, String.class);
    }

    /** @return whether an asset missing from the manifest makes URL building throw */
    public boolean strict() {
        return get(Setting.STRICT, Boolean.class);
    }

    /** @return whether the servlet is mounted by itself */
    public boolean autoRegister() {
        return get(Setting.AUTO_REGISTER, Boolean.class);
    }

    /** @return dev mode's source directory, absolute, or {@code null} when dev mode is off */
    public Path devDirectory() {
        return get(Setting.DEV, Path.class);
    }

    /** @return dev mode's prefix when the class path holds no token file */
    public AssetPrefix devPrefix() {
        return get(Setting.DEV_PREFIX, AssetPrefix.class);
    }

    /** @return how many times a request for bytes this instance lacks is sent back through the balancer */
    public int rolloutHops() {
        return get(Setting.ROLLOUT_HOPS, Integer.class);
    }

    /** @return how long after start-up requests for older tokens this instance lacks count as a rolling deploy */
    public Duration rolloutWindow() {
        return get(Setting.ROLLOUT_WINDOW, Duration.class);
    }

    /**
     * Sets settings in code. Every value is checked by {@link #build()} with the same rules as an init parameter, so a
     * wrong one fails there, naming the setting.
     */
    public static final class Builder {
        private final Map<Setting, String> values = new EnumMap<>(Setting.class);
        private String source = "set with CachebreakerSettings.builder()";

        private Builder() {
        }

        /**
         * Sets a setting from text, exactly as an init parameter would.
         *
         * @param setting the setting
         * @param value   its text, or {@code null} for the default
         * @return this builder
         */
        public Builder with(Setting setting, String value) {
            Objects.requireNonNull(setting, "setting");
            if (value == null) {
                values.remove(setting);
            } else {
                values.put(setting, value);
            }
            return this;
        }

        /**
         * Says where the values come from, for error messages, such as {@code "Spring Boot property"}.
         *
         * @param description where the values come from
         * @return this builder
         */
        public Builder source(String description) {
            this.source = Objects.requireNonNull(description, "description");
            return this;
        }

        private Builder seconds(Setting setting, Duration duration) {
            Objects.requireNonNull(duration, setting.key());
            if (duration.getNano() != 0) {
                throw new IllegalArgumentException("Invalid cachebreaker setting " + setting.key() + "=" + duration
                        + " (" + source + "): expected whole seconds.");
            }
            return with(setting, Long.toString(duration.getSeconds()));
        }

        public Builder cacheMaxAge(Duration maxAge) {
            return seconds(Setting.CACHE_MAX_AGE, maxAge);
        }

        public Builder immutable(boolean immutable) {
            return with(Setting.IMMUTABLE, Boolean.toString(immutable));
        }

        public Builder retryAfter(Duration retryAfter) {
            return seconds(Setting.RETRY_AFTER, retryAfter);
        }

        public Builder redirectStatus(int status) {
            return with(Setting.REDIRECT_STATUS, Integer.toString(status));
        }

        public Builder redirectMaxAge(Duration maxAge) {
            return seconds(Setting.REDIRECT_MAX_AGE, maxAge);
        }

        public Builder newerTokenGrace(Duration grace) {
            return seconds(Setting.NEWER_TOKEN_GRACE, grace);
        }

        public Builder newerTokenLimit(int limit) {
            return with(Setting.NEWER_TOKEN_LIMIT, Integer.toString(limit));
        }

        public Builder memoryCacheAssetLimit(long bytes) {
            return with(Setting.MEMORY_CACHE_ASSET_LIMIT, Long.toString(bytes));
        }

        public Builder memoryCacheTotalLimit(long bytes) {
            return with(Setting.MEMORY_CACHE_TOTAL_LIMIT, Long.toString(bytes));
        }

        public Builder errorMaxAge(Duration maxAge) {
            return seconds(Setting.ERROR_MAX_AGE, maxAge);
        }

        public Builder baseUrl(String url) {
            return with(Setting.BASE_URL, url);
        }

        public Builder strict(boolean strict) {
            return with(Setting.STRICT, Boolean.toString(strict));
        }

        public Builder autoRegister(boolean autoRegister) {
            return with(Setting.AUTO_REGISTER, Boolean.toString(autoRegister));
        }

        /** Dev mode: never in production. */
        public Builder dev(Path directory) {
            return with(Setting.DEV, directory == null ? null : directory.toString());
        }

        public Builder devPrefix(String prefix) {
            return with(Setting.DEV_PREFIX, prefix);
        }

        public Builder rolloutHops(int hops) {
            return with(Setting.ROLLOUT_HOPS, Integer.toString(hops));
        }

        public Builder rolloutWindow(Duration window) {
            return seconds(Setting.ROLLOUT_WINDOW, window);
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the first invalid setting and what it expects
         */
        public CachebreakerSettings build() {
            return new CachebreakerSettings(values::get, source);
        }
    }
}
