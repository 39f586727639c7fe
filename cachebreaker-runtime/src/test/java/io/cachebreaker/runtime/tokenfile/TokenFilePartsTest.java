package io.cachebreaker.runtime.tokenfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small parts of the token file: asset paths, prefixes, fingerprints, manifests, and their messages. */
class TokenFilePartsTest {
    private static final String SHA = "0123456789abcdef".repeat(4);

    private static String problem(String path) {
        return assertThrows(TokenFileException.class, () -> AssetPath.requireValid(path)).getMessage();
    }

    @Test
    void eachAssetPathRuleSaysWhichItIs() {
        assertEquals("css/app.css", AssetPath.requireValid("css/app.css"));
        assertTrue(problem("").contains("it is empty"));
        assertTrue(problem(null).contains("it is empty"));
        assertTrue(problem("x".repeat(AssetPath.MAX_LENGTH + 1)).contains("longer than 1024"));
        assertEquals("x".repeat(AssetPath.MAX_LENGTH), AssetPath.requireValid("x".repeat(AssetPath.MAX_LENGTH)));
        assertTrue(problem("a\u0001b").contains("control character"));
        assertTrue(problem("a\u007fb").contains("control character"));
        assertTrue(problem("a\\b").contains("backslash"));
        assertTrue(problem("a\uD800b").contains("unpaired surrogate"));
        assertTrue(problem("a\uDC00").contains("unpaired surrogate"));
        assertTrue(problem("a\uD800").contains("unpaired surrogate"), "a high surrogate at the end");
        assertEquals("a\uD83D\uDE00", AssetPath.requireValid("a\uD83D\uDE00"));
        assertTrue(problem("a//b").contains("empty segment"));
        assertTrue(problem("/a").contains("empty segment"));
        assertTrue(problem("a/").contains("empty segment"));
        assertTrue(problem("a/./b").contains("'.' segment"));
        assertTrue(problem("a/../b").contains("'..' segment"));
        assertTrue(problem("WEB-INF/x").contains("WEB-INF segment"));
        assertTrue(problem("x/meta-inf").contains("meta-inf segment"));
        assertTrue(AssetPath.isValid(".../a"), "three dots are a name");
        assertTrue(AssetPath.isValid("a./.b"));
        assertTrue(AssetPath.isValid("WEB-INFO/META-INF2"));
    }

    @Test
    void prefixesKeepTheirPatternAndRefuseLongSegments() {
        AssetPrefix prefix = AssetPrefix.parse(" /static/{token}/ ");
        assertEquals("static/{token}", prefix.toString());
        assertEquals(AssetPrefix.parse("static/{token}"), prefix);
        assertEquals(AssetPrefix.parse("static/{token}").hashCode(), prefix.hashCode());
        assertNotEquals(AssetPrefix.parse("assets/{token}"), prefix);
        assertNotEquals(AssetPrefix.parse("static/{token}").hashCode(), AssetPrefix.parse("assets/{token}").hashCode());
        assertEquals("s".repeat(64), AssetPrefix.parse("s".repeat(64) + "/{token}").mount());
        TokenFileException e = assertThrows(TokenFileException.class,
                () -> AssetPrefix.parse("s".repeat(65) + "/{token}"));
        assertTrue(e.getMessage().contains("longer than 64"), e.getMessage());
        assertEquals("a/b", AssetPrefix.parse("a/b/{token}").mount());
        assertEquals("", AssetPrefix.parse("a/{token}").afterToken());
        assertEquals("x/y", AssetPrefix.parse("a/{token}/x/y").afterToken());
    }

    /** With {token} first, each mistake is named for what it is. */
    @Test
    void aPrefixStartingWithTheTokenSaysWhatIsWrong() {
        for (String pattern : List.of("{token}", "{token}/public", "/{token}/a/b")) {
            String message = assertThrows(TokenFileException.class, () -> AssetPrefix.parse(pattern)).getMessage();
            assertTrue(message.contains("at least one path segment before {token}"), pattern + ": " + message);
        }
        String twice = assertThrows(TokenFileException.class, () -> AssetPrefix.parse("{token}/{token}"))
                .getMessage();
        assertTrue(twice.contains("more than once"), twice);
    }

    @Test
    void anAssetIsStoredAsItsOwnFileThenEachSibling() throws Exception {
        byte[] bytes = "body{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Variant identity = Variant.read(new java.io.ByteArrayInputStream(bytes));
        assertEquals(Variant.of(bytes), identity, "a stream's variant is that of its bytes");
        Variant gzip = new Variant(3, "a".repeat(64));
        Variant brotli = new Variant(2, "b".repeat(64));
        Asset asset = new Asset("css/app.css", identity, Map.of(Encoding.BROTLI, brotli, Encoding.GZIP, gzip));
        assertEquals(List.of(Map.entry("css/app.css", identity), Map.entry("css/app.css.gz", gzip),
                Map.entry("css/app.css.br", brotli)), List.copyOf(asset.files().entrySet()));
        assertEquals(List.of("a.js"), List.copyOf(new Asset("a.js", identity).files().keySet()));
    }

