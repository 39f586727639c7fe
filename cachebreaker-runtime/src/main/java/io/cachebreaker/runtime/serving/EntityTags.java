package io.cachebreaker.runtime.serving;

/**
 * Matches an entity tag against the lists of {@code If-Match}, {@code If-None-Match} and {@code If-Range}, with the
 * strong or weak comparison of RFC 9110 section 8.8.3.2.
 */
final class EntityTags {
    /** A list longer than this is treated as matching nothing rather than scanned. */
    static final int MAX_LENGTH = 8192;

    private EntityTags() {
    }

    /**
     * Whether a list names a tag.
     *
     * @param list   a header value such as {@code W/"a", "b"} or {@code *}
     * @param etag   our strong tag, quoted
     * @param strong whether weak tags in the list fail to match
     * @return true when the list is {@code *} or holds the tag
     */
    static boolean matches(String list, String etag, boolean strong) {
        if (list.strip().equals("*")) {
            return true;
        }
        if (list.length() > MAX_LENGTH) {
            return false;
        }
        int i = 0;
        int n = list.length();
        while (i < n) {
            char c = list.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            boolean weak = list.startsWith("W/", i);
            if (weak) {
                i += 2;
            }
            if (i >= n || list.charAt(i) != '"') {
                return false;
            }
            int end = list.indexOf('"', i + 1);
            if (end < 0) {
                return false;
            }
            if ((!weak || !strong) && list.regionMatches(i, etag, 0, etag.length()) && end + 1 - i == etag.length()) {
                return true;
            }
            i = end + 1;
        }
        return false;
    }
}
