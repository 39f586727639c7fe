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
    void everySettingIsInTheReadmeReference() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String table = readme.substring(readme.indexOf("### Runtime settings"), readme.indexOf("## Project layout"));
        Matcher names = Pattern.compile("public static final String [A-Z_]+ = PREFIX \\+ \"(\\w+)\"")
                .matcher(Files.readString(Path.of("src/main/java/io/cachebreaker/runtime/CachebreakerSettings.java")));
        int count = 0;
        while (names.find()) {
            count++;
            assertTrue(table.contains("`cachebreaker." + names.group(1) + "`"), names.group(1));
        }
        assertEquals(17, count);
    }
}
