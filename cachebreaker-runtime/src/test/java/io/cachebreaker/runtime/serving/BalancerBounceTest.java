package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.CachebreakerSettings;
import io.cachebreaker.runtime.serving.BalancerBounce.Query;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The browser bounce of a rolling deploy, unit by unit; RollingDeployContractTest runs it in the containers. */
class BalancerBounceTest {
    private static final StatusReplies REPLIES = new StatusReplies(CachebreakerSettings.defaults());

    private static BalancerBounce bounce(int hops, String prefix) {
        return new BalancerBounce(hops, "/ctx/static/", AssetPrefix.parse(prefix), REPLIES);
    }

    private static IncomingRequest request(String query, String secFetchMode) {
        Map<String, String> headers = secFetchMode == null ? Map.of() : Map.of("Sec-Fetch-Mode", secFetchMode);
        return new IncomingRequest("GET", "ignored", query, headers::get);
    }

    @Test
    void onlyTheExactModesOfABrowsersSubresourceRequestCount() {
        for (String mode : List.of("cors", "no-cors", "same-origin")) {
            assertTrue(BalancerBounce.isBrowserSubresource(mode), mode);
        }
        for (String mode : List.of("navigate", "CORS", " cors", "cors, no-cors", "websocket", "")) {
            assertFalse(BalancerBounce.isBrowserSubresource(mode), mode);
        }
        assertFalse(BalancerBounce.isBrowserSubresource(null));
    }

    @Test
    void theCounterIsReadOnlyWhenItIsExactlyOneTheServletWrites() {
        assertEquals(new Query("", 0), Query.parse(null));
        assertEquals(new Query("", 0), Query.parse(""));
        assertEquals(new Query("v=1", 0), Query.parse("v=1"));
        assertEquals(new Query("", 1), Query.parse("cb-hop=1"));
        assertEquals(new Query("v=1&w=2", 19), Query.parse("v=1&cb-hop=19&w=2"));
        assertEquals(new Query("", 10), Query.parse("cb-hop=10"), "a 0 digit");
        assertEquals(new Query("", 9), Query.parse("cb-hop=9"), "a 9 digit");
        assertEquals(new Query("v=1&cb-hops=3", 9), Query.parse("v=1&cb-hops=3&cb-hop=9"), "another name");
        assertEquals(new Query("a&&b", 0), Query.parse("a&&b"), "empty parameters are kept as they came");
        for (String tampered : List.of("cb-hop", "cb-hop=", "cb-hop=0", "cb-hop=00", "cb-hop=01", "cb-hop=20",
                "cb-hop=99", "cb-hop=100", "cb-hop=-1", "cb-hop=+1", "cb-hop=1a", "cb-hop=a", "cb-hop=1&cb-hop=2",
                "cb-hop=/1", "cb-hop=:1", "cb-hop=1:")) {
            assertNull(Query.parse(tampered), tampered);
        }
    }

    @Test
    void theNextHopKeepsOnlyACopyableQuery() {
        assertEquals("cb-hop=2", new Query("", 1).withHop(2));
        assertEquals("v=1&cb-hop=2", new Query("v=1", 1).withHop(2));
        assertEquals("cb-hop=2", new Query("x=<script>", 1).withHop(2));
    }

    @Test
    void aBrowserIsSentBackToTheSameAssetUntilTheHopsAreSpent() {
        BalancerBounce bounce = bounce(3, "static/{token}");
        RequestPath path = new RequestPath("v0", "css/caf\u00e9 menu.css");
        Reply first = bounce.bounce(request("v=1", "no-cors"), path);
        assertEquals(307, first.status());
        assertEquals("/ctx/static/v0/css/caf%C3%A9%20menu.css?v=1&cb-hop=1", first.header("Location"));
        assertEquals("no-store", first.header("Cache-Control"));
        assertEquals("/ctx/static/v0/css/caf%C3%A9%20menu.css?cb-hop=3",
                bounce.bounce(request("cb-hop=2", "cors"), path).header("Location"));
        assertNull(bounce.bounce(request("cb-hop=3", "cors"), path), "spent: the seed's answer follows");
        assertNull(bounce.bounce(request("cb-hop=4", "cors"), path));
        assertNull(bounce.bounce(request("cb-hop=0", "cors"), path), "tampered");
        assertNull(bounce.bounce(request(null, "navigate"), path), "a navigation is not bounced");
        assertNull(bounce.bounce(request(null, null), path), "nor a client without the header");
        assertNull(bounce(0, "static/{token}").bounce(request(null, "cors"), path), "0 hops never bounces");
        assertEquals(307, bounce(1, "static/{token}").bounce(request(null, "cors"), path).status());
    }

    @Test
    void theLocationFollowsThePrefix() {
        Reply nested = new BalancerBounce(2, "/ctx/assets/", AssetPrefix.parse("assets/{token}/v"), REPLIES)
                .bounce(request(null, "same-origin"), new RequestPath("rel-1", "a.css"));
        assertEquals("/ctx/assets/rel-1/v/a.css?cb-hop=1", nested.header("Location"));
        Reply deep = new BalancerBounce(2, "/ctx/a/b/", AssetPrefix.parse("a/b/{token}"), REPLIES)
                .bounce(request(null, "same-origin"), new RequestPath("rel-1", "x/y.css"));
        assertEquals("/ctx/a/b/rel-1/x/y.css?cb-hop=1", deep.header("Location"));
    }
}
