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
 * When the previous token file names the very directory this run changes (same token), it is deleted before the
 * first change, so a build that fails or is killed halfway leaves no token file describing bytes that are gone.
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
        checkDirectories(settings.sourceDirectory(), output);
        String directory = prefix.directory(token.token());
        Path tokenDir = output.resolve(directory);
        StaleTokenCleaner cleaner = new StaleTokenCleaner(output, log);
        boolean created = !Files.exists(tokenDir);
        Path file = output.resolve(TokenFile.RESOURCE);
        Runnable withdraw = cleaner.names(directory) ? () -> withdraw(file) : () -> { };
        TokenFile tokenFile;
        AssetCopier.Result copied;
        try {
            copied = new AssetCopier(settings.precompressor(), log, onWrite, withdraw)
                    .knowing(cleaner.manifestOf(directory)).copy(sources, tokenDir);
            tokenFile = new TokenFile(token.token(), token.strategy(), prefix, buildInstant.instant(),
                    copied.manifest());
            if (TokenFileWriter.write(tokenFile, file)) {
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

    /**
     * The output must be a directory apart from the sources: inside them, each build would copy the previous one's
     * token directory and token file as assets; around them, the sources would be pruned as outdated output.
     */
    private static void checkDirectories(Path source, Path output) throws MojoExecutionException {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new MojoExecutionException("The cachebreaker outputDirectory " + output + " (parameter"
                    + " 'outputDirectory', property 'cachebreaker.outputDirectory') is a file, not a directory. Point"
                    + " it at the class path root of the build, such as ${project.build.outputDirectory}.");
        }
        Path realSource = source.toAbsolutePath().normalize();
        Path realOutput = output.toAbsolutePath().normalize();
        try {
            realSource = source.toRealPath();
            if (Files.exists(output)) {
                realOutput = output.toRealPath();
            }
        } catch (IOException e) {
            // The scanner already read the source directory; keep the normalized paths.
        }
        if (realOutput.startsWith(realSource) || realSource.startsWith(realOutput)) {
            throw new MojoExecutionException("The cachebreaker sourceDirectory " + source + " (parameter"
                    + " 'sourceDirectory', property 'cachebreaker.sourceDirectory') and outputDirectory " + output
                    + " (parameter 'outputDirectory', property 'cachebreaker.outputDirectory') overlap. Keep the"
                    + " sources outside the build output, such as in src/main/static, and the output in"
                    + " ${project.build.outputDirectory}.");
        }
    }

    /** Deletes the token file before its directory changes; an unchanged re-run never gets here. */
    private void withdraw(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                log.debug("cachebreaker: withdrew " + file + " while its asset directory changes");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot withdraw the cachebreaker token file " + file + " before"
                    + " changing the assets it describes: " + e.getMessage(), e);
        }
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
