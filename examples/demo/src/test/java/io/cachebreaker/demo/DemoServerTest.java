package io.cachebreaker.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.Fingerprint;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starts the demo as a newcomer would and fetches its page and every asset the page names. */
class DemoServerTest {
    private static final Path SOURCES = Path.of("src/main/static");
    private static final Pattern ASSET_REFERENCE = Pattern.compile("(?:href|src)=\"([^\"]+)\"|url\\(\"([^\"]+)\"\\)");
    private static final Pattern INTEGRITY = Pattern.compile("(?:href|src)=\"([^\"]+)\" integrity=\"([^\"]+)\"");

    private static DemoServer demo;
    private static HttpClient client;
    private static String page;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.start("localhost", 0, "/");
        client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> response = get(demo.uri(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        page = response.body();
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    private static <T> HttpResponse<T> get(URI uri, HttpResponse.BodyHandler<T> handler) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), handler);
    }

    private static Set<String> assetUrls() {
        Set<String> urls = new LinkedHashSet<>();
        Matcher matcher = ASSET_REFERENCE.matcher(page);
        while (matcher.find()) {
            urls.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return urls;
    }

    @Test
    void pageShowsTheTokenWhichEndsWithTheFingerprintOfTheAssets() {
        assertTrue(page.contains("data-token=\"" + demo.token() + "\""), page);
        TokenFile file = TokenFile.load(DemoServerTest.class.getClassLoader());
        // The default strategy auto: git in a checkout (dirty while the sources have uncommitted edits), else the
        // build time.
        String ordered = file.strategy() == TokenStrategy.GIT ? "[0-9]{14}-[0-9a-f]{7,40}(-dirty)?" : "[0-9]{15}";
        assertTrue(demo.token().matches(ordered + "-[0-9a-f]{8}"), demo.token());
        assertTrue(demo.token().endsWith("-" + Fingerprint.of(file.manifest())), demo.token());
    }

    @Test
    void everyAssetUrlAnswersWithTheSourceBytes() throws Exception {
        Set<String> urls = assetUrls();
        assertEquals(Set.of("css/app.css", "js/app.mjs", "img/logo.svg", "fonts/open-sans-regular.woff2"),
                Set.copyOf(urls.stream().map(url -> url.substring(url.indexOf(demo.token()) + demo.token().length()
                        + 1)).toList()));
        for (String url : urls) {
            assertTrue(url.startsWith("/static/" + demo.token() + "/"), url);
            HttpResponse<byte[]> response = get(demo.uri().resolve(url), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode(), url);
            String relative = url.substring(("/static/" + demo.token() + "/").length());
            assertArrayEquals(Files.readAllBytes(SOURCES.resolve(relative)), response.body(), url);
            assertTrue(response.headers().firstValue("Cache-Control").orElse("").contains("immutable"), url);
        }
    }

    @Test
    void relativeModuleImportResolvesUnderTheSameToken() throws Exception {
        URI module = demo.uri().resolve("/static/" + demo.token() + "/js/app.mjs");
        URI imported = module.resolve("./greeting.mjs");
        HttpResponse<byte[]> response = get(imported, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertArrayEquals(Files.readAllBytes(SOURCES.resolve("js/greeting.mjs")), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
    }

    @Test
    void integrityAttributesMatchTheBytes() throws Exception {
        Matcher matcher = INTEGRITY.matcher(page);
        int checked = 0;
        while (matcher.find()) {
            byte[] body = get(demo.uri().resolve(matcher.group(1)), HttpResponse.BodyHandlers.ofByteArray()).body();
            String expected = "sha256-"
                    + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
            assertEquals(expected, matcher.group(2), matcher.group(1));
            checked++;
        }
        assertEquals(2, checked);
    }

    @Test
    void seedRulesHoldOnTheDemo() throws Exception {
        String current = "/static/" + demo.token() + "/css/app.css";
        String[] around = IndexPage.around(TokenFile.load(DemoServerTest.class.getClassLoader()).strategy());
        HttpResponse<Void> older = get(demo.uri().resolve("/static/" + around[0] + "/css/app.css?x=1"),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(301, older.statusCode());
        assertEquals(current + "?x=1", older.headers().firstValue("Location").orElseThrow());

        HttpResponse<Void> newer = get(demo.uri().resolve("/static/" + around[1] + "/css/app.css"),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(503, newer.statusCode());
        assertEquals("3", newer.headers().firstValue("Retry-After").orElseThrow());

        HttpResponse<Void> missing = get(demo.uri().resolve("/static/" + demo.token() + "/css/missing.css"),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(404, missing.statusCode());
    }
}
