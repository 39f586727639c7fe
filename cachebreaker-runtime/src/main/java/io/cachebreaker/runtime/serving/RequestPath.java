package io.cachebreaker.runtime.serving;

/**
 * A decoded, validated request path: the token it carries and the asset path after it.
 *
 * @param token     a syntactically legal token, not yet judged against the current one
 * @param assetPath a path that follows {@link io.cachebreaker.runtime.tokenfile.AssetPath}'s rules
 */
public record RequestPath(String token, String assetPath) {
}
