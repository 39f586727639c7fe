package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.InvalidTokenException;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Chooses the deploy's token: an explicit {@code token} wins over {@code strategy}; whatever the source, the token
 * is then checked against {@link TokenStrategy#requireOrderable}, so an illegal token never reaches a URL.
 */
final class TokenResolver {
    private static final String SNAPSHOT = "-SNAPSHOT";

    /** A token and the strategy that made it, which the token file records. */
    record ResolvedToken(String token, TokenStrategy strategy) {
    }

    /** The part of resolving that needs a repository; a seam so that only the git strategy touches one. */
    interface GitSource {
        String token() throws MojoExecutionException, MojoFailureException;
    }

    private final BuildInstant buildInstant;
    private final String projectVersion;
    private final GitSource git;

    TokenResolver(BuildInstant buildInstant, String projectVersion, GitSource git) {
        this.buildInstant = buildInstant;
        this.projectVersion = projectVersion;
        this.git = git;
    }

    /**
     * @param explicitToken the {@code token} parameter, may be {@code null}
     * @param strategyName  the {@code strategy} parameter
     * @return the validated token and its strategy
     * @throws MojoFailureException   when the token is illegal, naming it and the allowed characters
     * @throws MojoExecutionException when the strategy is unknown or cannot produce a token
     */
    ResolvedToken resolve(String explicitToken, String strategyName)
            throws MojoExecutionException, MojoFailureException {
        TokenStrategy strategy;
        String token;
        if (explicitToken != null && !explicitToken.isEmpty()) {
            strategy = TokenStrategy.EXPLICIT;
            token = explicitToken;
        } else {
            strategy = parseStrategy(strategyName);
            token = switch (strategy) {
                case TIMESTAMP -> timestampToken();
                case GIT -> git.token();
                case VERSION -> versionToken();
                case EXPLICIT -> throw new MojoExecutionException("cachebreaker strategy 'explicit' needs a token:"
                        + " set the parameter 'token' (property 'cachebreaker.token'), or choose another strategy.");
            };
        }
        try {
            return new ResolvedToken(strategy.requireOrderable(token), strategy);
        } catch (InvalidTokenException e) {
            throw new MojoFailureException(e.getMessage() + " " + origin(strategy), e);
        }
    }

    private static String origin(TokenStrategy strategy) {
        return switch (strategy) {
            case EXPLICIT -> "The token came from the parameter 'token' (property 'cachebreaker.token').";
            case VERSION -> "The token came from the project version (strategy 'version'); fix <version> or"
                    + " choose another strategy with -Dcachebreaker.strategy.";
            default -> "The token came from strategy '" + strategy.id() + "'.";
        };
    }

    private static TokenStrategy parseStrategy(String name) throws MojoExecutionException {
        try {
            return TokenStrategy.fromId(name == null ? "timestamp" : name.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage() + " (parameter 'strategy', property"
                    + " 'cachebreaker.strategy'; 'explicit' is implied by setting 'token').", e);
        }
    }

    /** Zero-padded to 15 digits, so that text order equals numeric order until the year 33658. */
    private String timestampToken() {
        return String.format(Locale.ROOT, "%015d", buildInstant.instant().toEpochMilli());
    }

    /**
     * A snapshot gets the session's start time rather than outputTimestamp: two snapshot builds must never share a
     * token, even when the POM pins outputTimestamp for reproducible jars.
     */
    private String versionToken() {
        if (projectVersion.endsWith(SNAPSHOT)) {
            return projectVersion + "-" + BuildInstant.compact(buildInstant.sessionStart());
        }
        return projectVersion;
    }
}
