package io.cachebreaker.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A controller or template model can be unit-tested with a token file alone: no servlet context, no asset files. */
class AssetUrlsWithoutContainerTest {

    @Test
    void buildsUrlsAndIntegrityFromTheTokenFileAlone() {
        TokenFile tokenFile = new TokenFile("rel-7", TokenStrategy.EXPLICIT, AssetPrefix.parse("assets/{token}"),
                Instant.EPOCH, AssetManifest.of(List.of(new Asset("css/app one.css", new Variant(5,
                        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")))));
        AssetUrls urls = AssetUrls.of(tokenFile, "/shop");
        assertEquals("/shop/assets/rel-7/css/app%20one.css", urls.url("css/app one.css"));
        assertEquals("sha256-LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=", urls.integrity("css/app one.css"));
        assertEquals("rel-7", urls.token());
        UnknownAssetException unknown = assertThrows(UnknownAssetException.class, () -> urls.url("css/typo.css"));
        assertEquals("css/typo.css", unknown.path());
    }
}
