package io.cachebreaker.runtime;

import static io.cachebreaker.runtime.testing.Http.header;
import static io.cachebreaker.runtime.testing.Http.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.RawResponse;
import io.cachebreaker.runtime.testing.SiteFixture;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dev mode over real sockets, run once per container by a subclass. The shared context has no token file at all, as
 * before the plugin has ever run, and serves {@code src} with the init parameter {@code cachebreaker.dev}.
 */
// Every test talks to a container over sockets: a hang fails the test instead of the build's fork timeout.
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DevModeContractTest {
    static final String DEV = "/ctx/static/dev/";
    static final String BUILT_TOKEN = "20261124213206-a1b2c3d";

    Path work;
    Path src;
    Container container;
    final List<LogRecord> warnings = new ArrayList<>();

    abstract Container.Factory factory();

    /**
     * The exact status this container gives a target: the servlet's answer, unless the container answers first.
     *
     * @param target        the request target
     * @param servletAnswer the status the servlet gives when the request reaches it
     * @return the status this container must give
     */
    abstract int expectedFor(String target, int servletAnswer);

    @BeforeAll
    void startShared(@TempDir Path dir) throws Exception {
        work = dir;
        src = Files.createDirectories(work.resolve("src"));
        write("css/app.css", "body { color: red; }");
        Files.writeString(work.resolve("outside.txt"), "TOP-SECRET-OUTSIDE");
        Logger logger = Logger.getLogger(SiteRegistry.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            container = factory().start(setup(Files.createDirectories(work.resolve("no-token-file")))
                    .param(Setting.DEV.key(), src.toString()));
        } finally {
            logger.removeHandler(capture);
        }
        assertTrue(container.available(), "dev mode starts without a token file");
    }

    @AfterAll
    void stopShared() {
        container.close();
    }

    Container.Setup setup(Path classes) {
        return new Container.Setup(SiteFixture.loader(classes), work).initializer(new CachebreakerInitializer());
    }

    void write(String path, String text) throws Exception {
        Path file = src.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return send("GET", container, path, headers);
    }

    @Test
    void startUpWarnsLoudly() {
        assertTrue(warnings.stream().anyMatch(r -> r.getLevel() == Level.WARNING
                && r.getMessage().contains("DEV MODE") && r.getMessage().contains(src.toString())
                && r.getMessage().contains("never use in production")), "a WARNING names the directory");
    }

    @Test
    void editsAndNewFilesShowWithoutRestartAndWithoutCaching() throws Exception {
        write("js/edit.js", "let v = 1;");
        HttpResponse<byte[]> first = get(DEV + "js/edit.js");
        assertEquals(200, first.statusCode());
        assertEquals("let v = 1;", new String(first.body(), StandardCharsets.UTF_8));
        assertEquals("no-cache", header(first, "Cache-Control"));
        assertTrue(header(first, "Content-Type").startsWith("text/javascript"), header(first, "Content-Type"));

        write("js/edit.js", "let v = 2; // edited");
        HttpResponse<byte[]> second = get(DEV + "js/edit.js");
        assertEquals(200, second.statusCode());
        assertEquals("let v = 2; // edited", new String(second.body(), StandardCharsets.UTF_8));
        assertNotEquals(header(first, "ETag"), header(second, "ETag"));
    }

    @Test
    void revalidationGives304UntilTheFileChanges() throws Exception {
        write("css/revalidate.css", "a { }");
        String etag = header(get(DEV + "css/revalidate.css"), "ETag");
        HttpResponse<byte[]> same = get(DEV + "css/revalidate.css", "If-None-Match", etag);
        assertEquals(304, same.statusCode());
        assertEquals("no-cache", header(same, "Cache-Control"));
        write("css/revalidate.css", "a { color: blue; }");
        HttpResponse<byte[]> changed = get(DEV + "css/revalidate.css", "If-None-Match", etag);
        assertEquals(200, changed.statusCode());
        assertEquals("a { color: blue; }", new String(changed.body(), StandardCharsets.UTF_8));
    }

    @Test
    void anyOtherTokenIsSentToDevWithoutCaching() throws Exception {
        HttpResponse<byte[]> built = get("/ctx/static/" + BUILT_TOKEN + "/css/app.css?v=1");
        assertEquals(302, built.statusCode());
        assertEquals(DEV + "css/app.css?v=1", header(built, "Location"));
        assertEquals("no-store", header(built, "Cache-Control"));
        assertEquals(404, get("/ctx/static/" + BUILT_TOKEN + "/css/missing.css").statusCode());
    }

    @Test
    void nothingOutsideTheDirectoryNorAnyDirectoryIsServed() throws Exception {
        Files.createSymbolicLink(src.resolve("link.txt"), work.resolve("outside.txt"));
        Files.createSymbolicLink(src.resolve("linkdir"), work);
        for (String target : List.of(DEV + "link.txt", DEV + "linkdir/outside.txt", DEV + "%2e%2e/outside.txt",
                DEV + "css/%2e%2e/%2e%2e/outside.txt", DEV + "..%2foutside.txt", DEV + "css", DEV + "css/",
                DEV + "", DEV + "css%5c..%5c..%5coutside.txt", "/ctx/static/dev/../../outside.txt")) {
            RawResponse response = RawResponse.send(container.port(), "GET", target);
            // The servlet refuses an encoded separator as a bad request; anything else is not found.
            int servlet = target.contains("%2f") || target.contains("%5c") ? 400 : 404;
            assertEquals(expectedFor(target, servlet), response.status(), target);
            assertFalse(response.bodyText().contains("TOP-SECRET"), target);
        }
    }

    @Test
    void assetUrlsPointAtDevAndReadTheDisk() throws Exception {
        AssetUrls urls = AssetUrls.of(container.servletContext());
        assertEquals("dev", urls.token());
        assertEquals(DEV + "css/app.css", urls.url("css/app.css"));
        assertThrows(UnknownAssetException.class, () -> urls.url("css/not-yet.css"), "strict checks the disk");
        write("css/not-yet.css", "p { }");
        assertEquals(DEV + "css/not-yet.css", urls.url("css/not-yet.css"));
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest("p { }".getBytes());
        assertEquals("sha256-" + Base64.getEncoder().encodeToString(digest), urls.integrity("css/not-yet.css"));
    }

    @Test
    void devModeKeepsTheBuiltPrefix(@TempDir Path classes) throws Exception {
        SiteFixture built = new SiteFixture(classes, BUILT_TOKEN, TokenStrategy.GIT, "assets/{token}/v");
        built.asset("css/app.css", "old".getBytes());
        built.write();
        try (Container dev = factory().start(setup(classes).param(Setting.DEV.key(), src.toString()))) {
            assertTrue(dev.available());
            HttpResponse<byte[]> response = send("GET", dev, "/ctx/assets/dev/v/css/app.css");
            assertEquals(200, response.statusCode());
            assertArrayEquals(Files.readAllBytes(src.resolve("css/app.css")), response.body());
            assertEquals("/ctx/assets/dev/v/css/app.css", AssetUrls.of(dev.servletContext()).url("css/app.css"));
        }
    }

    @Test
    void withoutTheSettingTheBuiltTokenIsServed(@TempDir Path classes) throws Exception {
        SiteFixture built = SiteFixture.standard(classes, BUILT_TOKEN, TokenStrategy.GIT);
        try (Container normal = factory().start(new Container.Setup(built.write(), work)
                .initializer(new CachebreakerInitializer()))) {
            assertTrue(normal.available());
            assertEquals(BUILT_TOKEN, AssetUrls.of(normal.servletContext()).token());
            assertEquals(404, send("GET", normal, DEV + "css/app.css").statusCode());
            HttpResponse<byte[]> asset = send("GET", normal, "/ctx/static/" + BUILT_TOKEN + "/css/app.css");
            assertEquals(200, asset.statusCode());
            assertEquals(ServingContractTest.YEAR, header(asset, "Cache-Control"));
        }
    }

    @Test
    void aMissingDirectoryFailsStartUp() throws Exception {
        try (Container broken = factory().start(setup(work.resolve("no-token-file"))
                .param(Setting.DEV.key(), work.resolve("no-such-dir").toString())
                .expectingStartupFailure())) {
            assertFalse(broken.available());
            // Not any failure: the one that names the setting and the missing directory.
            String message = String.valueOf(broken.startupFailure().getMessage());
            assertTrue(message.contains(Setting.DEV.key()) && message.contains("no-such-dir"), message);
        }
    }
}
