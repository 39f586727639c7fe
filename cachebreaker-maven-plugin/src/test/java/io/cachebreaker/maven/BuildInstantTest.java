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
}
