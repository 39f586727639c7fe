package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The previous build as its token file describes it, or none. */
class PreviousBuildTest {
    @TempDir
    Path out;

    @Test
    void noTokenFileMeansNoPreviousBuildWithoutAWord() {
        RecordingLog log = new RecordingLog();
        PreviousBuild none = PreviousBuild.read(out, log);
        assertFalse(none.exists());
        assertNull(none.token());
        assertNull(none.tokenRoot());
        assertNull(none.asset("a.css"));
        assertEquals(List.of(), none.retainedTokens());
        assertEquals(List.of(), log.warnings);
    }

    @Test
    void anUnreadableTokenFileIsIgnoredWithAWarning() throws Exception {
        Path file = out.resolve(TokenFile.RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "token=\n");
        RecordingLog log = new RecordingLog();
        PreviousBuild previous = PreviousBuild.read(out, log);
        assertEquals(PreviousBuild.digest("token=\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                previous.digest(), "the bytes are read and digested at once");
        assertEquals(List.of(), log.warnings, "but parsed only when first asked about");
        assertFalse(previous.exists());
        assertFalse(previous.exists());
        assertEquals(1, log.warnings.size(), "once");
        assertTrue(log.warnings.get(0).startsWith("cachebreaker: ignoring the unreadable previous token file " + file),
                log.warnings.get(0));
        assertTrue(log.warnings.get(0).endsWith("run 'mvn clean' if stale assets remain"), log.warnings.get(0));
    }

    @Test
    void aReadableTokenFileNamesItsTreeBelowThePrefix() throws Exception {
        TokenFile written = new TokenFile("rel-1", TokenStrategy.EXPLICIT, AssetPrefix.parse("web/{token}/assets"),
                Instant.EPOCH, AssetManifest.of(List.of()));
        TokenFileWriter.write(written, out.resolve(TokenFile.RESOURCE));
        PreviousBuild previous = PreviousBuild.read(out, new RecordingLog());
        assertTrue(previous.exists());
        assertEquals("rel-1", previous.token());
        assertEquals(out.resolve("web/rel-1"), previous.tokenRoot());
        assertEquals(out.resolve("web/rel-1/assets/css/a.css"), previous.file("css/a.css"));
    }
}
