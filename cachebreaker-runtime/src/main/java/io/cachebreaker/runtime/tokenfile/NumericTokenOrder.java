package io.cachebreaker.runtime.tokenfile;

/** Timestamp tokens: digits only, compared as unbounded non-negative integers. */
final class NumericTokenOrder implements TokenOrder {

    @Override
    public boolean accepts(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compare(String a, String b) {
        int byValue = compareDigits(a, 0, a.length(), b, 0, b.length());
        // Equal values with different zero padding still need an order, or the order would not be antisymmetric.
        return byValue != 0 ? byValue : a.compareTo(b);
    }

    /** Compares two runs of ASCII digits by numeric value, without parsing, so any length works. */
    static int compareDigits(String a, int aFrom, int aTo, String b, int bFrom, int bTo) {
        while (aFrom < aTo - 1 && a.charAt(aFrom) == '0') {
            aFrom++;
        }
        while (bFrom < bTo - 1 && b.charAt(bFrom) == '0') {
            bFrom++;
        }
        int byLength = Integer.compare(aTo - aFrom, bTo - bFrom);
        if (byLength != 0) {
            return byLength;
        }
        for (; aFrom < aTo; aFrom++, bFrom++) {
            int byDigit = Character.compare(a.charAt(aFrom), b.charAt(bFrom));
            if (byDigit != 0) {
                return byDigit;
            }
        }
        return 0;
    }
}
