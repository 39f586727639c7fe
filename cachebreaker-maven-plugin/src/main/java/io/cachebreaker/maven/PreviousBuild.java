package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.RetainedRelease;
import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenFileException;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/**
 * What the previous build left in the output directory, as its token file describes it: the one place that reads
 * that file. A build asks it for the size and digests of files it need not read again, and for the bytes it may link
 * instead of compressing again; {@link StaleTokenCleaner} asks it which directory to remove.
 *
 * <p>The file's bytes are read at once and parsed only when first asked about: a re-run that its
 * {@link BuildRecord} shows has nothing to do needs only their digest.
 *
 * <p>A missing, unreadable or stale-looking token file means "no previous build": the build then reads and
 * compresses everything, which is slower but never wrong.
 */
final class PreviousBuild {
    private final Path outputDirectory;
    private final Path file;
    private final Log log;
    private byte[] bytes;
    private final String digest;
    private TokenFile tokenFile;
    private Path assetDirectory;
    /** Set once the bytes are parsed; the copy threads then read the fields above without a lock. */
    private volatile boolean done;

    /**
     * @param outputDirectory where the token file and the asset directories live
     * @param tokenFile       what the previous build wrote there, or {@code null} for none
     */
    PreviousBuild(Path outputDirectory, TokenFile tokenFile) {
        this(outputDirectory, null, null, null);
        parsed(tokenFile);
    }

    private PreviousBuild(Path outputDirectory, byte[] bytes, String digest, Log log) {
        this.outputDirectory = outputDirectory;
        this.file = outputDirectory.resolve(TokenFile.RESOURCE);
        this.bytes = bytes;
        this.digest = digest;
        this.log = log;
    }

    /**
     * Reads the previous token file's bytes, if any; call before the new one replaces it.
     *
     * @param outputDirectory where the token file and the asset directories live
     * @param log             for an unreadable previous file
     * @return the previous build, perhaps {@linkplain #exists() none}
     */
    static PreviousBuild read(Path outputDirectory, Log log) {
        Path file = outputDirectory.resolve(TokenFile.RESOURCE);
        if (!Files.isRegularFile(file)) {
            return new PreviousBuild(outputDirectory, null);
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            return new PreviousBuild(outputDirectory, bytes, digest(bytes), log);
        } catch (IOException e) {
            log.warn("cachebreaker: ignoring the unreadable previous token file " + file + " (" + e
                    + "); run 'mvn clean' if stale assets remain");
            return new PreviousBuild(outputDirectory, null);
        }
    }

    /** The token file, parsed on first use; {@code null} when there is none or it does not parse. */
    private TokenFile parsed() {
        if (!done) {
            synchronized (this) {
                if (!done) {
                    TokenFile read = null;
                    try {
                        read = bytes == null ? null
                                : TokenFile.read(new ByteArrayInputStream(bytes), file.toString());
                    } catch (TokenFileException e) {
                        log.warn("cachebreaker: ignoring the unreadable previous token file " + file + " ("
                                + e.getMessage() + "); run 'mvn clean' if stale assets remain");
                    }
                    bytes = null;
                    parsed(read);
                }
            }
        }
        return tokenFile;
    }

    private void parsed(TokenFile read) {
        this.tokenFile = read;
        this.assetDirectory = read == null ? null : outputDirectory.resolve(read.assetDirectory());
        this.done = true;
    }

    /**
     * @param bytes a token file's bytes
     * @return their SHA-256 in hex, which a {@link BuildRecord} compares
     */
    static String digest(byte[] bytes) {
        return HexFormat.of().formatHex(Variant.newDigest().digest(bytes));
    }

    /** @return the SHA-256 of the token file's bytes as read, or {@code null} when there is none */
    String digest() {
        return digest;
    }

    /** @return the previous token file, or {@code null} */
    TokenFile tokenFile() {
        return parsed();
    }

    /** @return whether there is a readable previous token file */
    boolean exists() {
        return parsed() != null;
    }

    /** @return the previous token, or {@code null} */
    String token() {
        TokenFile tokenFile = parsed();
        return tokenFile == null ? null : tokenFile.token();
    }

    /** @return the tokens of the releases the previous build retained, newest first; empty when none */
    List<String> retainedTokens() {
        TokenFile tokenFile = parsed();
        return tokenFile == null ? List.of() : tokenFile.retained().stream().map(RetainedRelease::token).toList();
    }

    /**
     * @return the directory named after the previous token, such as {@code <output>/static/<token>}, which holds its
     *         assets (directly, or below the prefix's segments after the token); {@code null} when there is none
     */
    Path tokenRoot() {
        TokenFile tokenFile = parsed();
        return tokenFile == null ? null
                : outputDirectory.resolve(tokenFile.prefix().mount()).resolve(tokenFile.token());
    }

    /**
     * @param path an asset path
     * @return what the previous token file says about it, or {@code null} when it lists no such asset
     */
    Asset asset(String path) {
        TokenFile tokenFile = parsed();
        return tokenFile == null ? null : tokenFile.manifest().get(path);
    }

    /**
     * @param path an asset path, or that of one of its precompressed siblings
     * @return where the previous build put that file; only meaningful when {@link #asset} knows the asset
     */
    Path file(String path) {
        parsed();
        return assetDirectory.resolve(path);
    }
}
