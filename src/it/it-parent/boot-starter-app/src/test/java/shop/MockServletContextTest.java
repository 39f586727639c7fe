package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.cachebreaker.runtime.AssetUrls;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The default @SpringBootTest has a mock servlet context, where Boot registers no servlets; the page must still render,
 * with the cachebreaker.* properties applied.
 */
@SpringBootTest(properties = "cachebreaker.base-url=https://cdn.example.com/shop")
class MockServletContextTest {
    @Autowired
    WebApplicationContext context;

    @Autowired
    AssetUrls assetUrls;

    @Test
    void mockMvcRendersThePageWithTheBootProperties() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
        MockHttpServletResponse page = mvc.perform(get("/")).andReturn().getResponse();
        assertEquals(200, page.getStatus());
        String html = page.getContentAsString();
        assertTrue(html.contains("href=\"https://cdn.example.com/shop/static/" + assetUrls.token() + "/css/app.css\""),
                html);
    }
}
