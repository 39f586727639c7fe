package io.cachebreaker.runtime.serving;

import java.util.Map;
import java.util.Set;

/**
 * The releases whose exact bytes this instance holds, by token: the current one and the previous ones the build
 * retained. A token held here is served as it is, never ordered: its bytes are the ones its pages name.
 */
final class HeldReleases {
    private final String currentToken;
    private final AssetSource current;
    private final Map<String, AssetSource> retained;

    /**
     * @param currentToken this deploy's token
     * @param current      its assets: the allowlist, or in dev mode the disk
     * @param retained     the retained releases' allowlists by token
     */
    HeldReleases(String currentToken, AssetSource current, Map<String, AssetSource> retained) {
        this.currentToken = currentToken;
        this.current = current;
        this.retained = Map.copyOf(retained);
    }

    /** @return the current release's assets, the only ones URLs are built for */
    AssetSource current() {
        return current;
    }

    /**
     * @param token a legal token
     * @return the assets of the release with that token, or {@code null} when this instance holds none
     */
    AssetSource forToken(String token) {
        return currentToken.equals(token) ? current : retained.get(token);
    }

    /** @return the retained releases' tokens */
    Set<String> retainedTokens() {
        return retained.keySet();
    }
}
