package io.cachebreaker.boot;

import io.cachebreaker.runtime.CachebreakerSettings;
import io.cachebreaker.runtime.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides each setting's value, first match wins:
 * <ol>
 *   <li>the Spring Environment's {@code cachebreaker.*} property, in any relaxed form: command-line arguments, JVM
 *       system properties, environment variables and {@code application.properties}/YAML, in Boot's own order. A
 *       system property named as the runtime names it ({@code -Dcachebreaker.retryAfter=5}) is one of these, so it
 *       still overrides a context parameter, as it does without Boot;
 *   <li>the context parameter of the same name ({@code server.servlet.context-parameters.cachebreaker.retryAfter});
 *   <li>for {@code cachebreaker.dev} only, {@link DevtoolsDevMode}'s directory;
 *   <li>the default.
 * </ol>
 */
final class BootSettings {
    static final String SOURCE = "Spring Boot property cachebreaker.* or context parameter";

    private BootSettings() {
    }

    /**
     * @param properties     the bound {@code cachebreaker.*} properties
     * @param initParameters looks a context parameter up by name
     * @param devtoolsDev    the directory dev mode serves because devtools is active, or {@code null}
     * @return the settings
     * @throws IllegalArgumentException naming the setting whose value is invalid and what it expects
     */
    static CachebreakerSettings resolve(CachebreakerProperties properties, Function<String, String> initParameters,
            Path devtoolsDev) {
        Map<Setting, Object> bound = properties.settings();
        CachebreakerSettings.Builder builder = CachebreakerSettings.builder().source(SOURCE);
        for (Setting setting : Setting.values()) {
            Object value = bound.get(setting);
            String text = value != null ? text(setting, value) : initParameters.apply(setting.key());
            if (text == null && setting == Setting.DEV && devtoolsDev != null) {
                text = devtoolsDev.toString();
            }
            builder.with(setting, text);
        }
        return builder.build();
    }

    private static String text(Setting setting, Object value) {
        if (value instanceof Duration duration) {
            if (duration.getNano() != 0) {
                throw new IllegalArgumentException("Invalid cachebreaker setting " + setting.key() + "=" + duration
                        + " (" + SOURCE + "): expected whole seconds, such as 5 or 10m.");
            }
            return Long.toString(duration.getSeconds());
        }
        return value.toString();
    }
}
