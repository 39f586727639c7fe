package io.cachebreaker.runtime;

import java.util.Objects;
import java.util.function.Function;

/**
 * The one definition of each runtime setting: its name, its default, how its text is parsed, and a one-line summary.
 * README.md's "Runtime settings" table explains them; {@code CachebreakerSettingsTest} keeps that table and this enum
 * in step.
 *
 * <p>Every value is text, as a context init parameter or system property is, and is parsed by the same rule wherever it
 * comes from (init parameters, system properties, {@link CachebreakerSettings#builder()}, a Spring Boot property).
 */
public enum Setting {
    CACHE_MAX_AGE("cacheMaxAge", "31536000", SettingParsers::seconds,
            "max-age of the Cache-Control sent with assets, in seconds."),
    IMMUTABLE("immutable", "true", SettingParsers::bool,
            "Whether the Cache-Control sent with assets also says immutable."),
    RETRY_AFTER("retryAfter", "3", SettingParsers::seconds,
            "Retry-After of the 503 sent for a newer token during its grace period, in seconds."),
    REDIRECT_STATUS("redirectStatus", "301", SettingParsers::redirectStatus,
            "Status of the redirect from an older token to the current one: 301, 302, 303, 307 or 308."),
    REDIRECT_MAX_AGE("redirectMaxAge", "3600", SettingParsers::seconds,
            "max-age of the redirect from an older token, in seconds; 0 sends no-store."),
    NEWER_TOKEN_GRACE("newerTokenGrace", "600", SettingParsers::duration,
            "How long after first seeing a newer token this instance answers 503 before it redirects, in seconds."),
    NEWER_TOKEN_LIMIT("newerTokenLimit", "1000", SettingParsers.wholeNumber(0, 1_000_000, "a whole number of tokens"),
            "How many newer tokens are remembered."),
    MEMORY_CACHE_ASSET_LIMIT("memoryCacheAssetLimit", "48KiB", SettingParsers::size,
            "The largest asset variant held in memory: bytes, or a number followed by KiB or MiB."),
    MEMORY_CACHE_TOTAL_LIMIT("memoryCacheTotalLimit", "16MiB", SettingParsers::size,
            "Memory for all held variants together; 0 turns the memory cache off."),
    ERROR_MAX_AGE("errorMaxAge", "0", SettingParsers::seconds,
            "max-age of 400, 404 and 405 answers, in seconds; 0 sends no-store."),
    BASE_URL("baseUrl", null, SettingParsers::baseUrl,
            "An absolute http(s) URL that replaces the context path in asset URLs, for a CDN."),
    STRICT("strict", "true", SettingParsers::bool,
            "Whether building the URL of an asset missing from the manifest throws."),
    AUTO_REGISTER("autoRegister", "true", SettingParsers::bool,
            "Whether the servlet is mounted at the prefix's root by itself."),
    DEV("dev", null, SettingParsers::directory,
            "Dev mode: the directory whose files are served straight from disk. Never in production."),
    DEV_PREFIX("devPrefix", "static/{token}", SettingParsers::prefix,
            "The prefix in dev mode when the class path has no token file."),
    ROLLOUT_HOPS("rolloutHops", "16", SettingParsers.wholeNumber(0, 19, "a whole number of hops"),
            "How many times a request for bytes this instance lacks is sent back through the balancer"
                    + " during a rolling deploy."),
    ROLLOUT_WINDOW("rolloutWindow", "600", SettingParsers::duration,
            "How long after start-up requests for older tokens this instance lacks count as a rolling deploy,"
                    + " in seconds.");

    /** The common start of every setting's name. */
    public static final String PREFIX = "cachebreaker.";

    private final String key;
    private final String defaultValue;
    private final Function<String, ?> parser;
    private final String summary;

    Setting(String name, String defaultValue, Function<String, ?> parser, String summary) {
        this.key = PREFIX + name;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.summary = summary;
    }

    /** @return the full name, such as {@code cachebreaker.retryAfter}: the init parameter and system property */
    public String key() {
        return key;
    }

    /** @return the default as text, such as {@code 48KiB}, or {@code null} when the setting is off by default */
    public String defaultValue() {
        return defaultValue;
    }

    /** @return one line saying what the setting does */
    public String summary() {
        return summary;
    }

    /**
     * Parses a value; {@code null} or blank gives the default.
     *
     * @param value  the text, or {@code null}
     * @param source where the value came from, for the message, such as {@code context init parameter}
     * @return the parsed value, of the type the setting's getter in {@link CachebreakerSettings} returns
     * @throws IllegalArgumentException naming the setting, the value and what it expects
     */
    Object parse(String value, String source) {
        String text = value == null || value.isBlank() ? defaultValue : value.strip();
        if (text == null) {
            return null;
        }
        try {
            return Objects.requireNonNull(parser.apply(text));
        } catch (SettingParsers.Expected e) {
            throw new IllegalArgumentException("Invalid cachebreaker setting " + key + "='" + text + "' (" + source
                    + "): expected " + e.getMessage() + ".", e);
        }
    }
}
