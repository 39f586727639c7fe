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
import java.util.function.Function;

/**
 * The parse rules of {@link Setting}: each takes stripped, non-blank text and throws {@link Expected} saying what it
 * wanted, which {@link Setting#parse} turns into a message that also names the setting.
 */
final class SettingParsers {
    private static final long MAX_SECONDS = 10L * 365 * 24 * 3600;
    private static final long MAX_SIZE = 1L << 40;

    private SettingParsers() {
    }

    /** What a parser expected, without the setting's name, which only {@link Setting} knows. */
    static final class Expected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Expected(String expected) {
            super(expected, null, false, false);
        }
    }

    static Long seconds(String value) {
        return number(value, 0, MAX_SECONDS, "a whole number of seconds");
    }

    static Duration duration(String value) {
        return Duration.ofSeconds(seconds(value));
    }

    static Function<String, Integer> wholeNumber(int min, int max, String what) {
        return value -> (int) number(value, min, max, what);
    }

    private static long number(String value, long min, long max, String what) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Expected(what + " from " + min + " to " + max);
    }

    static Boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Expected("true or false");
        };
    }

    static Integer redirectStatus(String value) {
        return switch (value) {
            case "301", "302", "303", "307", "308" -> Integer.valueOf(value);
            default -> throw new Expected("one of 301, 302, 303, 307, 308");
        };
    }

    static Long size(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        long unit = 1;
        String digits = lower;
        for (String[] suffix : new String[][] {{"kib", "1024"}, {"mib", "1048576"}, {"k", "1024"}, {"m", "1048576"}}) {
            if (lower.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                digits = lower.substring(0, lower.length() - suffix[0].length()).strip();
                break;
            }
        }
        try {
            long parsed = Long.parseLong(digits);
            if (parsed >= 0 && parsed <= MAX_SIZE / unit) {
                return parsed * unit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Expected("a size in bytes, such as 49152, 48KiB or 16MiB");
    }

    /** @return the URL without a trailing slash */
    static String baseUrl(String value) {
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
        throw new Expected("an absolute http or https URL with a host and no query, such as https://cdn.example.com/app");
    }

    /** @return the directory, absolute: a relative one resolves against the working directory */
    static Path directory(String value) {
        try {
            Path directory = Path.of(value).toAbsolutePath().normalize();
            if (Files.isDirectory(directory)) {
                return directory;
            }
        } catch (InvalidPathException e) {
            // reported below
        }
        throw new Expected("an existing directory (relative paths resolve against the working directory "
                + Path.of("").toAbsolutePath() + ")");
    }

    static AssetPrefix prefix(String value) {
        try {
            return AssetPrefix.parse(value);
        } catch (TokenFileException e) {
            throw new Expected("a prefix such as static/{token}: " + e.getMessage());
        }
    }
}
