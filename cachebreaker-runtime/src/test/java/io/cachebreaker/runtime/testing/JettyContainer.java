package io.cachebreaker.runtime.testing;

import jakarta.servlet.ServletContext;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12 with an ee10 {@link ServletContextHandler}. */
public final class JettyContainer implements Container {
    public static final Factory FACTORY = JettyContainer::new;

    private final Server server;
    private final ServerConnector connector;
    private final ServletContextHandler context;
    private final Throwable startupFailure;

    private JettyContainer(Setup setup) throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        context = new ServletContextHandler(setup.contextPath.isEmpty() ? "/" : setup.contextPath);
        context.setClassLoader(setup.loader);
        setup.initParameters.forEach(context::setInitParameter);
        setup.initializers.forEach(context::addServletContainerInitializer);
        server.setHandler(context);
        Throwable threw = null;
        try {
            server.start();
        } catch (Exception e) {
            threw = e;
        }
        startupFailure = setup.checkStartup(available(), threw, this::close);
    }

    @Override
    public Throwable startupFailure() {
        return startupFailure;
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public ServletContext servletContext() {
        return context.getServletContext();
    }

    @Override
    public boolean available() {
        return context.isAvailable() && context.isStarted();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
