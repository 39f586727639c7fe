/**
 * The servlet-free machinery behind {@link io.cachebreaker.runtime.CachebreakerServlet}: a request walks from
 * {@link io.cachebreaker.runtime.serving.PathDecoder} (decode and validate the raw path) to
 * {@link io.cachebreaker.runtime.serving.TokenJudge} (current, older, newer or malformed token) to
 * {@link io.cachebreaker.runtime.serving.AssetCatalog} (the manifest allowlist) to
 * {@link io.cachebreaker.runtime.serving.AssetResponder} (conditionals, ranges, encodings, headers), and comes out
 * as a {@link io.cachebreaker.runtime.serving.Reply} that a thin servlet layer writes.
 *
 * <p>Nothing here imports the Servlet API, so the same sources serve both the {@code jakarta.servlet} and a
 * {@code javax.servlet} build. These classes are public only for that layer; they are not a supported API.
 */
package io.cachebreaker.runtime.serving;
