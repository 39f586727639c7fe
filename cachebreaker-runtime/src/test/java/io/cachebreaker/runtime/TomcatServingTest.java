package io.cachebreaker.runtime;

import static io.cachebreaker.runtime.testing.Http.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.TomcatContainer;
import jakarta.servlet.Filter;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class TomcatServingTest extends ServingContractTest {
    @Override
    Container.Factory factory() {
        return TomcatContainer.FACTORY;
    }

    @Override
    int expectedFor(String testCase, int servletAnswer) {
        // '"', '<' and '>' are not allowed in a query; Tomcat refuses the request line before the servlet runs.
        return testCase.equals("raw markup in the query") ? 400 : servletAnswer;
    }

    /**
     * Large file-backed assets go out through Tomcat's sendfile, as with its DefaultServlet; small ones, held in
     * memory, are written directly. A filter records what the servlet handed to the connector.
     */
    @Test
    void handsLargeFilesToTomcatSendfile() throws Exception {
        Map<String, Object> handedOff = new ConcurrentHashMap<>();
        Filter probe = (request, response, chain) -> {
            chain.doFilter(request, response);
            Object file = request.getAttribute(ReplyWriter.SENDFILE_FILENAME);
            if (file != null) {
                handedOff.put("file", file);
                handedOff.put("start", request.getAttribute(ReplyWriter.SENDFILE_START));
                handedOff.put("end", request.getAttribute(ReplyWriter.SENDFILE_END));
            }
        };
        Container.Setup setup = zeroConfig(site.write(), clock).initializer((classes, context) ->
                context.addFilter("sendfile-probe", probe).addMappingForUrlPatterns(null, false, "/static/*"));
        try (Container tomcat = factory().start(setup)) {
            HttpResponse<byte[]> whole = send("GET", tomcat, BASE + "big.bin");
            assertEquals(200, whole.statusCode());
            assertArrayEquals(site.bytes("big.bin"), whole.body());
            assertTrue(String.valueOf(handedOff.get("file")).endsWith("big.bin"), handedOff.toString());
            assertEquals(0L, handedOff.get("start"));
            assertEquals(200_000L, handedOff.get("end"));

            handedOff.clear();
            HttpResponse<byte[]> range = send("GET", tomcat, BASE + "big.bin", "Range", "bytes=100000-100099");
            assertEquals(206, range.statusCode());
            assertArrayEquals(Arrays.copyOfRange(site.bytes("big.bin"), 100_000, 100_100), range.body());
            assertEquals(100_000L, handedOff.get("start"));
            assertEquals(100_100L, handedOff.get("end"));

            handedOff.clear();
            HttpResponse<byte[]> small = send("GET", tomcat, BASE + "css/app.css");
            assertArrayEquals(site.bytes("css/app.css"), small.body());
            assertNull(handedOff.get("file"), "a small asset is written from memory");

            handedOff.clear();
            HttpResponse<byte[]> head = send("HEAD", tomcat, BASE + "big.bin");
            assertEquals("200000", head.headers().firstValue("Content-Length").orElseThrow());
            assertNull(handedOff.get("file"), "HEAD sends no body");
        }
    }
}
