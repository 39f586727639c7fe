package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class BuildInstantTest {
    private static final Instant EXPECTED = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void readsOutputTimestampLikeMavenArchiver() throws Exception {
        assertEquals(Optional.of(EXPECTED), BuildInstant.parseOutputTimestamp("2026-01-02T03:04:05Z"));
        assertEquals(Optional.of(EXPECTED), BuildInstant.parseOutputTimestamp("2026-01-02T04:04:05.999+01:00"));
        assertEquals(Optional.of(EXPECTED), BuildInstant.parseOutputTimestamp("1767323045"));
        assertEquals(Optional.empty(), BuildInstant.parseOutputTimestamp(null));
        assertEquals(Optional.empty(), BuildInstant.parseOutputTimestamp("-"));
        assertEquals(Optional.empty(), BuildInstant.parseOutputTimestamp(" "));
    }

    @Test
    void refusesWhatAZipEntryCannotHold() {
        for (String bad : new String[] {"1979-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "0", "2026-01-02",
            "99999999999999999999"}) {
            MojoFailureException e = assertThrows(MojoFailureException.class,
                    () -> BuildInstant.parseOutputTimestamp(bad), bad);
            assertTrue(e.getMessage().contains("outputTimestamp"), e.getMessage());
        }
    }

    @Test
    void fallsBackToTheSessionStart() throws Exception {
        Date start = Date.from(EXPECTED);
        BuildInstant clock = BuildInstant.of(null, start);
        assertEquals(EXPECTED, clock.instant());
        assertFalse(clock.reproducible());
        BuildInstant fixed = BuildInstant.of("1767323045", Date.from(EXPECTED.plusSeconds(10)));
        assertEquals(EXPECTED, fixed.instant());
        assertEquals(EXPECTED.plusSeconds(10), fixed.sessionStart());
        assertTrue(fixed.reproducible());
        assertEquals("20260102030405", BuildInstant.compact(EXPECTED));
    }

    @Test
    void theZipRangeIsInclusiveAtBothEnds() throws Exception {
        assertEquals(Optional.of(Instant.parse("1980-01-01T00:00:02Z")),
                BuildInstant.parseOutputTimestamp("1980-01-01T00:00:02Z"));
        assertEquals(Optional.of(Instant.parse("2099-12-31T23:59:59Z")),
                BuildInstant.parseOutputTimestamp("2099-12-31T23:59:59.999Z"));
        assertThrows(MojoFailureException.class, () -> BuildInstant.parseOutputTimestamp("1980-01-01T00:00:01Z"));
        assertEquals(Optional.of(EXPECTED), BuildInstant.parseOutputTimestamp(" 2026-01-02T03:04:05Z "));
        assertEquals(Optional.of(Instant.ofEpochSecond(315532802)), BuildInstant.parseOutputTimestamp("315532802"),
                "a single digit is not 'unset', and digits are epoch seconds");
        assertThrows(MojoFailureException.class, () -> BuildInstant.parseOutputTimestamp("7"));
        assertThrows(MojoFailureException.class, () -> BuildInstant.parseOutputTimestamp("x1"));
    }

    @Test
    void maven4sDefaultIsNotAPinnedInstant() throws Exception {
        BuildInstant maven4 = BuildInstant.of(BuildInstant.MAVEN_4_DEFAULT, Date.from(EXPECTED));
        assertEquals(EXPECTED, maven4.instant());
        assertEquals(EXPECTED, maven4.sessionStart());
        assertFalse(maven4.reproducible());
        assertTrue(maven4.maven4Default());
        assertFalse(BuildInstant.of(null, Date.from(EXPECTED)).maven4Default());
        assertFalse(BuildInstant.of("1767323045", Date.from(EXPECTED)).maven4Default());
        Instant before = Instant.now().minusSeconds(1);
        assertFalse(BuildInstant.of(null, null).sessionStart().isBefore(before), "no session: now");
    }
}
