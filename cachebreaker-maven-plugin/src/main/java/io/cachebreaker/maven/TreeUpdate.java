package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.Encoding;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns the previous token's directory into the next one in place, so that a build with a few changed sources, or
 * with a new token over the same bytes, touches those few files instead of building a tree of thousands of links and
 * removing the old one.
 *
 * <p>{@link #begin} moves the previous directory to a staging name, moves the files of changed and removed assets
 * (with their precompressed siblings) aside, into a directory of their own, and removes the directories that removed
 * assets leave empty. The caller then writes the changed assets into the staging directory and moves it to the new
 * token's name. Until {@link #finish}, {@link #undo} puts back exactly what was there: the files written for the
 * changed assets go, the files set aside return, and the directory gets its previous name again.
 *
 * <p>The caller withdraws the token file and the {@link BuildRecord} before {@link #begin}, so a build killed at any
 * point leaves no token file that names missing bytes: the next build finds none, builds everything, and removes the
 * staging directories by their reserved names.
 */
final class TreeUpdate {
    private final Path previousRoot;
    private final Path staging;
    private final Path assets;
    private final Path aside;
    private final AssetManifest previous;
    private final Set<String> changed;
    private final Set<String> removed;
    /** Files moved aside, relative to {@link #assets}. */
    private final List<String> setAside = new ArrayList<>();
    private boolean moved;
    /** Whether every changed asset's name is clear, so that whatever is there now was written by this update. */
    private boolean cleared;

    /**
     * @param previousRoot the previous token's directory
     * @param staging      the staging directory to move it to; must not exist
     * @param afterToken   the prefix's segments after the token, such as {@code ""}
     * @param aside        where the replaced files wait until the update is finished or undone; must not exist
     * @param previous     what the previous tree holds
     * @param changed      asset paths whose files are replaced (new ones included)
     * @param removed      asset paths whose files go
     */
    TreeUpdate(Path previousRoot, Path staging, String afterToken, Path aside, AssetManifest previous,
            Set<String> changed, Set<String> removed) {
        this.previousRoot = previousRoot;
        this.staging = staging;
        this.assets = afterToken.isEmpty() ? staging : staging.resolve(afterToken);
        this.aside = aside;
        this.previous = previous;
        this.changed = changed;
        this.removed = removed;
    }

    /** @return where the assets are while the update runs: the staging directory, or below it */
    Path assets() {
        return assets;
    }

    /**
     * Moves the previous tree to the staging name and clears the way for the changed assets.
     *
     * @throws IOException when a file cannot be moved; call {@link #undo} then
     */
    void begin() throws IOException {
        AtomicFiles.move(previousRoot, staging);
        moved = true;
        for (String path : changed) {
            setAside(path);
        }
        for (String path : removed) {
            setAside(path);
        }
        for (String path : removed) {
            pruneEmptyParents(path);
        }
        cleared = true;
    }

    /** Removes what the update set aside, once the new token file is in place. */
    void finish() throws IOException {
        if (Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
            StaleTokenCleaner.deleteTree(aside);
        }
    }

    /**
     * Puts the previous tree back as it was, under its own name.
     *
     * @param current where the tree is now: the staging directory, or the new token's directory when it was already
     *                moved there
     * @throws IOException when that fails too; the token file stays withdrawn then, and the next build starts over
     */
    void undo(Path current) throws IOException {
        if (!moved) {
            return;
        }
        if (!current.equals(staging) && Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
            AtomicFiles.move(current, staging);
        }
        if (cleared) {
            for (String path : changed) {
                // Whatever is at a changed asset's name now was written by this build, complete or not.
                for (String file : files(path)) {
                    if (file.equals(path) || !isUntouchedAsset(file)) {
                        Files.deleteIfExists(assets.resolve(file));
                    }
                }
            }
            for (String path : changed) {
                pruneEmptyParents(path);
            }
        }
        for (String file : setAside) {
            Path target = assets.resolve(file);
            Files.createDirectories(target.getParent());
            AtomicFiles.move(aside.resolve(file), target);
        }
        AtomicFiles.move(staging, previousRoot);
        moved = false;
        finish();
    }

    /** Moves an asset's files, the siblings the previous tree lists, out of the way. */
    private void setAside(String path) throws IOException {
        Asset known = previous.get(path);
        if (known == null) {
            return;
        }
        for (String file : known.files().keySet()) {
            Path target = aside.resolve(file);
            Files.createDirectories(target.getParent());
            AtomicFiles.move(assets.resolve(file), target);
            setAside.add(file);
        }
    }

    /** An asset's own name and every sibling name it could have. */
    private static List<String> files(String path) {
        List<String> files = new ArrayList<>();
        files.add(path);
        for (Encoding encoding : Encoding.values()) {
            files.add(path + encoding.suffix());
        }
        return files;
    }

    /** A name that is itself an asset of the previous tree that this update leaves alone. */
    private boolean isUntouchedAsset(String file) {
        return previous.contains(file) && !changed.contains(file) && !removed.contains(file);
    }

    /** Removes the directories above an asset's path that hold nothing any more, up to the assets' root. */
    private void pruneEmptyParents(String path) throws IOException {
        Path dir = assets.resolve(path).getParent();
        while (dir != null && dir.startsWith(assets) && !dir.equals(assets)) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (NoSuchFileException e) {
                // Pruned already, for another asset of the same directory.
            }
            dir = dir.getParent();
        }
    }
}
