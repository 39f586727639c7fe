package io.cachebreaker.maven;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The build's one way to change what a reader may be looking at: a file or directory appears under its name whole, or
 * not at all. A token file, a build record or a token directory is never seen half written.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Renames a file or directory, in one step where the file system can (always, within one directory).
     *
     * @param from what to move
     * @param to   its new name; must not exist
     * @throws IOException when it cannot be moved
     */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Writes a file's bytes to a temporary sibling, then moves it over the file, so a crash leaves the old bytes or
     * the new ones, never a mix.
     *
     * @param file  the file, which may exist
     * @param bytes its new content
     * @throws IOException when it cannot be written; the file is then unchanged and no temporary file stays
     */
    static void replace(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".cachebreaker-", ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
