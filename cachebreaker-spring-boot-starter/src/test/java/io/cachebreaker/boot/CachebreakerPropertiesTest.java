package io.cachebreaker.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.Setting;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The metadata that IDEs read has one key per runtime setting, explained by that setting's own summary and showing its
 * default (which additional-spring-configuration-metadata.json supplies, since the fields stay unset).
 */
class CachebreakerPropertiesTest {

    static String kebab(Setting setting) {
        return setting.key().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    private static int endOfObject(String text) {
        int close = text.lastIndexOf('}');
        return close < 0 ? text.length() : close;
    }

    /** The keys before a property's "name" that belong to it: those after the previous property's closing brace. */
    private static String before(String[] parts, int i) {
        String previous = parts[i - 1];
        int close = previous.lastIndexOf('}');
        return close < 0 ? "" : previous.substring(close);
    }

    @Test
    void theGeneratedMetadataListsEverySettingWithItsSummary() throws Exception {
        String json;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertTrue(in != null, "the configuration processor wrote no metadata");
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // No JSON library here: each property's text runs from its "name" to the next one; the order of keys within
        // a property varies, and values may hold braces ("static/{token}") and escaped slashes.
        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        String properties = json.substring(json.indexOf("\"properties\""), json.indexOf("\"hints\"") < 0 ? json.length()
                : json.indexOf("\"hints\"")).replace("\\/", "/");
        String[] parts = properties.split("\"name\": \"");
        for (int i = 1; i < parts.length; i++) {
            String name = parts[i].substring(0, parts[i].indexOf('"'));
            String rest = before(parts, i) + parts[i].substring(0, endOfObject(parts[i]));
            Matcher description = Pattern.compile("\"description\": \"([^\"]*)\"").matcher(rest);
            descriptions.put(name, description.find() ? description.group(1) : null);
            Matcher defaultValue = Pattern.compile("\"defaultValue\": \"?([^\",\\s]*)").matcher(rest);
            defaults.put(name, defaultValue.find() ? defaultValue.group(1) : null);
        }
        for (Setting setting : Setting.values()) {
            String key = kebab(setting);
            assertTrue(descriptions.containsKey(key), key + " is missing from " + descriptions.keySet());
            assertEquals(setting.summary(), descriptions.remove(key), key);
            assertEquals(setting.defaultValue(), defaults.get(key), key + "'s default");
        }
        assertEquals(Map.of("cachebreaker.devtools", descriptions.get("cachebreaker.devtools")), descriptions,
                "the only key of the starter's own");
    }
}
