package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathDecoderTest {
    private final PathDecoder decoder = new PathDecoder(AssetPrefix.parse("static/{token}"));

    @Test
    void decodesTokenAndPercentEncodedPath() {
        assertEquals(new RequestPath("t-1", "css/app.css"), decoder.decode("t-1/css/app.css"));
        assertEquals(new RequestPath("t-1", "img/caf\u00e9 menu.png"), decoder.decode("t-1/img/caf%C3%A9%20menu.png"));
        assertEquals(new RequestPath("t-1", "a+b=c,d@e:f~g!$&'()*.css"),
                decoder.decode("t-1/a+b=c,d@e:f~g!$&'()*.css"));
        assertEquals(new RequestPath("t-1", "fonts/\uD83D\uDE00.woff2"),
                decoder.decode("t-1/fonts/%F0%9F%98%80.woff2"));
    }

    @Test
    void segmentsAfterTheTokenAreRequired() {
        PathDecoder nested = new PathDecoder(AssetPrefix.parse("assets/{token}/public"));
        assertEquals(new RequestPath("t", "app.js"), nested.decode("t/public/app.js"));
        assertEquals(404, assertThrows(Rejection.class, () -> nested.decode("t/app.js")).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"t/css%2fapp.css", "t/css%2Fapp.css", "t/css%5capp.css", "t/css\\app.css",
        "t/app.css%00", "t/app.css;jsessionid=1", "t;x/app.css", "t/%c0%ae%c0%ae/x", "t/%c0%afx",
        "t/%e0%80%afx", "t/%ed%a0%80x", "t/%252e%252e/x", "t/a%2541.css", "t/%25%32%65%25%32%65/x",
        "t/a%25%34%31.css", "t/%zz", "t/%4", "t/a b.css",
        "t/caf\u00e9.css", "t/a%0d%0aSet-Cookie:x", "t/a\"b", "t/a<b", "t/a#b", "t/a?b"})
    void malformedRequestsAre400(String raw) {
        assertEquals(400, assertThrows(Rejection.class, () -> decoder.decode(raw)).status(), raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t", "t/", "t/css/", "t//app.css", "t/./app.css", "t/../app.css", "t/%2e%2e/app.css",
        "t/%2E/app.css", "t/WEB-INF/web.xml", "t/a/meta-inf/x", "./app.css", "../x/app.css", "%2e%2e/app.css",
        "/app.css", "bad~token/app.css", ""})
    void pathsThatCannotNameAnAssetAre404(String raw) {
        assertEquals(404, assertThrows(Rejection.class, () -> decoder.decode(raw)).status(), raw);
    }

    @Test
    void hugePathsAreRefusedCheaply() {
        String raw = "t/" + "a/".repeat(PathDecoder.MAX_RAW_LENGTH);
        assertEquals(404, assertThrows(Rejection.class, () -> decoder.decode(raw)).status());
    }
}
