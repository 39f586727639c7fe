package io.cachebreaker.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CachebreakerSettingsTest {

    private static CachebreakerSettings read(Map<String, String> init, Map<String, String> overrides) {
        return CachebreakerSettings.from(init::get, overrides::get);
    }

    @Test
    void defaults() {
        CachebreakerSettings settings = CachebreakerSettings.defaults();
        assertEquals(31_536_000, settings.cacheMaxAge());
        assertTrue(settings.immutable());
        assertEquals(3, settings.retryAfter());
        assertEquals(301, settings.redirectStatus());
        assertEquals(3600, settings.redirectMaxAge());
        assertEquals(Duration.ofMinutes(10), settings.newerTokenGrace());
        assertEquals(1000, settings.newerTokenLimit());
        assertEquals(48 * 1024, settings.memoryCacheAssetLimit());
        assertEquals(16 * 1024 * 1024, settings.memoryCacheTotalLimit());
        assertEquals(0, settings.errorMaxAge());
        assertNull(settings.baseUrl());
        assertTrue(settings.strict());
        assertTrue(settings.autoRegister());
        assertNull(settings.devDirectory(), "dev mode is never on by default");
        assertEquals("static/{token}", settings.devPrefix().pattern());
    }

    @Test
    void devModeTakesADirectoryRelativeToTheWorkingDirectoryFromEitherSource() {
        Path expected = Path.of("src/main").toAbsolutePath();
        assertEquals(expected, read(Map.of(), Map.of("cachebreaker.dev", "src/main")).devDirectory());
        assertEquals(expected, read(Map.of("cachebreaker.dev", "src/main/"), Map.of()).devDirectory());
        assertEquals("assets/{token}/x",
                read(Map.of("cachebreaker.devPrefix", "/assets/{token}/x/"), Map.of()).devPrefix().pattern());
    }

    @Test
    void overridesWinOverInitParameters() {
        CachebreakerSettings settings = read(
                Map.of("cachebreaker.retryAfter", "5", "cachebreaker.cacheMaxAge", "60"),
                Map.of("cachebreaker.retryAfter", "9"));
        assertEquals(9, settings.retryAfter());
        assertEquals(60, settings.cacheMaxAge());
    }

    @Test
    void parsesSizesBooleansAndUrls() {
        CachebreakerSettings settings = read(Map.of(
                "cachebreaker.memoryCacheAssetLimit", "64KiB",
                "cachebreaker.memoryCacheTotalLimit", " 2m ",
                "cachebreaker.strict", "FALSE",
                "cachebreaker.baseUrl", "https://cdn.example.com/app/"), Map.of());
        assertEquals(64 * 1024, settings.memoryCacheAssetLimit());
        assertEquals(2 * 1024 * 1024, settings.memoryCacheTotalLimit());
        assertFalse(settings.strict());
        assertEquals("https://cdn.example.com/app", settings.baseUrl());
    }

    @Test
    void invalidValuesNameTheSetting() {
        String[][] bad = {{"cachebreaker.cacheMaxAge", "-1"}, {"cachebreaker.cacheMaxAge", "1y"},
            {"cachebreaker.retryAfter", "abc"}, {"cachebreaker.redirectStatus", "200"},
            {"cachebreaker.redirectStatus", "304"}, {"cachebreaker.strict", "yes"},
            {"cachebreaker.memoryCacheAssetLimit", "12GB"}, {"cachebreaker.newerTokenLimit", "-5"},
            {"cachebreaker.baseUrl", "cdn.example.com"}, {"cachebreaker.baseUrl", "javascript:alert(1)"},
            {"cachebreaker.baseUrl", "https://cdn.example.com/?q=1"}, {"cachebreaker.baseUrl", "//cdn.example.com"},
            {"cachebreaker.baseUrl", "https://cdn.example.com/a b"}, {"cachebreaker.dev", "no/such/directory"},
            {"cachebreaker.dev", "pom.xml"}, {"cachebreaker.devPrefix", "static"}};
        for (String[] pair : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> read(Map.of(pair[0], pair[1]), Map.of()), pair[0] + "=" + pair[1]);
            assertTrue(e.getMessage().contains(pair[0]), e.getMessage());
        }
    }

    @Test
    void newSettingsForRollingDeploysParseWithTheirBounds() {
        CachebreakerSettings defaults = CachebreakerSettings.defaults();
        assertEquals(16, defaults.rolloutHops());
        assertEquals(Duration.ofMinutes(10), defaults.rolloutWindow());
        CachebreakerSettings set = read(Map.of("cachebreaker.rolloutHops", "0", "cachebreaker.rolloutWindow", "30"),
                Map.of());
        assertEquals(0, set.rolloutHops());
        assertEquals(Duration.ofSeconds(30), set.rolloutWindow());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("cachebreaker.rolloutHops", "20"), Map.of()));
        assertEquals("Invalid cachebreaker setting cachebreaker.rolloutHops='20' (context init parameter or system"
                + " property): expected a whole number of hops from 0 to 19.", e.getMessage());
    }

    @Test
    void theBuilderTakesTypedValuesAndChecksThemByTheSameRules() {
        CachebreakerSettings settings = CachebreakerSettings.builder()
                .cacheMaxAge(Duration.ofMinutes(1))
                .immutable(false)
                .retryAfter(Duration.ofSeconds(5))
                .redirectStatus(308)
                .memoryCacheAssetLimit(1024)
                .baseUrl("https://cdn.example.com/app/")
                .rolloutHops(3)
                .with(Setting.MEMORY_CACHE_TOTAL_LIMIT, "2MiB")
                .build();
        assertEquals(60, settings.cacheMaxAge());
        assertFalse(settings.immutable());
        assertEquals(5, settings.retryAfter());
        assertEquals(308, settings.redirectStatus());
        assertEquals(1024, settings.memoryCacheAssetLimit());
        assertEquals(2 * 1024 * 1024, settings.memoryCacheTotalLimit());
        assertEquals("https://cdn.example.com/app", settings.baseUrl());
        assertEquals(3, settings.rolloutHops());
        assertEquals(3600, settings.redirectMaxAge(), "unset keeps its default");

        IllegalArgumentException status = assertThrows(IllegalArgumentException.class,
                () -> CachebreakerSettings.builder().redirectStatus(200).build());
        assertEquals("Invalid cachebreaker setting cachebreaker.redirectStatus='200' (set with"
                + " CachebreakerSettings.builder()): expected one of 301, 302, 303, 307, 308.", status.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> CachebreakerSettings.builder().retryAfter(Duration.ofMillis(1500)));
        assertTrue(fraction.getMessage().contains("cachebreaker.retryAfter"), fraction.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> CachebreakerSettings.builder().source("Spring Boot property").cacheMaxAge(Duration.ofSeconds(-1))
                        .build());
        assertTrue(negative.getMessage().contains("cachebreaker.cacheMaxAge='-1' (Spring Boot property)"),
                negative.getMessage());
    }

    @Test
    void theBuilderIgnoresSystemProperties() {
        System.setProperty(Setting.RETRY_AFTER.key(), "9");
        try {
            assertEquals(3, CachebreakerSettings.builder().build().retryAfter());
            assertEquals(9, CachebreakerSettings.fromInitParametersAndSystemProperties(name -> null).retryAfter());
        } finally {
            System.clearProperty(Setting.RETRY_AFTER.key());
        }
    }

    @Test
    void everyDefaultParses() {
        for (Setting setting : Setting.values()) {
            if (setting.defaultValue() != null) {
                assertEquals(setting.parse(setting.defaultValue(), "test"), setting.parse(null, "test"),
                        setting.key());
            }
        }
    }

    /** The README is the settings' only prose: every setting has a row there with its default, and no row is stale. */
    @Test
    void everySettingIsInTheReadmeReferenceWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String table = readme.substring(readme.indexOf("### Runtime settings"), readme.indexOf("## Project layout"));
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(cachebreaker\\.\\w+)` \\| ([^|]*) \\|").matcher(table);
        while (row.find()) {
            assertTrue(rows.put(row.group(1), row.group(2)) == null, "README has two rows for " + row.group(1));
        }
        for (Setting setting : Setting.values()) {
            String defaultColumn = rows.remove(setting.key());
            assertTrue(defaultColumn != null, "README has no row for " + setting.key());
            if (setting.defaultValue() == null) {
                assertTrue(defaultColumn.equals("(none)") || defaultColumn.equals("(off)"), defaultColumn);
            } else {
                assertTrue(defaultColumn.startsWith("`" + setting.defaultValue() + "`"),
                        setting.key() + " documents " + defaultColumn);
            }
        }
        assertTrue(rows.isEmpty(), "README rows for settings that do not exist: " + rows.keySet());
    }
}
