package io.cachebreaker.runtime;

import static io.cachebreaker.runtime.testing.Http.header;
import static io.cachebreaker.runtime.testing.Http.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.testing.Container;
import io.cachebreaker.runtime.testing.MutableClock;
import io.cachebreaker.runtime.testing.SiteFixture;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an instance answers while releases overlap: browsers are bounced back through the balancer with a bounded,
 * non-cacheable 307 toward the exact bytes their page names; every other client keeps the seed's 301, 503 and 404;
 * retained previous releases are served byte for byte.
 */
// Every test talks to a container over sockets: a hang fails the test instead of the build's fork timeout.
@Timeout(60)
abstract class RollingDeployContractTest {
    static final String CURRENT = "rel-2-00000002";
    static final String RETAINED = "rel-1-00000001";
    static final String OLDER = "rel-0-00000000";
    static final String NEWER = "rel-3-00000003";
    static final String BROWSER = "cors";

    @TempDir
    Path work;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));

    abstract Container.Factory factory();

    private Container start(String... params) throws Exception {
        SiteFixture previous = new SiteFixture(work.resolve("classes"), RETAINED, TokenStrategy.EXPLICIT);
        previous.asset("css/app.css", "body{color:#111}\n".repeat(50).getBytes(StandardCharsets.UTF_8))
                .gzip("css/app.css");
        previous.asset("js/lazy-only-in-r1.mjs", "export const r = 1;\n".getBytes(StandardCharsets.UTF_8));
        SiteFixture site = SiteFixture.standard(work.resolve("classes"), CURRENT, TokenStrategy.EXPLICIT)
                .retain(previous);
        Container.Setup setup = new Container.Setup(site.write(), work)
                .initializer((classes, context) -> context.setAttribute(SiteRegistry.CLOCK_ATTRIBUTE, clock))
                .initializer(new CachebreakerInitializer());
        for (int i = 0; i < params.length; i += 2) {
            setup.param(params[i], params[i + 1]);
        }
        return factory().start(setup);
    }

    private static HttpResponse<byte[]> get(Container on, String path, String... headers) throws Exception {
        return send("GET", on, path, headers);
    }

    private static void assertBounced(HttpResponse<byte[]> response, String expectedLocation) {
        assertEquals(307, response.statusCode(), response.uri().toString());
        assertEquals(expectedLocation, header(response, "Location"));
        assertEquals("no-store", header(response, "Cache-Control"));
    }

    // ------------------------------------------------------------------------------------------- browsers bounce

    @ParameterizedTest
    @MethodSource("browserModes")
    void aBrowserAskingForNewerBytesIsSentBackThroughTheBalancer(String mode) throws Exception {
        try (Container on = start()) {
            assertBounced(get(on, "/ctx/static/" + NEWER + "/css/app.css", "Sec-Fetch-Mode", mode,
                    "Sec-Fetch-Dest", "style"), "/ctx/static/" + NEWER + "/css/app.css?cb-hop=1");
        }
    }

    static Stream<String> browserModes() {
        return Stream.of("cors", "no-cors", "same-origin");
    }

    @Test
    void theHopCounterCountsUpAndTheQueryIsKept() throws Exception {
        try (Container on = start()) {
            String newer = "/ctx/static/" + NEWER + "/js/only-in-rel-3.mjs";
            assertBounced(get(on, newer + "?v=2&cb-hop=5", "Sec-Fetch-Mode", BROWSER), newer + "?v=2&cb-hop=6");
            assertBounced(get(on, newer + "?cb-hop=5&v=2", "Sec-Fetch-Mode", BROWSER), newer + "?v=2&cb-hop=6");
            assertBounced(get(on, newer + "?cb-hop=15", "Sec-Fetch-Mode", BROWSER), newer + "?cb-hop=16");
            assertBounced(get(on, "/ctx/static/" + NEWER + "/img/caf%C3%A9%20menu.png?x=%3Cb%3E",
                    "Sec-Fetch-Mode", BROWSER),
                    "/ctx/static/" + NEWER + "/img/caf%C3%A9%20menu.png?x=%3Cb%3E&cb-hop=1");
        }
    }

    static Stream<Arguments> spentOrTamperedCounters() {
        return Stream.of(
                Arguments.of("cb-hop=16", "the bound, 16 by default"),
                Arguments.of("cb-hop=19", "past the bound"),
                Arguments.of("cb-hop=20", "out of range"),
                Arguments.of("cb-hop=99999999999999999999", "overflowing"),
                Arguments.of("cb-hop=-1", "negative"),
                Arguments.of("cb-hop=0", "zero is never sent"),
                Arguments.of("cb-hop=01", "zero-padded"),
                Arguments.of("cb-hop=+1", "signed"),
                Arguments.of("cb-hop=", "empty"),
                Arguments.of("cb-hop", "without a value"),
                Arguments.of("cb-hop=1&cb-hop=2", "duplicated"),
                Arguments.of("cb-hop=a", "not a number"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("spentOrTamperedCounters")
    void aSpentOrTamperedCounterGetsTheSeedsAnswer(String query, String why) throws Exception {
        try (Container on = start()) {
            HttpResponse<byte[]> newer = get(on, "/ctx/static/" + NEWER + "/css/app.css?" + query,
                    "Sec-Fetch-Mode", BROWSER);
            assertEquals(503, newer.statusCode(), why);
            assertEquals("3", header(newer, "Retry-After"));
            HttpResponse<byte[]> older = get(on, "/ctx/static/" + OLDER + "/css/app.css?" + query,
                    "Sec-Fetch-Mode", BROWSER);
            assertEquals(301, older.statusCode(), why);
            String location = header(older, "Location");
            assertTrue(location.startsWith("/ctx/static/" + CURRENT + "/css/app.css"), location);
            if (query.equals("cb-hop=16")) {
                assertEquals("/ctx/static/" + CURRENT + "/css/app.css", location, "a spent counter is not carried on");
            }
        }
    }

    @Test
    void anOlderTokenThisInstanceLacksIsBouncedOnlyWhileTheRolloutMayBeUnderWay() throws Exception {
        try (Container on = start()) {
            String older = "/ctx/static/" + OLDER + "/css/app.css";
            assertBounced(get(on, older, "Sec-Fetch-Mode", BROWSER), older + "?cb-hop=1");
            HttpResponse<byte[]> seed = get(on, older);
            assertEquals(301, seed.statusCode(), "curl keeps the seed's answer");
            assertEquals("Sec-Fetch-Mode", header(seed, "Vary"), "a shared cache must not hand this 301 to a browser");
            HttpResponse<byte[]> spent = get(on, older + "?v=2&cb-hop=16", "Sec-Fetch-Mode", BROWSER);
            assertEquals(301, spent.statusCode(), "the hops are spent");
            assertEquals("/ctx/static/" + CURRENT + "/css/app.css?v=2", header(spent, "Location"),
                    "the counter stays behind, the rest of the query goes along");
            clock.advance(Duration.ofMinutes(10));
            HttpResponse<byte[]> after = get(on, older, "Sec-Fetch-Mode", BROWSER);
            assertEquals(301, after.statusCode(), "after the window the deploy is over: redirect to the new bytes");
            assertEquals("/ctx/static/" + CURRENT + "/css/app.css", header(after, "Location"));
            assertNull(header(after, "Vary"));
        }
    }

    @Test
    void aNewerTokenIsBouncedOnlyWithinItsGraceThenRedirectedLikeForAnyone() throws Exception {
        try (Container on = start()) {
            String newer = "/ctx/static/" + NEWER + "/css/app.css";
            assertEquals(307, get(on, newer, "Sec-Fetch-Mode", BROWSER).statusCode());
            clock.advance(Duration.ofMinutes(10));
            HttpResponse<byte[]> after = get(on, newer, "Sec-Fetch-Mode", BROWSER);
            assertEquals(302, after.statusCode(), "a rollback: no bounce loop either");
            assertEquals("no-store", header(after, "Cache-Control"));
        }
    }

    @Test
    void aTokenWithTheSameOrderedPartAndOtherBytesIsBouncedAndNeverPinned() throws Exception {
        try (Container on = start()) {
            String sibling = "/ctx/static/rel-2-0000000f/css/app.css";
            assertEquals(307, get(on, sibling, "Sec-Fetch-Mode", BROWSER).statusCode(),
                    "it may be on another instance");
            HttpResponse<byte[]> spent = get(on, sibling + "?v=1&cb-hop=16", "Sec-Fetch-Mode", BROWSER);
            assertEquals(302, spent.statusCode(), "a single instance: the page gets today's bytes, not an endless 503");
            assertEquals("/ctx/static/" + CURRENT + "/css/app.css?v=1", header(spent, "Location"));
            assertEquals("no-store", header(spent, "Cache-Control"));
            HttpResponse<byte[]> seed = get(on, sibling);
            assertEquals(302, seed.statusCode(), "no order exists, so no cacheable 301 and no 503");
            assertEquals("no-store", header(seed, "Cache-Control"));
            clock.advance(Duration.ofMinutes(10));
            assertEquals(302, get(on, sibling, "Sec-Fetch-Mode", BROWSER).statusCode(), "no bounce after the grace");
        }
    }

    static Stream<Arguments> notBrowserSubresources() {
        return Stream.of(
                Arguments.of(new String[] {}, "no Sec-Fetch headers: curl, a library, a CDN"),
                Arguments.of(new String[] {"Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document"}, "navigation"),
                Arguments.of(new String[] {"Sec-Fetch-Mode", "CORS"}, "another case"),
                Arguments.of(new String[] {"Sec-Fetch-Mode", "cors, cors"}, "a list"),
                Arguments.of(new String[] {"Sec-Fetch-Mode", "cors", "Sec-Fetch-Mode", "cors"}, "repeated"),
                Arguments.of(new String[] {"Sec-Fetch-Mode", "websocket"}, "a mode that is no subresource"),
                Arguments.of(new String[] {"Sec-Fetch-Dest", "style"}, "a destination without a mode"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("notBrowserSubresources")
    void everyoneElseKeepsTheSeedsAnswers(String[] headers, String why) throws Exception {
        try (Container on = start()) {
            HttpResponse<byte[]> newer = get(on, "/ctx/static/" + NEWER + "/css/app.css", headers);
            assertEquals(503, newer.statusCode(), why);
            assertEquals("3", header(newer, "Retry-After"));
            assertEquals("no-store", header(newer, "Cache-Control"));
            assertEquals(301, get(on, "/ctx/static/" + OLDER + "/css/app.css", headers).statusCode(), why);
            assertEquals(404, get(on, "/ctx/static/" + CURRENT + "/css/missing.css", headers).statusCode(), why);
        }
    }

    @Test
    void zeroHopsRestoresTheSeedForBrowsersToo() throws Exception {
        try (Container on = start(Setting.ROLLOUT_HOPS.key(), "0")) {
            assertEquals(503, get(on, "/ctx/static/" + NEWER + "/css/app.css", "Sec-Fetch-Mode", BROWSER)
                    .statusCode());
            assertEquals(301, get(on, "/ctx/static/" + OLDER + "/css/app.css", "Sec-Fetch-Mode", BROWSER)
                    .statusCode());
        }
    }

    @Test
    void theBoundIsASetting() throws Exception {
        try (Container on = start(Setting.ROLLOUT_HOPS.key(), "2")) {
            String newer = "/ctx/static/" + NEWER + "/css/app.css";
            assertEquals(307, get(on, newer + "?cb-hop=1", "Sec-Fetch-Mode", BROWSER).statusCode());
            assertEquals(503, get(on, newer + "?cb-hop=2", "Sec-Fetch-Mode", BROWSER).statusCode());
        }
    }

    @Test
    void theBounceNeverLeavesTheHostNorReflectsMarkup() throws Exception {
        try (Container on = start()) {
            for (String query : new String[] {"next=//evil.example/x", "u=https://evil.example/",
                    "x=%3Cscript%3Ealert(1)%3C/script%3E", "a=%0d%0aSet-Cookie:x=1", "a=%5C%5Cevil"}) {
                HttpResponse<byte[]> response = get(on, "/ctx/static/" + NEWER + "/css/app.css?" + query,
                        "Sec-Fetch-Mode", BROWSER);
                assertEquals(307, response.statusCode(), query);
                String location = header(response, "Location");
                assertTrue(location.startsWith("/ctx/static/" + NEWER + "/css/app.css?"), location);
                assertTrue(location.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '<' && c != '>'), location);
                assertNull(header(response, "Set-Cookie"));
                assertTrue(new String(response.body(), StandardCharsets.ISO_8859_1).isEmpty(), "no body to reflect");
            }
        }
    }

    // ------------------------------------------------------------------------------------------- retained releases

    @Test
    void aRetainedReleaseIsServedByteForByteWithFullHttpSemantics() throws Exception {
        try (Container on = start()) {
            String css = "/ctx/static/" + RETAINED + "/css/app.css";
            byte[] r1 = "body{color:#111}\n".repeat(50).getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> ok = get(on, css, "Sec-Fetch-Mode", BROWSER);
            assertEquals(200, ok.statusCode());
            assertArrayEquals(r1, ok.body());
            assertEquals("public, max-age=31536000, immutable", header(ok, "Cache-Control"));
            assertEquals("Mon, 23 Nov 2026 21:32:06 GMT", header(ok, "Last-Modified"), "the retained build's time");
            String etag = header(ok, "ETag");
            assertEquals(304, get(on, css, "If-None-Match", etag).statusCode());
            HttpResponse<byte[]> part = get(on, css, "Range", "bytes=0-3");
            assertEquals(206, part.statusCode());
            assertEquals("body", new String(part.body(), StandardCharsets.US_ASCII));
            HttpResponse<byte[]> gzip = get(on, css, "Accept-Encoding", "gzip");
            assertEquals(Encoding.GZIP.token(), header(gzip, "Content-Encoding"));
            assertEquals(200, get(on, "/ctx/static/" + RETAINED + "/js/lazy-only-in-r1.mjs").statusCode(),
                    "a chunk that only the previous release had");
            assertEquals(404, get(on, "/ctx/static/" + RETAINED + "/js/app.mjs").statusCode(),
                    "the retained manifest is its own allowlist");
            assertEquals(404, get(on, "/ctx/static/" + RETAINED + "/secret.txt").statusCode());
            assertEquals("/ctx/static/" + CURRENT + "/css/app.css", AssetUrls.of(on.servletContext())
                    .url("css/app.css"), "URLs are built for the current token only");
        }
    }
}
