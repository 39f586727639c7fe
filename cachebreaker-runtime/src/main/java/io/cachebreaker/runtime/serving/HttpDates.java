package io.cachebreaker.runtime.serving;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Formats and parses the IMF-fixdate of HTTP headers such as {@code Last-Modified}. */
public final class HttpDates {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /**
     * Formats an instant.
     *
     * @param instant the time
     * @return such as {@code Tue, 24 Nov 2026 21:32:06 GMT}
     */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /**
     * Parses a date header.
     *
     * @param value the header, or {@code null}
     * @return the instant, or {@code null} when absent or not a date, which makes the condition be ignored
     */
    public static Instant parse(String value) {
        if (value == null || value.length() > 64) {
            return null;
        }
        try {
            return Instant.from(FORMAT.parse(value.strip()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
