package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.CachebreakerSettings;
import io.cachebreaker.runtime.Setting;
import io.cachebreaker.runtime.testing.MutableClock;
import io.cachebreaker.runtime.testing.SiteFixture;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole request pipeline of {@link AssetSite} without a container, so that mutation testing sees it: retained
 * releases, the rollout window's bounce, dev mode, and the headers of each answer. The container contract tests
 * hold the same rules over real sockets.
 */
class AssetPipelineTest {
    static final String CURRENT = "rel-2-00000002";
    static final String RETAINED = "rel-1-00000001";
    static final String OLDER = "rel-0-00000000";
    static final String NEWER = "rel-3-00000003";
    static final String LAST_MODIFIED = "Tue, 24 Nov 2026 21:32:06 GMT";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
    SiteFixture site;

    private AssetSite load(String... settings) throws IOException {
        SiteFixture previous = new SiteFixture(dir.resolve("classes"), RETAINED, TokenStrategy.EXPLICIT);
        previous.asset("css/app.css", "body{color:#111}\n".repeat(50).getBytes(StandardCharsets.UTF_8))
                .gzip("css/app.css");
        previous.asset("js/only-in-r1.mjs", "export const r = 1;\n".getBytes(StandardCharsets.UTF_8));
        site = SiteFixture.standard(dir.resolve("classes"), CURRENT, TokenStrategy.EXPLICIT).retain(previous);
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return AssetSite.load(site.write(), "/ctx", CachebreakerSettings.from(map::get, name -> null),
                name -> null, clock);
    }

