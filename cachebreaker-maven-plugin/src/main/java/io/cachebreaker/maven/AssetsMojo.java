package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Copies the static assets under a per-deploy token directory ({@code static/<token>/} by default), precompresses
 * them, and writes the token file {@code META-INF/cachebreaker.properties} that cachebreaker-runtime reads.
 *
 * <p>Bound to {@code process-resources}, so that tests, {@code jetty:run}, {@code spring-boot:run} and the packaged
 * jar or war all see the assets.
 */
@Mojo(name = "assets", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public class AssetsMojo extends AbstractMojo {
    static final String DEFAULT_SOURCE_DIRECTORY = "src/main/static";

    /**
     * Skips the goal; the build logs that it did.
     */
    @Parameter(property = "cachebreaker.skip", defaultValue = "false")
    boolean skip;

    /**
     * An explicit token, such as a release tag or a commit id injected by CI. When set it wins over
     * {@code strategy}, and the token file records the strategy {@code explicit}. It must be 1 to 64 characters of
     * {@code [A-Za-z0-9._-]} and not {@code .} or {@code ..}; anything else (such as {@code release/1.2}) fails
     * the build. The fingerprint of the assets is appended ({@code rel-7-9f3e1b2a}), so the same token given to two
     * builds with different assets still gives two tokens.
     */
    @Parameter(property = "cachebreaker.token")
    String token;

    /**
     * How to make the ordered part of the token when {@code token} is not set: {@code auto} (the default:
     * {@code git} inside a git work tree with at least one commit, else {@code timestamp} from the build's clock),
     * {@code timestamp} (the build time in zero-padded epoch milliseconds; {@code project.build.outputTimestamp} when
     * the project pins it, but not Maven 4's default 1980-02-01T00:00:00Z), {@code git} (HEAD's commit time and
     * abbreviated sha; with uncommitted changes the build time, the sha and {@code -dirty}) or {@code version} (the
     * project version; a snapshot gets the build time appended). Every token then ends with the fingerprint of the
     * assets.
     */
    @Parameter(property = "cachebreaker.strategy", defaultValue = "auto")
    String strategy;

    /**
     * For strategy {@code git}: the number of hex digits of the commit sha to keep, 4 to 40. More are kept when
     * needed to stay unique in the repository.
     */
    @Parameter(property = "cachebreaker.gitAbbrev", defaultValue = "7")
    int gitAbbrev;

    /**
     * For strategy {@code git} (and {@code auto} when it chooses git): what a working tree with uncommitted changes
     * to tracked files does to the token: {@code suffix} (the default: the token takes the build time instead of the
     * commit time and ends in {@code -dirty}, so dirty builds order after their commit and after each other),
     * {@code ignore} (do not look; dirty builds of one commit share the ordered part, and only the fingerprint tells
     * them apart) or {@code fail} (fail the build). Looking costs a walk of the working tree.
     */
    @Parameter(property = "cachebreaker.gitDirty", defaultValue = "suffix")
    String gitDirty;

    /**
     * Leaves the fingerprint of the assets off the token, so that the token is exactly what the strategy or
     * {@code token} made. Unsafe: an asset that changes while the token stays the same stays stale in browsers and
     * CDNs for cacheMaxAge (a year, as immutable), or is blocked by Subresource Integrity. The build warns.
     */
    @Parameter(property = "cachebreaker.unsafeOmitFingerprint", defaultValue = "false")
    boolean unsafeOmitFingerprint;

    /**
     * The directory of the assets to copy. Defaults to {@code src/main/static} in the project directory; when that
     * default is missing the goal logs and skips, but a directory set here that is missing fails the build.
     */
    @Parameter(property = "cachebreaker.sourceDirectory")
    File sourceDirectory;

    /**
     * Ant-style patterns, relative to {@code sourceDirectory}, of the files to copy, such as {@code **}{@code /*.css}.
     * Default: every file.
     */
    @Parameter
    List<String> includes;

    /**
     * Ant-style patterns, relative to {@code sourceDirectory}, of files to leave out, such as
     * {@code **}{@code /*.scss}.
     */
    @Parameter
    List<String> excludes;

    /**
     * Where the token directory and {@code META-INF/cachebreaker.properties} go; the class path root of the build.
     */
    @Parameter(property = "cachebreaker.outputDirectory", defaultValue = "${project.build.outputDirectory}",
            required = true)
    File outputDirectory;

    /**
     * The path of a token's assets below {@code outputDirectory}, and the URL path below the context path. It must
     * contain {@code {token}} as a whole path segment after at least one other segment, such as
     * {@code static/{token}} or {@code assets/v/{token}}.
     */
    @Parameter(property = "cachebreaker.prefix", defaultValue = "static/{token}")
    String prefix;

    /**
     * Writes {@code .gz} (and, where available, {@code .br}) siblings of compressible assets (css, js, mjs, json, map,
     * svg, html, txt, xml, wasm, webmanifest, ico) when they are smaller than the original.
     */
    @Parameter(property = "cachebreaker.precompress", defaultValue = "true")
    boolean precompress;

    /**
     * With {@code precompress}, also writes Brotli {@code .br} siblings. Needs brotli4j's native library; where none
     * loads, the goal warns and writes gzip only.
     */
    @Parameter(property = "cachebreaker.brotli", defaultValue = "true")
    boolean brotli;

    /**
     * With {@code brotli}, the Brotli quality, 0 to 11. 11, the default, makes the smallest files and costs the most
     * build time: on the benchmark's text, 10 makes about 2 % larger files for about 2.5x less CPU, and 9 or lower
     * about 10 % larger ones (see BENCHMARKS.md, section 7). Lower it for large asset sets built often.
     */
    @Parameter(property = "cachebreaker.brotliQuality", defaultValue = Precompressor.DEFAULT_BROTLI_QUALITY)
    int brotliQuality = Integer.parseInt(Precompressor.DEFAULT_BROTLI_QUALITY);

    /**
     * The reproducible build instant, as maven-jar-plugin reads it: an ISO-8601 instant or seconds since the epoch.
     * When set, strategy {@code timestamp} and the token file's {@code lastModified} use it instead of the clock.
     * Maven 4's super-POM default {@code 1980-02-01T00:00:00Z} counts as not set.
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    String outputTimestamp;

    /**
     * The project version, the token of strategy {@code version}.
     */
    @Parameter(defaultValue = "${project.version}", readonly = true, required = true)
    String projectVersion;

    /**
     * The project's directory: where the search for a git repository starts, and the base of the default
     * {@code sourceDirectory}. The search honours the environment variable {@code GIT_CEILING_DIRECTORIES}.
     */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    /**
     * When the Maven session started: the build time of all modules of one build.
     */
    @Parameter(defaultValue = "${session.request.startTime}", readonly = true)
    Date sessionStartTime;

    /**
     * The project's build directory: the goal keeps its build record there, under {@code cachebreaker/}, outside the
     * output that is packaged.
     */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    File buildDirectory;

    /** This execution's id, which names its build record, so that two executions of the goal keep one each. */
    @Parameter(defaultValue = "${mojoExecution.executionId}", readonly = true)
    String executionId;

    // ------------------------------------------------------------------------------------------------ retention
    // Keeping previous releases' assets in the artifact, so pages of those releases keep their exact bytes. Off
    // unless a source is configured: retainPreviousReleases, retainArtifacts, retainPaths or retainOutput.

    /**
     * How many previous releases to keep at most, newest (by build instant) first. Each costs its whole asset tree in
     * the artifact; 2 covers the release before the last one still open in browsers and cached by CDNs during and after
     * a deploy, as Phoenix keeps 2 and Propshaft 3. {@code 0} turns retention off.
     */
    @Parameter(property = "cachebreaker.retain.releases", defaultValue = "2")
    int retainReleases;

    /**
     * Retains the newest released versions (up to {@code retainReleases}) of this very project that are older than
     * its version, from their {@code static} zips (goal {@code static-zip}) in the Maven repositories. Short for the
     * {@code retainArtifacts} entry {@code ${project.groupId}:${project.artifactId}:zip:static:PREVIOUS_RELEASES}.
     * Finding no released version (a first release) is not an error; it is logged.
     */
    @Parameter(property = "cachebreaker.retain.previousReleases", defaultValue = "false")
    boolean retainPreviousReleases;

    /**
     * Static zips of previous releases to resolve from the Maven repositories, as
     * {@code groupId:artifactId[:extension[:classifier]]:version} (extension {@code zip} and classifier
     * {@code static} by default). The version {@code PREVIOUS_RELEASES} means the newest released versions older than
     * the project's, up to {@code retainReleases}; {@code LATEST_RELEASE} the newest one only.
     */
    @Parameter(property = "cachebreaker.retain.artifacts")
    List<String> retainArtifacts;

    /**
     * Previous releases given by path, such as kept in a CI cache: a static zip, or a directory holding
     * {@code META-INF/cachebreaker.properties} and its token directories (an unpacked static zip, or a previous
     * build's output directory).
     */
    @Parameter(property = "cachebreaker.retain.paths")
    List<File> retainPaths;

    /**
     * Carries forward, in a build without {@code clean}, the token directories that the previous build left in
     * {@code outputDirectory}: its own tree and the trees it retained, as its token file names them.
     */
    @Parameter(property = "cachebreaker.retain.output", defaultValue = "false")
    boolean retainOutput;

    /**
     * What a configured source that is not there does: {@code fail} (the default, naming the source and the fix) or
     * {@code warn} (build without it). A corrupt or unsafe source always fails.
     */
    @Parameter(property = "cachebreaker.retain.missing", defaultValue = "fail")
    String retainMissing;

    /**
     * The most bytes that retained trees may add to the artifact, precompressed siblings included, such as
     * {@code 64MiB}. Releases that would go over it are dropped, oldest first, with a warning; their pages get the
     * redirect to the current token instead.
     */
    @Parameter(property = "cachebreaker.retain.maxBytes", defaultValue = RetentionSettings.DEFAULT_MAX_BYTES)
    String retainMaxBytes;

    /** The project's group, for {@code retainPreviousReleases}. */
    @Parameter(defaultValue = "${project.groupId}", readonly = true)
    String projectGroupId;

    /** The project's artifact id, for {@code retainPreviousReleases}. */
    @Parameter(defaultValue = "${project.artifactId}", readonly = true)
    String projectArtifactId;

    /** The build session, whose resolver session retained artifacts are resolved with. */
    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    /** The project's remote repositories that retained artifacts are resolved from. */
    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    List<RemoteRepository> remoteRepositories;

    /** Resolves retained artifacts; {@code null} when the mojo was made without one, such as in benchmarks. */
    final RepositorySystem repositorySystem;

    /** Where retained artifacts come from when set (tests); otherwise the repository system's repositories. */
    ReleaseRepository releaseRepository;

    /** @return the retention this build asks for; nothing is read yet */
    RetainedReleases retention() throws MojoExecutionException {
        RetentionSettings settings = new RetentionSettings(retainReleases, retainPreviousReleases, retainArtifacts,
                retainPaths == null ? List.of() : retainPaths.stream().map(File::toPath).toList(), retainOutput,
                RetentionSettings.Missing.parse(retainMissing), RetentionSettings.parseBytes(retainMaxBytes));
        if (settings.releases() < 0) {
            throw new MojoExecutionException("cachebreaker: retainReleases (property cachebreaker.retain.releases) is "
                    + settings.releases() + "; use 0 (keep none) or more.");
        }
        if (!settings.enabled()) {
            return RetainedReleases.NONE;
        }
        RepositorySystemSession repositorySession = session == null ? null : session.getRepositorySession();
        ReleaseRepository repository = releaseRepository != null ? releaseRepository
                : repositorySystem == null || repositorySession == null ? ReleaseRepository.NONE
                : new MavenReleaseRepository(repositorySystem, repositorySession, remoteRepositories);
        return new RetainedReleases(settings, repository, projectGroupId, projectArtifactId, projectVersion,
                getLog());
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Tells an IDE's incremental build (m2e) what changed and what was written; a no-op on the command line. */
    final BuildContext buildContext;

    @Inject
    public AssetsMojo(BuildContext buildContext, RepositorySystem repositorySystem) {
        this.buildContext = buildContext;
        this.repositorySystem = repositorySystem;
    }

    /** A mojo that resolves nothing from repositories, for tests and benchmarks. */
    public AssetsMojo(BuildContext buildContext) {
        this(buildContext, null);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("cachebreaker: skipping the assets goal, as skip " + Parameters.named("skip")
                    + " is true");
            return;
        }
        long started = System.nanoTime();
        Path source = sourceDirectory();
        if (source == null) {
            return;
        }
        if (buildContext.isIncremental() && !buildContext.hasDelta(source.toFile())
                && Files.isRegularFile(outputDirectory.toPath().resolve(TokenFile.RESOURCE))) {
            getLog().debug("cachebreaker: no change in " + source + ", nothing to do");
            return;
        }
        BuildInstant instant = BuildInstant.of(outputTimestamp, sessionStartTime);
        TokenResolver resolver = new TokenResolver(instant, projectVersion,
                () -> new GitTokenSource(basedir, gitAbbrev, GitTokenSource.DirtyPolicy.parse(gitDirty), getLog())
                        .lookup(), getLog());
        int quality = Precompressor.requireQuality(brotliQuality);
        Precompressor precompressor = precompress ? new Precompressor(brotli, quality, getLog()) : null;
        AssetBuild.Settings settings = new AssetBuild.Settings(token, strategy, prefix, source, includes, excludes,
                outputDirectory.toPath(), precompressor, unsafeOmitFingerprint, AssetCopier.defaultThreads(),
                buildRecord());
        AssetBuild.Outcome outcome = new AssetBuild(resolver, getLog(), this::refresh, retention(),
                AssetBuild.Probe.NONE).run(settings);

        TokenSummary file = outcome.summary();
        getLog().info(String.format("cachebreaker: token %s (strategy %s), %d assets, %d bytes, %d precompressed,"
                        + " %s, %d previous releases retained, in %d ms", file.token(), file.strategy().id(),
                file.assets(), file.bytes(), file.precompressed(), outcome.published()
                        ? outcome.written() + " files written" : "unchanged, nothing written",
                file.retained(), (System.nanoTime() - started) / 1_000_000));
    }

    /** @return where this execution's build record goes, or {@code null} when the project has no build directory */
    Path buildRecord() {
        if (buildDirectory == null) {
            return null;
        }
        String name = executionId == null || executionId.isBlank() ? "default" : executionId.replaceAll(
                "[^A-Za-z0-9._-]", "_");
        return buildDirectory.toPath().resolve("cachebreaker").resolve(name + ".record");
    }

    /** @return the source directory, or {@code null} when the default one is missing and the goal skips */
    private Path sourceDirectory() throws MojoFailureException {
        if (sourceDirectory == null) {
            Path fallback = basedir.toPath().resolve(DEFAULT_SOURCE_DIRECTORY);
            if (!Files.isDirectory(fallback)) {
                getLog().info("cachebreaker: skipping, there is no " + fallback + " (set "
                        + Parameters.named("sourceDirectory") + " for another place)");
                return null;
            }
            return fallback;
        }
        Path configured = sourceDirectory.toPath();
        if (!Files.isDirectory(configured)) {
            throw new MojoFailureException("The cachebreaker sourceDirectory " + configured + " "
                    + Parameters.named("sourceDirectory") + " does not exist or is not a directory. Create it, fix"
                    + " the path, or remove the parameter to use " + DEFAULT_SOURCE_DIRECTORY + ".");
        }
        return configured;
    }

    private void refresh(Path written) {
        buildContext.refresh(written.toFile());
    }
}
