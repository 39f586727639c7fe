package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.Fingerprint;
import io.cachebreaker.runtime.tokenfile.RetainedRelease;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenFileException;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * One run of the build step:
 * <ol>
 *   <li>resolve the ordered part of the token (explicit over strategy) and validate it, before anything is copied;</li>
 *   <li>scan the sources;</li>
 *   <li>copy, hash and precompress them into a staging directory next to the token directories
 *       ({@code static/.cachebreaker-staging-<random>}), linking files unchanged since the previous build;</li>
 *   <li>take the fingerprint of the manifest and make the final token, {@code <ordered part>-<fingerprint>};</li>
 *   <li>when {@code static/<token>} already holds exactly these files (a rebuild with the same bytes), drop the
 *       staging directory and leave everything untouched; otherwise move the staging directory to that name in one
 *       step;</li>
 *   <li>write the token file atomically;</li>
 *   <li>remove the previous token's directory and the staging directories of killed builds, except retained
 *       releases.</li>
 * </ol>
 *
 * <p>So a failed or killed build never leaves a token file that describes missing bytes: until the move, nothing that
 * the previous token file names has changed, and after it the new directory is whole before the new token file
 * points at it. A token directory that this run moved into place is removed again when the token file cannot be
 * written.
 */
final class AssetBuild {
    /**
     * What the mojo configured, already defaulted.
     *
     * @param buildRecord where the {@link BuildRecord} of this output is kept, or {@code null} for none: then every
     *                    build checks the previous output file by file
     */
    record Settings(String explicitToken, String strategy, String prefix, Path sourceDirectory, List<String> includes,
            List<String> excludes, Path outputDirectory, Precompressor precompressor, boolean unsafeOmitFingerprint,
            int threads, Path buildRecord) {
        /** Settings of a build that keeps no {@link BuildRecord}. */
        Settings(String explicitToken, String strategy, String prefix, Path sourceDirectory, List<String> includes,
                List<String> excludes, Path outputDirectory, Precompressor precompressor,
                boolean unsafeOmitFingerprint, int threads) {
            this(explicitToken, strategy, prefix, sourceDirectory, includes, excludes, outputDirectory, precompressor,
                    unsafeOmitFingerprint, threads, null);
        }
    }

    /**
     * What a run produced, for the mojo's summary line and for tests.
     *
     * @param summary   the token file now in place, in short
     * @param written   files written (copied or compressed); {@code 0} when the tree was already there
     * @param published whether a new token directory was moved into place
     * @param removed   directories removed, relative to the output directory
     * @param source    the token file now in place; read from disk only when asked for, after a re-run that had
     *                  nothing to do
     */
    record Outcome(TokenSummary summary, int written, boolean published, List<String> removed,
            Supplier<TokenFile> source) {
        Outcome(TokenFile tokenFile, int written, boolean published, List<String> removed) {
            this(TokenSummary.of(tokenFile), written, published, removed, () -> tokenFile);
        }

        /** @return the token file now in place */
        TokenFile tokenFile() {
            return source.get();
        }

        /** @return assets with a precompressed sibling */
        int precompressed() {
            return summary.precompressed();
        }
    }

    /** A seam for tests, told as a build progresses; {@link #NONE} outside tests. */
    interface Probe {
        /** Does nothing. */
        Probe NONE = new Probe() { };

        /** A file was written into the staging directory. */
        default void written(Path file) throws IOException {
        }

        /** The staging directory is complete and is about to be moved into place. */
        default void staged(Path staging) throws IOException {
        }
    }

    private final TokenResolver resolver;
    private final Log log;
    private final Consumer<Path> onWrite;
    private final RetainedReleases retention;
    private final Probe probe;

