package io.cachebreaker.runtime.tokenfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
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
    /** Bit {@code n} is set when {@code '0' + n} is a lowercase hex digit. */
    private static final long LOWER_HEX_DIGITS = 0x3FFL | 0x3FL << ('a' - '0');

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
     * The variant of a stream's bytes, read to its end.
     *
     * @param in the content; not closed
     * @return the variant
     * @throws IOException when it cannot be read
     */
    public static Variant read(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        long size = new DigestInputStream(in, digest).transferTo(OutputStream.nullOutputStream());
        return digested(size, digest);
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
            // One bit test per character: testing '0'-'9' before 'a'-'f' is a branch that random hex digits make
            // unpredictable, and it cost five times as much, more than the rest of parsing a token file's line.
            int bit = s.charAt(i) - '0';
            if (bit < 0 || bit >= Long.SIZE || (LOWER_HEX_DIGITS >>> bit & 1) == 0) {
                return false;
            }
        }
        return true;
    }
}
