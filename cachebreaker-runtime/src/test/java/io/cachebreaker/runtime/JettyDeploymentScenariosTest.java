package io.cachebreaker.runtime;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.JettyContainer;

class JettyDeploymentScenariosTest extends DeploymentScenariosTest {
    @Override
    Container.Factory factory() {
        return JettyContainer.FACTORY;
    }
}