    /**
     * @param resolver   makes the token's ordered part
     * @param log        for the steps worth telling
     * @param onWrite    told of every file that appears in the output, such as an IDE's build context
     * @param retention  the previous releases the artifact keeps serving: their trees are put in place and recorded
     *                   in the token file, and their directories are not removed; {@link RetainedReleases#NONE}
     * @param probe      see {@link Probe}
     */
    AssetBuild(TokenResolver resolver, Log log, Consumer<Path> onWrite, RetainedReleases retention, Probe probe) {
        this.resolver = resolver;
        this.log = log;
        this.onWrite = onWrite;
        this.retention = retention;
        this.probe = probe;
    }

    Outcome run(Settings settings) throws MojoExecutionException, MojoFailureException {
        AssetPrefix prefix;
        try {
            prefix = AssetPrefix.parse(settings.prefix());
        } catch (TokenFileException e) {
            throw new MojoFailureException(e.getMessage() + " Use a prefix such as 'static/{token}'.", e);
        }
        String inputs = inputs(settings, prefix);
        Path output = settings.outputDirectory();
        // The token's ordered part (for git, JGit's start-up and the dirty check), what the previous build left and
        // the sources are read at once: none needs another, and nothing in the output changes until all are known.
        CompletableFuture<TokenResolver.ResolvedToken> resolving = Background.start("cachebreaker-token",
                () -> resolver.resolve(settings.explicitToken(), settings.strategy()));
        CompletableFuture<Earlier> earlier = Background.start("cachebreaker-previous",
                () -> Earlier.read(settings, inputs, resolving, log));
        Instant scanned = Instant.now();
        SourceScanner scanner = new SourceScanner(settings.sourceDirectory(), settings.includes(),
                settings.excludes(), log, settings.threads());
        SortedMap<String, Path> sources;
        try {
            sources = scanner.scan();
        } catch (MojoExecutionException | MojoFailureException | RuntimeException e) {
            // A bad token is the first thing to fix, as when it was resolved before the scan.
            Background.await(resolving);
            throw e;
        }
        TokenResolver.ResolvedToken ordered = Background.await(resolving);
        checkDirectories(settings.sourceDirectory(), output);
        Earlier found = Background.await(earlier);
        PreviousBuild previous = found.previous();
        // Every retention source is read and checked before anything in the output changes.
        RetainedReleases.Plan retainPlan = retention.find(output, previous);

        if (settings.unsafeOmitFingerprint()) {
            log.warn("cachebreaker: unsafeOmitFingerprint is true, so the token '" + ordered.orderedPart() + "' does"
                    + " not end with the fingerprint of the assets. An asset that changes under an unchanged token"
                    + " stays stale in browsers and CDNs for cacheMaxAge (a year by default, as immutable), or is"
                    + " blocked on a Subresource Integrity mismatch.");
        }
        BuildRecord.Changes changes = recordedChanges(settings, found, retainPlan, sources, scanner);
        if (changes != null && changes.none()) {
            Outcome same = unchangedSinceRecord(ordered, settings, found.record().summary(), previous);
            if (same != null) {
                return same;
            }
        }
        forgetRecord(settings.buildRecord());
        Outcome outcome;
        if (changes != null) {
            log.debug("cachebreaker: by the build record, " + changes.changed().size() + " assets changed and "
                    + changes.removed().size() + " went " + sample(changes) + "; updating the directory of "
                    + previous.token() + " in place");
            outcome = update(settings, prefix, ordered, previous, changes, sources);
        } else {
            log.debug("cachebreaker: no build record stands for the output; checking every file");
            outcome = rebuild(settings, prefix, ordered, previous, retainPlan, sources, scanner);
        }
        remember(settings, prefix, scanned, inputs, outcome, sources, scanner);
        return outcome;
    }

