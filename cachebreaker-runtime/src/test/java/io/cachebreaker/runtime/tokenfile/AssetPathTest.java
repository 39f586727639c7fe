package io.cachebreaker.runtime.tokenfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AssetPathTest {

    @Test
    void acceptsServablePaths() {
        for (String ok : new String[] {"a", "css/app.css", "img/caf\u00e9 menu.png", "..a", "a..", ".well-known/x",
                "web-inf.css", "WEB-INFO/x", "x/META-INF.txt", "fonts/\uD83D\uDE00.woff2"}) {
            assertTrue(AssetPath.isValid(ok), ok);
        }
    }

    @Test
    void refusesWhatCannotNameAnAsset() {
        for (String bad : new String[] {"", "/a", "a/", "a//b", ".", "..", "a/./b", "a/../b", "..", "WEB-INF/web.xml",
                "x/web-inf/y", "META-INF/cachebreaker.properties", "a\\b", "a\u0000b", "a\nb", "a\u007fb",
                "a\uD800b", "x".repeat(AssetPath.MAX_LENGTH + 1)}) {
            assertFalse(AssetPath.isValid(bad), bad);
        }
    }

    /** The rules as first written, with split: the index-based check must agree with them on any input. */
    private static boolean reference(String path) {
        if (path.isEmpty() || path.length() > AssetPath.MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < path.length()
                    && Character.isLowSurrogate(path.charAt(++i)))) {
                return false;
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || segment.equalsIgnoreCase("WEB-INF") || segment.equalsIgnoreCase("META-INF")) {
                return false;
            }
        }
        return true;
    }

    @Test
    void agreesWithTheSplitBasedRulesOnRandomPaths() {
        String[] parts = {"/", ".", "..", "a", "WEB-INF", "web-inf", "META-INF", "x.css", "\\", "\u0000", " ", "\u00e9",
            "\uD83D\uDE00", "\uD800", "-"};
        Random random = new Random(Long.getLong("cachebreaker.property.seed", 20261124L));
        for (int i = 0; i < 200_000; i++) {
            StringBuilder path = new StringBuilder();
            int count = random.nextInt(7);
            for (int j = 0; j < count; j++) {
                path.append(parts[random.nextInt(parts.length)]);
            }
            String p = path.toString();
            assertEquals(reference(p), AssetPath.isValid(p), () -> "path '" + p + "'");
        }
    }
}
