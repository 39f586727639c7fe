package io.cachebreaker.runtime;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.TomcatContainer;
import java.util.Map;

class TomcatAttackSurfaceTest extends AttackSurfaceContractTest {
    /** Tomcat 11's own answers, given before the servlet runs; -1 where it closes the connection without one. */
    private static final Map<String, Integer> TOMCAT = Map.ofEntries(
            // Limits of the request line and headers: Tomcat answers 400 for both.
            Map.entry("10 KB token", 400),
            Map.entry("header larger than the container allows", 400),
            // Characters that RFC 3986 does not allow in a query (raw non-ASCII, '"', '<', '>') are refused;
            // where the request line is broken as well, Tomcat closes the connection without a response.
            Map.entry("UTF-8 that truncates to CR/LF in the query", 400),
            Map.entry("bounced UTF-8 that truncates to CR/LF in the query", 400),
            Map.entry("hop counter with markup", 400),
            Map.entry("markup in the query", -1),
            Map.entry("bounced markup in the query", -1),
            Map.entry("raw CR/LF in the query", -1),
            Map.entry("raw LF in the path", -1),
            Map.entry("bounced raw CR/LF in the query", -1),
            Map.entry("bounced raw LF in the path", -1));

    @Override
    Container.Factory factory() {
        return TomcatContainer.FACTORY;
    }

    @Override
    int expectedFor(String testCase, int servletAnswer) {
        if (testCase.startsWith("CONNECT ")) {
            return 501; // the connector refuses CONNECT before any servlet runs
        }
        return TOMCAT.getOrDefault(testCase, servletAnswer);
    }

    @Override
    String expectedAllow(String testCase) {
        // The connector refuses TRACE itself (allowTrace is false) and names what it would allow.
        return testCase.startsWith("TRACE ") ? "OPTIONS" : super.expectedAllow(testCase);
    }
}