    /** The full way: every asset checked against the previous output, and a whole new tree staged. */
    private Outcome rebuild(Settings settings, AssetPrefix prefix, TokenResolver.ResolvedToken ordered,
            PreviousBuild previous, RetainedReleases.Plan retainPlan, SortedMap<String, Path> sources,
            SourceScanner scanner) throws MojoExecutionException {
        Path output = settings.outputDirectory();
        Path mount = output.resolve(prefix.mount());
        Path staging = mount.resolve(StaleTokenCleaner.STAGING_PREFIX + UUID.randomUUID());
        Path stagedAssets = prefix.afterToken().isEmpty() ? staging : staging.resolve(prefix.afterToken());
        AssetCopier copier = new AssetCopier(settings.precompressor(), log, previous, stagedAssets, probe,
                settings.threads());
        Outcome same = unchanged(copier.unchanged(sources, scanner::attributes), ordered, settings, prefix, previous,
                retainPlan);
        if (same != null) {
            return same;
        }
        AssetCopier.Result copied;
        try {
            Files.createDirectories(stagedAssets);
            copied = copier.copy(sources);
            probe.staged(staging);
        } catch (IOException e) {
            throw discard(staging, new MojoExecutionException("cachebreaker cannot stage the assets in " + staging
                    + ": " + e, e));
        } catch (MojoExecutionException e) {
            throw discard(staging, e);
        } catch (RuntimeException e) {
            throw discard(staging, e);
        }

        String token = finalToken(ordered, copied.manifest(), settings.unsafeOmitFingerprint());
        Path tokenRoot = mount.resolve(token);
        Path file = output.resolve(TokenFile.RESOURCE);
        boolean published;
        try {
            published = publish(staging, tokenRoot, previous, file);
        } catch (IOException e) {
            throw discard(staging, new MojoExecutionException("cachebreaker cannot move the staged assets " + staging
                    + " to " + tokenRoot + ": " + e, e));
        }
        List<RetainedRelease> kept;
        try {
            // The retained trees go in place after the current one and before the token file that lists them; a
            // failure there removes what it placed.
            kept = retention.install(retainPlan, output, prefix, token, () -> withdraw(file), onWrite);
        } catch (MojoExecutionException | RuntimeException e) {
            if (published) {
                discard(tokenRoot, e);
            }
            throw e;
        }
        TokenFile tokenFile = new TokenFile(token, ordered.strategy(), prefix, ordered.lastModified(),
                copied.manifest(), kept);
        try {
            if (TokenFileWriter.write(tokenFile, file)) {
                onWrite.accept(file);
            }
        } catch (UncheckedIOException e) {
            MojoExecutionException failure = new MojoExecutionException(e.getMessage(), e);
            if (published) {
                discard(tokenRoot, failure);
            }
            throw failure;
        }
        if (published) {
            copied.files().forEach(path -> onWrite.accept(tokenRoot.resolve(prefix.afterToken()).resolve(path)));
        }
        Set<String> keep = kept.stream().map(RetainedRelease::token).collect(Collectors.toCollection(HashSet::new));
        List<String> removed = new StaleTokenCleaner(output, log).clean(previous, tokenRoot, keep);
        return new Outcome(tokenFile, published ? copied.written() : 0, published, removed);
    }

    /**
     * What the previous build left: its token file and its record, and whether the record describes the output.
     *
     * @param recordHolds whether the record stands for the output as it is
     */
    private record Earlier(PreviousBuild previous, BuildRecord record, boolean recordHolds) {
        static Earlier read(Settings settings, String inputs, CompletableFuture<TokenResolver.ResolvedToken> resolving,
                Log log) {
            PreviousBuild previous = PreviousBuild.read(settings.outputDirectory(), log);
            BuildRecord record = BuildRecord.read(settings.buildRecord());
            boolean holds = record.describes(settings.outputDirectory(), inputs, previous);
            // A build that will need the previous manifest whatever the sources say parses it now, beside the scan.
            if (!holds || !sameTokenFile(resolving, settings, record.summary())) {
                previous.tokenFile();
            }
            return new Earlier(previous, record, holds);
        }

        private static boolean sameTokenFile(CompletableFuture<TokenResolver.ResolvedToken> resolving,
                Settings settings, TokenSummary was) {
            try {
                return AssetBuild.sameTokenFile(resolving.join(), settings, was);
            } catch (CompletionException e) {
                // The build fails on the waiting thread with that failure.
                return true;
            }
        }
    }

