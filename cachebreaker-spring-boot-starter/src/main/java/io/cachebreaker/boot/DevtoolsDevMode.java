package io.cachebreaker.boot;

import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Dev mode that switches on by itself, as devtools switches template caches off: only while spring-boot-devtools is
 * active (devtools turns itself off in tests, and Boot leaves it out of repackaged jars), only when the token file
 * comes from a directory on disk ({@code target/classes}, never a jar), and only when the project's
 * {@code src/main/static} beside that build directory exists. A packaged application fails the second test even if
 * devtools were forced into it.
 */
final class DevtoolsDevMode {
    static final String SOURCE_DIRECTORY = "src/main/static";
    private static final String DEDUCER = "org.springframework.boot.devtools.system.DevToolsEnablementDeducer";

    private DevtoolsDevMode() {
    }

    /**
     * Asks devtools whether it is active; call it on the thread that runs the application (devtools looks for a test
     * framework on its stack).
     *
     * @param loader the application's class loader
     * @return whether spring-boot-devtools is on the class path and active
     */
    static boolean devtoolsActive(ClassLoader loader) {
        try {
            Class<?> deducer = Class.forName(DEDUCER, false, loader);
            return (Boolean) deducer.getMethod("shouldEnable", Thread.class).invoke(null, Thread.currentThread());
        } catch (ClassNotFoundException e) {
            return false;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // A devtools that no longer has this method must not turn dev mode on by accident.
            return false;
        }
    }

    /**
     * @param tokenFile where the class path holds the token file, or {@code null}
     * @return {@code src/main/static} of the project whose build directory holds the token file, or {@code null} when
     *         the token file is not a plain file in {@code <project>/target/classes} or that directory does not exist
     */
    static Path sourceDirectory(URL tokenFile) {
        if (tokenFile == null || !"file".equals(tokenFile.getProtocol())) {
            return null;
        }
        try {
            // <project>/target/classes/META-INF/cachebreaker.properties
            Path classes = Path.of(tokenFile.toURI()).getParent().getParent();
            Path target = classes.getParent();
            if (target == null || target.getParent() == null) {
                return null;
            }
            Path source = target.getParent().resolve(SOURCE_DIRECTORY);
            return Files.isDirectory(source) ? source : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param enabled the property {@code cachebreaker.devtools}
     * @param loader  the application's class loader
     * @return the directory dev mode should serve, or {@code null} to leave dev mode to the settings
     */
    static Path directory(boolean enabled, ClassLoader loader) {
        if (!enabled || !devtoolsActive(loader)) {
            return null;
        }
        return sourceDirectory(loader.getResource(TokenFile.RESOURCE));
    }
}
