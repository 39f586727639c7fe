package io.cachebreaker.runtime.tokenfile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A previous release whose assets the artifact still carries, under that release's own token directory, so that pages
 * of that release keep getting their exact bytes after a deploy. It is served, never linked: URLs are built for the
 * current token only.
 *
 * @param token        the previous release's token; any legal token, since it is matched exactly and never ordered
 * @param lastModified that release's build instant, sent as {@code Last-Modified}; whole seconds are kept
 * @param manifest     that release's assets
 */
public record RetainedRelease(String token, Instant lastModified, AssetManifest manifest) {

    public RetainedRelease {
        TokenSyntax.requireValid(token);
        lastModified = Objects.requireNonNull(lastModified, "lastModified").truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(manifest, "manifest");
    }
}