    /**
     * What changed since the previous build, by its {@link BuildRecord}: {@code null} when the record cannot stand for
     * the output (none, another plugin or setting, an output changed since), or when retained releases are involved,
     * whose trees the full way checks and places.
     */
    private BuildRecord.Changes recordedChanges(Settings settings, Earlier found, RetainedReleases.Plan retainPlan,
            SortedMap<String, Path> sources, SourceScanner scanner) {
        PreviousBuild previous = found.previous();
        // A record is only kept of a build that retained no release, so when it holds the token file lists none.
        if (!found.recordHolds() || !retainPlan.candidates().isEmpty()) {
            return null;
        }
        BuildRecord record = found.record();
        BuildRecord.Changes changes = record.changes(sources, scanner::attributes);
        for (String path : changes.unsettled()) {
            if (!sameBytes(sources.get(path), previous.asset(path))) {
                changes.changed().add(path);
            }
        }
        List<String> touched = new ArrayList<>(changes.changed());
        touched.addAll(changes.removed());
        changes.changed().addAll(AssetCopier.siblingOwners(touched, sources));
        return changes;
    }

    /** A few of the changes, for the debug log. */
    private static String sample(BuildRecord.Changes changes) {
        List<String> some = new ArrayList<>();
        changes.changed().stream().limit(5).forEach(path -> some.add("+" + path));
        changes.removed().stream().limit(5).forEach(path -> some.add("-" + path));
        return some.toString();
    }

