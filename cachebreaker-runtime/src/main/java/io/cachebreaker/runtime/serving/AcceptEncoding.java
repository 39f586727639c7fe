package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.tokenfile.Encoding;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the stored form of an asset from an {@code Accept-Encoding} header, respecting q-values: the acceptable
 * form with the highest q-value, and the smallest among equals. {@code gzip;q=0} means never gzip; {@code *} covers
 * codings not named; identity is acceptable unless {@code identity;q=0} or {@code *;q=0} excludes it, and is served
 * anyway when nothing is acceptable, as RFC 9110 allows.
 */
public final class AcceptEncoding {
    /** Longer headers are not parsed; only the identity form is served. */
    static final int MAX_LENGTH = 2048;

    private static final int UNSET = -1;

    private AcceptEncoding() {
    }

    /**
     * Picks a form.
     *
     * @param header   the {@code Accept-Encoding} value, or {@code null}
     * @param sizes    the size of each available precompressed form
     * @param identity the size of the original
     * @return the chosen coding, or {@code null} for the original
     */
    public static Encoding choose(String header, Map<Encoding, Long> sizes, long identity) {
        if (header == null || sizes.isEmpty() || header.length() > MAX_LENGTH) {
            return null;
        }
        int star = UNSET;
        int identityQ = UNSET;
        int[] codingQ = new int[Encoding.values().length];
        Arrays.fill(codingQ, UNSET);
        for (String element : header.split(",")) {
            int semicolon = element.indexOf(';');
            String coding = (semicolon < 0 ? element : element.substring(0, semicolon)).strip()
                    .toLowerCase(Locale.ROOT);
            int q = semicolon < 0 ? 1000 : qValue(element.substring(semicolon + 1));
            if (q < 0 || coding.isEmpty()) {
                continue;
            }
            if (coding.equals("*")) {
                star = q;
            } else if (coding.equals("identity")) {
                identityQ = q;
            } else {
                Encoding encoding = Encoding.forToken(coding.equals("x-gzip") ? "gzip" : coding);
                if (encoding != null) {
                    codingQ[encoding.ordinal()] = q;
                }
            }
        }
        Encoding best = null;
        int bestQ = identityQ != UNSET ? identityQ : (star == 0 ? 0 : 1);
        long bestSize = identity;
        for (Map.Entry<Encoding, Long> form : sizes.entrySet()) {
            int q = codingQ[form.getKey().ordinal()];
            if (q == UNSET) {
                q = star == UNSET ? 0 : star;
            }
            if (q > 0 && (q > bestQ || (q == bestQ && form.getValue() < bestSize))) {
                best = form.getKey();
                bestQ = q;
                bestSize = form.getValue();
            }
        }
        return best;
    }

    /** Parses {@code q=0.5} parameters into thousandths; -1 for a malformed weight, which voids the element. */
    private static int qValue(String parameters) {
        int q = 1000;
        for (String parameter : parameters.split(";")) {
            String p = parameter.strip();
            if (p.length() < 2 || Character.toLowerCase(p.charAt(0)) != 'q' || p.charAt(1) != '=') {
                continue;
            }
            q = weight(p.substring(2));
            if (q < 0) {
                return -1;
            }
        }
        return q;
    }

    /** RFC 9110 {@code weight}: {@code 0[.ddd]} or {@code 1[.000]}, in thousandths; -1 when malformed. */
    private static int weight(String value) {
        int length = value.length();
        if (length == 0 || length > 5 || (value.charAt(0) != '0' && value.charAt(0) != '1')
                || (length > 1 && value.charAt(1) != '.')) {
            return -1;
        }
        int fraction = 0;
        for (int i = 2; i < 5; i++) {
            char c = i < length ? value.charAt(i) : '0';
            if (c < '0' || c > '9') {
                return -1;
            }
            fraction = fraction * 10 + (c - '0');
        }
        int weight = (value.charAt(0) - '0') * 1000 + fraction;
        return weight > 1000 ? -1 : weight;
    }
}
