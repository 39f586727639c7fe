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
        // An empty or encoded dot segment is an ambiguous path to Jetty 12, refused before the servlet runs.
        String path = testCase.substring("/ctx".length());
        return path.contains("//") || path.contains("/%2e") ? 400 : servletAnswer;
    }
}
