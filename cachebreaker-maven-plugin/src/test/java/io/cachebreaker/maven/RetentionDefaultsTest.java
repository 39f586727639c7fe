package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

/** Retention is off unless a source is configured, with the defaults the README documents. */
@MojoTest
class RetentionDefaultsTest {

    @Test
    @InjectMojo(goal = "assets")
    void defaultsAreDocumentedOnesAndRetainNothing(AssetsMojo mojo) throws Exception {
        assertEquals(2, mojo.retainReleases);
        assertEquals(RetentionSettings.DEFAULT_RELEASES, mojo.retainReleases);
        assertFalse(mojo.retainPreviousReleases);
        assertFalse(mojo.retainOutput);
        assertTrue(mojo.retainArtifacts == null || mojo.retainArtifacts.isEmpty());
        assertTrue(mojo.retainPaths == null || mojo.retainPaths.isEmpty());
        assertEquals("fail", mojo.retainMissing);
        assertEquals("64MiB", mojo.retainMaxBytes);
        assertEquals(64L << 20, RetentionSettings.parseBytes(mojo.retainMaxBytes));
        assertNotNull(mojo.repositorySystem, "Maven injects its resolver");
        assertSame(RetainedReleases.NONE, mojo.retention(), "no source configured, no retention");
    }
}
