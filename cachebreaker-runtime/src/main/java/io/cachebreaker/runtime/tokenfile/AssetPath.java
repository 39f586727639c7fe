package io.cachebreaker.runtime.tokenfile;

/**
 * The rules for an asset's path in the manifest: relative, {@code /}-separated, no empty, {@code .} or {@code ..}
 * segment, no backslash, no control character, and no {@code WEB-INF} or {@code META-INF} segment.
 *
 * <p>Other characters, spaces and non-ASCII letters among them, are allowed: the URL helper percent-encodes them.
 */
public final class AssetPath {
    /** The longest path accepted, in characters. */
    public static final int MAX_LENGTH = 1024;

    private AssetPath() {
    }

    /**
     * Whether {@code path} may be listed in a manifest.
     *
     * @param path a candidate path, may be {@code null}
     * @return true when it follows the rules
     */
    public static boolean isValid(String path) {
        return problem(path) == null;
    }

    /**
     * Returns {@code path} when it may be listed.
     *
     * @param path a candidate path
     * @return the same path
     * @throws TokenFileException saying which rule it breaks
     */
    public static String requireValid(String path) {
        String problem = problem(path);
        if (problem != null) {
            throw new TokenFileException("Invalid asset path " + TokenSyntax.quote(path) + ": " + problem + ".");
        }
        return path;
    }

    private static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "it is empty";
        }
        if (path.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "it has a control character";
            }
            if (c == '\\') {
                return "it has a backslash";
            }
            if (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < path.length()
                    && Character.isLowSurrogate(path.charAt(++i)))) {
                return "it has an unpaired surrogate";
            }
        }
        // By index rather than split: the servlet checks every request path here, so this runs on the hot path.
        int start = 0;
        for (int end = path.indexOf('/'); ; end = path.indexOf('/', start)) {
            String problem = segmentProblem(path, start, end < 0 ? path.length() : end);
            if (problem != null || end < 0) {
                return problem;
            }
            start = end + 1;
        }
    }

    private static String segmentProblem(String path, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return "it has an empty segment (a leading, trailing or double '/')";
        }
        if ((length == 1 || length == 2) && path.charAt(start) == '.' && path.charAt(end - 1) == '.') {
            return "it has a '" + path.substring(start, end) + "' segment";
        }
        if ((length == 7 && path.regionMatches(true, start, "WEB-INF", 0, 7))
                || (length == 8 && path.regionMatches(true, start, "META-INF", 0, 8))) {
            return "it has a " + path.substring(start, end) + " segment, which is never served";
        }
        return null;
    }
}
