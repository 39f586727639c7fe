package io.cachebreaker.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dev mode never switches on by itself for a packaged application. */
class DevtoolsDevModeTest {
    @TempDir
    Path project;

    private URL tokenFile() throws Exception {
        Path file = project.resolve("target/classes/META-INF/cachebreaker.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "format=1\n");
        return file.toUri().toURL();
    }

    @Test
    void aBuildDirectoryBesideSrcMainStaticGivesThatDirectory() throws Exception {
        Path source = Files.createDirectories(project.resolve("src/main/static"));
        assertEquals(source, DevtoolsDevMode.sourceDirectory(tokenFile()));
    }

    @Test
    void withoutSrcMainStaticThereIsNothingToServe() throws Exception {
        assertNull(DevtoolsDevMode.sourceDirectory(tokenFile()));
    }

    @Test
    void aTokenFileInAJarNeverTurnsDevModeOn() throws Exception {
        Files.createDirectories(project.resolve("src/main/static"));
        URL inJar = new URL("jar:" + project.resolve("target/app.jar").toUri() + "!/META-INF/cachebreaker.properties");
        assertNull(DevtoolsDevMode.sourceDirectory(inJar));
        assertNull(DevtoolsDevMode.sourceDirectory(null));
    }

    @Test
    void withoutDevtoolsOnTheClassPathItStaysOff() throws Exception {
        Files.createDirectories(project.resolve("src/main/static"));
        assertFalse(DevtoolsDevMode.devtoolsActive(getClass().getClassLoader()));
        assertNull(DevtoolsDevMode.directory(true, getClass().getClassLoader()));
    }
}
