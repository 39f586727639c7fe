package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.maven.RetentionSettings.Missing;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

/** The retention parameters as the mojo turns them into settings. */
class RetentionSettingsTest {
    private static RetentionSettings settings(int releases, boolean previous, List<String> artifacts,
            List<Path> paths, boolean output) {
        return new RetentionSettings(releases, previous, artifacts, paths, output, null, 0);
    }

    @Test
    void retentionIsOnWithAtLeastOneReleaseAndASource() {
        assertFalse(RetentionSettings.none().enabled());
        assertEquals(Missing.FAIL, RetentionSettings.none().missing());
        assertEquals(0, RetentionSettings.none().releases());
        assertTrue(settings(1, true, null, null, false).enabled());
        assertTrue(settings(1, false, List.of("g:a:1"), null, false).enabled());
        assertTrue(settings(1, false, null, List.of(Path.of("x.zip")), false).enabled());
        assertTrue(settings(1, false, null, null, true).enabled());
        assertFalse(settings(0, true, List.of("g:a:1"), List.of(Path.of("x.zip")), true).enabled(), "N is 0");
        assertFalse(settings(2, false, List.of(), List.of(), false).enabled(), "no source");
        assertEquals(Missing.FAIL, settings(1, true, null, null, false).missing(), "null means the default");
        assertEquals(List.of(), settings(1, true, null, null, false).artifacts());
    }

    @Test
    void missingParsesFailOrWarnAndDefaultsToFail() throws Exception {
        assertEquals(Missing.FAIL, Missing.parse(null));
        assertEquals(Missing.FAIL, Missing.parse(" "));
        assertEquals(Missing.WARN, Missing.parse(" Warn "));
        assertEquals(Missing.FAIL, Missing.parse("fail"));
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> Missing.parse("ignore"));
        assertTrue(e.getMessage().contains("is 'ignore'; use 'fail' or 'warn'"), e.getMessage());
    }

    @Test
    void sizesAreBytesOrPowersOf1024() throws Exception {
        assertEquals(64L << 20, RetentionSettings.parseBytes(null));
        assertEquals(64L << 20, RetentionSettings.parseBytes(" "));
        assertEquals(67108864L, RetentionSettings.parseBytes("67108864"));
        assertEquals(5L, RetentionSettings.parseBytes("5b"));
        assertEquals(3L << 10, RetentionSettings.parseBytes("3 KiB"));
        assertEquals(64L << 20, RetentionSettings.parseBytes("64m"));
        assertEquals(1L << 30, RetentionSettings.parseBytes("1GB"));
        // The largest number of GiB that fits, and one more.
        long most = Long.MAX_VALUE >> 30;
        assertEquals(most << 30, RetentionSettings.parseBytes(most + "g"));
        MojoExecutionException large = assertThrows(MojoExecutionException.class,
                () -> RetentionSettings.parseBytes((most + 1) + "g"));
        assertTrue(large.getMessage().contains("which is too large"), large.getMessage());
        MojoExecutionException bad = assertThrows(MojoExecutionException.class,
                () -> RetentionSettings.parseBytes("64 furlongs"));
        assertTrue(bad.getMessage().contains("'64 furlongs'; use a number of bytes"), bad.getMessage());
    }

    @Test
    void humanSizesSwitchUnitsAt1024() {
        assertEquals("0 bytes", RetentionSettings.human(0));
        assertEquals("1023 bytes", RetentionSettings.human(1023));
        assertEquals("1.0 KiB", RetentionSettings.human(1024));
        assertEquals("1.5 KiB", RetentionSettings.human(1536));
        assertEquals("1024.0 KiB", RetentionSettings.human(1024 * 1024 - 1));
        assertEquals("1.0 MiB", RetentionSettings.human(1024 * 1024));
        assertEquals("2.5 MiB", RetentionSettings.human(5L << 19));
    }
}
