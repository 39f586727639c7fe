package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.TokenFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Puts a token file on disk so that it is either wholly there or not changed: the bytes come from
 * {@link TokenFile#toBytes()}, the format's one owner, and go to a temporary sibling first, then are moved into place.
 * The runtime only reads, so this lives with the plugin.
 */
final class TokenFileWriter {
    private TokenFileWriter() {
    }

    /**
     * Writes a token file; an unchanged file is not rewritten, so its time stamp stays and incremental builds stay
     * quiet.
     *
     * @param tokenFile the content
     * @param file      the destination, usually {@code <outputDirectory>/META-INF/cachebreaker.properties}
     * @return true when the file was written, false when it already held these bytes
     * @throws UncheckedIOException when it cannot be written
     */
    static boolean write(TokenFile tokenFile, Path file) {
        byte[] bytes = tokenFile.toBytes();
        try {
            if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
                return false;
            }
            AtomicFiles.replace(file, bytes);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the cachebreaker token file " + file + ": " + e.getMessage(),
                    e);
        }
    }
}