    static Reply send(AssetSite site, String method, String rawPath, String query, String... headers) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return site.handler().handle(new IncomingRequest(method, rawPath, query, map::get));
    }

    static Reply get(AssetSite site, String rawPath, String... headers) {
        return send(site, "GET", rawPath, null, headers);
    }

    static byte[] body(Reply reply) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reply.writeBody(out);
        return out.toByteArray();
    }

    static Map<String, String> headers(Reply reply) {
        Map<String, String> map = new HashMap<>();
        reply.headers().forEach(entry -> map.merge(entry.getKey(), entry.getValue(), (a, b) -> a + ", " + b));
        return map;
    }

    @Test
    void anAssetCarriesItsCachingHeadersAndValidators() throws Exception {
        AssetSite site = load();
        assertFalse(site.devMode());
        assertEquals(CURRENT, site.tokenFile().token());
        assertEquals(31536000, site.settings().cacheMaxAge());
        byte[] css = this.site.bytes("css/app.css");
        Reply reply = get(site, CURRENT + "/css/app.css");
        assertEquals(200, reply.status());
        assertTrue(reply.hasBody());
        assertEquals(Map.of("Content-Type", "text/css;charset=utf-8", "ETag", '"' + SiteFixture.sha256(css) + '"',
                "Last-Modified", LAST_MODIFIED, "Cache-Control", "public, max-age=31536000, immutable",
                "Vary", "Accept-Encoding", "Accept-Ranges", "bytes", "X-Content-Type-Options", "nosniff"),
                headers(reply));
        assertArrayEquals(css, body(reply));
        assertEquals(css.length, reply.contentLength());

        Reply gzip = get(site, CURRENT + "/css/app.css", "Accept-Encoding", "gzip");
        assertEquals("gzip", gzip.header("Content-Encoding"));
        assertArrayEquals(this.site.bytes("css/app.css", Encoding.GZIP), body(gzip));
        Reply identity = get(site, CURRENT + "/js/app.mjs", "Accept-Encoding", "gzip, br");
        assertNull(identity.header("Content-Encoding"), "no stored form: the original");

        Reply notModified = get(site, CURRENT + "/css/app.css", "If-None-Match", reply.header("ETag"));
        assertEquals(304, notModified.status());
        assertFalse(notModified.hasBody());
        assertEquals(reply.header("ETag"), notModified.header("ETag"));
        assertEquals(LAST_MODIFIED, notModified.header("Last-Modified"));
        assertNull(notModified.header("Content-Type"));

        Reply failed = get(site, CURRENT + "/css/app.css", "If-Match", "\"other\"");
        assertEquals(412, failed.status());
        Reply beyond = get(site, CURRENT + "/css/app.css", "Range", "bytes=999999-");
        assertEquals(416, beyond.status());
        assertEquals("bytes */" + css.length, beyond.header("Content-Range"));
        Reply head = send(site, "HEAD", CURRENT + "/css/app.css", null, "Range", "bytes=0-9");
        assertEquals(200, head.status(), "HEAD ignores Range");
        assertEquals(css.length, head.contentLength());
    }

    @Test
    void aLargeFileGoesOutAsAFileSliceAndASmallOneFromMemory() throws Exception {
        AssetSite site = load();
        Reply part = get(site, CURRENT + "/big.bin", "Range", "bytes=100-199");
        assertEquals(206, part.status());
        assertEquals("bytes 100-199/200000", part.header("Content-Range"));
        Reply.FileSlice slice = part.fileSlice();
        assertTrue(slice.file().endsWith("big.bin"), slice.toString());
        assertEquals(100, slice.start());
        assertEquals(200, slice.end());
        assertArrayEquals(java.util.Arrays.copyOfRange(this.site.bytes("big.bin"), 100, 200), body(part));
        assertNull(get(site, CURRENT + "/css/app.css").fileSlice(), "held in memory");
        assertNull(get(site, CURRENT + "/empty.txt").fileSlice(), "nothing to send");
        assertNull(get(site, CURRENT + "/missing.css").fileSlice(), "a fixed body");
        assertEquals(0, get(site, CURRENT + "/empty.txt").contentLength());
    }

    @Test
    void settingsShapeTheAnswers() throws Exception {
        AssetSite site = load(Setting.IMMUTABLE.key(), "false", Setting.CACHE_MAX_AGE.key(), "60");
        assertEquals("public, max-age=60", get(site, CURRENT + "/css/app.css").header("Cache-Control"));
    }

    @Test
    void refusalsComeFromTheDecoderAndTheMethodCheck() throws Exception {
        AssetSite site = load();
        assertEquals(400, get(site, CURRENT + "/css%2fapp.css").status());
        assertEquals(404, get(site, CURRENT + "/css/../app.css").status());
        assertEquals(400, get(site, "bad token/css/app.css").status(), "a raw space");
        assertEquals(404, get(site, "x".repeat(81) + "/css/app.css").status(), "a token one past the limit");
        assertEquals(404, site.handler().handle(new IncomingRequest("GET", null, null, name -> null)).status());
        assertEquals(404, get(site, CURRENT + "/nothing.css").status());
        for (String method : List.of("POST", "PUT", "OPTIONS", "get")) {
            Reply reply = send(site, method, CURRENT + "/css/app.css", null);
            assertEquals(405, reply.status(), method);
            assertEquals("GET, HEAD", reply.header("Allow"));
        }
    }

    @Test
    void aTokenMalformedForTheStrategyIsNotFound() throws Exception {
        SiteFixture timestamp = SiteFixture.standard(dir.resolve("ts"), "1732484326123", TokenStrategy.TIMESTAMP);
        AssetSite site = AssetSite.load(timestamp.write(), "/ctx", CachebreakerSettings.defaults(), name -> null,
                clock);
        assertEquals(404, get(site, "abc/css/app.css").status());
        assertEquals(200, get(site, "1732484326123/css/app.css").status());
    }

    @Test
    void aRetainedReleaseIsServedItsOwnBytes() throws Exception {
        AssetSite site = load();
        Reply old = get(site, RETAINED + "/css/app.css");
        assertEquals(200, old.status());
        assertArrayEquals("body{color:#111}\n".repeat(50).getBytes(StandardCharsets.UTF_8), body(old));
        assertEquals(200, get(site, RETAINED + "/js/only-in-r1.mjs").status());
        assertEquals(404, get(site, CURRENT + "/js/only-in-r1.mjs").status(), "not in the current release");
        assertEquals(404, get(site, RETAINED + "/js/app.mjs").status(), "not in the retained release");
    }

    /** While the rollout window is open, browsers are bounced; others, and everyone after it, get the seed's answer. */
    @Test
    void theRolloutWindowBouncesBrowsersOnlyWhileItIsOpen() throws Exception {
        AssetSite site = load(Setting.ROLLOUT_WINDOW.key(), "60", Setting.ROLLOUT_HOPS.key(), "2");
        Reply older = send(site, "GET", OLDER + "/css/app.css", "v=1", "Sec-Fetch-Mode", "no-cors");
        assertEquals(307, older.status());
        assertEquals("/ctx/static/" + OLDER + "/css/app.css?v=1&cb-hop=1", older.header("Location"));
        Reply spent = send(site, "GET", OLDER + "/css/app.css", "cb-hop=2", "Sec-Fetch-Mode", "no-cors");
        assertEquals(301, spent.status());
        assertEquals("/ctx/static/" + CURRENT + "/css/app.css", spent.header("Location"),
                "the spent counter stays behind");
        assertEquals("Sec-Fetch-Mode", spent.header("Vary"), "a shared cache must not give it to a browser");
        Reply curl = get(site, OLDER + "/css/app.css");
        assertEquals(301, curl.status());
        assertEquals("Sec-Fetch-Mode", curl.header("Vary"));
        Reply newer = get(site, NEWER + "/css/app.css", "Sec-Fetch-Mode", "cors");
        assertEquals(307, newer.status());
        assertEquals(503, get(site, NEWER + "/css/app.css").status());
        assertEquals(404, get(site, OLDER + "/js/only-in-r1.mjs").status(), "not in the current release");

        clock.advance(Duration.ofSeconds(60));
        Reply closed = get(site, OLDER + "/css/app.css", "Sec-Fetch-Mode", "no-cors");
        assertEquals(301, closed.status(), "the window closed: no bounce for an older token");
        assertNull(closed.header("Vary"));
        assertEquals(307, get(site, NEWER + "/css/app.css", "Sec-Fetch-Mode", "cors").status(),
                "a newer token within its grace still bounces");
        clock.advance(Duration.ofMinutes(10));
        Reply grace = get(site, NEWER + "/css/app.css", "Sec-Fetch-Mode", "cors");
        assertEquals(302, grace.status(), "grace over: the temporary redirect, no bounce");
        assertEquals("/ctx/static/" + CURRENT + "/css/app.css", grace.header("Location"));
        assertEquals(404, get(site, NEWER + "/js/only-in-r1.mjs").status());
    }

    @Test
    void theWindowAndItsVerdicts() {
        RolloutWindow window = new RolloutWindow(clock, Duration.ofSeconds(10));
        assertTrue(window.isOpen());
        clock.advance(Duration.ofSeconds(9));
        assertTrue(window.isOpen());
        clock.advance(Duration.ofSeconds(1));
        assertFalse(window.isOpen());
        assertFalse(new RolloutWindow(clock, Duration.ZERO).isOpen(), "zero: never open");
        for (TokenVerdict verdict : TokenVerdict.values()) {
            assertEquals(verdict.name().startsWith("BOUNCE_THEN_"), verdict.bounces(), verdict.name());
        }
        assertEquals(TokenVerdict.REDIRECT_PERMANENTLY, TokenVerdict.BOUNCE_THEN_REDIRECT_PERMANENTLY.afterBouncing());
        assertEquals(TokenVerdict.RETRY_LATER, TokenVerdict.BOUNCE_THEN_RETRY_LATER.afterBouncing());
        assertEquals(TokenVerdict.SERVE, TokenVerdict.SERVE.afterBouncing());
    }

    @Test
    void heldReleasesKnowTheirTokens() throws Exception {
        AssetSite site = load();
        assertEquals(200, get(site, RETAINED + "/css/app.css").status());
        HeldReleases held = new HeldReleases(CURRENT, site.source(), Map.of(RETAINED, site.source()));
        assertEquals(Set.of(RETAINED), held.retainedTokens());
        assertEquals(site.source(), held.current());
    }

    @Test
    void devModeServesTheDiskUnderItsOwnToken() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/css"));
        Files.writeString(src.resolve("app.css"), "a { }");
        Map<String, String> settings = Map.of(Setting.DEV.key(), dir.resolve("src").toString());
        AssetSite site = AssetSite.load(SiteFixture.loader(Files.createDirectories(dir.resolve("empty"))), "/ctx",
                CachebreakerSettings.from(settings::get, name -> null), name -> null, clock);
        assertTrue(site.devMode());
        assertEquals(DevMode.TOKEN, site.tokenFile().token());
        assertEquals("static/{token}", site.tokenFile().prefix().toString(), "the default dev prefix");
        Reply reply = get(site, "dev/css/app.css");
        assertEquals(200, reply.status());
        assertEquals("no-cache", reply.header("Cache-Control"));
        assertArrayEquals("a { }".getBytes(StandardCharsets.UTF_8), body(reply));
        Reply other = send(site, "GET", CURRENT + "/css/app.css", "v=1");
        assertEquals(302, other.status());
        assertEquals("/ctx/static/dev/css/app.css?v=1", other.header("Location"));
        assertEquals(404, get(site, CURRENT + "/css/missing.css").status());
        assertEquals(TokenVerdict.SERVE, DevMode.judge("dev"));
        assertEquals(TokenVerdict.REDIRECT_TEMPORARILY, DevMode.judge("dev2"));
        assertEquals(dir.resolve("src").toRealPath(), ((DiskAssetSource) site.source()).root());
        String warning = DevMode.warning(dir);
        assertTrue(warning.contains("DEV MODE") && warning.contains(dir.toString())
                && warning.contains(Setting.DEV.key()), warning);
    }

    @Test
    void devModeKeepsTheBuiltPrefix() throws Exception {
        SiteFixture built = new SiteFixture(dir.resolve("classes"), CURRENT, TokenStrategy.EXPLICIT,
                "assets/{token}/v");
        built.asset("css/app.css", "old".getBytes(StandardCharsets.UTF_8));
        Path src = Files.createDirectories(dir.resolve("src/css"));
        Files.writeString(src.resolve("app.css"), "new");
        Map<String, String> settings = Map.of(Setting.DEV.key(), dir.resolve("src").toString());
        AssetSite site = AssetSite.load(built.write(), "/ctx", CachebreakerSettings.from(settings::get, name -> null),
                name -> null, clock);
        assertEquals("assets/{token}/v", site.tokenFile().prefix().toString());
        assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), body(get(site, "dev/v/css/app.css")));
    }
}
