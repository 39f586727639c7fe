package io.cachebreaker.runtime;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.JettyContainer;

class JettyServingTest extends ServingContractTest {
    @Override
    Container.Factory factory() {
        return JettyContainer.FACTORY;
    }
}
