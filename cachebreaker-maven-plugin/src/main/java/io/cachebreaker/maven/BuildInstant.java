package io.cachebreaker.maven;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The instant a build stands for: {@code project.build.outputTimestamp} when the project pins it, otherwise the start
 * of the Maven session, so that every module of one reactor build shares it.
 *
 * <p>Maven 4's super POM sets {@code project.build.outputTimestamp} to {@value #MAVEN_4_DEFAULT} for every project.
 * That is not a project's choice, and taken as one it would give every build of every project the same instant, so
 * that value counts as not pinned: the session start stands in for it.
 *
 * <p>The outputTimestamp is read the way maven-jar-plugin (MavenArchiver) reads it: an ISO-8601 instant with an
 * offset, or whole seconds since the epoch; a single non-digit character (such as {@code -}) disables it. Zip entries
 * cannot store instants outside 1980-2099, so such values are refused, as MavenArchiver refuses them.
 */
final class BuildInstant {
    private static final Instant EARLIEST = Instant.parse("1980-01-01T00:00:02Z");
    private static final Instant LATEST = Instant.parse("2099-12-31T23:59:59Z");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    /** The {@code project.build.outputTimestamp} that Maven 4's super POM gives every project. */
    static final String MAVEN_4_DEFAULT = "1980-02-01T00:00:00Z";

    private static final Instant MAVEN_4_DEFAULT_INSTANT = Instant.parse(MAVEN_4_DEFAULT);

    private final Instant instant;
    private final Instant sessionStart;
    private final boolean reproducible;
    private final boolean maven4Default;

    private BuildInstant(Instant instant, Instant sessionStart, boolean reproducible, boolean maven4Default) {
        this.instant = instant;
        this.sessionStart = sessionStart;
        this.reproducible = reproducible;
        this.maven4Default = maven4Default;
    }

    /**
     * @param outputTimestamp the project's {@code project.build.outputTimestamp}, may be {@code null}
     * @param sessionStart    when the Maven session started, may be {@code null} (then: now)
     * @return the build instant
     * @throws MojoFailureException when outputTimestamp is set but unreadable or out of range
     */
    static BuildInstant of(String outputTimestamp, Date sessionStart) throws MojoFailureException {
        Instant start = sessionStart != null ? sessionStart.toInstant() : Instant.now();
        Optional<Instant> fixed = parseOutputTimestamp(outputTimestamp);
        if (fixed.isPresent() && fixed.get().equals(MAVEN_4_DEFAULT_INSTANT)) {
            return new BuildInstant(start, start, false, true);
        }
        return fixed.map(instant -> new BuildInstant(instant, start, true, false))
                .orElseGet(() -> new BuildInstant(start, start, false, false));
    }

    static Optional<Instant> parseOutputTimestamp(String value) throws MojoFailureException {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.isEmpty() || (text.length() == 1 && !Character.isDigit(text.charAt(0)))) {
            return Optional.empty();
        }
        Instant instant;
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                instant = Instant.ofEpochSecond(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw invalid(value, "the number of seconds is too large");
            }
        } else {
            try {
                instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid(value, "it is neither an ISO-8601 instant with offset (2026-11-24T21:32:06Z)"
                        + " nor seconds since the epoch");
            }
        }
        instant = instant.truncatedTo(ChronoUnit.SECONDS);
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw invalid(value, "it must lie between " + EARLIEST + " and " + LATEST
                    + ", the range a zip entry can store");
        }
        return Optional.of(instant);
    }

    private static MojoFailureException invalid(String value, String why) {
        return new MojoFailureException("Invalid project.build.outputTimestamp '" + value + "' (parameter"
                + " 'outputTimestamp'): " + why + ". Fix the property in the POM, or remove it for a clock-based"
                + " build time.");
    }

    /** @return outputTimestamp when the project pins it, else the session start */
    Instant instant() {
        return instant;
    }

    /**
     * @return when the Maven session started, whatever outputTimestamp says: what tells two snapshot builds apart
     */
    Instant sessionStart() {
        return sessionStart;
    }

    /** @return true when it came from outputTimestamp, so that rebuilding gives the same instant */
    boolean reproducible() {
        return reproducible;
    }

    /**
     * @return true when outputTimestamp was Maven 4's super-POM default {@value #MAVEN_4_DEFAULT}, which this build
     *         therefore did not take as pinned
     */
    boolean maven4Default() {
        return maven4Default;
    }

    /**
     * @param instant an instant
     * @return it as {@code yyyyMMddHHmmss} in UTC, the form git and snapshot tokens use
     */
    static String compact(Instant instant) {
        return COMPACT.format(instant);
    }
}
