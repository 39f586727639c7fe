package io.cachebreaker.runtime.testing;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

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

    /**
     * Why the context did not start: what an initializer threw (Tomcat only logs it), or what starting the server
     * threw.
     *
     * @return the failure, or {@code null} when the context started
     */
    Throwable startupFailure();

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
        /** Whether the test wants to see start-up fail; otherwise a failed start-up throws from the factory. */
        public boolean startupMayFail;
        private final AtomicReference<Throwable> initializerFailure = new AtomicReference<>();

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

        /** Adds an initializer; what it throws is recorded for {@link Container#startupFailure()}. */
        public Setup initializer(ServletContainerInitializer initializer) {
            initializers.add((classes, context) -> {
                try {
                    initializer.onStartup(classes, context);
                } catch (ServletException | RuntimeException | Error e) {
                    initializerFailure.compareAndSet(null, e);
                    throw e;
                }
            });
            return this;
        }

        /** Lets start-up fail without an exception from the factory, for a test that checks why it failed. */
        public Setup expectingStartupFailure() {
            startupMayFail = true;
            return this;
        }

        /**
         * For a container implementation, after starting: the failure that stopped the context, and an exception
         * unless the test expects one.
         *
         * @param available   whether the context started
         * @param startThrew  what starting the server threw, or {@code null}
         * @param stop        stops what did start
         * @return the failure to report, or {@code null} when the context started
         * @throws IllegalStateException when start-up failed and the test does not expect it
         */
        public Throwable checkStartup(boolean available, Throwable startThrew, Runnable stop) {
            if (available && startThrew == null) {
                return null;
            }
            Throwable failure = initializerFailure.get() != null ? initializerFailure.get()
                    : startThrew != null ? startThrew
                    : new IllegalStateException("the context did not start, and no initializer threw (see the log)");
            if (!startupMayFail) {
                stop.run();
                throw new IllegalStateException("The container did not start the context " + contextPath, failure);
            }
            return failure;
        }
    }
}
