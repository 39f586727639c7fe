package io.cachebreaker.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.CachebreakerSettings;
import io.cachebreaker.runtime.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binding in Boot's relaxed forms, and the order: Boot property, then context parameter, then default. */
class BootSettingsTest {

    private static CachebreakerProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("cachebreaker", CachebreakerProperties.class);
    }

    @Test
    void relaxedNamesDurationsWithUnitsAndEveryType() {
        CachebreakerSettings settings = BootSettings.resolve(bind(Map.of(
                "cachebreaker.retry-after", "5",
                "cachebreaker.cacheMaxAge", "2m",
                "cachebreaker.immutable", "false",
                "cachebreaker.redirect-status", "308",
                "cachebreaker.memory-cache-asset-limit", "64KiB",
                "cachebreaker.base-url", "https://cdn.example.com/app",
                "cachebreaker.rollout-hops", "4",
                "cachebreaker.rollout-window", "1h")), name -> null, null);
        assertEquals(5, settings.retryAfter());
        assertEquals(120, settings.cacheMaxAge());
        assertFalse(settings.immutable());
        assertEquals(308, settings.redirectStatus());
        assertEquals(64 * 1024, settings.memoryCacheAssetLimit());
        assertEquals("https://cdn.example.com/app", settings.baseUrl());
        assertEquals(4, settings.rolloutHops());
        assertEquals(Duration.ofHours(1), settings.rolloutWindow());
    }

    @Test
    void aBootPropertyWinsOverAContextParameterWhichWinsOverTheDefault() {
        Map<String, String> contextParameters = Map.of("cachebreaker.retryAfter", "4",
                "cachebreaker.errorMaxAge", "30");
        CachebreakerSettings settings = BootSettings.resolve(bind(Map.of("cachebreaker.retry-after", "6")),
                contextParameters::get, null);
        assertEquals(6, settings.retryAfter());
        assertEquals(30, settings.errorMaxAge());
        assertEquals(3600, settings.redirectMaxAge());
    }

    @Test
    void devtoolsDevModeYieldsToAnExplicitDevSetting(@TempDir Path dir) {
        Path devtools = dir.resolve("a");
        assertEquals(devtools, BootSettings.resolve(bind(Map.of()), name -> null,
                java.nio.file.Files.exists(devtools) ? devtools : mkdir(devtools)).devDirectory());
        Path explicit = mkdir(dir.resolve("b"));
        assertEquals(explicit, BootSettings.resolve(bind(Map.of("cachebreaker.dev", explicit.toString())),
                name -> null, devtools).devDirectory());
        assertNull(BootSettings.resolve(bind(Map.of()), name -> null, null).devDirectory());
    }

    @Test
    void anInvalidValueNamesTheSettingAndWhatItExpects() {
        IllegalArgumentException status = assertThrows(IllegalArgumentException.class,
                () -> BootSettings.resolve(bind(Map.of("cachebreaker.redirect-status", "200")), name -> null, null));
        assertEquals("Invalid cachebreaker setting cachebreaker.redirectStatus='200' (" + BootSettings.SOURCE
                + "): expected one of 301, 302, 303, 307, 308.", status.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> BootSettings.resolve(bind(Map.of("cachebreaker.retry-after", "1500ms")), name -> null, null));
        assertTrue(fraction.getMessage().contains(Setting.RETRY_AFTER.key()), fraction.getMessage());
        assertTrue(fraction.getMessage().contains("whole seconds"), fraction.getMessage());
    }

    private static Path mkdir(Path dir) {
        try {
            return java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
