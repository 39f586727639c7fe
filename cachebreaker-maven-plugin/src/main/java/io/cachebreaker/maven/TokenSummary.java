package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.time.Instant;

/**
 * What a token file says in short: what a build reports and what decides whether a re-run has anything to do, kept
 * in the {@link BuildRecord} so that such a re-run need not parse the token file.
 *
 * @param token         the token
 * @param strategy      where it came from
 * @param lastModified  the instant the token file records, whole seconds
 * @param assets        how many assets it lists
 * @param bytes         their total size
 * @param precompressed how many of them have a precompressed sibling
 * @param retained      how many previous releases it lists
 */
record TokenSummary(String token, TokenStrategy strategy, Instant lastModified, int assets, long bytes,
        int precompressed, int retained) {

    static TokenSummary of(TokenFile tokenFile) {
        int precompressed = 0;
        for (Asset asset : tokenFile.manifest().assets()) {
            if (!asset.encoded().isEmpty()) {
                precompressed++;
            }
        }
        return new TokenSummary(tokenFile.token(), tokenFile.strategy(), tokenFile.lastModified(),
                tokenFile.manifest().size(), tokenFile.manifest().totalBytes(), precompressed,
                tokenFile.retained().size());
    }
}
