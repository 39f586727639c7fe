package io.cachebreaker.runtime.tokenfile;

import java.util.ArrayList;
import java.util.List;

/**
 * The path under which a token's assets live, such as {@code static/{token}}: both the directory in the class path
 * and the URL path below the context path.
 *
 * <p>{@value #PLACEHOLDER} must be one whole segment, with at least one segment before it so the servlet never
 * claims the whole application. Segments are 1 to 64 characters of {@code [A-Za-z0-9._~-]} and never {@code .} or
 * {@code ..}, so a prefix needs no URL encoding and cannot leave the output directory.
 */
public final class AssetPrefix {
    /** The placeholder that the token replaces. */
    public static final String PLACEHOLDER = "{token}";

    /** The default prefix. */
    public static final String DEFAULT = "static/" + PLACEHOLDER;

    private final String pattern;
    private final String before;
    private final String after;

    private AssetPrefix(String pattern, String before, String after) {
        this.pattern = pattern;
        this.before = before;
        this.after = after;
    }

    /**
     * Parses and checks a prefix.
     *
     * @param pattern such as {@code static/{token}}; leading and trailing slashes are ignored
     * @return the prefix
     * @throws TokenFileException naming the {@code prefix} parameter and what is wrong
     */
    public static AssetPrefix parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw invalid(pattern, "it is empty");
        }
        String trimmed = pattern.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String[] segments = trimmed.split("/", -1);
        int at = -1;
        List<String> beforeSegments = new ArrayList<>();
        List<String> afterSegments = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals(PLACEHOLDER)) {
                if (at >= 0) {
                    throw invalid(pattern, "it contains " + PLACEHOLDER + " more than once");
                }
                at = i;
                continue;
            }
            if (segment.contains(PLACEHOLDER)) {
                throw invalid(pattern, PLACEHOLDER + " must be a whole path segment, as in 'static/" + PLACEHOLDER
                        + "', not part of '" + segment + "'");
            }
            checkSegment(pattern, segment);
            (at < 0 ? beforeSegments : afterSegments).add(segment);
        }
        if (at < 0) {
            throw invalid(pattern, "it must contain the literal " + PLACEHOLDER
                    + " as a whole path segment, as in 'static/" + PLACEHOLDER + "'");
        }
        if (beforeSegments.isEmpty()) {
            throw invalid(pattern, "it needs at least one path segment before " + PLACEHOLDER
                    + ", as in 'static/" + PLACEHOLDER + "', so the servlet does not claim the whole application");
        }
        return new AssetPrefix(trimmed, String.join("/", beforeSegments), String.join("/", afterSegments));
    }

    private static void checkSegment(String pattern, String segment) {
        if (segment.isEmpty()) {
            throw invalid(pattern, "it has an empty path segment ('//')");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw invalid(pattern, "it has a '" + segment + "' segment");
        }
        if (segment.length() > 64) {
            throw invalid(pattern, "a segment is longer than 64 characters");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (!(TokenSyntax.isTokenChar(c) || c == '~')) {
                throw invalid(pattern, "segment '" + segment + "' has the character '" + c
                        + "'; segments may use only [A-Za-z0-9._~-]");
            }
        }
    }

    private static TokenFileException invalid(String pattern, String why) {
        return new TokenFileException("Invalid cachebreaker prefix " + TokenSyntax.quote(pattern) + " (parameter"
                + " 'prefix', property 'cachebreaker.prefix'): " + why + ".");
    }

    /** @return the prefix as written in the token file, such as {@code static/{token}} */
    public String pattern() {
        return pattern;
    }

    /** @return the segments before the token, such as {@code static}: where the servlet is mounted */
    public String mount() {
        return before;
    }

    /** @return the segments after the token, usually empty */
    public String afterToken() {
        return after;
    }

    /**
     * The directory, relative to the class path root or the output directory, that holds the assets of a token.
     *
     * @param token a legal token
     * @return such as {@code static/20261124213206-a1b2c3d}
     */
    public String directory(String token) {
        String dir = before + "/" + TokenSyntax.requireValid(token);
        return after.isEmpty() ? dir : dir + "/" + after;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssetPrefix other && pattern.equals(other.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
