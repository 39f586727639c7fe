package io.cachebreaker.runtime.tokenfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Digit runs of the same length are compared digit by digit, not taken as equal. */
    @Test
    void digitRunsOfEqualLengthAreComparedByTheirDigits() {
        assertAscending(TokenStrategy.EXPLICIT, "rel-2026.10.1", "rel-2026.11");
        assertAscending(TokenStrategy.EXPLICIT, "rel-12a", "rel-13");
        assertAscending(TokenStrategy.EXPLICIT, "rel-19", "rel-91");
        assertAscending(TokenStrategy.TIMESTAMP, "10", "11", "19", "91");
        assertAscending(TokenStrategy.TIMESTAMP, "20261124213206", "20261124213207", "20261124223206");
    }

    /** Equal values with different zero padding: ordered by their text, so never equal, and never by value. */
    @Test
    void zeroPaddingOrdersByTextOnlyBetweenEqualValues() {
        assertAscending(TokenStrategy.EXPLICIT, "rel-01", "rel-1");
        assertAscending(TokenStrategy.EXPLICIT, "rel-001", "rel-01", "rel-1", "rel-02", "rel-2");
        assertAscending(TokenStrategy.EXPLICIT, "rel-0", "rel-00a", "rel-0a");
        assertAscending(TokenStrategy.TIMESTAMP, "0", "00", "01", "1", "002", "2", "10");
        assertAscending(TokenStrategy.TIMESTAMP, "0", "00", "000", "001", "01", "1");
    }

    /** A digit run sorts before other characters at the same place, and a longer token after its prefix. */
    @Test
    void naturalOrderPlacesDigitsFirstAndPrefixesBefore() {
        assertAscending(TokenStrategy.EXPLICIT, "rel-1", "rel-1-", "rel-1a", "rel-a", "rel-b", "rel-ba");
        assertAscending(TokenStrategy.EXPLICIT, "1", "1a", "a", "a1", "aa");
        assertAscending(TokenStrategy.EXPLICIT, "A", "Z", "_", "a");
    }

    @Test
    void versionsMayStartWithAnyDigit() {
        TokenOrder order = TokenStrategy.VERSION.order();
        for (char first = '0'; first <= '9'; first++) {
            assertTrue(order.accepts(first + ".1"), first + ".1");
        }
        assertFalse(order.accepts("v9.1"));
        assertFalse(order.accepts(".9"));
        assertFalse(order.accepts("/9"));
        assertFalse(order.accepts(":9"), "the character after '9'");
        assertAscending(TokenStrategy.VERSION, "8.9", "9", "9.0.1", "9.1", "10");
    }

    @Test
    void gitTokensAtTheEdgesOfTheirForm() {
        TokenOrder order = TokenStrategy.GIT.order();
        assertTrue(order.accepts("20261124213206-abcd"));
        assertTrue(order.accepts("20261124213206-" + "a".repeat(40) + "-dirty"));
        assertFalse(order.accepts("20261124213206-" + "a".repeat(41)));
        assertFalse(order.accepts("20261124213206-abcd-dirty-dirty"));
        assertAscending(TokenStrategy.GIT, "20261124213206-abcd", "20261124213206-abcd-dirty", "20261124213206-abce");
    }

    @Test
    void syntaxAcceptsExactlyUpToTheLimit() {
        assertTrue(TokenSyntax.isValid("x".repeat(TokenSyntax.MAX_LENGTH)));
        assertEquals("9".repeat(TokenSyntax.MAX_LENGTH), TokenSyntax.requireValid("9".repeat(TokenSyntax.MAX_LENGTH)));
        assertFalse(TokenSyntax.isValid("x".repeat(TokenSyntax.MAX_LENGTH + 1)));
        assertTrue(TokenSyntax.isValid("x"));
        assertFalse(TokenSyntax.isValid(""));
        assertFalse(TokenSyntax.isValid(null));
        assertTrue(TokenSyntax.isValid("..."), "only '.' and '..' are refused among dots");
        assertTrue(TokenSyntax.isValid(".a"));
        for (char c : "AZaz09._-".toCharArray()) {
            assertTrue(TokenSyntax.isTokenChar(c), String.valueOf(c));
        }
        for (char c : "@[`{/:\u0000 +~%\u00e9".toCharArray()) {
            assertFalse(TokenSyntax.isTokenChar(c), String.valueOf(c));
        }
    }

    @Test
    void errorMessagesQuoteTheTokenSafely() {
        String message = assertThrows(InvalidTokenException.class, () -> TokenSyntax.requireValid("a\nb\u00e9"))
                .getMessage();
        assertTrue(message.contains("'a\\u000ab\\u00e9'"), message);
        assertTrue(message.contains("1 to " + TokenSyntax.MAX_LENGTH + " characters"), message);
        String longOne = "x".repeat(500);
        message = assertThrows(InvalidTokenException.class, () -> TokenSyntax.requireValid(longOne)).getMessage();
        assertTrue(message.contains("'" + "x".repeat(200) + "...(500 characters)'"), message);
        assertEquals("(none)", TokenSyntax.quote(null));
        assertEquals("'~ \\u007f'", TokenSyntax.quote("~ \u007f"));
    }

    @Test
    void syntaxRejectsWhatBreaksUrls() {
        for (String bad : new String[] {"", ".", "..", "release/1.2", "a b", "a+b",
                "x".repeat(TokenSyntax.MAX_LENGTH + 1), "caf\u00e9",
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
