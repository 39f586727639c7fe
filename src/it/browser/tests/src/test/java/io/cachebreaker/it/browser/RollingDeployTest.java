package io.cachebreaker.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario B with the runtime as configured by default. During a rolling deploy no page may break and none may mix
 * releases: that is the runtime's promise, asserted for round-robin balancing and for random balancing over one
 * instance of each release. The other random mixes are measured and reported only.
 */
class RollingDeployTest extends RollingDeployHarness {
    RollingDeployTest() {
        super("rolling", "");
    }

    static Stream<Config> configs() {
        return Stream.of(
                // The control: no deploy in progress, so every load must be whole. Shows that the harness itself
                // (classification, console, cache emptying) reports a healthy cluster as healthy.
                new Config(Nginx.Balancing.ROUND_ROBIN, 2, 0, 20),
                new Config(Nginx.Balancing.ROUND_ROBIN, 1, 1, 40),
                new Config(Nginx.Balancing.ROUND_ROBIN, 2, 1, 40),
                new Config(Nginx.Balancing.ROUND_ROBIN, 1, 2, 40),
                new Config(Nginx.Balancing.RANDOM, 1, 1, 40),
                new Config(Nginx.Balancing.RANDOM, 2, 1, 20),
                new Config(Nginx.Balancing.RANDOM, 1, 2, 20));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    @Timeout(180)
    void noPageBreaksOrMixesReleases(Config config) {
        Outcome outcome = measure(config);
        boolean asserted = config.balancing() == Nginx.Balancing.ROUND_ROBIN || config.olds() + config.news() == 2;
        if (asserted) {
            if (config.news() > 0) {
                assertBothReleasesServedPages(outcome);
            }
            assertEquals(0, outcome.broken() + outcome.mixed(), "broken or mixed loads: " + outcome.describe());
        }
    }
}
