package io.cachebreaker.runtime.tokenfile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The short digest of everything a token serves, which every token ends with: {@code <ordered part>-<fingerprint>},
 * such as {@code 20261124213206-a1b2c3d-9f3e1b2a}.
 *
 * <p>Why: a token is cached for a year as {@code immutable}, so two builds whose served bytes differ must never share
 * one, whatever the strategy, the version or {@code outputTimestamp} say. The ordered part places a token among
 * deploys; the fingerprint only tells builds apart.
 *
 * <p>It is the first {@value #LENGTH} hex digits of the SHA-256 of the manifest's lines, one per asset in path order,
 * {@code <path>=<coding>:<size>:<sha256> …}, exactly as the token file lists them before escaping. The lines hold the
 * digest of every stored variant, so the fingerprint covers the original bytes and every precompressed sibling.
 */
public final class Fingerprint {
    /** Hex digits kept: 32 bits, ample to tell apart the handful of builds that share one ordered part. */
    public static final int LENGTH = 8;

    /** What separates the fingerprint from the ordered part. */
    public static final char SEPARATOR = '-';

    private static final int CHUNK = 16 * 1024;

    private Fingerprint() {
    }

    /**
     * The fingerprint of a manifest.
     *
     * @param manifest the assets a token serves
     * @return {@value #LENGTH} lowercase hex digits
     */
    public static String of(AssetManifest manifest) {
        MessageDigest digest = Variant.newDigest();
        // Lines are gathered into chunks: a String and a byte array per line cost several times the digest itself.
        // A chunk ends with a whole line, so no character is split across two encodings.
        StringBuilder lines = new StringBuilder(CHUNK + 1024);
        for (Asset asset : manifest.assets()) {
            TokenFile.appendAssetValue(lines.append(asset.path()).append('='), asset).append('\n');
            if (lines.length() >= CHUNK) {
                digest.update(lines.toString().getBytes(StandardCharsets.UTF_8));
                lines.setLength(0);
            }
        }
        digest.update(lines.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest()).substring(0, LENGTH);
    }

    /**
     * Whether a text has the shape of a fingerprint.
     *
     * @param text a candidate
     * @return true for exactly {@value #LENGTH} lowercase hex digits
     */
    public static boolean isFingerprint(String text) {
        return text.length() == LENGTH && Variant.isLowerHex(text);
    }

    /**
     * The fingerprint a token ends with, if it has the shape of one.
     *
     * @param token a legal token
     * @return the fingerprint, or {@code null} when the token does not end with {@code -} and {@value #LENGTH} hex
     *         digits
     */
    static String suffixOf(String token) {
        int at = token.length() - LENGTH - 1;
        if (at < 1 || token.charAt(at) != SEPARATOR) {
            return null;
        }
        String candidate = token.substring(at + 1);
        return isFingerprint(candidate) ? candidate : null;
    }
}
