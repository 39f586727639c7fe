package io.cachebreaker.runtime.testing;

import jakarta.servlet.ServletContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat 11, with no default web.xml and so no MIME table. */
public final class TomcatContainer implements Container {
    public static final Factory FACTORY = TomcatContainer::new;

    private final Tomcat tomcat;
    private final Connector connector;
    private final Context context;
    private final Throwable startupFailure;

    private TomcatContainer(Setup setup) throws Exception {
        tomcat = new Tomcat();
        Path base = Files.createDirectories(setup.work.resolve("tomcat"));
        tomcat.setBaseDir(base.toString());
        connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Path docBase = Files.createDirectories(base.resolve("docbase"));
        context = tomcat.addContext(setup.contextPath, docBase.toString());
        context.setParentClassLoader(setup.loader);
        setup.initParameters.forEach(context::addParameter);
        setup.initializers.forEach(sci -> context.addServletContainerInitializer(sci, null));
        Throwable threw = null;
        try {
            tomcat.start();
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
        return context.getState() == LifecycleState.STARTED;
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (Exception e) {
            throw new IllegalStateException("Tomcat did not stop", e);
        }
    }
}
