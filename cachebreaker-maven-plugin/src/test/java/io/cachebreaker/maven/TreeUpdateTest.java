package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An update in place, undone: from any point, the previous tree comes back exactly, under its own name. */
class TreeUpdateTest {
    @TempDir
    Path tmp;

    Path root;
    Path staging;
    Path aside;
    AssetManifest manifest;

    @BeforeEach
    void previousTree() throws Exception {
        root = tmp.resolve("static/rel-1");
        staging = tmp.resolve("static/.cachebreaker-staging-x");
        aside = tmp.resolve("static/.cachebreaker-staging-x-replaced");
        List<Asset> assets = new ArrayList<>();
        for (String path : List.of("a/1.css", "b/2.css", "c/3.css", "c/deep/4.css")) {
            byte[] bytes = ("bytes of " + path).getBytes(StandardCharsets.UTF_8);
            byte[] gzip = Precompressor.gzip(bytes);
            Files.createDirectories(root.resolve(path).getParent());
            Files.write(root.resolve(path), bytes);
            Files.write(root.resolve(path + Encoding.GZIP.suffix()), gzip);
            assets.add(new Asset(path, Variant.of(bytes), Map.of(Encoding.GZIP, Variant.of(gzip))));
        }
        manifest = AssetManifest.of(assets);
    }

    private TreeUpdate update(Set<String> changed, Set<String> removed) {
        return new TreeUpdate(root, staging, "", aside, manifest, new TreeSet<>(changed), new TreeSet<>(removed));
    }

    @Test
    void aFailureWhileClearingTheWayPutsBackWhatWasSetAsideAndLeavesTheRestAlone() throws Exception {
        Map<String, String> before = RecordedBuildTest.snapshot(root);
        // The place where b/2.css would be set aside is taken by a file, so the second of three moves fails.
        Files.createDirectories(aside);
        Files.writeString(aside.resolve("b"), "in the way");
        TreeUpdate update = update(Set.of("a/1.css", "b/2.css", "c/3.css"), Set.of());
        assertThrows(IOException.class, update::begin);
        Files.delete(aside.resolve("b"));
        update.undo(staging);
        assertEquals(before, RecordedBuildTest.snapshot(root), "every file of the previous tree, with its bytes");
        assertFalse(Files.exists(staging));
        assertFalse(Files.exists(aside));
    }

    @Test
    void anUpdateUndoneAfterWritingPutsBackExactlyThePreviousTree() throws Exception {
        Map<String, String> before = RecordedBuildTest.snapshot(root);
        TreeUpdate update = update(Set.of("a/1.css", "new/5.css"), Set.of("c/deep/4.css", "b/2.css"));
        update.begin();
        assertFalse(Files.exists(staging.resolve("b")), "a directory its removed asset left empty goes");
        assertFalse(Files.exists(staging.resolve("c/deep")));
        // What a copy would write, complete or not.
        Files.writeString(staging.resolve("a/1.css"), "new bytes");
        Files.createDirectories(staging.resolve("new"));
        Files.writeString(staging.resolve("new/5.css"), "half");
        Path moved = tmp.resolve("static/rel-2");
        AtomicFiles.move(staging, moved);
        update.undo(moved);
        assertEquals(before, RecordedBuildTest.snapshot(root));
        assertFalse(Files.exists(moved));
        assertFalse(Files.exists(aside));
    }
}
