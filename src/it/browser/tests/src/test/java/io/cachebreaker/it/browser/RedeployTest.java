package io.cachebreaker.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.WindowType;

/**
 * Scenario A, "the token follows the bytes": one Tomcat, one browser profile kept across a redeploy of a release
 * whose CSS and JS changed. Subresource Integrity is on throughout, so stale bytes under a reused URL are refused
 * instead of silently shown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedeployTest {
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration MODULE = Duration.ofSeconds(5);

    private Tomcat explicit;
    private Tomcat reused;
    private Tomcat pinned;
    private Tomcat retaining;

    @BeforeAll
    void startTomcats() {
        Tools.requireChromium();
        explicit = Tomcat.create("redeploy-explicit", Tools.war("release-1"), "");
        reused = Tomcat.create("redeploy-reused", Tools.war("reused-1"), "");
        pinned = Tomcat.create("redeploy-pinned", Tools.war("pinned-1"), "");
        retaining = Tomcat.create("redeploy-retaining", Tools.war("release-1"), "");
        Tomcat.startAll(List.of(explicit, reused, pinned, retaining), List.of("r1", "r1", "r1", "r1"), START);
    }

    @AfterAll
    void stopTomcats() {
        Tomcat.closeAll(java.util.stream.Stream.of(explicit, reused, pinned, retaining)
                .filter(java.util.Objects::nonNull).toList());
    }

    /** The tokens come from CI (rel-1, then rel-2): proves the harness itself, and passes with today's plugin. */
    @Test
    @Timeout(180)
    void redeployWithExplicitTokens() {
        redeploy(explicit, Tools.war("release-2"), "explicit");
    }

    /**
     * CI injects the same tag (rel-7) into two builds whose bytes differ, which the README names as the way to get a
     * stale asset under an unchanged token. The token must still change with the bytes, and a page of the first
     * build must still load its lazy chunk after the second is deployed, though both tokens share their ordered part.
     */
    @Test
    @Timeout(180)
    void redeployWithTheSameExplicitTokenForDifferentBytes() {
        redeploy(reused, Tools.war("reused-2"), "reused");
    }

    /**
     * The default strategy with the same pinned project.build.outputTimestamp in both builds, as a reproducible
     * build between two releases has it; the two releases are two separate Maven builds (invoker.properties). Unless
     * the token depends on the bytes, both builds get the same token, the browser keeps the first release's
     * year-long cached assets, and the new page's integrity check refuses them.
     */
    @Test
    @Timeout(180)
    void redeployWithDefaultStrategyAndPinnedOutputTimestamp() {
        redeploy(pinned, Tools.war("pinned-2"), "pinned");
    }

    /**
     * "Keep the previous releases' assets": release 2 no longer has the lazy chunk, but keeps release 1's tree. A page
     * of release 1 left open across the deploy loads that chunk from release 1's exact bytes, served with 200 under
     * its own token, not redirected to release 2 (where it would be a 404).
     */
    @Test
    @Timeout(180)
    void aPageLeftOpenLoadsAChunkThatOnlyThePreviousReleaseHadFromItsRetainedTree() {
        try (Browser browser = new Browser("redeploy-retaining")) {
            var driver = browser.driver;
            driver.get(retaining.url());
            assertWhole(browser, "r1", "release 1");
            String r1Token = token(browser);

            retaining.redeploy(Tools.war("retaining-2"), "r2", Duration.ofSeconds(90));

            long mark = retaining.accessLogMark();
            browser.consoleErrors();
            assertEquals("r1", browser.loadLazy(), "the open page of release 1 loads release 1's chunk");
            assertEquals(null, browser.inspect(MODULE).failed(), "the open page recorded an error");
            assertEquals(List.of(), browser.consoleErrors(), "console errors on the open page");
            List<String> requests = retaining.requestsSince(mark);
            assertTrue(requests.stream().anyMatch(line -> line.contains("/static/" + r1Token + "/js/lazy.mjs")
                    && line.contains(" 200 ")), "the chunk is served from the retained tree: " + requests);
        }
    }

    private void redeploy(Tomcat tomcat, Path nextWar, String name) {
        try (Browser browser = new Browser("redeploy-" + name)) {
            var driver = browser.driver;
            String page = tomcat.url();

            // (1) The first deploy renders whole: CSS applied, the module and its relative import run.
            long mark = tomcat.accessLogMark();
            driver.get(page);
            assertWhole(browser, "r1", "first deploy, first visit");
            List<String> first = tomcat.requestsSince(mark);
            for (String asset : new String[] {"css/app.css", "js/app.mjs", "js/greeting.mjs"}) {
                // Proves that the access log sees asset requests, which gives step (2) its meaning.
                assertTrue(first.stream().anyMatch(line -> line.contains("/static/") && line.contains(asset)),
                        "the first visit's request for " + asset + " is not in the access log: " + first);
            }

            // (2) Navigating again, in the same tab and in a new one, is served from the cache: no asset request.
            // The lazy chunk is not loaded yet on purpose: step (4) must fetch it after the redeploy.
            String firstTab = driver.getWindowHandle();
            mark = tomcat.accessLogMark();
            driver.get(page + "?visit=2");
            assertWhole(browser, "r1", "first deploy, second visit");
            driver.switchTo().newWindow(WindowType.TAB);
            driver.get(page + "?visit=left-open");
            assertWhole(browser, "r1", "first deploy, the page that stays open");
            String leftOpen = driver.getWindowHandle();
            String firstToken = token(browser);
            List<String> again = tomcat.requestsSince(mark);
            assertTrue(again.stream().anyMatch(line -> line.contains("?visit=2")),
                    "the second visit is not in the access log: " + again);
            assertEquals(List.of(), again.stream().filter(line -> line.contains("/static/")).toList(),
                    "navigating again must not request any asset: they are cached for a year");

            tomcat.redeploy(nextWar, "r2", Duration.ofSeconds(90));

            // (4) The page left open from before the redeploy loads its lazy chunk now, without an error. Its URL
            // carries the old token; either release's chunk is acceptable here, an error is not. Checked before (3),
            // whose new page would otherwise put the new chunk in the cache under the very same URL when both
            // builds got the same token, and a failure of (3) would hide this one.
            driver.switchTo().window(leftOpen);
            browser.consoleErrors();
            String lazy = browser.loadLazy();
            System.out.printf("[%s] the page left open from before the redeploy loaded the lazy chunk of %s%n", name,
                    lazy);
            assertTrue(lazy.equals("r1") || lazy.equals("r2"),
                    "the page left open from before the redeploy could not load its lazy chunk: " + lazy);
            Browser.PageState leftOpenState = browser.inspect(MODULE);
            assertEquals(null, leftOpenState.failed(), "the page left open recorded an error");
            assertEquals(List.of(), browser.consoleErrors(), "console errors on the page left open");

            // (3) An ordinary navigation (no hard refresh) after the redeploy shows the new CSS and runs the new JS.
            driver.switchTo().window(firstTab);
            driver.get(page);
            String secondToken = token(browser);
            assertWhole(browser, "r2", "after the redeploy, an ordinary navigation (the first release's token was "
                    + firstToken + ", the second's is " + secondToken + ")");
            assertEquals("r2", browser.loadLazy(), "the lazy chunk after the redeploy");
            assertEquals(List.of(), browser.consoleErrors(), "console errors after loading the lazy chunk");
        }
    }

    /** The token the open page was rendered with, as it states it. */
    private static String token(Browser browser) {
        return ((String) browser.driver.executeScript(
                "return document.querySelector('p').textContent")).replaceFirst("^Token ", "");
    }

    private static void assertWhole(Browser browser, String release, String when) {
        Browser.PageState state = browser.inspect(MODULE);
        List<String> problems = state.problems(release);
        List<String> console = browser.consoleErrors();
        if (!problems.isEmpty() || !console.isEmpty()) {
            fail(when + ": expected release " + release + " whole, but " + String.join(", ", problems)
                    + (console.isEmpty() ? "" : "; console errors: " + console));
        }
    }
}
