package io.cachebreaker.it.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebDriverException;

/**
 * Scenario B, "rolling deploys": release 1 (token rel-1) and release 2 (token rel-2) side by side behind nginx, as
 * in the middle of a rolling deploy. Chromium loads the page again and again, each time with an empty cache, and
 * every load is classified: broken (CSS not applied, module not run, lazy import failed, or a console error) or
 * mixed (the CSS, the modules or the lazy chunk come from another release than the page).
 *
 * <p>Two instances of each release run for the whole class; each configuration puts some of them behind a fresh
 * nginx. One browser serves all loads: its cache is emptied for every load, and nothing else of a load survives it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RollingDeployHarness {
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration MODULE = Duration.ofSeconds(5);
    private static final Pattern ASSET_REQUEST = Pattern.compile("\"GET (\\S*/static/\\S*) HTTP/[0-9.]+\" (\\d{3}) ");

    private final String name;
    private final String catalinaOpts;
    private final List<String> lines = new ArrayList<>();
    private List<Tomcat> olds = List.of();
    private List<Tomcat> news = List.of();
    private Browser browser;

    /**
     * @param catalinaOpts JVM options for every Tomcat, such as a runtime setting as a system property
     */
    RollingDeployHarness(String name, String catalinaOpts) {
        this.name = name;
        this.catalinaOpts = catalinaOpts;
    }

    /** One configuration: how nginx balances, and how many instances of each release it balances over. */
    record Config(Nginx.Balancing balancing, int olds, int news, int loads) {
        String label() {
            int instances = olds + news;
            if (news == 0) {
                return balancing.label + ", " + instances + " old, no deploy (control)";
            }
            return balancing.label + ", " + instances + " instances (" + olds + " old + " + news + " new)";
        }

        @Override
        public String toString() {
            return label() + ", " + loads + " loads";
        }
    }

    /** The counts of one configuration. */
    record Outcome(Config config, int loads, int broken, int mixed, Map<String, Integer> pages,
            Map<String, Integer> assetStatuses, List<String> examples) {
        String line() {
            return String.format("%-40s loads %3d  broken %3d  mixed %3d  pages %s  asset responses %s",
                    config.label(), loads, broken, mixed, pages, assetStatuses);
        }

        String describe() {
            return line() + (examples.isEmpty() ? "" : "\n  for example:\n  - " + String.join("\n  - ", examples));
        }
    }

    @BeforeAll
    void start() {
        Tools.requireChromium();
        Tools.nginx();
        olds = List.of(Tomcat.create(name + "-old-1", Tools.war("release-1"), catalinaOpts),
                Tomcat.create(name + "-old-2", Tools.war("release-1"), catalinaOpts));
        news = List.of(Tomcat.create(name + "-new-1", Tools.war("release-2"), catalinaOpts),
                Tomcat.create(name + "-new-2", Tools.war("release-2"), catalinaOpts));
        List<Tomcat> all = Stream.concat(olds.stream(), news.stream()).toList();
        Tomcat.startAll(all, List.of("r1", "r1", "r2", "r2"), START);
        browser = new Browser("rolling-" + name);
        browser.emptyCacheOnEveryLoad();
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            Tomcat.closeAll(Stream.concat(olds.stream(), news.stream()).toList());
            String section = "== " + name + " (Tomcat options: " + (catalinaOpts.isEmpty() ? "none" : catalinaOpts)
                    + ")\n" + String.join("\n", lines) + "\n";
            Report.append(section);
            System.out.println("\nRolling-deploy report, written to " + Report.FILE + ":\n" + section);
        }
    }

    /** Runs the configuration's loads through a fresh nginx and returns the counts, recorded in the report. */
    Outcome measure(Config config) {
        List<Tomcat> upstreams = Stream.concat(olds.subList(0, config.olds()).stream(),
                news.subList(0, config.news()).stream()).toList();
        String slug = name + "-" + config.balancing().label + "-" + config.olds() + "-" + config.news();
        int broken = 0;
        int mixed = 0;
        Map<String, Integer> pages = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        List<String> nginxLog;
        try (Nginx nginx = new Nginx(slug, config.balancing(), upstreams)) {
            for (int i = 1; i <= config.loads(); i++) {
                // Other users' requests between two of ours. Without them, round-robin would put every one of our
                // pages on the same instance, since a load makes the same number of requests each time, and only
                // one direction (old page on a new instance, or the reverse) would ever be tried.
                for (int other = 0; other < i % upstreams.size(); other++) {
                    Tomcat.get(nginx.url() + "?other-user=" + i);
                }
                Load load = load(nginx.url() + "?load=" + i);
                pages.merge(String.valueOf(load.page()), 1, Integer::sum);
                broken += load.broken().isEmpty() ? 0 : 1;
                mixed += load.mixed().isEmpty() ? 0 : 1;
                if ((!load.broken().isEmpty() || !load.mixed().isEmpty()) && examples.size() < 3) {
                    examples.add("load " + i + ": " + load);
                }
            }
            nginxLog = nginx.accessLog();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> statuses = new TreeMap<>();
        long stylesheets = 0;
        for (String line : nginxLog) {
            Matcher request = ASSET_REQUEST.matcher(line);
            if (request.find()) {
                statuses.merge(request.group(2), 1, Integer::sum);
                stylesheets += request.group(1).contains("/css/app.css") ? 1 : 0;
            }
        }
        Outcome outcome = new Outcome(config, config.loads(), broken, mixed, pages, statuses, examples);
        lines.add(outcome.line());
        System.out.println("[" + name + "] " + outcome.describe());
        // Each load went through the balancer with an empty cache, else its counts say nothing.
        assertTrue(stylesheets >= config.loads(), "only " + stylesheets + " stylesheet requests reached nginx in "
                + config.loads() + " loads: the browser's cache was not empty");
        return outcome;
    }

    /**
     * Both directions of a rolling deploy were tried: pages of the old release whose assets may reach a new instance,
     * and the reverse. Checked where chance cannot fail it: round-robin, and random over two instances and 40 loads.
     */
    static void assertBothReleasesServedPages(Outcome outcome) {
        assertTrue(outcome.pages().getOrDefault("r1", 0) > 0 && outcome.pages().getOrDefault("r2", 0) > 0,
                "the balancer served the pages of one release only: " + outcome.line());
    }

    /** The verdict on one page load: what made it broken, and what made it mixed (both empty when it is whole). */
    record Load(String page, List<String> broken, List<String> mixed) {
        @Override
        public String toString() {
            List<String> all = new ArrayList<>(broken);
            all.addAll(mixed);
            return "page " + page + ": " + String.join("; ", all);
        }
    }

    private Load load(String url) {
        browser.consoleErrors();
        browser.clearCache();
        List<String> broken = new ArrayList<>();
        List<String> mixed = new ArrayList<>();
        Browser.PageState state;
        String lazy;
        try {
            browser.driver.get(url);
            state = browser.inspect(MODULE);
            lazy = state.js() == null ? null : browser.loadLazy();
        } catch (WebDriverException e) {
            broken.add("the browser failed: " + e.getMessage().lines().findFirst().orElse(""));
            return new Load(null, broken, mixed);
        }
        List<String> console = browser.consoleErrors();
        String page = state.page();
        if (state.css() == null) {
            broken.add("CSS not applied (background " + state.cssColor() + ")");
        }
        if (state.js() == null || state.greeting() == null) {
            broken.add("module not run");
        }
        if (lazy != null && lazy.startsWith("error")) {
            broken.add("lazy import failed: " + lazy);
        }
        if (state.failed() != null) {
            broken.add(state.failed());
        }
        if (!console.isEmpty()) {
            broken.add("console: " + console.get(0) + (console.size() > 1 ? " (+" + (console.size() - 1) + ")" : ""));
        }
        Map<String, String> parts = new TreeMap<>();
        parts.put("CSS", state.css());
        parts.put("module", state.js());
        parts.put("relative import", state.greeting());
        parts.put("lazy chunk", lazy == null || lazy.startsWith("error") ? null : lazy);
        parts.forEach((part, release) -> {
            if (release != null && !release.equals(page)) {
                mixed.add(part + " from " + release);
            }
        });
        return new Load(page, broken, mixed);
    }

    /** target/rolling-report.txt: written anew by each run of the test JVM, one section per harness. */
    static final class Report {
        static final Path FILE = Path.of(Tools.property("browser.report"));

        static {
            try {
                Files.deleteIfExists(FILE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Report() {
        }

        static synchronized void append(String section) {
            try {
                Files.writeString(FILE, section + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
