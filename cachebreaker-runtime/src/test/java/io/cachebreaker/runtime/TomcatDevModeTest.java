package io.cachebreaker.runtime;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.TomcatContainer;

class TomcatDevModeTest extends DevModeContractTest {
    @Override
    Container.Factory factory() {
        return TomcatContainer.FACTORY;
    }

    @Override
    int expectedFor(String target, int servletAnswer) {
        return servletAnswer;
    }
}
