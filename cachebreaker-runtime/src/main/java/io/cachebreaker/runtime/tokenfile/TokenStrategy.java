package io.cachebreaker.runtime.tokenfile;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a token came from, and so how tokens of that kind are ordered. The token file records it, so the runtime
 * orders tokens it has never seen by the rule of the build that made its own.
 */
public enum TokenStrategy {
    /** The build time in epoch milliseconds, zero-padded; numeric order. */
    TIMESTAMP("timestamp", new NumericTokenOrder()),
    /** {@code <commit time yyyyMMddHHmmss UTC>-<abbreviated sha>[-dirty]}; commit time, then sha. */
    GIT("git", new GitTokenOrder()),
    /** The project version, with the build time appended to a snapshot; Maven version order. */
    VERSION("version", new VersionTokenOrder()),
    /** A token given by hand or by CI; natural order, in which digit runs compare as numbers. */
    EXPLICIT("explicit", new NaturalTokenOrder());

    private final String id;
    private final TokenOrder order;

    TokenStrategy(String id, TokenOrder order) {
        this.id = id;
        this.order = order;
    }

    /** @return the name used in the token file and in the plugin's {@code strategy} parameter */
    public String id() {
        return id;
    }

    /** @return the order of this strategy's tokens */
    public TokenOrder order() {
        return order;
    }

    /**
     * Checks that {@code token} is legal and that this strategy can order it.
     *
     * @param token a candidate token
     * @return the same token
     * @throws InvalidTokenException naming the token, the strategy and the expected form
     */
    public String requireOrderable(String token) {
        TokenSyntax.requireValid(token);
        if (!order.accepts(token)) {
            throw new InvalidTokenException("Invalid cachebreaker token " + TokenSyntax.quote(token) + " for strategy '"
                    + id + "': " + expectedForm() + ".");
        }
        return token;
    }

    private String expectedForm() {
        return switch (this) {
            case TIMESTAMP -> "a timestamp token is digits only, such as 001732484326123";
            case GIT -> "a git token is <yyyyMMddHHmmss>-<4 to 40 lowercase hex digits>[-dirty],"
                    + " such as 20261124213206-a1b2c3d";
            case VERSION -> "a version token starts with a digit, such as 1.4.2 or 1.5.0-SNAPSHOT-20261124213206,"
                    + " because Maven's version order is not a total order on versions that do not";
            case EXPLICIT -> "any legal token";
        };
    }

    /**
     * Looks a strategy up by its {@link #id()}, ignoring case.
     *
     * @param id the name, such as {@code git}
     * @return the strategy
     * @throws IllegalArgumentException naming the allowed values
     */
    public static TokenStrategy fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (TokenStrategy strategy : values()) {
            if (strategy.id.equals(wanted)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("Unknown cachebreaker strategy '" + id + "'; use one of "
                + Arrays.stream(values()).map(TokenStrategy::id).collect(Collectors.joining(", ")) + ".");
    }
}
