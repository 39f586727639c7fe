package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.CachebreakerSettings;
import io.cachebreaker.runtime.testing.MutableClock;
import io.cachebreaker.runtime.testing.SiteFixture;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servlet-free pipeline end to end, without a container. */
class AssetSiteTest {
    private static final String TOKEN = "1732484326123";

    @TempDir
    Path dir;

    /** Counts every class path look-up, to prove the request path makes none. */
    private static final class CountingLoader extends ClassLoader {
        final AtomicInteger lookups = new AtomicInteger();
        private final ClassLoader target;

        CountingLoader(ClassLoader target) {
            super(null);
            this.target = target;
        }

        @Override
        public URL getResource(String name) {
            lookups.incrementAndGet();
            return target.getResource(name);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            lookups.incrementAndGet();
            return target.getResourceAsStream(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            lookups.incrementAndGet();
            return target.getResources(name);
        }
    }

    private static Reply get(AssetSite site, String rawPath, String... headers) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return site.handler().handle(new IncomingRequest("GET", rawPath, null, map::get));
    }

    private static byte[] body(Reply reply) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reply.writeBody(out);
        return out.toByteArray();
    }

    private static AssetSite load(ClassLoader loader) {
        return AssetSite.load(loader, "/ctx", CachebreakerSettings.defaults(), name -> null,
                new MutableClock(Instant.EPOCH));
    }

    @Test
    void requestsNeverLookAnythingUpOnTheClassPath() throws Exception {
        SiteFixture fixture = SiteFixture.standard(dir, TOKEN, TokenStrategy.TIMESTAMP);
        CountingLoader loader = new CountingLoader(fixture.write());
        AssetSite site = load(loader);
        int atStartUp = loader.lookups.get();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get(site, TOKEN + "/css/app.css").status());
            assertEquals(404, get(site, TOKEN + "/secret.txt").status());
            assertEquals(404, get(site, TOKEN + "/nothing/here.js").status());
            assertEquals(301, get(site, "1/css/app.css").status());
            assertEquals(503, get(site, "99999999999999/css/app.css").status());
            assertEquals("/ctx/static/" + TOKEN + "/css/app.css", site.urls().url("css/app.css"));
        }
        assertEquals(atStartUp, loader.lookups.get(), "no look-up after start-up");
    }

    @Test
    void servesFromAJarAsInAPackagedApplication() throws Exception {
        SiteFixture fixture = SiteFixture.standard(dir.resolve("classes"), TOKEN, TokenStrategy.TIMESTAMP);
        fixture.write();
        Path jar = dir.resolve("app.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(dir.resolve("classes"))) {
            for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(dir.resolve("classes").relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            AssetSite site = load(loader);
            assertTrue(site.source().get("css/app.css").original().size() > 0);
            byte[] big = fixture.bytes("big.bin");
            assertArrayEquals(big, body(get(site, TOKEN + "/big.bin")));
            Reply part = get(site, TOKEN + "/big.bin", "Range", "bytes=123456-123500");
            assertEquals(206, part.status());
            assertArrayEquals(java.util.Arrays.copyOfRange(big, 123456, 123501), body(part));
            assertArrayEquals(fixture.bytes("css/app.css"), body(get(site, TOKEN + "/css/app.css")));
        }
    }

    @Test
    void aRequestBelowAnotherPathIsNotOurs() throws Exception {
        AssetSite site = load(SiteFixture.standard(dir, TOKEN, TokenStrategy.TIMESTAMP).write());
        assertEquals(TOKEN + "/a.css", site.rawPathBelowMount("/ctx/static/" + TOKEN + "/a.css"));
        assertNull(site.rawPathBelowMount("/ctx;x=1/static/" + TOKEN + "/a.css"));
        assertNull(site.rawPathBelowMount("/other/static/a.css"));
        assertNull(site.rawPathBelowMount("/ctx/static"));
        assertEquals("/static/*", site.servletMapping());
        assertEquals(404, site.handler().handle(new IncomingRequest("GET", null, null, name -> null)).status());
        assertEquals(405, site.handler().handle(new IncomingRequest("TRACE", null, null, name -> null)).status());
    }
}
