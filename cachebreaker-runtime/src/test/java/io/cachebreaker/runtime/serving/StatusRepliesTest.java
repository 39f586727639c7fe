package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.CachebreakerSettings;
import io.cachebreaker.runtime.Setting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusRepliesTest {
    private final StatusReplies replies = new StatusReplies(CachebreakerSettings.defaults());

    private static StatusReplies with(Map<String, String> settings) {
        return new StatusReplies(CachebreakerSettings.from(settings::get, name -> null));
    }

    private static String body(Reply reply) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            reply.writeBody(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void onlyPlainQueriesAreCopied() {
        assertTrue(StatusReplies.isSafeQuery("v=1&x=a%20b"));
        assertTrue(StatusReplies.isSafeQuery("a=/b?c:d@e"));
        assertTrue(StatusReplies.isSafeQuery("-._~!$&'()*+,;=:@/?AZaz09"), "every query character");
        assertTrue(StatusReplies.isSafeQuery("x".repeat(2048)), "the length limit is inclusive");
        assertTrue(StatusReplies.isSafeQuery("a%2F"), "an escape that ends the query");
        for (String unsafe : new String[] {null, "", "a b", "a\"b", "a<b", "a\r\nb", "a%zz", "a%2", "a%", "%",
            "a%2z", "a%z2", "\u00e9", "x".repeat(2049), "a\\b", "a{b}", "a`b", "a^b", "a|b", "a[b]", "a#b"}) {
            assertFalse(StatusReplies.isSafeQuery(unsafe), String.valueOf(unsafe));
        }
    }

    @Test
    void redirectsNeverLeaveTheHost() {
        assertEquals(404, replies.permanentRedirect("//evil.example/x", null).status());
        assertEquals(404, replies.permanentRedirect("/\\evil.example/x", null).status());
        assertEquals(404, replies.permanentRedirect("https://evil.example/x", null).status());
        assertEquals(404, replies.permanentRedirect("/a\r\nSet-Cookie: x", null).status());
        assertEquals(404, replies.permanentRedirect("/a b", null).status());
        assertEquals(404, replies.permanentRedirect("/a\u007f", null).status());
        assertEquals(404, replies.permanentRedirect("/caf\u00e9", null).status());
        assertEquals(404, replies.temporaryRedirect("//evil.example/x", null).status());
        assertEquals(404, replies.bounce("//evil.example/x", "cb-hop=1").status());
        Reply ok = replies.permanentRedirect("/ctx/static/t/a.css", "v=1");
        assertEquals(301, ok.status());
        assertEquals("/ctx/static/t/a.css?v=1", ok.header("Location"));
        assertEquals("public, max-age=3600", ok.header("Cache-Control"));
        assertEquals(0, ok.contentLength());
        assertEquals("/ctx/static/t/a.css~!", replies.permanentRedirect("/ctx/static/t/a.css~!", null)
                .header("Location"), "the printable ASCII range holds");
    }

    @Test
    void anUnsafeOrEmptyQueryIsDroppedNotCopied() {
        assertEquals("/a.css", replies.permanentRedirect("/a.css", "x=\"><script>").header("Location"));
        assertEquals("/a.css", replies.permanentRedirect("/a.css", "").header("Location"));
        assertEquals("/a.css", replies.permanentRedirect("/a.css", null).header("Location"));
    }

    @Test
    void eachRedirectHasItsStatusAndCaching() {
        Reply temporary = replies.temporaryRedirect("/ctx/static/t/a.css", "v=1");
        assertEquals(302, temporary.status());
        assertEquals("/ctx/static/t/a.css?v=1", temporary.header("Location"));
        assertEquals("no-store", temporary.header("Cache-Control"));
        Reply bounce = replies.bounce("/ctx/static/t/a.css", "cb-hop=1");
        assertEquals(307, bounce.status());
        assertEquals("/ctx/static/t/a.css?cb-hop=1", bounce.header("Location"));
        assertEquals("no-store", bounce.header("Cache-Control"));
        StatusReplies configured = with(Map.of(Setting.REDIRECT_STATUS.key(), "308",
                Setting.REDIRECT_MAX_AGE.key(), "0"));
        Reply permanent = configured.permanentRedirect("/a.css", null);
        assertEquals(308, permanent.status());
        assertEquals("no-store", permanent.header("Cache-Control"), "a redirect age of 0 means no-store");
        assertEquals("no-store", configured.temporaryRedirect("/a.css", null).header("Cache-Control"));
    }

    @Test
    void errorsHaveFixedBodiesAndAreNotCachedByDefault() {
        Map<Integer, String> texts = Map.of(400, "Bad Request\n", 404, "Not Found\n", 405, "Method Not Allowed\n",
                412, "Precondition Failed\n", 416, "Range Not Satisfiable\n", 500, "Error\n");
        texts.forEach((status, text) -> {
            Reply reply = replies.error(status);
            assertEquals(status, reply.status());
            assertEquals(text, body(reply), "status " + status);
            assertEquals(text.length(), reply.contentLength());
            assertEquals("no-store", reply.header("Cache-Control"), "status " + status);
            assertEquals("text/plain;charset=utf-8", reply.header("Content-Type"));
            assertEquals("nosniff", reply.header("X-Content-Type-Options"));
        });
        assertEquals("GET, HEAD", replies.error(405).header("Allow"));
        assertNull(replies.error(404).header("Allow"), "only 405 lists the methods");
        Reply retry = replies.retryLater();
        assertEquals(503, retry.status());
        assertEquals("3", retry.header("Retry-After"));
        assertEquals("no-store", retry.header("Cache-Control"));
        assertEquals("Service Unavailable\n", body(retry));
    }

    /**
     * A configured {@code errorMaxAge} lets a 404 (or 400, 405) be cached briefly, but never a 412 or a 416: both
     * depend on the request's own conditional and range headers, so a shared cache must not hand them to another
     * request. Nor the 503 of a rolling deploy.
     */
    @Test
    void errorMaxAgeNeverReachesTheAnswersThatDependOnTheRequest() {
        StatusReplies cached = with(Map.of(Setting.ERROR_MAX_AGE.key(), "60",
                Setting.RETRY_AFTER.key(), "7"));
        for (int status : new int[] {400, 404, 405}) {
            assertEquals("public, max-age=60", cached.error(status).header("Cache-Control"), "status " + status);
        }
        assertEquals("no-store", cached.error(412).header("Cache-Control"));
        assertEquals("no-store", cached.error(416).header("Cache-Control"));
        Reply retry = cached.retryLater();
        assertEquals("no-store", retry.header("Cache-Control"));
        assertEquals("7", retry.header("Retry-After"));
    }
}
