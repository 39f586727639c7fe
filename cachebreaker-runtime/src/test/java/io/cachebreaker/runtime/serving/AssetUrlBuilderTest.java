package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.UnknownAssetException;
import io.cachebreaker.runtime.testing.SiteFixture;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetUrlBuilderTest {
    @TempDir
    Path dir;

    private AssetUrlBuilder builder(String contextPath, String baseUrl, boolean strict) {
        SiteFixture site = SiteFixture.standard(dir, "rel-1", TokenStrategy.EXPLICIT);
        ClassLoader loader = site.write();
        TokenFile tokenFile = site.tokenFile();
        AssetCatalog catalog = AssetCatalog.load(tokenFile, loader, new ContentTypes(name -> null),
                new MemoryBudget(0, 0));
        return new AssetUrlBuilder(tokenFile, catalog, contextPath, baseUrl, strict);
    }

    @Test
    void buildsContextRelativeUrlsWithEncodedSegments() {
        AssetUrlBuilder urls = builder("/ctx", null, true);
        assertEquals("/ctx/static/rel-1/css/app.css", urls.url("css/app.css"));
        assertEquals("/ctx/static/rel-1/img/caf%C3%A9%20menu.png", urls.url("img/caf\u00e9 menu.png"));
        assertEquals("/static/rel-1/css/app.css", builder("", null, true).url("/css/app.css"));
        assertEquals("rel-1", urls.token());
    }

    @Test
    void aBaseUrlMakesThemAbsolute() {
        assertEquals("https://cdn.example.com/static/rel-1/css/app.css",
                builder("/ctx", "https://cdn.example.com", true).url("css/app.css"));
    }

    @Test
    void strictNamesTheMissingAsset() {
        AssetUrlBuilder urls = builder("/ctx", null, true);
        UnknownAssetException e = assertThrows(UnknownAssetException.class, () -> urls.url("css/ap.css"));
        assertEquals("css/ap.css", e.path());
        assertTrue(e.getMessage().contains("'css/ap.css'") && e.getMessage().contains("cachebreaker.strict"));
        assertThrows(UnknownAssetException.class, () -> urls.integrity("nope.js"));
    }

    @Test
    void lenientBuildsButNeverForInvalidPaths() {
        AssetUrlBuilder urls = builder("/ctx", null, false);
        assertEquals("/ctx/static/rel-1/new%20file.css", urls.url("new file.css"));
        assertThrows(UnknownAssetException.class, () -> urls.url("../WEB-INF/web.xml"));
        assertThrows(UnknownAssetException.class, () -> urls.url(null));
        assertEquals("", urls.integrity("nope.js"));
    }

    @Test
    void integrityIsTheBase64OfTheIdentityDigest() {
        // sha256 of the empty string, as every SRI tool writes it
        assertEquals("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
                builder("/ctx", null, true).integrity("empty.txt"));
    }

    @Test
    void encodingKeepsOnlyCharactersSafeInAttributes() {
        assertEquals("a/b%27c%22d%3Ce%3Ef%26g%3Bh%23i%3Fj%25k", PathEncoder.encode("a/b'c\"d<e>f&g;h#i?j%k"));
        assertEquals("a-._~+,=:@z", PathEncoder.encode("a-._~+,=:@z"));
        assertEquals("%F0%9F%98%80", PathEncoder.encode("\uD83D\uDE00"));
    }
}
