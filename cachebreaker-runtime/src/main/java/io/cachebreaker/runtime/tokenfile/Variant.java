package io.cachebreaker.runtime.tokenfile;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One stored form of an asset, the original or a precompressed sibling: its length and its SHA-256.
 *
 * @param size   length in bytes
 * @param sha256 SHA-256 of the bytes, as 64 lowercase hex digits
 */
public record Variant(long size, String sha256) {

    public Variant {
        if (size < 0) {
            throw new TokenFileException("Asset size " + size + " is negative.");
        }
        if (sha256 == null || sha256.length() != 64 || !isLowerHex(sha256)) {
            throw new TokenFileException("Asset SHA-256 " + TokenSyntax.quote(sha256)
                    + " is not 64 lowercase hex digits.");
        }
    }

    /**
     * The variant of some bytes: their length and SHA-256.
     *
     * @param bytes the whole content
     * @return the variant
     */
    public static Variant of(byte[] bytes) {
        MessageDigest digest = newDigest();
        digest.update(bytes);
        return digested(bytes.length, digest);
    }

    /**
     * The variant of content that was fed to a digest from {@link #newDigest()}, such as while copying it.
     *
     * @param size   how many bytes went through the digest
     * @param digest the digest, not yet finished
     * @return the variant
     */
    public static Variant digested(long size, MessageDigest digest) {
        return new Variant(size, HexFormat.of().formatHex(digest.digest()));
    }

    /** @return a fresh SHA-256 digest, the algorithm every variant records */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    /** @return the raw 32 bytes of the digest */
    public byte[] sha256Bytes() {
        return HexFormat.of().parseHex(sha256);
    }

    static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
