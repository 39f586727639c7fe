package io.cachebreaker.runtime;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.TomcatContainer;

class TomcatServingTest extends ServingContractTest {
    @Override
    Container.Factory factory() {
        return TomcatContainer.FACTORY;
    }
}
