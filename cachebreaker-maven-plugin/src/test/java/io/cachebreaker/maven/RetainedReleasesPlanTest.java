package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.RetainedRelease;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which directories the previous token file lists as retained trees, which a build may then replace. */
class RetainedReleasesPlanTest {
    private static RetainedRelease release(String token) {
        return new RetainedRelease(token, Instant.EPOCH, AssetManifest.of(List.of()));
    }

    @Test
    void onlyDirectoriesThePreviousTokenFileRetainedCount() {
        assertFalse(new RetainedReleases.Plan(List.of(), null).retainedBefore("static/r1"), "no previous build");
        TokenFile none = new TokenFile("cur", TokenStrategy.EXPLICIT, AssetPrefix.parse("web/{token}/assets"),
                Instant.EPOCH, AssetManifest.of(List.of()));
        assertFalse(new RetainedReleases.Plan(List.of(), none).retainedBefore("web/cur/assets"),
                "the previous build's own tree is not a retained one");
        TokenFile previous = new TokenFile("cur", TokenStrategy.EXPLICIT, AssetPrefix.parse("web/{token}/assets"),
                Instant.EPOCH, AssetManifest.of(List.of()), List.of(release("r1"), release("r2")));
        RetainedReleases.Plan plan = new RetainedReleases.Plan(List.of(), previous);
        assertTrue(plan.retainedBefore("web/r1/assets"));
        assertTrue(plan.retainedBefore("web/r2/assets"), "the last one too");
        assertFalse(plan.retainedBefore("web/r3/assets"));
        assertFalse(plan.retainedBefore("web/r1"), "the directory below the prefix, not the token's");
        assertFalse(plan.retainedBefore("web/cur/assets"));
    }
}
