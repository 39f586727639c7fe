package io.cachebreaker.bench.serving;

import io.cachebreaker.bench.Fixtures;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.CachebreakerInitializer;
import org.apache.catalina.Context;
import org.apache.catalina.WebResourceRoot;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.DirResourceSet;
import org.apache.catalina.webresources.StandardRoot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded Tomcat 11 (NIO connector, sendfile on as by default, loopback only) serving the same files two ways:
 *
 * <ul>
 *   <li>{@code /static/<token>/...}: cachebreaker's servlet, registered by its {@code ServletContainerInitializer}
 *       exactly as in a WAR, reading {@code WEB-INF/classes/META-INF/cachebreaker.properties};</li>
 *   <li>{@code /default/static/<token>/...}: Tomcat's {@link DefaultServlet} with the resource cache on and
 *       {@code precompressed} on, so it serves the same {@code .gz} sibling for {@code Accept-Encoding: gzip}.</li>
 * </ul>
 *
 * <p>The files live once on disk, in {@code <work>/classes}, which is mounted both as {@code /default} (for the
 * DefaultServlet, which looks up servlet path + path info) and as {@code /WEB-INF/classes} (for the class loader
 * that finds the token file).
 *
 * <p>Usage: {@code ServingServer <work dir> <port file>}; writes the bound port to the port file, then serves until
 * killed.
 */
public final class ServingServer {
    private ServingServer() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Path portFile = Path.of(args[1]);
        Path classes = work.resolve("classes");
        TokenFile tokenFile = Fixtures.writeServingTree(classes);

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(work.resolve("tomcat").toString());
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxKeepAliveRequests", "-1");
        connector.setProperty("useSendfile", "true");
        tomcat.setConnector(connector);

        Path docBase = Files.createDirectories(work.resolve("docroot"));
        Context ctx = tomcat.addContext("", docBase.toString());
        // As a standalone Tomcat's conf/web.xml does, so the DefaultServlet sends a Content-Type like ours.
        Tomcat.addDefaultMimeTypeMappings(ctx);
        WebResourceRoot resources = new StandardRoot(ctx);
        resources.setCachingAllowed(true);
        resources.setCacheMaxSize(256 * 1024); // KiB: 256 MiB, far more than the files
        resources.setCacheObjectMaxSize(8 * 1024); // KiB: 8 MiB, so even the large file may be cached
        resources.setCacheTtl(60_000);
        resources.addPreResources(new DirResourceSet(resources, "/WEB-INF/classes", classes.toString(), "/"));
        // The DefaultServlet looks resources up by servlet path + path info, so /default/static/... needs the same
        // directory mounted at /default as well.
        resources.addPreResources(new DirResourceSet(resources, "/default", classes.toString(), "/"));
        ctx.setResources(resources);

        DefaultServlet defaultServlet = new DefaultServlet();
        org.apache.catalina.Wrapper wrapper = Tomcat.addServlet(ctx, "default", defaultServlet);
        wrapper.addInitParameter("listings", "false");
        wrapper.addInitParameter("precompressed", "true");
        wrapper.addInitParameter("sendfileSize", "48"); // KiB; Tomcat's default, stated
        ctx.addServletMappingDecoded("/default/*", "default");

        // As in a WAR: the runtime's initializer reads the token file and mounts the servlet at /static/*.
        ctx.addServletContainerInitializer(new CachebreakerInitializer(), null);
        String ours = "cachebreaker mounted by " + CachebreakerInitializer.class.getSimpleName()
                + " (default settings)";

        tomcat.start();
        int port = connector.getLocalPort();
        Files.writeString(portFile.resolveSibling("server.pid"), Long.toString(ProcessHandle.current().pid()),
                StandardCharsets.US_ASCII);
        Files.writeString(portFile, Integer.toString(port), StandardCharsets.US_ASCII);
        System.out.println("ServingServer: Tomcat " + org.apache.catalina.util.ServerInfo.getServerNumber()
                + " on 127.0.0.1:" + port + ", token " + tokenFile.token() + ", " + ours);
        tomcat.getServer().await();
    }
}
