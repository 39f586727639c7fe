package io.cachebreaker.runtime;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.JettyContainer;

class JettyRollingDeployTest extends RollingDeployContractTest {
    @Override
    Container.Factory factory() {
        return JettyContainer.FACTORY;
    }
}
