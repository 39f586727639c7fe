package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.AssetUrls;
import jakarta.servlet.ServletContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import ownservlet.OwnServletRegistration;

/** The application registers the servlet itself: the starter mounts no second one, and the page still works. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {ShopApplication.class, OwnServletRegistration.class})
class BackOffTest {
    @LocalServerPort
    int port;

    @Autowired
    ServletContext servletContext;

    @Autowired
    AssetUrls assetUrls;

    @Test
    void theApplicationsRegistrationIsTheOnlyOneAndServes() throws Exception {
        assertNull(servletContext.getServletRegistration("cachebreaker"), "the starter backed off");
        assertNotNull(servletContext.getServletRegistration("mine"));
        String html = new String(Http.get(port, "/shop/").body(), StandardCharsets.UTF_8);
        String css = "/shop/static/" + assetUrls.token() + "/css/app.css";
        assertTrue(html.contains("href=\"" + css + "\""), html);
        assertEquals(200, Http.get(port, css).statusCode());
        // The application's own registration reads context parameters and system properties, as without Boot.
        assertEquals("3", Http.header(Http.get(port, "/shop/static/999999999999999/css/app.css"), "Retry-After"));
        assertEquals(assetUrls, servletContext.getAttribute(AssetUrls.ATTRIBUTE));
    }
}
