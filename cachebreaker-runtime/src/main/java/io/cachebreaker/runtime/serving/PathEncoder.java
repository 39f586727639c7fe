package io.cachebreaker.runtime.serving;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a {@code /}-separated path, segment by segment, as UTF-8.
 *
 * <p>It keeps only characters that are safe both in a URL path and unescaped inside an HTML attribute
 * ({@code A-Z a-z 0-9 - . _ ~ + , = : @}), because JSP EL writes URLs into pages without escaping them.
 */
public final class PathEncoder {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathEncoder() {
    }

    /**
     * Encodes a path, keeping its {@code /} separators.
     *
     * @param path such as {@code img/café menu.png}
     * @return such as {@code img/caf%C3%A9%20menu.png}
     */
    public static String encode(String path) {
        if (isPlain(path)) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 16);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '/' || isKept(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isPlain(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' && !isKept(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isKept(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == ',' || c == '=' || c == ':'
                || c == '@';
    }
}
