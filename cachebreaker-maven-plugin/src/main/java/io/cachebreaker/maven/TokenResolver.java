package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.InvalidTokenException;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.time.Instant;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Chooses the ordered part of the deploy's token, the part that places it among deploys: an explicit {@code token}
 * wins over {@code strategy}. It is checked with {@link TokenStrategy#requireOrderedPart} before anything is copied,
 * so an illegal token fails at once. The build appends the fingerprint of the assets later.
 *
 * <p>{@value #AUTO}, the default, is not a strategy of its own: it resolves to {@code git} inside a git work tree with
 * at least one commit and to {@code timestamp} (the build's clock) elsewhere, and the token file records which.
 */
final class TokenResolver {
    /** The default strategy name: git where there is a repository with a commit, else the build time. */
    static final String AUTO = "auto";

    private static final String SNAPSHOT = "-SNAPSHOT";
    private static final String DIRTY_SUFFIX = "-dirty";

    /**
     * The ordered part of a token, the strategy that made it (which the token file records), and the instant to send
     * as {@code Last-Modified}.
     */
    record ResolvedToken(String orderedPart, TokenStrategy strategy, Instant lastModified) {
    }

    /** The part of resolving that needs a repository; a seam so that only git and auto touch one. */
    interface GitSource {
        GitTokenSource.Lookup lookup() throws MojoExecutionException, MojoFailureException;
    }

    private final BuildInstant buildInstant;
    private final String projectVersion;
    private final GitSource git;
    private final Log log;

    TokenResolver(BuildInstant buildInstant, String projectVersion, GitSource git, Log log) {
        this.buildInstant = buildInstant;
        this.projectVersion = projectVersion;
        this.git = git;
        this.log = log;
    }

    /**
     * @param explicitToken the {@code token} parameter, may be {@code null}
     * @param strategyName  the {@code strategy} parameter; {@code null} means {@value #AUTO}
     * @return the validated ordered part and its strategy
     * @throws MojoFailureException   when the configuration cannot give a token: an illegal token, an unknown
     *                                strategy, strategy git without a repository
     * @throws MojoExecutionException when the repository cannot be read
     */
    ResolvedToken resolve(String explicitToken, String strategyName)
            throws MojoExecutionException, MojoFailureException {
        if (explicitToken != null && !explicitToken.isEmpty()) {
            return validated(new ResolvedToken(explicitToken, TokenStrategy.EXPLICIT, buildInstant.instant()));
        }
        String name = strategyName == null ? AUTO : strategyName.strip().toLowerCase(Locale.ROOT);
        if (name.equals(AUTO)) {
            return validated(auto());
        }
        TokenStrategy strategy = parseStrategy(name);
        ResolvedToken resolved = switch (strategy) {
            case TIMESTAMP -> timestamp();
            case GIT -> git(requireHead());
            case VERSION -> version();
            case EXPLICIT -> throw new MojoFailureException("cachebreaker strategy 'explicit' needs a token:"
                    + " set the token " + Parameters.named("token") + ", or choose another strategy.");
        };
        return validated(resolved);
    }

    private ResolvedToken validated(ResolvedToken resolved) throws MojoFailureException {
        String part = resolved.orderedPart();
        try {
            resolved.strategy().requireOrderedPart(part);
        } catch (InvalidTokenException e) {
            throw new MojoFailureException(e.getMessage() + " " + origin(resolved.strategy()), e);
        }
        return resolved;
    }

    private static String origin(TokenStrategy strategy) {
        return switch (strategy) {
            case EXPLICIT -> "The token came from " + Parameters.named("token") + ".";
            case VERSION -> "The token came from the project version (strategy 'version'); fix <version> or"
                    + " choose another strategy with -Dcachebreaker.strategy.";
            default -> "The token came from strategy '" + strategy.id() + "'.";
        };
    }

    private static TokenStrategy parseStrategy(String name) throws MojoFailureException {
        try {
            return TokenStrategy.fromId(name);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("Unknown cachebreaker strategy '" + name + "' "
                    + Parameters.named("strategy") + "; use one of " + AUTO + ", timestamp, git, version"
                    + " ('explicit' is implied by setting 'token').", e);
        }
    }

    /** Git where there is a repository with a commit; otherwise the build's clock, never outputTimestamp. */
    private ResolvedToken auto() throws MojoExecutionException, MojoFailureException {
        GitTokenSource.Lookup lookup = git.lookup();
        if (lookup.head() != null) {
            log.info("cachebreaker: strategy auto chose git: the project is in a git work tree with a commit");
            return git(lookup.head());
        }
        Instant start = buildInstant.sessionStart();
        log.info("cachebreaker: strategy auto chose timestamp, the build time " + start + ": it " + lookup.missing()
                + ". (With a repository it would choose git.)");
        return new ResolvedToken(millis(start), TokenStrategy.TIMESTAMP, buildInstant.instant());
    }

    private GitTokenSource.Head requireHead() throws MojoExecutionException, MojoFailureException {
        GitTokenSource.Lookup lookup = git.lookup();
        if (lookup.head() == null) {
            throw new MojoFailureException("cachebreaker strategy 'git' " + lookup.missing() + ". Build inside a git"
                    + " checkout with a commit, pass the token explicitly (-Dcachebreaker.token=<release tag or commit"
                    + " id>), or use another strategy (-Dcachebreaker.strategy=timestamp, version or auto).");
        }
        return lookup.head();
    }

    /**
     * A clean tree gives HEAD's commit time and sha, so every build of a commit has the same ordered part. A dirty
     * tree (with gitDirty {@code suffix}) gives the build time instead, so that later dirty builds order after
     * earlier ones and after their commit.
     */
    private ResolvedToken git(GitTokenSource.Head head) {
        if (!head.dirty()) {
            Instant lastModified = buildInstant.reproducible() ? buildInstant.instant() : head.commitTime();
            return new ResolvedToken(BuildInstant.compact(head.commitTime()) + "-" + head.sha(), TokenStrategy.GIT,
                    lastModified);
        }
        Instant start = buildInstant.sessionStart();
        Instant time = start.isAfter(head.commitTime()) ? start : head.commitTime();
        log.info("cachebreaker: the git work tree has uncommitted changes; the token carries the build time and"
                + " -dirty");
        return new ResolvedToken(BuildInstant.compact(time) + "-" + head.sha() + DIRTY_SUFFIX, TokenStrategy.GIT,
                buildInstant.reproducible() ? buildInstant.instant() : time);
    }

    /**
     * outputTimestamp when the project pins it, else the session start. Maven 4's super-POM default does not count
     * as pinned ({@link BuildInstant}).
     */
    private ResolvedToken timestamp() {
        if (buildInstant.maven4Default()) {
            log.info("cachebreaker: project.build.outputTimestamp is " + BuildInstant.MAVEN_4_DEFAULT + ", Maven 4's"
                    + " default for every project rather than this project's choice; the timestamp token takes the"
                    + " build time " + buildInstant.sessionStart() + " instead.");
        }
        return new ResolvedToken(millis(buildInstant.instant()), TokenStrategy.TIMESTAMP, buildInstant.instant());
    }

    /** Zero-padded to 15 digits, so that text order equals numeric order until the year 33658. */
    private static String millis(Instant instant) {
        return String.format(Locale.ROOT, "%015d", instant.toEpochMilli());
    }

    /**
     * A snapshot gets the session's start time rather than outputTimestamp: two snapshot builds of one version
     * order by when they were built, even when the POM pins outputTimestamp for reproducible jars.
     */
    private ResolvedToken version() {
        if (projectVersion.endsWith(SNAPSHOT)) {
            return new ResolvedToken(projectVersion + "-" + BuildInstant.compact(buildInstant.sessionStart()),
                    TokenStrategy.VERSION, buildInstant.instant());
        }
        return new ResolvedToken(projectVersion, TokenStrategy.VERSION, buildInstant.instant());
    }
}
