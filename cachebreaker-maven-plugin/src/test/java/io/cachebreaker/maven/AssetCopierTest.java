package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetCopierTest {
    @TempDir
    Path tmp;

    @Test
    void secondCopyOfUnchangedSourcesWritesAndCompressesNothing() throws Exception {
        Path css = Files.writeString(tmp.resolve("app.css"), "p { margin: 0 }\n".repeat(50));
        TreeMap<String, Path> sources = new TreeMap<>();
        sources.put("app.css", css);
        List<Path> writes = new ArrayList<>();
        AssetCopier copier = new AssetCopier(new Precompressor(true, new SystemStreamLog()),
                new SystemStreamLog(), writes::add);
        AssetCopier.Result first = copier.copy(sources, tmp.resolve("out"));
        assertTrue(first.written() >= 2, "the copy and at least its .gz");
        writes.clear();
        AssetCopier.Result second = copier.copy(sources, tmp.resolve("out"));
        assertEquals(0, second.written());
        assertEquals(List.of(), writes);
        assertEquals(first.manifest(), second.manifest());
    }

    @Test
    void unreadableSourceFailsNamingTheFile() {
        TreeMap<String, Path> sources = new TreeMap<>();
        Path gone = tmp.resolve("gone.css");
        sources.put("gone.css", gone);
        AssetCopier copier = new AssetCopier(null, new SystemStreamLog(), path -> { });
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> copier.copy(sources, tmp.resolve("out")));
        assertTrue(e.getMessage().contains(gone.toString()), e.getMessage());
    }
}
