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

    /** @return the order of this strategy's ordered parts; {@link #compare} applies it to whole tokens */
    public TokenOrder order() {
        return order;
    }

    /**
     * The part of a token that this strategy orders: the token without its {@linkplain Fingerprint fingerprint}, or
     * the whole token when it has none (as tokens made before fingerprints had).
     *
     * <p>A trailing {@code -} and {@value Fingerprint#LENGTH} hex digits count as a fingerprint only when what stands
     * before them is a token of this strategy, so the old git token {@code 20261124213206-a1b2c3d4} keeps its sha.
     *
     * @param token a legal token
     * @return the ordered part
     */
    public String orderedPart(String token) {
        String fingerprint = Fingerprint.suffixOf(token);
        if (fingerprint != null) {
            String rest = token.substring(0, token.length() - Fingerprint.LENGTH - 1);
            if (order.accepts(rest)) {
                return rest;
            }
        }
        return token;
    }

    /**
     * Whether this strategy can place a legal token, with or without a fingerprint.
     *
     * @param token a legal token
     * @return true when its ordered part is well formed for this strategy
     */
    public boolean accepts(String token) {
        return order.accepts(orderedPart(token));
    }

    /**
     * Places two accepted tokens by their ordered parts; the fingerprints do not take part.
     *
     * @param first  a token
     * @param second another token
     * @return negative when {@code first} is older, positive when newer, and zero when both have the same ordered
     *         part, so that only the fingerprint (or its absence) tells them apart and no order exists between them
     */
    public int compare(String first, String second) {
        return order.compare(orderedPart(first), orderedPart(second));
    }

    /**
     * A token made of an ordered part and the fingerprint of the bytes it serves.
     *
     * @param orderedPart what the strategy made, such as {@code 1.4.2}
     * @param fingerprint from {@link Fingerprint#of}
     * @return such as {@code 1.4.2-9f3e1b2a}
     * @throws InvalidTokenException when the ordered part is not one of this strategy's, or the whole is too long
     */
    public String withFingerprint(String orderedPart, String fingerprint) {
        requireOrderedPart(orderedPart);
        if (!Fingerprint.isFingerprint(fingerprint)) {
            throw new IllegalArgumentException("Not a fingerprint: " + fingerprint);
        }
        return requireOrderable(orderedPart + Fingerprint.SEPARATOR + fingerprint);
    }

    /**
     * Checks that a strategy's own output, before any fingerprint, is legal and orderable.
     *
     * @param orderedPart a candidate
     * @return the same text
     * @throws InvalidTokenException naming it, the strategy and the expected form
     */
    public String requireOrderedPart(String orderedPart) {
        TokenSyntax.requireValid(orderedPart);
        if (!order.accepts(orderedPart)) {
            throw new InvalidTokenException("Invalid cachebreaker token " + TokenSyntax.quote(orderedPart)
                    + " for strategy '" + id + "': " + expectedForm() + ".");
        }
        return orderedPart;
    }

    /**
     * Checks that {@code token} is legal and that this strategy can order it, with or without a fingerprint.
     *
     * @param token a candidate token
     * @return the same token
     * @throws InvalidTokenException naming the token, the strategy and the expected form
     */
    public String requireOrderable(String token) {
        TokenSyntax.requireValid(token);
        if (!accepts(token)) {
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
