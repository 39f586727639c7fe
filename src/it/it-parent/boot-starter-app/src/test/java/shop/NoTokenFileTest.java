package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.AssetUrls;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.web.context.WebApplicationContext;

/** Without a token file (the plugin did not run) the application starts, and the log says why nothing is served. */
@ExtendWith(OutputCaptureExtension.class)
class NoTokenFileTest {
    private static final String TOKEN_FILE = "META-INF/cachebreaker.properties";

    /** The test class path as it would be had the plugin never run. */
    private static final class WithoutTokenFile extends ClassLoader {
        WithoutTokenFile(ClassLoader parent) {
            super(parent);
        }

        @Override
        public URL getResource(String name) {
            return TOKEN_FILE.equals(name) ? null : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return TOKEN_FILE.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
        }
    }

    @Test
    void itStartsMountsNothingAndLogsWhy(CapturedOutput output) {
        ClassLoader loader = new WithoutTokenFile(getClass().getClassLoader());
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopApplication.class)
                .resourceLoader(new DefaultResourceLoader(loader))
                .properties("server.port=0", "server.address=127.0.0.1")
                .run()) {
            assertTrue(context.isRunning());
            assertEquals(0, context.getBeanNamesForType(AssetUrls.class).length);
            assertNull(((WebApplicationContext) context).getServletContext().getServletRegistration("cachebreaker"));
            assertTrue(output.getOut().contains("cachebreaker: no " + TOKEN_FILE + " on the class path"),
                    output.getOut());
            assertTrue(output.getOut().contains("cachebreaker-maven-plugin goal 'assets'"), output.getOut());
        }
    }
}
