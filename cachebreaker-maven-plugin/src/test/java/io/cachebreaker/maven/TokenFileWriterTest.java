package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileWriterTest {

    private static TokenFile sample(long size) {
        return new TokenFile("rel-1", TokenStrategy.EXPLICIT, AssetPrefix.parse(AssetPrefix.DEFAULT),
                Instant.parse("2026-11-24T00:00:00Z"),
                AssetManifest.of(List.of(new Asset("a.css", new Variant(size, "a".repeat(64))))));
    }

    @Test
    void writesAtomicallyAndSkipsUnchangedBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("META-INF/cachebreaker.properties");
        assertTrue(TokenFileWriter.write(sample(1), file));
        assertFalse(TokenFileWriter.write(sample(1), file), "the same bytes are not written again");
        assertArrayEquals(sample(1).toBytes(), Files.readAllBytes(file));
        assertTrue(TokenFileWriter.write(sample(2), file));
        assertEquals(sample(2), TokenFile.read(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    /** A directory in the file's place (non-empty, so no move replaces it): a failure naming the file, no leftovers. */
    @Test
    void aFileThatCannotBeWrittenFailsNamingItAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cachebreaker.properties");
        Files.createDirectories(file.resolve("occupied"));
        java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.io.UncheckedIOException.class, () -> TokenFileWriter.write(sample(1), file));
        assertTrue(e.getMessage().startsWith("Cannot write the cachebreaker token file " + file + ": "),
                e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }
}
