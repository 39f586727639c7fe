package io.cachebreaker.it.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The programs the browser tests drive: Debian's packages only, so that nothing is downloaded behind our back. */
final class Tools {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String INSTALL = "run `bash src/it/install-test-tools.sh` (it installs Debian's chromium, "
            + "chromium-driver and nginx with apt), then build again";

    private Tools() {
    }

    /** Fails, never skips: a green build must mean the browser really ran. */
    static void requireChromium() {
        for (Path tool : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(tool)) {
                fail(tool + " is missing, so the real-browser tests cannot run: " + INSTALL);
            }
        }
    }

    static Path nginx() {
        return Stream.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx").map(Path::of)
                .filter(Files::isExecutable).findFirst()
                .orElseGet(() -> fail("nginx is missing, so the rolling-deploy tests cannot run: " + INSTALL));
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            fail("system property " + name + " is not set; run these tests through the IT's pom.xml");
        }
        return value;
    }

    static Path war(String module) {
        Path war = Path.of(property("browser.war." + module));
        if (!Files.isRegularFile(war)) {
            fail("the war of module " + module + " was not built: " + war);
        }
        return war;
    }

    static Path work(String name) {
        try {
            Path dir = Path.of(property("browser.work")).resolve(name);
            Files.createDirectories(dir);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