    @Test
    void fingerprintsHaveOneShape() {
        assertTrue(Fingerprint.isFingerprint("1234abcd"));
        assertFalse(Fingerprint.isFingerprint("1234abc"));
        assertFalse(Fingerprint.isFingerprint("1234abcde"));
        assertFalse(Fingerprint.isFingerprint("1234ABCD"));
        assertFalse(Fingerprint.isFingerprint("1234abcg"));
        assertFalse(Fingerprint.isFingerprint("1234abc/"));
        assertEquals("1234abcd", Fingerprint.suffixOf("rel-1-1234abcd"));
        assertEquals("1234abcd", Fingerprint.suffixOf("x-1234abcd"), "one character before the separator is enough");
        assertNull(Fingerprint.suffixOf("-1234abcd"), "nothing before the separator");
        assertNull(Fingerprint.suffixOf("1234abcd"));
        assertNull(Fingerprint.suffixOf("rel_1234abcd"));
        assertNull(Fingerprint.suffixOf("rel-1234ABCD"));
        assertEquals("x", TokenStrategy.EXPLICIT.orderedPart("x-1234abcd"));
        assertEquals("-1234abcd", TokenStrategy.EXPLICIT.orderedPart("-1234abcd"));
        assertEquals("1.4.2", TokenStrategy.VERSION.requireOrderedPart("1.4.2"));
        assertEquals("1.4.2-1234abcd", TokenStrategy.VERSION.withFingerprint("1.4.2", "1234abcd"));
        assertThrows(IllegalArgumentException.class, () -> TokenStrategy.VERSION.withFingerprint("1.4.2", "1234"));
        assertTrue(Variant.isLowerHex("0123456789abcdef"));
        for (String bad : List.of("g", "G", "A", "/", ":", "`", "0x")) {
            assertFalse(Variant.isLowerHex(bad), bad);
        }
    }

    @Test
    void ordersRefuseWhatIsNotTheirForm() {
        assertFalse(TokenStrategy.TIMESTAMP.order().accepts(""));
        assertFalse(TokenStrategy.TIMESTAMP.order().accepts("1/"));
        assertFalse(TokenStrategy.TIMESTAMP.order().accepts(":"));
        assertFalse(TokenStrategy.EXPLICIT.order().accepts(".."));
        assertFalse(TokenStrategy.EXPLICIT.order().accepts("a/b"));
        assertTrue(TokenStrategy.EXPLICIT.order().accepts("a.b"));
    }

    @Test
    void manifestsAnswerForWhatTheyHold() {
        Asset css = new Asset("css/app.css", new Variant(10, SHA), Map.of(Encoding.GZIP, new Variant(4, SHA)));
        Asset js = new Asset("js/app.js", new Variant(5, SHA));
        assertNull(js.encoded().get(null), "an asset without siblings answers as an EnumMap would");
        assertFalse(js.encoded().containsKey(null));
        assertEquals(Map.of(), js.encoded());
        AssetManifest manifest = AssetManifest.of(List.of(css, js));
        assertTrue(manifest.contains("css/app.css"));
        assertFalse(manifest.contains("css/other.css"));
        assertEquals(15, manifest.totalBytes(), "the original bytes of each asset");
        assertEquals(0, AssetManifest.empty().totalBytes());
        assertEquals(AssetManifest.of(List.of(js, css)), manifest);
        assertEquals(List.of(css, js), List.copyOf(AssetManifest.of(List.of(js, css)).assets()), "in path order");
        assertNull(manifest.get(null));
        assertEquals(AssetManifest.of(List.of(js, css)).hashCode(), manifest.hashCode());
        assertNotEquals(AssetManifest.of(List.of(css)).hashCode(), manifest.hashCode());
        assertNotEquals(AssetManifest.of(List.of(css)), manifest);
    }

    @Test
    void versionsParseIntoMavensItems() {
        assertEquals("[1, [rc, [1]]]", VersionTokenOrder.parse("1.0-RC1").toString());
        assertEquals("[1, 2, [alpha, [3]]]", VersionTokenOrder.parse("1.2-a3").toString());
        assertEquals("[1]", VersionTokenOrder.parse("1.0.0-ga").toString());
        VersionTokenOrder.ListItem one = VersionTokenOrder.parse("1");
        assertFalse(one.equals(VersionTokenOrder.parse("1")), "lists compare by identity");
        assertTrue(one.equals(one));
        assertEquals(System.identityHashCode(one), one.hashCode());
    }
}
