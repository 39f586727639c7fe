package io.cachebreaker.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContainerInitializer;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CachebreakerInitializerTest {
    @Test
    void isRegisteredAsAServletContainerInitializer() {
        assertTrue(ServiceLoader.load(ServletContainerInitializer.class).stream()
                .anyMatch(provider -> provider.type() == CachebreakerInitializer.class));
    }
}
