package io.cachebreaker.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.AssetUrls;
import io.cachebreaker.runtime.CachebreakerServlet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * Which beans the auto-configuration makes, in a mock servlet context. The test class path has no token file, so dev
 * mode (which needs none) stands in for one; the ITs run the real thing on Boot 3 and 4.
 */
class CachebreakerAutoConfigurationTest {
    @TempDir
    Path work;

    private WebApplicationContextRunner runner() throws Exception {
        Files.writeString(Files.createDirectories(work.resolve("static/css")).resolve("app.css"), "body{}");
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CachebreakerAutoConfiguration.class))
                .withPropertyValues("cachebreaker.dev=" + work.resolve("static"),
                        "cachebreaker.base-url=https://cdn.example.com/app");
    }

    @Test
    void itMakesTheInitializerTheHelperAndTheModelAttributeWithTheBootProperties() throws Exception {
        runner().run(context -> {
            assertTrue(context.getStartupFailure() == null, () -> String.valueOf(context.getStartupFailure()));
            assertEquals(1, context.getBeanNamesForType(CachebreakerServletInitializer.class).length);
            assertEquals(1, context.getBeanNamesForType(AssetUrlsModelAttribute.class).length);
            AssetUrls urls = context.getBean(AssetUrls.class);
            assertEquals("https://cdn.example.com/app/static/dev/css/app.css", urls.url("css/app.css"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistration {
        @Bean
        ServletRegistrationBean<CachebreakerServlet> mine() {
            return new ServletRegistrationBean<>(new CachebreakerServlet(), "/static/*");
        }
    }

    @Test
    void anApplicationsOwnRegistrationBeanMakesItBackOff() throws Exception {
        runner().withUserConfiguration(OwnRegistration.class).run(context -> {
            assertTrue(context.getStartupFailure() == null, () -> String.valueOf(context.getStartupFailure()));
            assertEquals(0, context.getBeanNamesForType(CachebreakerServletInitializer.class).length);
        });
    }

    @Test
    void withoutATokenFileOrDevModeItMakesNothing() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CachebreakerAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(new ClassPathResource("META-INF/cachebreaker.properties")))
                .run(context -> {
                    assertTrue(context.getStartupFailure() == null, () -> String.valueOf(context.getStartupFailure()));
                    assertEquals(0, context.getBeanNamesForType(AssetUrls.class).length);
                    assertEquals(0, context.getBeanNamesForType(CachebreakerServletInitializer.class).length);
                    assertEquals(1, context.getBeanNamesForType(CachebreakerProperties.class).length);
                });
    }
}
