package io.cachebreaker.runtime;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.JettyContainer;

class JettyDevModeTest extends DevModeContractTest {
    @Override
    Container.Factory factory() {
        return JettyContainer.FACTORY;
    }

    @Override
    int expectedFor(String target, int servletAnswer) {
        // An encoded dot segment is an ambiguous path to Jetty 12, refused before the servlet runs.
        return target.contains("/%2e") ? 400 : servletAnswer;
    }
}
