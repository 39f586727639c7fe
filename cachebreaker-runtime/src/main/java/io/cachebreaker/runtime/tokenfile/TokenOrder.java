package io.cachebreaker.runtime.tokenfile;

import java.util.Comparator;

/**
 * The order of the tokens of one {@link TokenStrategy}: it decides whether a token that this instance has never seen
 * is older (redirect) or newer (rolling deploy in progress) than its own.
 *
 * <p>Each order is total on the tokens it {@linkplain #accepts accepts}: antisymmetric, transitive, and zero only for
 * equal strings. Tokens it does not accept are malformed for the strategy and are never compared.
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
     * Compares two accepted tokens.
     *
     * @param older the first token
     * @param newer the second token
     * @return negative when the first token is older, positive when it is newer, zero only when both are equal
     */
    @Override
    int compare(String older, String newer);
}
