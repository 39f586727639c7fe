package shop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.AssetUrls;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Starts the application on a free port and looks at it as a browser would, over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopApplicationTest {
    private static final Pattern ASSET = Pattern.compile(
            "(?:href|src)=\"(/shop/static/[^\"]+)\"\\s+integrity=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ServletContext servletContext;

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private String token() {
        return AssetUrls.of(servletContext).token();
    }

    @Test
    void thePageLinksEveryAssetUnderTheTokenAndEachIsServed() throws Exception {
        HttpResponse<byte[]> page = get("/shop/");
        assertEquals(200, page.statusCode());
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("Release " + token()), html);

        List<String> urls = new ArrayList<>();
        Matcher m = ASSET.matcher(html);
        while (m.find()) {
            String url = m.group(1);
            urls.add(url);
            HttpResponse<byte[]> asset = get(url);
            assertEquals(200, asset.statusCode(), url);
            assertEquals("public, max-age=31536000, immutable",
                    asset.headers().firstValue("Cache-Control").orElse(""), url);
            String path = url.substring("/shop/".length());
            assertArrayEquals(classPathBytes(path), asset.body(), url);
            assertEquals("sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(asset.body())), m.group(2), url);
        }
        String prefix = "/shop/static/" + token() + "/";
        assertEquals(List.of(prefix + "css/app.css", prefix + "js/app.js"), urls, html);
        assertTrue(html.contains("<meta name=\"stylesheet\" content=\"" + prefix + "css/app.css\">"), html);
    }

    @Test
    void anOlderTokenIsRedirectedToTheCurrentOne() throws Exception {
        HttpResponse<byte[]> redirect = get("/shop/static/000000000000001/css/app.css");
        assertEquals(301, redirect.statusCode());
        assertEquals("/shop/static/" + token() + "/css/app.css",
                redirect.headers().firstValue("Location").orElse(""));
    }

    @Test
    void aNewerTokenIsNotYetHere() throws Exception {
        HttpResponse<byte[]> early = get("/shop/static/999999999999999/css/app.css");
        assertEquals(503, early.statusCode());
        assertEquals("4", early.headers().firstValue("Retry-After").orElse(""),
                "the setting from application.properties, not the default 3");
        assertEquals("no-store", early.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void anUnknownAssetOfTheCurrentTokenIsNotFound() throws Exception {
        assertEquals(404, get("/shop/static/" + token() + "/css/missing.css").statusCode());
    }

    private static byte[] classPathBytes(String path) throws IOException {
        try (InputStream in = ShopApplicationTest.class.getClassLoader().getResourceAsStream(path)) {
            assertTrue(in != null, "not on the class path: " + path);
            return in.readAllBytes();
        }
    }
}
