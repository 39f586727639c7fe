package io.cachebreaker.runtime.serving;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

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
            TemporalAccessor parsed = FORMAT.parse(value.strip());
            // RFC 1123 parsing takes any year; an HTTP-date has four digits, and anything else is not a date.
            if (parsed.get(ChronoField.YEAR) > 9999) {
                return null;
            }
            return Instant.from(parsed);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
