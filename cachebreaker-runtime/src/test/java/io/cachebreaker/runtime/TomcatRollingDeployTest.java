package io.cachebreaker.runtime;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.TomcatContainer;

class TomcatRollingDeployTest extends RollingDeployContractTest {
    @Override
    Container.Factory factory() {
        return TomcatContainer.FACTORY;
    }
}
