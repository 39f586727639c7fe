package io.cachebreaker.runtime;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.JettyContainer;

class JettyServingTest extends ServingContractTest {
    @Override
    Container.Factory factory() {
        return JettyContainer.FACTORY;
    }

    @Override
    int expectedFor(String testCase, int servletAnswer) {
        // An empty segment is an ambiguous path to Jetty 12, refused before the servlet runs.
        return testCase.contains(OLDER + "//") ? 400 : servletAnswer;
    }
}
