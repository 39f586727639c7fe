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

/** The metadata that IDEs read has one key per runtime setting, explained by that setting's own summary. */
class CachebreakerPropertiesTest {

    static String kebab(Setting setting) {
        return setting.key().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void theGeneratedMetadataListsEverySettingWithItsSummary() throws Exception {
        String json;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertTrue(in != null, "the configuration processor wrote no metadata");
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Each property is an object with "name" and "description"; the order of keys within it varies.
        Map<String, String> descriptions = new LinkedHashMap<>();
        Matcher property = Pattern.compile("\\{[^{}]*\"name\": \"(cachebreaker\\.[a-z-]+)\"[^{}]*\\}").matcher(json);
        while (property.find()) {
            Matcher description = Pattern.compile("\"description\": \"([^\"]*)\"").matcher(property.group());
            descriptions.put(property.group(1), description.find() ? description.group(1) : null);
        }
        for (Setting setting : Setting.values()) {
            String key = kebab(setting);
            assertTrue(descriptions.containsKey(key), key + " is missing from " + descriptions.keySet());
            assertEquals(setting.summary(), descriptions.remove(key), key);
        }
        assertEquals(Map.of("cachebreaker.devtools", descriptions.get("cachebreaker.devtools")), descriptions,
                "the only key of the starter's own");
    }
}
