package io.cachebreaker.runtime.serving;

/**
 * The outcome of a {@code Range} header for a representation of a known length.
 *
 * @param kind  whether to send all, a part, or 416
 * @param first the first byte of the part, inclusive
 * @param last  the last byte of the part, inclusive
 */
public record ByteRange(Kind kind, long first, long last) {
    /** Whether and how the range applies. */
    public enum Kind {
        /** No range, or one that is ignored: send the whole representation with 200. */
        WHOLE,
        /** A satisfiable single range: 206. */
        PART,
        /** A range that selects nothing: 416. */
        UNSATISFIABLE
    }

    static final ByteRange WHOLE = new ByteRange(Kind.WHOLE, 0, -1);
    static final ByteRange UNSATISFIABLE = new ByteRange(Kind.UNSATISFIABLE, 0, -1);

    /** Headers longer than this are ignored, so no client can make the parser work hard. */
    static final int MAX_LENGTH = 256;

    /**
     * Parses a {@code Range} header as RFC 9110 section 14 says, for a single range. A header with several ranges is
     * ignored (the server may do so), which also means a header of a thousand ranges costs one scan for a comma.
     *
     * @param header the header value, or {@code null}
     * @param length the representation's length
     * @return what to send
     */
    public static ByteRange parse(String header, long length) {
        if (header == null || header.length() > MAX_LENGTH || header.indexOf(',') >= 0) {
            return WHOLE;
        }
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return WHOLE;
        }
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        String firstText = spec.substring(0, dash).strip();
        String lastText = spec.substring(dash + 1).strip();
        long first = digits(firstText);
        long last = digits(lastText);
        if (firstText.isEmpty()) {
            if (last < 0) {
                return WHOLE;
            }
            // Suffix range: the final `last` bytes.
            if (last == 0 || length == 0) {
                return UNSATISFIABLE;
            }
            return new ByteRange(Kind.PART, Math.max(0, length - last), length - 1);
        }
        if (first < 0 || (!lastText.isEmpty() && (last < 0 || last < first))) {
            return WHOLE;
        }
        if (first >= length) {
            return UNSATISFIABLE;
        }
        long end = lastText.isEmpty() || last >= length ? length - 1 : last;
        return new ByteRange(Kind.PART, first, end);
    }

    /** Parses non-negative decimal digits; -1 when empty, not digits, or too large to matter. */
    private static long digits(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return text.length() > 18 && text.chars().allMatch(c -> c >= '0' && c <= '9') ? Long.MAX_VALUE : -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** @return the number of bytes in the part */
    public long size() {
        return last - first + 1;
    }
}
