package io.cachebreaker.runtime.javax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.AssetUrls;
import io.cachebreaker.runtime.CachebreakerInitializer;
import io.cachebreaker.runtime.testing.SiteFixture;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.servlet.ServletContainerInitializer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relocated runtime on embedded Tomcat 9 (Servlet 4): deployed as a web application whose initializer Tomcat
 * finds by its {@code javax} service file, and added by hand with {@code addServletContainerInitializer}.
 */
class Tomcat9ServingTest {
    static final String TOKEN = "20261124213206-a1b2c3d";
    static final String OLDER = "20251231235959-ffffff";
    static final String NEWER = "20261124213207-0000";
    static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    void aWebApplicationFindsTheInitializerByItsServiceFile() throws Exception {
        Tomcat tomcat = tomcat();
        Path docBase = Files.createDirectories(work.resolve("webapp"));
        SiteFixture site = SiteFixture.standard(docBase.resolve("WEB-INF/classes"), TOKEN, TokenStrategy.GIT);
        site.write();
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp("/ctx", docBase.toString());
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        try {
            tomcat.start();
            assertServes(tomcat, context, site);
        } finally {
            stop(tomcat);
        }
    }

    @Test
    void anInitializerAddedByHandMountsTheServlet() throws Exception {
        Tomcat tomcat = tomcat();
        SiteFixture site = SiteFixture.standard(work.resolve("classes"), TOKEN, TokenStrategy.GIT);
        Context context = tomcat.addContext("/ctx", Files.createDirectories(work.resolve("docbase")).toString());
        context.setParentClassLoader(site.write());
        context.addServletContainerInitializer(initializer(), null);
        try {
            tomcat.start();
            assertServes(tomcat, context, site);
        } finally {
            stop(tomcat);
        }
    }

    private void assertServes(Tomcat tomcat, Context context, SiteFixture site) throws Exception {
        assertEquals(LifecycleState.STARTED, context.getState(), "the context starts");
        URI origin = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort());
        String base = "/ctx/static/" + TOKEN + "/";

        HttpResponse<byte[]> asset = get(origin, base + "css/app.css");
        assertEquals(200, asset.statusCode());
        assertArrayEquals(site.bytes("css/app.css"), asset.body());
        assertEquals("public, max-age=31536000, immutable", asset.headers().firstValue("Cache-Control").orElse(""));

        HttpResponse<byte[]> older = get(origin, "/ctx/static/" + OLDER + "/css/app.css");
        assertEquals(301, older.statusCode());
        assertEquals(base + "css/app.css", older.headers().firstValue("Location").orElse(""));

        HttpResponse<byte[]> newer = get(origin, "/ctx/static/" + NEWER + "/css/app.css");
        assertEquals(503, newer.statusCode());
        assertEquals("3", newer.headers().firstValue("Retry-After").orElse(""));

        assertEquals(404, get(origin, base + "secret.txt").statusCode());
        assertEquals(404, get(origin, base + "no/such.css").statusCode());

        AssetUrls urls = (AssetUrls) context.getServletContext().getAttribute(AssetUrls.ATTRIBUTE);
        assertEquals(base + "css/app.css", urls.url("css/app.css"));
        assertTrue(urls.integrity("css/app.css").startsWith("sha256-"));
    }

    /** Compiled against the jakarta runtime but run against the shaded jar, where it is a javax initializer. */
    private static ServletContainerInitializer initializer() throws ReflectiveOperationException {
        return (ServletContainerInitializer) Class.forName(CachebreakerInitializer.class.getName())
                .getDeclaredConstructor().newInstance();
    }

    private Tomcat tomcat() throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(work.resolve("tomcat")).toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        return tomcat;
    }

    private static void stop(Tomcat tomcat) throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    private static HttpResponse<byte[]> get(URI origin, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(origin.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
