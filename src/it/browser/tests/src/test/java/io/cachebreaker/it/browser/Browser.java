package io.cachebreaker.it.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, through Debian's chromedriver. Both paths are given explicitly, so Selenium Manager
 * has nothing to look up or download. Each instance has its own fresh profile, and so its own HTTP cache.
 */
final class Browser implements AutoCloseable {
    final ChromeDriver driver;

    Browser(String name) {
        Tools.requireChromium();
        Path dir = Tools.work("browser-" + name);
        try {
            Tomcat.deleteTree(dir.resolve("profile"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Tools.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Tools.CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                "--user-data-dir=" + dir.resolve("profile"));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(20));
    }

    /**
     * Every load fetches every asset again, as for a first visit: the HTTP cache is emptied and, while DevTools has
     * the cache disabled, Blink's in-memory cache is bypassed as well (emptying the HTTP cache alone would let a
     * stylesheet from the previous load be reused from memory without reaching the balancer).
     */
    void emptyCacheOnEveryLoad() {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
    }

    void clearCache() {
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
    }

    /** What the open page shows, read once the module has run or something failed, at most after the bound. */
    @SuppressWarnings("unchecked")
    PageState inspect(Duration bound) {
        Map<String, Object> state = (Map<String, Object>) driver.executeAsyncScript("""
                const bound = arguments[0], done = arguments[arguments.length - 1];
                const deadline = performance.now() + bound;
                const look = () => {
                  const html = document.documentElement.dataset, body = document.body ? document.body.dataset : {};
                  if (body.js || html.failed || performance.now() >= deadline) {
                    done({page: html.release || null,
                          css: document.body ? getComputedStyle(document.body).backgroundColor : null,
                          js: body.js || null, greeting: body.greeting || null, failed: html.failed || null});
                  } else {
                    setTimeout(look, 20);
                  }
                };
                look();
                """, bound.toMillis());
        return new PageState((String) state.get("page"), cssRelease((String) state.get("css")),
                (String) state.get("css"), (String) state.get("js"), (String) state.get("greeting"),
                (String) state.get("failed"));
    }

    /** The stylesheet states its release as the red channel of the body's background. */
    static String cssRelease(String color) {
        if ("rgb(1, 0, 0)".equals(color)) {
            return "r1";
        }
        if ("rgb(2, 0, 0)".equals(color)) {
            return "r2";
        }
        return null;
    }

    /**
     * Calls the page's lazy import(), as a user's click would.
     *
     * @return the release the loaded chunk wrote into the DOM, or "error: ..." when the import failed
     */
    String loadLazy() {
        return (String) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                if (typeof window.loadLazy !== "function") {
                  done("error: the page's module never ran, so there is no loadLazy()");
                } else {
                  window.loadLazy().then(
                    (release) => done(document.body.dataset.lazy === release ? release
                                      : "error: the chunk wrote " + document.body.dataset.lazy + " but exports " + release),
                    (e) => done("error: " + e));
                }
                """);
    }

    /** Console errors since the last call (chromedriver hands each entry out once). */
    List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** What a page shows: each value is a release ("r1", "r2"), or null when that part did not arrive. */
    record PageState(String page, String css, String cssColor, String js, String greeting, String failed) {
        /** Problems that make the page broken or mixed with respect to the release it states, empty when whole. */
        List<String> problems(String expected) {
            List<String> problems = new ArrayList<>();
            if (!expected.equals(page)) {
                problems.add("the page states " + page);
            }
            if (!expected.equals(css)) {
                problems.add("the CSS is " + (css == null ? "not applied (background " + cssColor + ")" : css));
            }
            if (!expected.equals(js)) {
                problems.add("the module is " + (js == null ? "not run" : js));
            }
            if (!expected.equals(greeting)) {
                problems.add("its relative import is " + (greeting == null ? "not run" : greeting));
            }
            if (failed != null) {
                problems.add("the page recorded " + failed);
            }
            return problems;
        }
    }
}
