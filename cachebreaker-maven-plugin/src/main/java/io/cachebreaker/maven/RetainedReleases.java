package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.RetainedRelease;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * Finds the previous releases to retain: reads the configured sources (static zips resolved by coordinates, zips and
 * directories given by path, the previous build's output directory), checks each before anything is extracted, and
 * orders what they offer newest first, one release per token.
 *
 * <p>Runs before the current tree is copied, so that a bad source fails the build before anything changes, and so that
 * the previous token file is read before the copy may withdraw it. {@link RetainedTreeInstaller} then applies the
 * count and the cap, and puts the trees in place.
 */
final class RetainedReleases {

    /** Where a candidate's files are. */
    sealed interface Origin {
        /** Inside a static zip, below {@code directory/}. */
        record Zip(Path zip, String directory) implements Origin {
        }

        /** A token directory on disk. */
        record Directory(Path directory) implements Origin {
        }
    }

    /**
     * A previous release a source offers.
     *
     * @param release its token, build instant and manifest, from the source's token file
     * @param source  what to call the source in messages
     * @param origin  where its files are
     * @param fix     what the user can do when it turns out bad
     */
    record Candidate(RetainedRelease release, String source, Origin origin, String fix) {
        String token() {
            return release.token();
        }

        /** @return the bytes it adds to the artifact: every file and precompressed sibling */
        long bytes() {
            return RetainedTreeInstaller.expectedFiles(release.manifest()).values().stream()
                    .mapToLong(io.cachebreaker.runtime.tokenfile.Variant::size).sum();
        }
    }

    /**
     * What {@link #find} found, and the previous token file as it was before this build changed anything.
     *
     * @param candidates what the sources offer, newest first, one per token
     * @param previous   the token file the previous build left in the output directory, or {@code null}
     */
    record Plan(List<Candidate> candidates, TokenFile previous) {
        /** @return whether the previous token file lists a directory as a retained tree */
        boolean retainedBefore(String directory) {
            if (previous == null) {
                return false;
            }
            for (RetainedRelease release : previous.retained()) {
                if (previous.prefix().directory(release.token()).equals(directory)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** No retention: finds nothing. */
    static final RetainedReleases NONE = new RetainedReleases(RetentionSettings.none(), ReleaseRepository.NONE, "",
            "", "", null);

    private final RetentionSettings settings;
    private final ReleaseRepository repository;
    private final String groupId;
    private final String artifactId;
    private final String projectVersion;
    private final Log log;

    /**
     * @param settings       what to retain
     * @param repository     where coordinates resolve
     * @param groupId        the project's, for {@code retainPreviousReleases}
     * @param artifactId     the project's, for {@code retainPreviousReleases}
     * @param projectVersion the project's: {@code PREVIOUS_RELEASES} are the released versions below it
     * @param log            for what was found and what was not
     */
    RetainedReleases(RetentionSettings settings, ReleaseRepository repository, String groupId, String artifactId,
            String projectVersion, Log log) {
        this.settings = settings;
        this.repository = repository;
        this.groupId = groupId;
        this.artifactId = artifactId;
        this.projectVersion = projectVersion;
        this.log = log;
    }

    /**
     * Reads every configured source.
     *
     * @param outputDirectory the build's output directory, for {@code retainOutput}
     * @param previous        what the previous build left there, as it was before this build changed anything
     * @return what the sources offer; no candidates when retention is off
     * @throws RetentionException when a source is corrupt or unsafe, or missing while {@code retainMissing=fail}
     */
    Plan find(Path outputDirectory, PreviousBuild previous) throws RetentionException {
        if (!settings.enabled()) {
            return new Plan(List.of(), null);
        }
        TokenFile previousFile = previous.tokenFile();
        return new Plan(candidates(outputDirectory, previousFile), previousFile);
    }

    /**
     * Puts the planned trees in place; see {@link RetainedTreeInstaller}.
     *
     * @param plan            what {@link #find} returned, before the current tree was copied
     * @param outputDirectory the class path root
     * @param prefix          the current prefix
     * @param currentToken    the current token, never retained
     * @param withdraw        deletes the previous token file, run before a directory it names is replaced
     * @param onWrite         told of every tree put in place
     * @return the retained releases for the token file, newest first
     * @throws MojoExecutionException when a tree is bad or cannot be written; then none of this run's is left
     */
    List<RetainedRelease> install(Plan plan, Path outputDirectory, AssetPrefix prefix, String currentToken,
            Runnable withdraw, Consumer<Path> onWrite) throws MojoExecutionException {
        if (plan.candidates().isEmpty()) {
            return List.of();
        }
        return new RetainedTreeInstaller(settings, log, onWrite).install(plan.candidates(), outputDirectory, prefix,
                currentToken, plan.previous(), withdraw);
    }

    private List<Candidate> candidates(Path outputDirectory, TokenFile previous) throws RetentionException {
        List<Candidate> found = new ArrayList<>();
        if (settings.output()) {
            fromOutput(outputDirectory, previous, found);
        }
        for (Path path : settings.paths()) {
            missingAllowed(() -> fromPath(path, found));
        }
        List<String> artifacts = new ArrayList<>(settings.artifacts());
        if (settings.previousReleases()) {
            artifacts.add(groupId + ":" + artifactId + ":zip:static:" + RetentionSettings.PREVIOUS_RELEASES);
        }
        for (String artifact : artifacts) {
            fromArtifact(artifact, found);
        }
        Map<String, Candidate> byToken = new LinkedHashMap<>();
        for (Candidate candidate : found) {
            Candidate first = byToken.putIfAbsent(candidate.token(), candidate);
            if (first != null && !first.release().manifest().equals(candidate.release().manifest())) {
                log.warn("cachebreaker: " + candidate.source() + " and " + first.source() + " both hold token "
                        + candidate.token() + " with different bytes; keeping the one from " + first.source());
            }
        }
        List<Candidate> ordered = new ArrayList<>(byToken.values());
        // Newest first by build instant; a stable sort keeps the configured order between equal instants.
        ordered.sort(Comparator.comparing((Candidate c) -> c.release().lastModified()).reversed());
        return ordered;
    }

    private interface SourceReader {
        void read() throws RetentionException;
    }

    private void missingAllowed(SourceReader reader) throws RetentionException {
        try {
            reader.read();
        } catch (MissingSourceException e) {
            if (settings.missing() == RetentionSettings.Missing.FAIL) {
                throw new MissingSourceException(e.getMessage() + " To build without it, set retainMissing"
                        + " (property cachebreaker.retain.missing) to 'warn'.");
            }
            log.warn(e.getMessage() + " Building without it, as retainMissing is 'warn'.");
        }
    }

    /** The previous build's token file in the output directory names its tree and the trees it retained. */
    private void fromOutput(Path outputDirectory, TokenFile previous, List<Candidate> found) {
        if (previous == null) {
            log.info("cachebreaker: no readable previous token file in " + outputDirectory + ", so no previous build's"
                    + " tree to carry forward");
            return;
        }
        fromDirectory(outputDirectory, previous, "the previous build in " + outputDirectory,
                "Run 'mvn clean' to drop the previous build's trees, or set retainOutput"
                        + " (property cachebreaker.retain.output) to false.", found);
    }

    private void fromPath(Path path, List<Candidate> found) throws RetentionException {
        String fix = "Fix or remove it in retainPaths (property cachebreaker.retain.paths).";
        if (Files.isDirectory(path)) {
            Path file = path.resolve(TokenFile.RESOURCE);
            if (!Files.isRegularFile(file)) {
                throw new MissingSourceException("cachebreaker: the retained directory " + path + " has no "
                        + TokenFile.RESOURCE + "; give an unpacked static zip or a previous build's output"
                        + " directory. " + fix);
            }
            TokenFile tokenFile;
            try {
                tokenFile = TokenFile.read(file);
            } catch (TokenFileException e) {
                throw new RetentionException("cachebreaker: " + e.getMessage() + " " + fix, e);
            }
            fromDirectory(path, tokenFile, path.toString(), fix, found);
        } else if (Files.isRegularFile(path)) {
            fromZip(path, path.toString(), fix, found);
        } else {
            throw new MissingSourceException("cachebreaker: the retained release " + path + " (retainPaths, property"
                    + " cachebreaker.retain.paths) does not exist. Restore it (such as from the CI cache), or"
                    + " remove it from retainPaths.");
        }
    }

    /** A directory's token file offers its own tree and every retained tree still beside it. */
    private void fromDirectory(Path root, TokenFile tokenFile, String source, String fix, List<Candidate> found) {
        found.add(new Candidate(new RetainedRelease(tokenFile.token(), tokenFile.lastModified(),
                tokenFile.manifest()), source, new Origin.Directory(root.resolve(tokenFile.assetDirectory())), fix));
        for (RetainedRelease release : tokenFile.retained()) {
            Path dir = root.resolve(tokenFile.prefix().directory(release.token()));
            if (Files.isDirectory(dir)) {
                found.add(new Candidate(release, source, new Origin.Directory(dir), fix));
            } else {
                log.debug("cachebreaker: " + source + " lists retained token " + release.token() + " but has no "
                        + dir);
            }
        }
    }

    private void fromZip(Path zip, String source, String fix, List<Candidate> found) throws RetentionException {
        TokenFile tokenFile = RetainedZip.check(zip, source, fix);
        found.add(new Candidate(new RetainedRelease(tokenFile.token(), tokenFile.lastModified(),
                tokenFile.manifest()), source, new Origin.Zip(zip, tokenFile.assetDirectory()), fix));
    }

    private void fromArtifact(String text, List<Candidate> found) throws RetentionException {
        ReleaseRepository.Coordinates coordinates = ReleaseRepository.Coordinates.parse(text);
        List<String> versions;
        boolean latest = coordinates.version().equals(RetentionSettings.LATEST_RELEASE);
        if (latest || coordinates.version().equals(RetentionSettings.PREVIOUS_RELEASES)) {
            versions = repository.releasedVersionsBelow(coordinates, projectVersion);
            if (versions.isEmpty()) {
                log.info("cachebreaker: no released version of " + coordinates.groupId() + ":"
                        + coordinates.artifactId() + " below " + projectVersion + " in the repositories, so there is"
                        + " no previous release to retain (a first release)");
                return;
            }
            versions = versions.subList(0, Math.min(versions.size(), latest ? 1 : settings.releases()));
        } else {
            versions = List.of(coordinates.version());
        }
        for (String version : versions) {
            ReleaseRepository.Coordinates concrete = coordinates.withVersion(version);
            String fix = "Fix the coordinates " + text + " in retainArtifacts (property cachebreaker.retain.artifacts)"
                    + (settings.previousReleases() ? " or retainPreviousReleases" : "") + ", or deploy that"
                    + " release's static zip (goal static-zip) to the repository.";
            missingAllowed(() -> {
                Path zip;
                try {
                    zip = repository.resolve(concrete);
                } catch (MissingSourceException e) {
                    throw new MissingSourceException("cachebreaker: the previous release " + concrete + " cannot be"
                            + " resolved from the Maven repositories (" + e.getMessage() + "). " + fix);
                }
                fromZip(zip, concrete.toString(), fix, found);
            });
        }
    }
}
