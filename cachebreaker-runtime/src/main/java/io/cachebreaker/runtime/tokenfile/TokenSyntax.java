package io.cachebreaker.runtime.tokenfile;

/**
 * The characters a token may have, whatever its strategy: 1 to {@value #MAX_LENGTH} of {@code [A-Za-z0-9._-]}, and
 * neither {@code .} nor {@code ..}.
 *
 * <p>The set is what a URL path segment carries without percent-encoding, so a token never needs escaping and can
 * never smuggle a separator, a traversal or a header break into a URL or a file name.
 */
public final class TokenSyntax {
    /**
     * The longest legal token: a 64-character ordered part (the longest that format 1 allowed) may still take its
     * {@linkplain Fingerprint fingerprint}, with room to spare.
     */
    public static final int MAX_LENGTH = 80;

    /** The legal characters, as shown in error messages. */
    public static final String ALLOWED = "[A-Za-z0-9._-]";

    private TokenSyntax() {
    }

    /**
     * Whether {@code token} is legal.
     *
     * @param token a candidate token, may be {@code null}
     * @return true when it has 1 to {@value #MAX_LENGTH} legal characters and is not {@code .} or {@code ..}
     */
    public static boolean isValid(CharSequence token) {
        if (token == null) {
            return false;
        }
        int length = token.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!isTokenChar(token.charAt(i))) {
                return false;
            }
        }
        return !(".".contentEquals(token) || "..".contentEquals(token));
    }

    /**
     * Whether {@code c} may appear in a token.
     *
     * @param c a character
     * @return true for ASCII letters, digits, {@code .}, {@code _} and {@code -}
     */
    public static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }

    /**
     * Returns {@code token} when it is legal.
     *
     * @param token a candidate token
     * @return the same token
     * @throws InvalidTokenException naming the token and the allowed characters
     */
    public static String requireValid(String token) {
        if (!isValid(token)) {
            throw new InvalidTokenException("Invalid cachebreaker token " + quote(token) + ": a token must be 1 to "
                    + MAX_LENGTH + " characters of " + ALLOWED + ", and not '.' or '..'."
                    + " Characters such as '/' (as in a tag 'release/1.2'), spaces or '+' would break asset URLs;"
                    + " replace them, for example with '-'.");
        }
        return token;
    }

    /** Quotes a token for an error message, showing control and non-ASCII characters as escapes. */
    static String quote(String token) {
        if (token == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("'");
        int shown = Math.min(token.length(), 200);
        for (int i = 0; i < shown; i++) {
            char c = token.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (shown < token.length()) {
            out.append("...(").append(token.length()).append(" characters)");
        }
        return out.append('\'').toString();
    }
}
