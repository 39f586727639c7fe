package io.cachebreaker.runtime.tokenfile;

import java.util.Comparator;

/**
 * The order of the ordered parts of one {@link TokenStrategy}'s tokens (the tokens without their
 * {@linkplain Fingerprint fingerprint}): it decides whether a token that this instance has never seen is older
 * (redirect) or newer (rolling deploy in progress) than its own. {@link TokenStrategy#compare} strips the
 * fingerprints first.
 *
 * <p>Each order is total on the texts it {@linkplain #accepts accepts}: antisymmetric, transitive, and zero only for
 * equal strings. Texts it does not accept are malformed for the strategy and are never compared.
 */
public interface TokenOrder extends Comparator<String> {

    /**
     * Whether this order can place {@code token}.
     *
     * @param token a token that already passed {@link TokenSyntax#isValid}
     * @return true when the token is well formed for this strategy
     */
    boolean accepts(String token);

    /**
     * Compares two accepted ordered parts.
     *
     * @param first  an ordered part
     * @param second another
     * @return negative when {@code first} is older, positive when it is newer, zero only when both are equal
     */
    @Override
    int compare(String first, String second);
}
