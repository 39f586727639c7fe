package io.cachebreaker.boot;

import io.cachebreaker.runtime.Setting;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The runtime's settings as Spring Boot properties under {@code cachebreaker.*}, in any relaxed form
 * ({@code cachebreaker.retry-after}, {@code CACHEBREAKER_RETRYAFTER}, {@code -Dcachebreaker.retryAfter}). Each field
 * is one {@link Setting} and its Javadoc is that setting's summary, which the configuration processor copies into the
 * metadata for IDEs; {@code CachebreakerPropertiesTest} checks both. An unset field leaves the setting to the context
 * parameter of the same name, then to its default.
 *
 * <p>Durations take a bare number as seconds, as the runtime does, or a unit ({@code 10m}); they must be whole
 * seconds. Sizes are text in the runtime's form ({@code 48KiB}).
 */
@ConfigurationProperties(prefix = "cachebreaker")
public class CachebreakerProperties {
    /** max-age of the Cache-Control sent with assets, in seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration cacheMaxAge;

    /** Whether the Cache-Control sent with assets also says immutable. */
    private Boolean immutable;

    /** Retry-After of the 503 sent for a newer token during its grace period, in seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration retryAfter;

    /** Status of the redirect from an older token to the current one: 301, 302, 303, 307 or 308. */
    private Integer redirectStatus;

    /** max-age of the redirect from an older token, in seconds; 0 sends no-store. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration redirectMaxAge;

    /** How long after first seeing a newer token this instance answers 503 before it redirects, in seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration newerTokenGrace;

    /** How many newer tokens are remembered. */
    private Integer newerTokenLimit;

    /** The largest asset variant held in memory: bytes, or a number followed by KiB or MiB. */
    private String memoryCacheAssetLimit;

    /** Memory for all held variants together; 0 turns the memory cache off. */
    private String memoryCacheTotalLimit;

    /** max-age of 400, 404 and 405 answers, in seconds; 0 sends no-store. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration errorMaxAge;

    /** An absolute http(s) URL that replaces the context path in asset URLs, for a CDN. */
    private String baseUrl;

    /** Whether building the URL of an asset missing from the manifest throws. */
    private Boolean strict;

    /** Whether the servlet is mounted at the prefix's root by itself. */
    private Boolean autoRegister;

    /** Dev mode: the directory whose files are served straight from disk. Never in production. */
    private String dev;

    /** The prefix in dev mode when the class path has no token file. */
    private String devPrefix;

    /**
     * How many times a request for bytes this instance lacks is sent back through the balancer during a rolling
     * deploy.
     */
    private Integer rolloutHops;

    /**
     * How long after start-up requests for older tokens this instance lacks count as a rolling deploy, in seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration rolloutWindow;

    /**
     * Whether, with spring-boot-devtools active and the application run from its build directory, dev mode serves
     * src/main/static by itself.
     */
    private boolean devtools = true;

    /** @return every setting that is set, as the object bound to it */
    Map<Setting, Object> settings() {
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        values.put(Setting.CACHE_MAX_AGE, cacheMaxAge);
        values.put(Setting.IMMUTABLE, immutable);
        values.put(Setting.RETRY_AFTER, retryAfter);
        values.put(Setting.REDIRECT_STATUS, redirectStatus);
        values.put(Setting.REDIRECT_MAX_AGE, redirectMaxAge);
        values.put(Setting.NEWER_TOKEN_GRACE, newerTokenGrace);
        values.put(Setting.NEWER_TOKEN_LIMIT, newerTokenLimit);
        values.put(Setting.MEMORY_CACHE_ASSET_LIMIT, memoryCacheAssetLimit);
        values.put(Setting.MEMORY_CACHE_TOTAL_LIMIT, memoryCacheTotalLimit);
        values.put(Setting.ERROR_MAX_AGE, errorMaxAge);
        values.put(Setting.BASE_URL, baseUrl);
        values.put(Setting.STRICT, strict);
        values.put(Setting.AUTO_REGISTER, autoRegister);
        values.put(Setting.DEV, dev);
        values.put(Setting.DEV_PREFIX, devPrefix);
        values.put(Setting.ROLLOUT_HOPS, rolloutHops);
        values.put(Setting.ROLLOUT_WINDOW, rolloutWindow);
        values.values().removeIf(Objects::isNull);
        return values;
    }

    public Duration getCacheMaxAge() {
        return cacheMaxAge;
    }

    public void setCacheMaxAge(Duration cacheMaxAge) {
        this.cacheMaxAge = cacheMaxAge;
    }

    public Boolean getImmutable() {
        return immutable;
    }

    public void setImmutable(Boolean immutable) {
        this.immutable = immutable;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    public Integer getRedirectStatus() {
        return redirectStatus;
    }

    public void setRedirectStatus(Integer redirectStatus) {
        this.redirectStatus = redirectStatus;
    }

    public Duration getRedirectMaxAge() {
        return redirectMaxAge;
    }

    public void setRedirectMaxAge(Duration redirectMaxAge) {
        this.redirectMaxAge = redirectMaxAge;
    }

    public Duration getNewerTokenGrace() {
        return newerTokenGrace;
    }

    public void setNewerTokenGrace(Duration newerTokenGrace) {
        this.newerTokenGrace = newerTokenGrace;
    }

    public Integer getNewerTokenLimit() {
        return newerTokenLimit;
    }

    public void setNewerTokenLimit(Integer newerTokenLimit) {
        this.newerTokenLimit = newerTokenLimit;
    }

    public String getMemoryCacheAssetLimit() {
        return memoryCacheAssetLimit;
    }

    public void setMemoryCacheAssetLimit(String memoryCacheAssetLimit) {
        this.memoryCacheAssetLimit = memoryCacheAssetLimit;
    }

    public String getMemoryCacheTotalLimit() {
        return memoryCacheTotalLimit;
    }

    public void setMemoryCacheTotalLimit(String memoryCacheTotalLimit) {
        this.memoryCacheTotalLimit = memoryCacheTotalLimit;
    }

    public Duration getErrorMaxAge() {
        return errorMaxAge;
    }

    public void setErrorMaxAge(Duration errorMaxAge) {
        this.errorMaxAge = errorMaxAge;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Boolean getStrict() {
        return strict;
    }

    public void setStrict(Boolean strict) {
        this.strict = strict;
    }

    public Boolean getAutoRegister() {
        return autoRegister;
    }

    public void setAutoRegister(Boolean autoRegister) {
        this.autoRegister = autoRegister;
    }

    public String getDev() {
        return dev;
    }

    public void setDev(String dev) {
        this.dev = dev;
    }

    public String getDevPrefix() {
        return devPrefix;
    }

    public void setDevPrefix(String devPrefix) {
        this.devPrefix = devPrefix;
    }

    public Integer getRolloutHops() {
        return rolloutHops;
    }

    public void setRolloutHops(Integer rolloutHops) {
        this.rolloutHops = rolloutHops;
    }

    public Duration getRolloutWindow() {
        return rolloutWindow;
    }

    public void setRolloutWindow(Duration rolloutWindow) {
        this.rolloutWindow = rolloutWindow;
    }

    public boolean isDevtools() {
        return devtools;
    }

    public void setDevtools(boolean devtools) {
        this.devtools = devtools;
    }
}
