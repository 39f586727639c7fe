package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * One run of the build step: resolve and validate the token, scan the sources, copy and precompress them, write the
 * token file, remove the previous token's directory.
 *
 * <p>The token file is written only after every asset is in place, atomically, so neither a later build nor the
 * runtime ever trusts a half-made tree; a token directory that this run created is removed again when copying fails.
 * The previous token's directory goes last, once the new token file no longer points at it.
 */
final class AssetBuild {
    /** What the mojo configured, already defaulted. */
    record Settings(String explicitToken, String strategy, String prefix, Path sourceDirectory,
            java.util.List<String> includes, java.util.List<String> excludes, Path outputDirectory,
            Precompressor precompressor) {
    }

    /** What a run produced, for the mojo's summary line and for tests. */
    record Outcome(TokenFile tokenFile, int written, int precompressed, String removedDirectory) {
    }

    private final TokenResolver resolver;
    private final BuildInstant buildInstant;
    private final Log log;
    private final Consumer<Path> onWrite;

    AssetBuild(TokenResolver resolver, BuildInstant buildInstant, Log log, Consumer<Path> onWrite) {
        this.resolver = resolver;
        this.buildInstant = buildInstant;
        this.log = log;
        this.onWrite = onWrite;
    }

    Outcome run(Settings settings) throws MojoExecutionException, MojoFailureException {
        AssetPrefix prefix;
        try {
            prefix = AssetPrefix.parse(settings.prefix());
        } catch (TokenFileException e) {
            throw new MojoExecutionException(e.getMessage() + " Use a prefix such as 'static/{token}'.", e);
        }
        TokenResolver.ResolvedToken token = resolver.resolve(settings.explicitToken(), settings.strategy());
        SortedMap<String, Path> sources = new SourceScanner(settings.sourceDirectory(), settings.includes(),
                settings.excludes(), log).scan();

        Path output = settings.outputDirectory();
        String directory = prefix.directory(token.token());
        Path tokenDir = output.resolve(directory);
        StaleTokenCleaner cleaner = new StaleTokenCleaner(output, log);
        boolean created = !Files.exists(tokenDir);
        TokenFile tokenFile;
        AssetCopier.Result copied;
        try {
            copied = new AssetCopier(settings.precompressor(), log, onWrite).copy(sources, tokenDir);
            tokenFile = new TokenFile(token.token(), token.strategy(), prefix, buildInstant.instant(),
                    copied.manifest());
            Path file = output.resolve(TokenFile.RESOURCE);
            if (tokenFile.writeTo(file)) {
                onWrite.accept(file);
            }
        } catch (UncheckedIOException e) {
            removeIfCreated(created, tokenDir, e);
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (MojoExecutionException | RuntimeException e) {
            removeIfCreated(created, tokenDir, e);
            throw e;
        }
        String removed = cleaner.removeStale(directory);
        return new Outcome(tokenFile, copied.written(), copied.precompressed(), removed);
    }

    /** A directory this run created is not yet named by any token file: nothing would ever remove it later. */
    private static void removeIfCreated(boolean created, Path tokenDir, Exception failure) {
        try {
            if (created && Files.exists(tokenDir)) {
                StaleTokenCleaner.deleteTree(tokenDir);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