    /** Whether a source holds the bytes the previous build listed for it. */
    private static boolean sameBytes(Path source, Asset known) {
        if (known == null) {
            return false;
        }
        try (InputStream in = Files.newInputStream(source)) {
            return Variant.read(in).equals(known.identity());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A re-run that its record shows has nothing to do: the same sources, settings and output, and the same token and
     * token file to write. Nothing is read or written.
     *
     * @return the outcome, or {@code null} when the token file would change (a new token, say)
     */
    private static Outcome unchangedSinceRecord(TokenResolver.ResolvedToken ordered, Settings settings,
            TokenSummary was, PreviousBuild previous) {
        return sameTokenFile(ordered, settings, was) ? new Outcome(was, 0, false, List.of(), previous::tokenFile)
                : null;
    }

    /** Whether the same assets under this ordered part would give the token file the record's build wrote. */
    private static boolean sameTokenFile(TokenResolver.ResolvedToken ordered, Settings settings, TokenSummary was) {
        // The record's build had the same settings, so its token ends with the fingerprint of the same assets unless
        // the fingerprint is left out.
        boolean omit = settings.unsafeOmitFingerprint();
        String token = finalToken(ordered, omit ? null : was.token().substring(was.token().length()
                - Fingerprint.LENGTH), omit);
        // A token file keeps whole seconds of lastModified.
        return was.strategy() == ordered.strategy()
                && was.lastModified().getEpochSecond() == ordered.lastModified().getEpochSecond()
                && token.equals(was.token());
    }

    /**
     * The way a record allows: the previous token's directory becomes the new one in place ({@link TreeUpdate}), and
     * only the changed assets are read and written. On a failure everything is put back as it was.
     */
    private Outcome update(Settings settings, AssetPrefix prefix, TokenResolver.ResolvedToken ordered,
            PreviousBuild previous, BuildRecord.Changes changes, SortedMap<String, Path> sources)
            throws MojoExecutionException {
        Path output = settings.outputDirectory();
        Path mount = output.resolve(prefix.mount());
        String name = StaleTokenCleaner.STAGING_PREFIX + UUID.randomUUID();
        Path staging = mount.resolve(name);
        TreeUpdate update = new TreeUpdate(previous.tokenRoot(), staging, prefix.afterToken(),
                mount.resolve(name + "-replaced"), previous.tokenFile().manifest(), changes.changed(),
                changes.removed());
        Path file = output.resolve(TokenFile.RESOURCE);
        try {
            withdraw(file);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        Path current = staging;
        TokenFile tokenFile;
        AssetCopier.Result copied;
        try {
            update.begin();
            SortedMap<String, Path> changed = new TreeMap<>();
            changes.changed().forEach(path -> changed.put(path, sources.get(path)));
            copied = new AssetCopier(settings.precompressor(), log, new PreviousBuild(output, null), update.assets(),
                    probe, settings.threads()).copy(changed, sources);
            probe.staged(staging);
            AssetManifest manifest = merged(previous.tokenFile().manifest(), changes, copied.manifest());
            String token = finalToken(ordered, manifest, settings.unsafeOmitFingerprint());
            Path tokenRoot = mount.resolve(token);
            if (Files.exists(tokenRoot, LinkOption.NOFOLLOW_LINKS)) {
                // Not a directory this plugin left: the previous one was moved away, and no release is retained.
                StaleTokenCleaner.deleteTree(tokenRoot);
            }
            AtomicFiles.move(staging, tokenRoot);
            current = tokenRoot;
            tokenFile = new TokenFile(token, ordered.strategy(), prefix, ordered.lastModified(), manifest, List.of());
            if (TokenFileWriter.write(tokenFile, file)) {
                onWrite.accept(file);
            }
        } catch (IOException e) {
            throw undo(update, current, previous, file, new MojoExecutionException("cachebreaker cannot update the"
                    + " assets of token " + previous.token() + " in place (" + staging + "): " + e, e));
        } catch (UncheckedIOException e) {
            throw undo(update, current, previous, file, new MojoExecutionException(e.getMessage(), e));
        } catch (MojoExecutionException | RuntimeException | Error e) {
            undo(update, current, previous, file, e);
            throw e;
        }
        try {
            update.finish();
        } catch (IOException e) {
            log.warn("cachebreaker: cannot remove the replaced files in " + mount.resolve(name + "-replaced") + " ("
                    + e + "); the next build removes them");
        }
        String from = output.relativize(previous.tokenRoot()).toString().replace('\\', '/');
        String to = output.relativize(current).toString().replace('\\', '/');
        log.info("cachebreaker: " + (from.equals(to) ? "updated the asset directory " + from
                : "moved the asset directory " + from + " to " + to + " and updated it") + " in place: "
                + changes.changed().size() + " assets new or changed, " + changes.removed().size() + " gone");
        Path assets = current.resolve(prefix.afterToken());
        RetainedTreeInstaller.expectedFiles(tokenFile.manifest()).keySet()
                .forEach(path -> onWrite.accept(assets.resolve(path)));
        List<String> removed = new StaleTokenCleaner(output, log).clean(previous, current, Set.of());
        return new Outcome(tokenFile, copied.written(), true, removed);
    }

    /** Puts the previous tree and token file back after a failed update; a failure to do so joins the first one. */
    private static <E extends Throwable> E undo(TreeUpdate update, Path current, PreviousBuild previous, Path file,
            E failure) {
        try {
            update.undo(current);
            TokenFileWriter.write(previous.tokenFile(), file);
        } catch (IOException | UncheckedIOException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** The previous manifest with the changed assets' new entries and without the removed ones. */
    private static AssetManifest merged(AssetManifest previous, BuildRecord.Changes changes, AssetManifest copied) {
        List<Asset> assets = new ArrayList<>(previous.size() + copied.size());
        for (Asset asset : previous.assets()) {
            if (!changes.changed().contains(asset.path()) && !changes.removed().contains(asset.path())) {
                assets.add(asset);
            }
        }
        assets.addAll(copied.assets());
        return AssetManifest.of(assets);
    }

    /**
     * The settings that shape the output besides the sources, and the plugin's own jar: a record made by other ones
     * (another prefix, precompression switched, Brotli no longer loading, a new plugin build) stands for nothing.
     */
    private static String inputs(Settings settings, AssetPrefix prefix) {
        return "prefix=" + prefix.pattern() + " codings=" + (settings.precompressor() == null ? "none"
                : settings.precompressor().describe().replace(' ', ',')) + " omitFingerprint="
                + settings.unsafeOmitFingerprint() + " plugin=" + PLUGIN;
    }

    /** Where the plugin's classes come from, and when that changed. */
    private static final String PLUGIN = pluginIdentity();

    private static String pluginIdentity() {
        try {
            Path jar = Path.of(AssetBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return (jar + "@" + Files.getLastModifiedTime(jar).toMillis()).replace(' ', '_');
        } catch (Exception e) {
            return "unknown-" + UUID.randomUUID();
        }
    }

    /** Removes the record before the output changes, so that a build that stops halfway leaves none. */
    private static void forgetRecord(Path record) throws MojoExecutionException {
        try {
            BuildRecord.delete(record);
        } catch (IOException e) {
            throw new MojoExecutionException("cachebreaker cannot remove its build record " + record + " before"
                    + " changing the output: " + e + ". Delete it, or run 'mvn clean'.", e);
        }
    }

    /** Records what this build saw and made, for the next one; a failure only costs the next build its shortcut. */
    private void remember(Settings settings, AssetPrefix prefix, Instant scanned, String inputs, Outcome outcome,
            SortedMap<String, Path> sources, SourceScanner scanner) {
        if (settings.buildRecord() == null || outcome.summary().retained() > 0) {
            return;
        }
        Path output = settings.outputDirectory();
        TokenFile tokenFile = outcome.tokenFile();
        Path tokenRoot = output.resolve(prefix.mount()).resolve(tokenFile.token());
        String after = prefix.afterToken().isEmpty() ? "" : prefix.afterToken().replace('\\', '/') + "/";
        List<String> files = new ArrayList<>();
        for (String path : RetainedTreeInstaller.expectedFiles(tokenFile.manifest()).keySet()) {
            files.add(after + path);
        }
        try {
            String digest = PreviousBuild.digest(Files.readAllBytes(output.resolve(TokenFile.RESOURCE)));
            BuildRecord.write(settings.buildRecord(), scanned, output, inputs, digest, outcome.summary(), tokenRoot,
                    files, sources, scanner::attributes);
        } catch (IOException | RuntimeException e) {
            log.warn("cachebreaker: cannot write the build record " + settings.buildRecord() + " (" + e + "); the"
                    + " next build checks every file");
            try {
                BuildRecord.delete(settings.buildRecord());
            } catch (IOException ignored) {
                // Its digest of the token file no longer matches, so it stands for nothing anyway.
            }
        }
    }

    /** Deletes the token file before a directory it names is replaced, so that it never describes missing bytes. */
    private void withdraw(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                log.debug("cachebreaker: withdrew " + file + " while a directory it names is replaced");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot withdraw the cachebreaker token file " + file + " before"
                    + " changing the assets it describes: " + e.getMessage(), e);
        }
    }

    /** The ordered part and the fingerprint of the assets, unless the user took the risk of leaving it out. */
    private static String finalToken(TokenResolver.ResolvedToken ordered, AssetManifest manifest, boolean omit) {
        return finalToken(ordered, omit ? null : Fingerprint.of(manifest), omit);
    }

    private static String finalToken(TokenResolver.ResolvedToken ordered, String fingerprint, boolean omit) {
        return omit ? ordered.orderedPart() : ordered.strategy().withFingerprint(ordered.orderedPart(), fingerprint);
    }

    /**
     * A re-run with the same inputs: every asset unchanged since the previous build, so the token would be the
     * previous one and its directory is already the result. Then nothing is staged and nothing is written (the token
     * file only if its other fields changed, such as a retained release).
     *
     * @return the outcome, or {@code null} when the build must stage
     */
    private Outcome unchanged(AssetManifest manifest, TokenResolver.ResolvedToken ordered, Settings settings,
            AssetPrefix prefix, PreviousBuild previous, RetainedReleases.Plan retainPlan)
            throws MojoExecutionException {
        if (manifest == null || !previous.exists()) {
            return null;
        }
        String token = finalToken(ordered, manifest, settings.unsafeOmitFingerprint());
        Path tokenRoot = settings.outputDirectory().resolve(prefix.mount()).resolve(token);
        if (!token.equals(previous.token()) || !tokenRoot.equals(previous.tokenRoot())
                || !Files.isDirectory(tokenRoot, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Path file = settings.outputDirectory().resolve(TokenFile.RESOURCE);
        List<RetainedRelease> kept = retention.install(retainPlan, settings.outputDirectory(), prefix, token,
                () -> withdraw(file), onWrite);
        TokenFile tokenFile = new TokenFile(token, ordered.strategy(), prefix, ordered.lastModified(), manifest,
                kept);
        try {
            if (TokenFileWriter.write(tokenFile, file)) {
                onWrite.accept(file);
            }
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        Set<String> keep = kept.stream().map(RetainedRelease::token).collect(Collectors.toCollection(HashSet::new));
        List<String> removed = new StaleTokenCleaner(settings.outputDirectory(), log).clean(previous, tokenRoot, keep);
        return new Outcome(tokenFile, 0, false, removed);
    }

    /**
     * Moves the staging directory to the token's name, unless that directory already holds exactly the staged files
     * (a rebuild with the same bytes): then the staging directory goes, and nothing in the output changes.
     *
     * @return whether the staging directory was moved into place
     */
    private boolean publish(Path staging, Path tokenRoot, PreviousBuild previous, Path file) throws IOException {
        if (Files.isDirectory(tokenRoot, LinkOption.NOFOLLOW_LINKS) && sameTree(staging, tokenRoot)) {
            StaleTokenCleaner.deleteTree(staging);
            return false;
        }
        if (Files.exists(tokenRoot, LinkOption.NOFOLLOW_LINKS)) {
            // Other bytes under this very name: only possible without the fingerprint, or by hand.
            if (tokenRoot.equals(previous.tokenRoot()) && Files.deleteIfExists(file)) {
                log.debug("cachebreaker: withdrew " + file + " while the asset directory it names is replaced");
            }
            StaleTokenCleaner.deleteTree(tokenRoot);
        }
        AtomicFiles.move(staging, tokenRoot);
        return true;
    }

    /** Whether two trees hold the same relative files with the same bytes; shared (linked) files are not read. */
    private static boolean sameTree(Path staged, Path existing) throws IOException {
        List<Path> stagedFiles = files(staged);
        List<Path> existingFiles = files(existing);
        if (!stagedFiles.equals(existingFiles)) {
            return false;
        }
        for (Path relative : stagedFiles) {
            Path a = staged.resolve(relative);
            Path b = existing.resolve(relative);
            if (!Files.isSameFile(a, b) && Files.mismatch(a, b) != -1L) {
                return false;
            }
        }
        return true;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).map(root::relativize)
                    .sorted().toList();
        }
    }

    /**
     * The output must be a directory apart from the sources: inside them, each build would copy the previous one's
     * token directory and token file as assets; around them, the sources would be pruned as outdated output.
     */
    private static void checkDirectories(Path source, Path output) throws MojoFailureException {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new MojoFailureException("The cachebreaker outputDirectory " + output + " "
                    + Parameters.named("outputDirectory") + " is a file, not a directory. Point it at the class"
                    + " path root of the build, such as ${project.build.outputDirectory}.");
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
            throw new MojoFailureException("The cachebreaker sourceDirectory " + source + " "
                    + Parameters.named("sourceDirectory") + " and outputDirectory " + output + " "
                    + Parameters.named("outputDirectory") + " overlap. Keep the sources outside the build output,"
                    + " such as in src/main/static, and the output in ${project.build.outputDirectory}.");
        }
    }

    /** Removes a directory that no token file names; a failure to do so is added to the build's failure. */
    private static <E extends Exception> E discard(Path dir, E failure) {
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                StaleTokenCleaner.deleteTree(dir);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }
}
