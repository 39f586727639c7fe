package io.cachebreaker.runtime.tokenfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenOrderTest {

    private static void assertAscending(TokenStrategy strategy, String... tokens) {
        TokenOrder order = strategy.order();
        for (int i = 0; i < tokens.length; i++) {
            assertTrue(order.accepts(tokens[i]), strategy + " accepts " + tokens[i]);
            assertEquals(0, order.compare(tokens[i], tokens[i]));
            for (int j = i + 1; j < tokens.length; j++) {
                assertTrue(order.compare(tokens[i], tokens[j]) < 0, tokens[i] + " < " + tokens[j]);
                assertTrue(order.compare(tokens[j], tokens[i]) > 0, tokens[j] + " > " + tokens[i]);
            }
        }
    }

    @Test
    void timestampIsNumeric() {
        assertAscending(TokenStrategy.TIMESTAMP, "9", "000000000010", "001732484326123", "1732484326124",
                "99999999999999999999999999999");
        assertFalse(TokenStrategy.TIMESTAMP.order().accepts("12a"));
    }

    @Test
    void gitIsCommitTimeThenShaThenDirty() {
        assertAscending(TokenStrategy.GIT, "20250101000000-ffffff", "20261124213206-a1b2c3d",
                "20261124213206-a1b2c3d-dirty", "20261124213206-b0000000", "20261124213207-0000");
        assertFalse(TokenStrategy.GIT.order().accepts("20261124213206-A1B2C3D"));
        assertFalse(TokenStrategy.GIT.order().accepts("2026112421320-a1b2c3d"));
        assertFalse(TokenStrategy.GIT.order().accepts("20261124213206-abc"));
    }

    @Test
    void versionIsMavenOrder() {
        assertAscending(TokenStrategy.VERSION, "1.0-alpha-1", "1.0-beta1", "1.0-m1", "1.0-rc1",
                "1.0-SNAPSHOT-20261124213206", "1.0", "1.0-sp1", "1.0.1", "1.9.0", "1.10.0",
                "1.10.0-1", "1.10.1");
        assertAscending(TokenStrategy.VERSION, "1.5.0-SNAPSHOT-20261124213206", "1.5.0-SNAPSHOT-20261124213207",
                "1.5.0");
        // A qualifier after a dot compares like one after a dash; every trailing part counts.
        assertAscending(TokenStrategy.VERSION, "1.0.alpha", "1.0-alpha-1", "1.0.RC1", "1.0-RC2", "1.0", "1-0.1");
        TokenOrder order = TokenStrategy.VERSION.order();
        // Same version, different spelling: ordered, but only by text.
        assertTrue(order.compare("1.0", "1.0.0") != 0);
        assertEquals(Integer.signum(order.compare("1.0", "1.0.0")), -Integer.signum(order.compare("1.0.0", "1.0")));
    }

    @Test
    void explicitIsNatural() {
        assertAscending(TokenStrategy.EXPLICIT, "9", "10", "rel-2026.9.1", "rel-2026.11.3", "rel-2026.11.10",
                "rel-2026.11.10a", "rel-b");
    }

    @Test
    void everyOrderIsTotal() {
        Random random = new Random(42);
        String alphabet = "0123456789abcdef.-_SNAPSHOTrc";
        for (TokenStrategy strategy : TokenStrategy.values()) {
            List<String> tokens = new ArrayList<>();
            while (tokens.size() < 60) {
                String token = strategy == TokenStrategy.GIT
                        ? String.format("2026%010d-%07x%s", random.nextInt(3), random.nextInt(4),
                                random.nextBoolean() ? "-dirty" : "")
                        : randomToken(random, strategy == TokenStrategy.TIMESTAMP ? "0123" : alphabet);
                if (strategy.order().accepts(token)) {
                    tokens.add(token);
                }
            }
            TokenOrder order = strategy.order();
            for (String a : tokens) {
                for (String b : tokens) {
                    int ab = Integer.signum(order.compare(a, b));
                    assertEquals(-ab, Integer.signum(order.compare(b, a)), strategy + ": " + a + " vs " + b);
                    assertEquals(a.equals(b), ab == 0, strategy + ": " + a + " vs " + b);
                    for (String c : tokens) {
                        if (ab < 0 && order.compare(b, c) < 0) {
                            assertTrue(order.compare(a, c) < 0, strategy + ": " + a + " < " + b + " < " + c);
                        }
                    }
                }
            }
        }
    }

    private static String randomToken(Random random, String alphabet) {
        StringBuilder token = new StringBuilder();
        int length = 1 + random.nextInt(8);
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    @Test
    void syntaxRejectsWhatBreaksUrls() {
        for (String bad : new String[] {"", ".", "..", "release/1.2", "a b", "a+b", "x".repeat(TokenSyntax.MAX_LENGTH + 1), "caf\u00e9",
                "a%2fb", "a\nb"}) {
            InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> TokenSyntax.requireValid(bad));
            assertTrue(e.getMessage().contains("[A-Za-z0-9._-]"), e.getMessage());
        }
        assertEquals("rel-2026.11.3_x", TokenSyntax.requireValid("rel-2026.11.3_x"));
    }

    @Test
    void strategyLookupNamesChoices() {
        assertEquals(TokenStrategy.GIT, TokenStrategy.fromId(" Git "));
        String message = assertThrows(IllegalArgumentException.class, () -> TokenStrategy.fromId("svn"))
                .getMessage();
        assertTrue(message.contains("timestamp, git, version, explicit"), message);
    }

    @Test
    void prefixNeedsWholeTokenSegment() {
        AssetPrefix prefix = AssetPrefix.parse("/assets/v/{token}/public/");
        assertEquals("assets/v", prefix.mount());
        assertEquals("public", prefix.afterToken());
        assertEquals("assets/v/abc/public", prefix.directory("abc"));
        for (String bad : new String[] {"static", "static/v{token}", "{token}", "static/{token}/{token}",
                "static/../{token}", "stat ic/{token}", "static//{token}", ""}) {
            TokenFileException e = assertThrows(TokenFileException.class, () -> AssetPrefix.parse(bad), bad);
            assertTrue(e.getMessage().contains("'prefix'"), e.getMessage());
        }
    }
}
