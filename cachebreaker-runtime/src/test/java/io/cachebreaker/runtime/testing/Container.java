package io.cachebreaker.runtime.testing;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An embedded servlet container on a free port, with one context. */
public interface Container extends AutoCloseable {

    /** @return such as {@code http://127.0.0.1:41234} */
    default URI origin() {
        return URI.create("http://127.0.0.1:" + port());
    }

    int port();

    ServletContext servletContext();

    /** @return whether the context started; false when start-up failed */
    boolean available();

    /** Stops the container; a failure to stop fails the test. */
    @Override
    void close();

    /** Starts a container. */
    @FunctionalInterface
    interface Factory {
        Container start(Setup setup) throws Exception;
    }

    /** What to deploy. */
    final class Setup {
        public final ClassLoader loader;
        public final Path work;
        public String contextPath = "/ctx";
        public final Map<String, String> initParameters = new LinkedHashMap<>();
        /** Run in this order during start-up, as a WAR's META-INF/services initializers would be. */
        public final List<ServletContainerInitializer> initializers = new ArrayList<>();

        public Setup(ClassLoader loader, Path work) {
            this.loader = loader;
            this.work = work;
        }

        public Setup contextPath(String path) {
            this.contextPath = path;
            return this;
        }

        public Setup param(String name, String value) {
            initParameters.put(name, value);
            return this;
        }

        public Setup initializer(ServletContainerInitializer initializer) {
            initializers.add(initializer);
            return this;
        }
    }
}
