package io.cachebreaker.runtime;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.JettyContainer;
import java.util.Map;

class JettyAttackSurfaceTest extends AttackSurfaceContractTest {
    /** Jetty 12's own answers, given before the servlet runs. */
    private static final Map<String, Integer> JETTY = Map.ofEntries(
            // An encoded or empty dot segment, or an empty segment, is an ambiguous path: 400 (UriCompliance).
            Map.entry("CVE-2021-28164 /%2e/WEB-INF", 400),
            Map.entry("CVE-2021-28164 at the context", 400),
            Map.entry("CVE-2021-28164 %2e%2e", 400),
            Map.entry("CVE-2021-28164 mixed .%2e", 400),
            Map.entry("CVE-2021-28164 before the token", 400),
            Map.entry("CVE-2021-28169 at the context", 400),
            Map.entry("path parameter ..;/", 400),
            Map.entry("file:/// prefix", 400),
            Map.entry("empty token", 400),
            Map.entry("empty token before the real one", 400),
            Map.entry("token %2e", 400),
            Map.entry("token %2e%2e", 400),
            Map.entry("older token, // after it", 400),
            Map.entry("newer token, traversal", 400),
            Map.entry("newer token, double slash", 400),
            Map.entry("hostile under load", 400),
            // Limits of the request line and headers.
            Map.entry("10 KB token", 414),
            Map.entry("header larger than the container allows", 431),
            // A raw CR or LF ends the request line early: it no longer ends in an HTTP version.
            Map.entry("raw CR/LF in the query", 505),
            Map.entry("raw LF in the path", 505),
            Map.entry("bounced raw CR/LF in the query", 505),
            Map.entry("bounced raw LF in the path", 505),
            // An authority-form target names no path, so no context matches it.
            Map.entry("CONNECT evil.example:443", 404));

    @Override
    Container.Factory factory() {
        return JettyContainer.FACTORY;
    }

    @Override
    int expectedFor(String testCase, int servletAnswer) {
        if (JETTY.containsKey(testCase)) {
            return JETTY.get(testCase);
        }
        if (testCase.startsWith("CONNECT ")) {
            return 400; // Jetty refuses CONNECT to a servlet context itself
        }
        if (testCase.endsWith(" " + BASE + "%2e%2e/secret.txt")) {
            return 400; // any method: the ambiguous path is refused before the method is looked at
        }
        return servletAnswer;
    }
}
