package io.cachebreaker.runtime;

import static io.cachebreaker.runtime.testing.Http.header;
import static io.cachebreaker.runtime.testing.Http.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.MutableClock;
import io.cachebreaker.runtime.testing.RawResponse;
import io.cachebreaker.runtime.testing.SiteFixture;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servlet's whole contract over real sockets, run once per container by a subclass. Most tests share one
 * container with context path {@code /ctx}, the git strategy and zero-configuration registration.
 */
// Every test talks to a container over sockets: a hang fails the test instead of the build's fork timeout.
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServingContractTest {
    static final String TOKEN = "20261124213206-a1b2c3d";
    static final String OLDER = "20251231235959-ffffff";
    static final String NEWER = "20261124213207-0000";
    static final String BASE = "/ctx/static/" + TOKEN + "/";
    static final String YEAR = "public, max-age=31536000, immutable";

    Path work;

    SiteFixture site;
    MutableClock clock;
    Container container;

    abstract Container.Factory factory();

    /**
     * The exact status this container gives a case: the servlet's answer, unless the container answers first.
     *
     * @param testCase      the case's label
     * @param servletAnswer the status the servlet gives when the request reaches it
     * @return the status this container must give; -1 for a connection closed without a response
     */
    abstract int expectedFor(String testCase, int servletAnswer);

    @BeforeAll
    void startShared(@TempDir Path dir) throws Exception {
        work = dir;
        site = SiteFixture.standard(work.resolve("classes"), TOKEN, TokenStrategy.GIT);
        clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
        container = factory().start(zeroConfig(site.write(), clock));
        assertTrue(container.available(), "the shared context starts");
    }

    @AfterAll
    void stopShared() throws Exception {
        container.close();
    }

    /** Deploys as a WAR would: the clock hook first, then the initializer from META-INF/services. */
    Container.Setup zeroConfig(ClassLoader loader, MutableClock clock) {
        return new Container.Setup(loader, work)
                .initializer((classes, context) -> context.setAttribute(SiteRegistry.CLOCK_ATTRIBUTE, clock))
                .initializer(new CachebreakerInitializer());
    }

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return send("GET", container, path, headers);
    }

    static String etag(byte[] bytes) {
        return '"' + SiteFixture.sha256(bytes) + '"';
    }

    // ------------------------------------------------------------------------------------------------ serving

    @Test
    void servesAnAssetWithItsCachingHeaders() throws Exception {
        HttpResponse<byte[]> response = get(BASE + "css/app.css");
        assertEquals(200, response.statusCode());
        assertArrayEquals(site.bytes("css/app.css"), response.body());
        assertEquals(YEAR, header(response, "Cache-Control"));
        assertEquals(etag(site.bytes("css/app.css")), header(response, "ETag"));
        assertEquals(String.valueOf(site.bytes("css/app.css").length), header(response, "Content-Length"));
        assertEquals("text/css;charset=utf-8", header(response, "Content-Type").toLowerCase(Locale.ROOT)
                .replace(" ", ""));
        assertEquals("Accept-Encoding", header(response, "Vary"));
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        assertEquals("Tue, 24 Nov 2026 21:32:06 GMT", header(response, "Last-Modified"));
        assertNull(header(response, "Content-Encoding"));
    }

    @Test
    void streamsLargeAssetsAndServesEmptyOnes() throws Exception {
        HttpResponse<byte[]> big = get(BASE + "big.bin");
        assertEquals(200, big.statusCode());
        assertArrayEquals(site.bytes("big.bin"), big.body());
        assertEquals("200000", header(big, "Content-Length"));
        HttpResponse<byte[]> empty = get(BASE + "empty.txt");
        assertEquals(200, empty.statusCode());
        assertEquals("0", header(empty, "Content-Length"));
        assertEquals(0, empty.body().length);
    }

    @Test
    void headSendsTheHeadersOfGetAndNoBody() throws Exception {
        HttpResponse<byte[]> head = send("HEAD", container, BASE + "big.bin");
        assertEquals(200, head.statusCode());
        assertEquals("200000", header(head, "Content-Length"));
        assertEquals(etag(site.bytes("big.bin")), header(head, "ETag"));
        assertEquals(0, head.body().length);
    }

    @Test
    void choosesThePrecompressedVariantByAcceptEncoding() throws Exception {
        HttpResponse<byte[]> gzip = get(BASE + "css/app.css", "Accept-Encoding", "gzip");
        assertEquals("gzip", header(gzip, "Content-Encoding"));
        assertArrayEquals(site.bytes("css/app.css", Encoding.GZIP), gzip.body());
        assertEquals(etag(site.bytes("css/app.css", Encoding.GZIP)), header(gzip, "ETag"));
        assertNotEquals(etag(site.bytes("css/app.css")), header(gzip, "ETag"), "a distinct ETag per encoding");
        assertEquals("Accept-Encoding", header(gzip, "Vary"));

        HttpResponse<byte[]> br = get(BASE + "css/app.css", "Accept-Encoding", "gzip, deflate, br");
        assertEquals("br", header(br, "Content-Encoding"));
        assertArrayEquals(site.bytes("css/app.css", Encoding.BROTLI), br.body());

        assertEquals("gzip", header(get(BASE + "css/app.css", "Accept-Encoding", "br;q=0.5, gzip"),
                "Content-Encoding"));
        HttpResponse<byte[]> refused = get(BASE + "css/app.css", "Accept-Encoding", "gzip;q=0, br;q=0");
        assertNull(header(refused, "Content-Encoding"));
        assertArrayEquals(site.bytes("css/app.css"), refused.body());
        assertNull(header(get(BASE + "js/app.mjs", "Accept-Encoding", "gzip, br"), "Content-Encoding"),
                "no variant, no coding");
    }

    @Test
    void conditionalRequestsGet304WithValidators() throws Exception {
        String etag = etag(site.bytes("css/app.css"));
        HttpResponse<byte[]> byTag = get(BASE + "css/app.css", "If-None-Match", "\"other\", " + etag);
        assertEquals(304, byTag.statusCode());
        assertEquals(etag, header(byTag, "ETag"));
        assertEquals(YEAR, header(byTag, "Cache-Control"));
        assertEquals(0, byTag.body().length);

        HttpResponse<byte[]> byDate = get(BASE + "css/app.css", "If-Modified-Since",
                "Tue, 24 Nov 2026 21:32:06 GMT");
        assertEquals(304, byDate.statusCode());
        assertEquals(etag, header(byDate, "ETag"));
        assertEquals(YEAR, header(byDate, "Cache-Control"));

        assertEquals(200, get(BASE + "css/app.css", "If-Modified-Since", "Tue, 24 Nov 2026 21:32:05 GMT")
                .statusCode());
        assertEquals(200, get(BASE + "css/app.css", "If-None-Match", etag, "Accept-Encoding", "gzip")
                .statusCode(), "the identity tag does not validate the gzip variant");
        assertEquals(304, get(BASE + "css/app.css", "If-None-Match", "W/" + etag).statusCode(),
                "If-None-Match compares weakly");
        assertEquals(412, get(BASE + "css/app.css", "If-Match", "\"nope\"").statusCode());
    }

    @Test
    void rangesFollowRfc9110() throws Exception {
        byte[] css = site.bytes("css/app.css");
        HttpResponse<byte[]> part = get(BASE + "css/app.css", "Range", "bytes=0-9");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 0-9/" + css.length, header(part, "Content-Range"));
        assertEquals("10", header(part, "Content-Length"));
        assertArrayEquals(Arrays.copyOfRange(css, 0, 10), part.body());

        byte[] big = site.bytes("big.bin");
        HttpResponse<byte[]> streamed = get(BASE + "big.bin", "Range", "bytes=150000-150099");
        assertEquals(206, streamed.statusCode());
        assertArrayEquals(Arrays.copyOfRange(big, 150000, 150100), streamed.body());

        HttpResponse<byte[]> suffix = get(BASE + "big.bin", "Range", "bytes=-5");
        assertEquals("bytes 199995-199999/200000", header(suffix, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(big, 199995, 200000), suffix.body());

        HttpResponse<byte[]> open = get(BASE + "big.bin", "Range", "bytes=199990-");
        assertEquals(206, open.statusCode());
        assertEquals(10, open.body().length);

        HttpResponse<byte[]> beyond = get(BASE + "big.bin", "Range", "bytes=200000-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */200000", header(beyond, "Content-Range"));

        assertEquals(200, get(BASE + "big.bin", "Range", "bytes=0-1,5-6").statusCode(), "several ranges ignored");
        StringBuilder many = new StringBuilder("bytes=");
        for (int i = 0; i < 1000; i++) {
            many.append(i == 0 ? "" : ",").append(i).append('-').append(i);
        }
        HttpResponse<byte[]> thousand = get(BASE + "big.bin", "Range", many.toString());
        assertEquals(200, thousand.statusCode());
        assertEquals(200_000, thousand.body().length);

        String etag = etag(big);
        assertEquals(206, get(BASE + "big.bin", "Range", "bytes=0-0", "If-Range", etag).statusCode());
        assertEquals(200, get(BASE + "big.bin", "Range", "bytes=0-0", "If-Range", "\"old\"").statusCode());
        assertEquals(206, get(BASE + "big.bin", "Range", "bytes=0-0", "If-Range", "Tue, 24 Nov 2026 21:32:06 GMT")
                .statusCode());

        HttpResponse<byte[]> gzipPart = get(BASE + "css/app.css", "Range", "bytes=0-1", "Accept-Encoding", "gzip");
        assertEquals(206, gzipPart.statusCode());
        assertArrayEquals(Arrays.copyOfRange(site.bytes("css/app.css", Encoding.GZIP), 0, 2), gzipPart.body(),
                "ranges apply to the chosen variant");
    }

    @Test
    void modernTypesHaveTheRightContentType() throws Exception {
        String[][] expected = {{"x.wasm", "application/wasm"}, {"site.webmanifest", "application/manifest+json"},
            {"f.woff2", "font/woff2"}, {"i.avif", "image/avif"}, {"i.webp", "image/webp"},
            {"i.svg", "image/svg+xml"}};
        for (String[] pair : expected) {
            assertEquals(pair[1], header(get(BASE + "types/" + pair[0]), "Content-Type"), pair[0]);
        }
        assertTrue(header(get(BASE + "js/app.mjs"), "Content-Type").toLowerCase(Locale.ROOT)
                .startsWith("text/javascript"));
    }

    // --------------------------------------------------------------------------------------------- redirector

    @Test
    void olderTokenRedirectsPermanentlyKeepingTheQuery() throws Exception {
        HttpResponse<byte[]> response = get("/ctx/static/" + OLDER + "/css/app.css?v=1&x=a%20b");
        assertEquals(301, response.statusCode());
        assertEquals(BASE + "css/app.css?v=1&x=a%20b", header(response, "Location"));
        assertEquals("public, max-age=3600", header(response, "Cache-Control"));
        assertEquals(301, get("/ctx/static/" + OLDER + "/img/caf%C3%A9%20menu.png").statusCode());
        assertEquals(BASE + "img/caf%C3%A9%20menu.png",
                header(get("/ctx/static/" + OLDER + "/img/caf%C3%A9%20menu.png"), "Location"));
        assertEquals(404, get("/ctx/static/" + OLDER + "/css/gone.css").statusCode());
    }

    @Test
    void anUnsafeQueryIsNotCopiedIntoTheLocation() throws Exception {
        // A broken escape reaches the servlet on every container: the redirect keeps the path, drops the query.
        RawResponse broken = RawResponse.send(container.port(), "GET", "/ctx/static/" + OLDER + "/css/app.css?x=%zz");
        assertEquals(301, broken.status(), broken.head());
        assertEquals(BASE + "css/app.css", broken.header("Location"));
        // Raw markup: where the container lets it through, the servlet drops it the same way.
        RawResponse markup = RawResponse.send(container.port(), "GET",
                "/ctx/static/" + OLDER + "/css/app.css?x=\"><script>");
        assertEquals(expectedFor("raw markup in the query", 301), markup.status(), markup.head());
        if (markup.status() == 301) {
            assertEquals(BASE + "css/app.css", markup.header("Location"));
        } else {
            assertNull(markup.header("Location"));
        }
    }

    @Test
    void newerTokenMeansRetryLater() throws Exception {
        HttpResponse<byte[]> response = get("/ctx/static/20991231000000-1234/css/app.css");
        assertEquals(503, response.statusCode());
        assertEquals("3", header(response, "Retry-After"));
        assertEquals("no-store", header(response, "Cache-Control"));
    }

    @Test
    void currentTokenUnknownAssetIs404AndNotCacheable() throws Exception {
        HttpResponse<byte[]> response = get(BASE + "css/missing.css");
        assertEquals(404, response.statusCode());
        assertEquals("no-store", header(response, "Cache-Control"));
        assertEquals("Not Found\n", new String(response.body(), StandardCharsets.US_ASCII));
        assertEquals(String.valueOf(response.body().length), header(response, "Content-Length"));
    }

    @Test
    void aTokenMalformedForTheStrategyIs404() throws Exception {
        assertEquals(404, get("/ctx/static/abc/css/app.css").statusCode());
        assertEquals(404, get("/ctx/static/20261124213206-A1B2C3D/css/app.css").statusCode());
        assertEquals(404, get("/ctx/static/" + "9".repeat(65) + "/css/app.css").statusCode());
    }

    // --------------------------------------------------------------------------------------------- security

    @Test
    void hostileTargetsAreRefusedWithoutLeakingBytes() throws Exception {
        // Each target with the servlet's answer: 400 for what no client sends (encoded separators, path parameters,
        // broken or double encoding), 404 for what cannot name an asset.
        List<Map.Entry<String, Integer>> targets = List.of(
                Map.entry(BASE + "secret.txt", 404),
                Map.entry(BASE + "../../META-INF/cachebreaker.properties", 404),
                Map.entry(BASE + "%2e%2e/%2e%2e/META-INF/cachebreaker.properties", 404),
                Map.entry(BASE + "%2E%2E%2F%2E%2E%2FMETA-INF%2Fcachebreaker.properties", 400),
                Map.entry(BASE + "css%2fapp.css", 400),
                Map.entry(BASE + "css%2Fapp.css", 400),
                Map.entry(BASE + "css%5capp.css", 400),
                Map.entry(BASE + "css\\app.css", 400),
                Map.entry(BASE + "css/app.css%00.png", 400),
                Map.entry(BASE + "css/app.css;jsessionid=1", 400),
                Map.entry("/ctx/static/" + TOKEN + ";x=1/css/app.css", 400),
                Map.entry(BASE + "%c0%ae%c0%ae/%c0%ae%c0%ae/META-INF/cachebreaker.properties", 400),
                Map.entry(BASE + "css%c0%afapp.css", 400),
                Map.entry(BASE + "%252e%252e/%252e%252e/META-INF/cachebreaker.properties", 400),
                Map.entry(BASE + "css/app%252ecss", 400),
                Map.entry(BASE + "WEB-INF/web.xml", 404),
                Map.entry(BASE + "web-inf/web.xml", 404),
                Map.entry(BASE + "META-INF/cachebreaker.properties", 404),
                Map.entry("/ctx/static/..%2f..%2fWEB-INF/web.xml", 400),
                Map.entry("/ctx/static/" + OLDER + "/../../WEB-INF/web.xml", 404),
                Map.entry(BASE, 404),
                Map.entry(BASE + "css/", 404),
                Map.entry(BASE + "css", 404),
                Map.entry("/ctx/static/" + TOKEN, 404),
                Map.entry("/ctx/static/", 404),
                Map.entry(BASE + "css//app.css", 404),
                Map.entry(BASE + "./css/app.css", 404));
        for (Map.Entry<String, Integer> entry : targets) {
            String target = entry.getKey();
            RawResponse response = RawResponse.send(container.port(), "GET", target);
            assertEquals((int) expectedFor(target, entry.getValue()), response.status(), target);
            String body = response.bodyText();
            assertFalse(body.contains("TOP-SECRET"), target);
            assertFalse(body.contains("token=") || body.contains(TOKEN + "\n"), target);
            assertFalse(body.contains("color: #333"), target);
            assertFalse(String.valueOf(response.header("Cache-Control")).contains("31536000"), target);
        }
    }

    /** Targets that reach the servlet; containers' own error pages, which escape what they echo, are not ours. */
    @Test
    void requestTextIsNeverReflected() throws Exception {
        for (String target : List.of(BASE + "%3Cscript%3Ealert(1)%3C/script%3E.css",
                "/ctx/static/%3Cscript%3E/x.css", BASE + "a%22onmouseover=x.css")) {
            RawResponse response = RawResponse.send(container.port(), "GET", target);
            assertEquals(404, response.status(), target + ": the servlet's own 404 on every container");
            assertFalse(response.bodyText().toLowerCase(Locale.ROOT).contains("script"), target);
            assertFalse(response.bodyText().contains("onmouseover"), target + " gave " + response.head() + "\n"
                    + response.bodyText());
        }
    }

    @Test
    void crOrLfInAPathCannotInjectHeaders() throws Exception {
        RawResponse response = RawResponse.send(container.port(), "GET",
                "/ctx/static/" + OLDER + "/css/app.css%0d%0aSet-Cookie:%20evil=1");
        assertEquals(400, response.status(), "an encoded control character");
        assertNull(response.header("Set-Cookie"));
        assertNull(response.header("Location"));
    }

    @Test
    void noRedirectLeavesTheHost() throws Exception {
        for (String target : List.of("/ctx/static/" + OLDER + "//evil.example/css/app.css",
                "/ctx/static/" + OLDER + "/%2F%2Fevil.example/css/app.css",
                "/ctx/static/" + OLDER + "/\\\\evil.example/css/app.css")) {
            RawResponse response = RawResponse.send(container.port(), "GET", target);
            // The servlet refuses each: an empty segment cannot name an asset (404), an encoded separator or a
            // backslash is a bad request (400). Either way, no Location at all.
            int servlet = target.contains("//evil") ? 404 : 400;
            assertEquals(expectedFor(target, servlet), response.status(), target + ": " + response.head());
            assertNull(response.header("Location"), target);
        }
    }

    @Test
    void otherMethodsGet405WithAllow() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS", "PATCH")) {
            HttpResponse<byte[]> response = send(method, container, BASE + "css/app.css");
            assertEquals(405, response.statusCode(), method);
            assertEquals("GET, HEAD", header(response, "Allow"), method);
        }
    }

    // --------------------------------------------------------------------------------------------- URL helper

    @Test
    void theUrlHelperBuildsUrlsThatServe() throws Exception {
        AssetUrls urls = AssetUrls.of(container.servletContext());
        assertEquals(urls, container.servletContext().getAttribute("cachebreaker"));
        assertEquals(TOKEN, urls.token());
        assertEquals(BASE + "css/app.css", urls.url("css/app.css"));
        assertEquals(BASE + "css/app.css", urls.url("/css/app.css"));
        String odd = urls.url("img/caf\u00e9 menu.png");
        assertEquals(BASE + "img/caf%C3%A9%20menu.png", odd);
        HttpResponse<byte[]> response = get(odd);
        assertEquals(200, response.statusCode());
        assertArrayEquals(site.bytes("img/caf\u00e9 menu.png"), response.body());
        UnknownAssetException e = org.junit.jupiter.api.Assertions.assertThrows(UnknownAssetException.class,
                () -> urls.url("css/typo.css"));
        assertTrue(e.getMessage().contains("css/typo.css"), e.getMessage());
        assertEquals("sha256-" + java.util.Base64.getEncoder().encodeToString(
                java.util.HexFormat.of().parseHex(SiteFixture.sha256(site.bytes("js/app.mjs")))),
                urls.integrity("js/app.mjs"));
    }
}
