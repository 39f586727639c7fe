package io.cachebreaker.runtime.tokenfile;

import java.util.regex.Pattern;

/**
 * Git tokens, {@code <commit time yyyyMMddHHmmss UTC>-<abbreviated sha>[-dirty]}: ordered by commit time, then by
 * sha (an arbitrary but stable tie-break for commits of the same second), then a clean build before a dirty one.
 */
final class GitTokenOrder implements TokenOrder {

    /** The suffix a dirty working tree adds when the plugin's {@code dirty} parameter is {@code suffix}. */
    static final String DIRTY_SUFFIX = "-dirty";

    private static final Pattern FORMAT = Pattern.compile("[0-9]{14}-[0-9a-f]{4,40}(?:-dirty)?");

    @Override
    public boolean accepts(String token) {
        return FORMAT.matcher(token).matches();
    }

    @Override
    public int compare(String a, String b) {
        // Fixed-width time first: its text order is its time order.
        int byTime = a.substring(0, 14).compareTo(b.substring(0, 14));
        if (byTime != 0) {
            return byTime;
        }
        String aSha = sha(a);
        String bSha = sha(b);
        int bySha = aSha.compareTo(bSha);
        if (bySha != 0) {
            return bySha;
        }
        return Boolean.compare(a.endsWith(DIRTY_SUFFIX), b.endsWith(DIRTY_SUFFIX));
    }

    private static String sha(String token) {
        int end = token.endsWith(DIRTY_SUFFIX) ? token.length() - DIRTY_SUFFIX.length() : token.length();
        return token.substring(15, end);
    }
}
