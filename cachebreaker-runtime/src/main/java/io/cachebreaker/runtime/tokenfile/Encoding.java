package io.cachebreaker.runtime.tokenfile;

/** A content coding for which the plugin may write a precompressed sibling of an asset. */
public enum Encoding {
    /** gzip, in a sibling file ending {@code .gz}. */
    GZIP("gzip", ".gz"),
    /** Brotli, in a sibling file ending {@code .br}. */
    BROTLI("br", ".br");

    private final String token;
    private final String suffix;

    Encoding(String token, String suffix) {
        this.token = token;
        this.suffix = suffix;
    }

    /** @return the content-coding as in {@code Content-Encoding} and the token file, such as {@code gzip} */
    public String token() {
        return token;
    }

    /** @return the file name suffix of the precompressed sibling, such as {@code .gz} */
    public String suffix() {
        return suffix;
    }

    /**
     * Looks up a coding by its {@link #token()}.
     *
     * @param token such as {@code br}
     * @return the coding, or {@code null} when unknown
     */
    public static Encoding forToken(String token) {
        for (Encoding encoding : values()) {
            if (encoding.token.equals(token)) {
                return encoding;
            }
        }
        return null;
    }
}
