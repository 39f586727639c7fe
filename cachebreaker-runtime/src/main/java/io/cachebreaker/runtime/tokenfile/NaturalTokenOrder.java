package io.cachebreaker.runtime.tokenfile;

/**
 * Explicit tokens: natural order, in which runs of digits compare as numbers ({@code rel-9 < rel-10}) and everything
 * else compares character by character. A digit run sorts before a non-digit run at the same place.
 */
final class NaturalTokenOrder implements TokenOrder {

    @Override
    public boolean accepts(String token) {
        return TokenSyntax.isValid(token);
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            boolean aDigit = isDigit(a.charAt(i));
            boolean bDigit = isDigit(b.charAt(j));
            if (aDigit != bDigit) {
                return aDigit ? -1 : 1;
            }
            int iEnd = runEnd(a, i, aDigit);
            int jEnd = runEnd(b, j, bDigit);
            int byRun = aDigit
                    ? NumericTokenOrder.compareDigits(a, i, iEnd, b, j, jEnd)
                    : CharSequence.compare(a.subSequence(i, iEnd), b.subSequence(j, jEnd));
            if (byRun != 0) {
                return byRun;
            }
            i = iEnd;
            j = jEnd;
        }
        if (i < a.length() || j < b.length()) {
            return i < a.length() ? 1 : -1;
        }
        // Same runs but different zero padding ("rel-01" and "rel-1"): fall back to the text to stay antisymmetric.
        return a.compareTo(b);
    }

    private static int runEnd(String s, int from, boolean digits) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end)) == digits) {
            end++;
        }
        return end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
