package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.build.incremental.BuildContext;

/** The goal as m2e runs it: incremental builds without a change in sourceDirectory do nothing. */
class IncrementalBuildTest {
    @TempDir
    Path tmp;

    private final List<Path> refreshed = new ArrayList<>();
    private boolean delta;

    private BuildContext incrementalContext() {
        return (BuildContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BuildContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isIncremental" -> true;
                    case "hasDelta" -> delta;
                    case "refresh" -> refreshed.add(((java.io.File) args[0]).toPath());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private AssetsMojo mojo() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src/main/static"));
        Files.writeString(source.resolve("app.css"), "a{}");
        AssetsMojo mojo = new AssetsMojo(incrementalContext());
        mojo.basedir = tmp.toFile();
        mojo.outputDirectory = tmp.resolve("classes").toFile();
        mojo.token = "ide";
        mojo.prefix = "static/{token}";
        mojo.strategy = "timestamp";
        mojo.gitDirty = "ignore";
        mojo.gitAbbrev = 7;
        mojo.projectVersion = "1.0";
        return mojo;
    }

    @Test
    void firstIncrementalBuildWritesAndRefreshesThenQuietRebuildsSkip() throws Exception {
        AssetsMojo mojo = mojo();
        Path tokenFile = tmp.resolve("classes").resolve(TokenFile.RESOURCE);
        mojo.execute();
        assertTrue(Files.isRegularFile(tokenFile), "no token file yet, so the first build runs without a delta");
        assertTrue(refreshed.contains(tokenFile), refreshed.toString());
        String token = TokenFile.read(tokenFile).token();
        assertTrue(token.startsWith("ide-"), token);
        assertTrue(refreshed.contains(tmp.resolve("classes/static/" + token + "/app.css")), refreshed.toString());

        refreshed.clear();
        mojo.token = "other";
        mojo.execute();
        assertEquals(List.of(), refreshed);
        assertEquals(token, TokenFile.read(tokenFile).token());

        delta = true;
        mojo.execute();
        String other = TokenFile.read(tokenFile).token();
        assertEquals("other" + token.substring("ide".length()), other, "the same bytes, the same fingerprint");
        assertTrue(Files.isRegularFile(tmp.resolve("classes/static/" + other + "/app.css")));
        assertFalse(Files.exists(tmp.resolve("classes/static/" + token)));
    }
}
