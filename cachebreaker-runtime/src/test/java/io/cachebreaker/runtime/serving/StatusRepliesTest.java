package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.CachebreakerSettings;
import org.junit.jupiter.api.Test;

class StatusRepliesTest {
    private final StatusReplies replies = new StatusReplies(CachebreakerSettings.defaults());

    @Test
    void onlyPlainQueriesAreCopied() {
        assertTrue(StatusReplies.isSafeQuery("v=1&x=a%20b"));
        assertTrue(StatusReplies.isSafeQuery("a=/b?c:d@e"));
        for (String unsafe : new String[] {null, "", "a b", "a\"b", "a<b", "a\r\nb", "a%zz", "a%2", "\u00e9",
            "x".repeat(3000), "a\\b", "a{b}"}) {
            assertFalse(StatusReplies.isSafeQuery(unsafe), String.valueOf(unsafe));
        }
    }

    @Test
    void redirectsNeverLeaveTheHost() {
        assertEquals(404, replies.permanentRedirect("//evil.example/x", null).status());
        assertEquals(404, replies.permanentRedirect("/\\evil.example/x", null).status());
        assertEquals(404, replies.permanentRedirect("https://evil.example/x", null).status());
        assertEquals(404, replies.permanentRedirect("/a\r\nSet-Cookie: x", null).status());
        Reply ok = replies.permanentRedirect("/ctx/static/t/a.css", "v=1");
        assertEquals(301, ok.status());
        assertEquals("/ctx/static/t/a.css?v=1", ok.header("Location"));
        assertEquals("public, max-age=3600", ok.header("Cache-Control"));
        assertEquals(0, ok.contentLength());
    }

    @Test
    void errorsHaveFixedBodiesAndAreNotCachedForLong() {
        for (int status : new int[] {400, 404, 405, 412, 416}) {
            Reply reply = replies.error(status);
            assertEquals("no-store", reply.header("Cache-Control"));
            assertTrue(reply.contentLength() > 0 && reply.contentLength() < 40);
        }
        assertEquals("GET, HEAD", replies.error(405).header("Allow"));
        Reply retry = replies.retryLater();
        assertEquals(503, retry.status());
        assertEquals("3", retry.header("Retry-After"));
        assertEquals("no-store", retry.header("Cache-Control"));
    }
}
