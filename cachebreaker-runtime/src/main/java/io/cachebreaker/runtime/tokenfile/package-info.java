/**
 * The token file: the public contract between the cachebreaker Maven plugin, which writes it at build time, and the
 * cachebreaker runtime, which reads it at start-up.
 *
 * <p>This package is the single owner of that contract. {@link io.cachebreaker.runtime.tokenfile.TokenFile} reads
 * and writes {@value io.cachebreaker.runtime.tokenfile.TokenFile#RESOURCE}; {@link
 * io.cachebreaker.runtime.tokenfile.TokenSyntax} says which tokens are legal; {@link
 * io.cachebreaker.runtime.tokenfile.TokenStrategy} and {@link io.cachebreaker.runtime.tokenfile.TokenOrder} say which
 * of two tokens is the newer one; {@link io.cachebreaker.runtime.tokenfile.AssetPrefix} says where the assets of a
 * token live. Nothing in this package depends on the Servlet API, so the plugin can reuse it as it is.
 */
package io.cachebreaker.runtime.tokenfile;
