package io.cachebreaker.demo;

import io.cachebreaker.runtime.AssetUrls;
import io.cachebreaker.runtime.CachebreakerInitializer;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Starts the demo on embedded Jetty: the cachebreaker servlet under {@code /static/*}, registered by the runtime's own
 * initializer exactly as in a WAR, and {@link IndexPage} at the root.
 *
 * <p>Port: the first argument, else the {@code PORT} environment variable, else 8080; 0 picks a free port.
 */
public final class DemoServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final ServletContextHandler context;

    private DemoServer(Server server, ServerConnector connector, ServletContextHandler context) {
        this.server = server;
        this.connector = connector;
        this.context = context;
    }

    /**
     * Starts the demo.
     *
     * @param host the address to listen on, such as {@code localhost}
     * @param port the port, or 0 for a free one
     * @param contextPath the context path, such as {@code /} or {@code /shop}
     * @return the running demo
     * @throws Exception when Jetty cannot start, or the token file is missing or broken
     */
    public static DemoServer start(String host, int port, String contextPath) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(contextPath);
        context.addServletContainerInitializer(new CachebreakerInitializer());
        context.addServlet(IndexPage.class, "");
        server.setHandler(context);
        server.start();
        return new DemoServer(server, connector, context);
    }

    /** @return the page's URL, such as {@code http://localhost:8080/} */
    public URI uri() {
        String path = context.getContextPath();
        return URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort()
                + (path.endsWith("/") ? path : path + "/"));
    }

    /** @return the current deploy's token */
    public String token() {
        return AssetUrls.of(context.getServletContext()).token();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args.length > 0 ? args[0] : System.getenv().getOrDefault("PORT", "8080"));
        DemoServer demo = start("localhost", port, "/");
        System.out.println("cachebreaker demo: " + demo.uri() + "  (token " + demo.token() + ")");
        System.out.println("Stop it with Ctrl+C.");
        demo.server.join();
    }
}
