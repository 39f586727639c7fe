package io.cachebreaker.runtime.tokenfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Property tests of every {@link TokenOrder} with a seeded generator ({@code -Dcachebreaker.property.seed=N}
 * explores other samples), over the whole token alphabet and lengths up to the limit: each order is total on the
 * tokens it accepts (zero only for equal tokens, antisymmetric, transitive) and never throws.
 */
class TokenOrderPropertyTest {
    static final long SEED = Long.getLong("cachebreaker.property.seed", 20261124L);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
    private static final List<String> VERSION_PARTS = List.of("0", "1", "2", "9", "10", "00", "01", ".", "-", "_",
            "alpha", "a", "beta", "b", "milestone", "m", "rc", "cr", "SNAPSHOT", "ga", "final", "release", "sp", "x",
            "20261124213206", "99999999999999999999");

    private static String token(TokenStrategy strategy, Random random) {
        StringBuilder token = new StringBuilder();
        switch (strategy) {
            case TIMESTAMP -> {
                int length = 1 + random.nextInt(random.nextInt(8) == 0 ? 64 : 4);
                for (int i = 0; i < length; i++) {
                    token.append((char) ('0' + random.nextInt(random.nextBoolean() ? 2 : 10)));
                }
            }
            case GIT -> {
                token.append(String.format("2026%010d-", random.nextInt(4)));
                int sha = 4 + random.nextInt(random.nextBoolean() ? 3 : 37);
                for (int i = 0; i < sha; i++) {
                    token.append("0123456789abcdef".charAt(random.nextInt(random.nextBoolean() ? 2 : 16)));
                }
                if (random.nextBoolean()) {
                    token.append("-dirty");
                }
            }
            case VERSION -> {
                // A version starts with a number, as every project version does. Maven's order, which this one
                // follows, is not transitive once a token starts with a qualifier or a separator: see
                // mavenOrderIsNotTransitiveOnTokensThatStartWithoutANumber.
                token.append(random.nextInt(random.nextBoolean() ? 3 : 20));
                int parts = random.nextInt(6);
                for (int i = 0; i < parts; i++) {
                    token.append(VERSION_PARTS.get(random.nextInt(VERSION_PARTS.size())));
                }
            }
            case EXPLICIT -> {
                int length = 1 + random.nextInt(random.nextInt(8) == 0 ? 64 : 6);
                for (int i = 0; i < length; i++) {
                    token.append(ALPHABET.charAt(random.nextInt(random.nextBoolean() ? 6 : ALPHABET.length())));
                }
            }
        }
        return token.length() > TokenSyntax.MAX_LENGTH ? token.substring(0, TokenSyntax.MAX_LENGTH) : token.toString();
    }

    private static List<String> tokens(TokenStrategy strategy, int count, Random random) {
        List<String> tokens = new ArrayList<>();
        while (tokens.size() < count) {
            String token = token(strategy, random);
            if (TokenSyntax.isValid(token) && strategy.order().accepts(token)) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    @ParameterizedTest
    @EnumSource(TokenStrategy.class)
    void eachOrderIsATotalOrder(TokenStrategy strategy) {
        Random random = new Random(SEED + strategy.ordinal());
        TokenOrder order = strategy.order();
        List<String> tokens = tokens(strategy, 400, random);
        for (String a : tokens) {
            for (String b : tokens) {
                int ab = Integer.signum(order.compare(a, b));
                assertEquals(-ab, Integer.signum(order.compare(b, a)), strategy + " antisymmetric: " + a + " " + b);
                assertEquals(a.equals(b), ab == 0, strategy + " zero only when equal: " + a + " " + b);
            }
        }
        // Transitivity on sampled triples, then on the whole sample: a sort by a non-transitive order leaves pairs
        // out of place.
        for (int i = 0; i < 300_000; i++) {
            String a = tokens.get(random.nextInt(tokens.size()));
            String b = tokens.get(random.nextInt(tokens.size()));
            String c = tokens.get(random.nextInt(tokens.size()));
            if (order.compare(a, b) <= 0 && order.compare(b, c) <= 0) {
                assertTrue(order.compare(a, c) <= 0, strategy + " transitive: " + a + " <= " + b + " <= " + c);
            }
        }
        List<String> sorted = new ArrayList<>(tokens);
        sorted.sort(order);
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                assertTrue(order.compare(sorted.get(i), sorted.get(j)) <= 0,
                        strategy + " sorted: " + sorted.get(i) + " before " + sorted.get(j));
            }
        }
    }

    /**
     * The known exception, kept visible: Maven's {@code ComparableVersion}, which {@link VersionTokenOrder} agrees
     * with, ranks a list above a qualifier but compares both against an absent part by qualifier rank, so three
     * tokens that start without a number can form a cycle. A request's token only ever meets the current one, so the
     * judge's single comparison stays well defined; a version that starts with a number never meets this.
     */
    @Test
    void mavenOrderIsNotTransitiveOnTokensThatStartWithoutANumber() {
        TokenOrder order = TokenStrategy.VERSION.order();
        assertTrue(order.compare("00SNAPSHOT", "-") < 0);
        assertTrue(order.compare("-", "x1") < 0);
        assertTrue(order.compare("00SNAPSHOT", "x1") > 0, "if this fails, the cycle is gone: drop this test");
        // Which is why the version order only accepts tokens that start with a digit.
        assertTrue(order.accepts("00SNAPSHOT"));
        assertFalse(order.accepts("-"));
        assertFalse(order.accepts("x1"));
    }

    /** Whatever legal token a request carries, asking the order about it never throws. */
    @Test
    void anyLegalTokenCanBeAskedAbout() {
        Random random = new Random(SEED);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder token = new StringBuilder();
            int length = 1 + random.nextInt(TokenSyntax.MAX_LENGTH);
            for (int c = 0; c < length; c++) {
                token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String t = token.toString();
            if (!TokenSyntax.isValid(t)) {
                continue;
            }
            for (TokenStrategy strategy : TokenStrategy.values()) {
                TokenOrder order = strategy.order();
                if (order.accepts(t)) {
                    String other = tokens(strategy, 1, random).get(0);
                    assertEquals(Integer.signum(order.compare(t, other)), -Integer.signum(order.compare(other, t)),
                            strategy + ": " + t + " vs " + other);
                }
            }
        }
    }
}
