package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cachebreaker.runtime.tokenfile.AssetPath;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.TokenSyntax;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests of {@link PathDecoder} with a seeded generator ({@code -Dcachebreaker.property.seed=N} explores
 * other samples): it never throws anything but a {@link Rejection} of 400 or 404, and whatever it accepts is a legal
 * token and an asset path that stays inside the token directory.
 */
class PathDecoderPropertyTest {
    static final long SEED = Long.getLong("cachebreaker.property.seed", 20261124L);
    static final int SAMPLES = Integer.getInteger("cachebreaker.property.samples", 200_000);

    /** Pieces that traversal and alias attacks are made of, and harmless ones so that some paths pass. */
    private static final List<String> PIECES = List.of("%", "%2", "%2e", "%2E", "%2f", "%2F", "%5c", "%5C", "%25",
            "%252e", "%c0%ae", "%c0%af", "%c1%9c", "%e0%80%ae", "%00", "%0d%0a", "%u002e", "%ff", "%C3%A9", "%e2%80%ae",
            "%ed%a0%80", "%F0%9F%98%80", ".", "..", "/", "//", "\\", ";", ";x=1", "::$DATA", ":", "$", "~", "+", "@",
            " ", "%20", "\u0000", "\r", "\n", "\u00e9", "\u012e", "\uD83D\uDE00", "\uD800", "a", "css", "app.css",
            "v1", "WEB-INF", "web-inf", "META-INF", "file:", "C:", "?", "#", "<", "\"", "-", "_");

    private static String randomRaw(Random random) {
        StringBuilder raw = new StringBuilder();
        if (random.nextInt(3) > 0) {
            raw.append(random.nextBoolean() ? "v1/" : "20261124213206-a1b2c3d/");
        }
        int pieces = random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            raw.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return raw.toString();
    }

    @Test
    void theDecoderNeverThrowsAnythingElseAndNeverEscapesTheAssetSet() {
        Random random = new Random(SEED);
        PathDecoder flat = new PathDecoder(AssetPrefix.parse("static/{token}"));
        PathDecoder nested = new PathDecoder(AssetPrefix.parse("assets/{token}/public"));
        int accepted = 0;
        for (int i = 0; i < SAMPLES; i++) {
            String raw = randomRaw(random);
            if (i % 2 == 1) {
                raw = raw.replaceFirst("/", "/public/");
            }
            RequestPath path = decodeOrNull(i % 2 == 0 ? flat : nested, raw);
            if (path != null) {
                accepted++;
                assertStaysInside(raw, path);
            }
        }
        assertTrue(accepted > SAMPLES / 100, "the generator also makes acceptable paths: " + accepted);
    }

    /**
     * Every legal asset path survives encoding and decoding unchanged. The generator makes legal paths by
     * construction (no empty, {@code .} or {@code ..} segment, no text that looks like a percent escape), and the test
     * asserts that they are legal rather than skipping what the code under test refuses.
     */
    @Test
    void encodedAssetPathsDecodeToThemselves() {
        Random random = new Random(SEED + 1);
        PathDecoder decoder = new PathDecoder(AssetPrefix.parse("static/{token}"));
        // Each segment starts with a character that is neither '.' nor '%', and a '%' is never followed by a hex
        // digit, so no segment is '.' or '..' and no name looks double-encoded (a name with text like %41 cannot
        // round-trip: its URL would look double-encoded and is refused).
        String first = "abcxyz-_~+,=:@!$&'()* #?;\u00e9\u4e2d";
        String rest = first + ".%";
        for (int i = 0; i < SAMPLES / 10; i++) {
            StringBuilder path = new StringBuilder();
            int segments = 1 + random.nextInt(4);
            for (int s = 0; s < segments; s++) {
                path.append(s == 0 ? "" : "/");
                int length = 1 + random.nextInt(6);
                for (int c = 0; c < length; c++) {
                    boolean afterPercent = c > 0 && path.charAt(path.length() - 1) == '%';
                    String from = c == 0 ? first : afterPercent ? "xyz-_ " : rest;
                    int at = random.nextInt(from.length() + 1);
                    path.append(at == from.length() ? "\uD83D\uDE00" : String.valueOf(from.charAt(at)));
                }
            }
            String p = path.toString();
            assertTrue(AssetPath.isValid(p), "the generator makes legal paths: " + escape(p));
            assertEquals(new RequestPath("v1", p), decoder.decode("v1/" + PathEncoder.encode(p)), escape(p));
        }
    }

    private static RequestPath decodeOrNull(PathDecoder decoder, String raw) {
        try {
            return decoder.decode(raw);
        } catch (Rejection rejection) {
            assertTrue(rejection.status() == 400 || rejection.status() == 404, raw + " -> " + rejection.status());
            return null;
        } catch (RuntimeException e) {
            fail("decoding " + escape(raw) + " threw " + e, e);
            return null;
        }
    }

    private static void assertStaysInside(String raw, RequestPath path) {
        String where = escape(raw) + " -> " + escape(path.assetPath());
        // Checked from the documented rules, not with TokenSyntax or AssetPath, which the decoder itself calls.
        assertTrue(path.token().matches("[A-Za-z0-9._-]{1," + TokenSyntax.MAX_LENGTH + "}")
                && !path.token().equals(".") && !path.token().equals(".."), where);
        assertTrue(path.assetPath().length() <= AssetPath.MAX_LENGTH, where);
        assertEquals(path.assetPath(), new String(path.assetPath().getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8), "no unpaired surrogate: " + where);
        for (String segment : path.assetPath().split("/", -1)) {
            assertFalse(segment.isEmpty() || segment.equals(".") || segment.equals(".."), where);
            String upper = segment.toUpperCase(Locale.ROOT);
            assertFalse(upper.equals("WEB-INF") || upper.equals("META-INF"), where);
        }
        assertFalse(path.assetPath().chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\'), where);
        Path tokenDir = Path.of("/classes/static", path.token());
        assertTrue(tokenDir.resolve(path.assetPath()).normalize().startsWith(tokenDir), where);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
        return out.toString();
    }
}
