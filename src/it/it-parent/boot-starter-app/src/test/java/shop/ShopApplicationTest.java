package shop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.AssetUrls;
import io.cachebreaker.runtime.Setting;
import jakarta.servlet.ServletContext;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The application with nothing but the plugin and the starter, seen over HTTP as a browser would see it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopApplicationTest {
    private static final Pattern ASSET = Pattern.compile(
            "(?:href|src)=\"(/shop/static/[^\"]+)\"\\s+integrity=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    AssetUrls assetUrls;

    @Autowired
    ServletContext servletContext;

    private String token() {
        return assetUrls.token();
    }

    @Test
    void thePageLinksEveryAssetUnderTheTokenWithItsIntegrityAndEachIsServed() throws Exception {
        HttpResponse<byte[]> page = Http.get(port, "/shop/");
        assertEquals(200, page.statusCode());
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("Release " + token()), html);
        List<String> urls = new ArrayList<>();
        Matcher m = ASSET.matcher(html);
        while (m.find()) {
            String url = m.group(1);
            urls.add(url);
            HttpResponse<byte[]> asset = Http.get(port, url);
            assertEquals(200, asset.statusCode(), url);
            assertEquals("public, max-age=31536000, immutable", Http.header(asset, "Cache-Control"), url);
            assertArrayEquals(classPathBytes(url.substring("/shop/".length())), asset.body(), url);
            assertEquals("sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(asset.body())), m.group(2), url);
        }
        String prefix = "/shop/static/" + token() + "/";
        assertEquals(List.of(prefix + "css/app.css", prefix + "js/app.js"), urls, html);
    }

    @Test
    void theStarterMountedTheServletAndPublishedOneHelper() {
        assertEquals(List.of("/static/*"),
                new ArrayList<>(servletContext.getServletRegistration("cachebreaker").getMappings()));
        assertSame(assetUrls, servletContext.getAttribute(AssetUrls.ATTRIBUTE));
        assertTrue(token().matches("\\d{15}-[0-9a-f]{8}"), token());
    }

    @Test
    void anOlderTokenIsRedirectedToTheCurrentOne() throws Exception {
        HttpResponse<byte[]> redirect = Http.get(port, "/shop/static/000000000000001/css/app.css?v=1");
        assertEquals(301, redirect.statusCode());
        assertEquals("/shop/static/" + token() + "/css/app.css?v=1", Http.header(redirect, "Location"));
    }

    @Test
    void aNewerTokenGets503WithTheRetryAfterFromApplicationYml() throws Exception {
        HttpResponse<byte[]> early = Http.get(port, "/shop/static/999999999999999/css/app.css");
        assertEquals(503, early.statusCode());
        assertEquals("5", Http.header(early, "Retry-After"), "cachebreaker.retry-after: 5, not the default 3");
        assertEquals("no-store", Http.header(early, "Cache-Control"));
    }

    @Test
    void anUnknownAssetIsNotFound() throws Exception {
        assertEquals(404, Http.get(port, "/shop/static/" + token() + "/css/missing.css").statusCode());
    }

    @Test
    void actuatorInfoShowsTheTokenAndStrategyAndNothingMore() throws Exception {
        HttpResponse<byte[]> info = Http.get(port, "/shop/actuator/info");
        assertEquals(200, info.statusCode());
        assertEquals("{\"cachebreaker\":{\"token\":\"" + token() + "\",\"strategy\":\"timestamp\"}}",
                new String(info.body(), StandardCharsets.UTF_8));
    }

    @Test
    void theConfigurationMetadataListsEveryRuntimeSetting() throws Exception {
        String metadata = null;
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (json.contains("\"cachebreaker.")) {
                    metadata = json;
                }
            }
        }
        assertTrue(metadata != null, "no metadata for cachebreaker.* on the class path");
        for (Setting setting : Setting.values()) {
            String key = setting.key().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            assertTrue(metadata.contains("\"name\": \"" + key + "\""), key);
        }
    }

    private static byte[] classPathBytes(String path) throws Exception {
        try (InputStream in = ShopApplicationTest.class.getClassLoader().getResourceAsStream(path)) {
            assertTrue(in != null, "not on the class path: " + path);
            return in.readAllBytes();
        }
    }
}
