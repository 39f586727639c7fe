package io.cachebreaker.it.browser;

import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario B with the redirect back to the balancer turned off (-Dcachebreaker.rolloutHops=0 on every Tomcat): the
 * "before" column of the README's rolling-deploy figures. Measured and reported, never asserted; fewer loads.
 */
class RollingDeployHopsOffTest extends RollingDeployHarness {
    RollingDeployHopsOffTest() {
        super("rolling-hops-0", "-Dcachebreaker.rolloutHops=0");
    }

    static Stream<Config> configs() {
        return Stream.of(Nginx.Balancing.values()).flatMap(balancing -> Stream.of(
                new Config(balancing, 1, 1, 20),
                new Config(balancing, 2, 1, 20),
                new Config(balancing, 1, 2, 20)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    @Timeout(120)
    void measureWithoutHops(Config config) {
        Outcome outcome = measure(config);
        if (config.balancing() == Nginx.Balancing.ROUND_ROBIN) {
            assertBothReleasesServedPages(outcome);
        }
    }
}
