package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.AssetUrls;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With cachebreaker.baseUrl set the way docs/cdn.md says, pages point at the CDN and redirects stay on this host. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.servlet.context-parameters.cachebreaker.baseUrl=https://cdn.example.com/shop")
class CdnBaseUrlTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ServletContext servletContext;

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageLinksTheCdnAndTheOriginStillRedirectsByPath() throws Exception {
        String token = AssetUrls.of(servletContext).token();
        String html = get("/shop/").body();
        assertTrue(html.contains("href=\"https://cdn.example.com/shop/static/" + token + "/css/app.css\""), html);
        assertTrue(html.contains("src=\"https://cdn.example.com/shop/static/" + token + "/js/app.js\""), html);

        HttpResponse<String> redirect = get("/shop/static/000000000000001/css/app.css");
        assertEquals(301, redirect.statusCode());
        assertEquals("/shop/static/" + token + "/css/app.css", redirect.headers().firstValue("Location").orElse(""),
                "a path, which resolves against the CDN's host when the CDN forwards the request");
        assertEquals(200, get("/shop/static/" + token + "/css/app.css").statusCode(), "the app is the origin");
    }
}
