package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.RetainedRelease;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenFileException;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * Puts the retained releases' trees in place under the current prefix, {@code <outputDirectory>/<prefix with that
 * token>/}, and returns what the token file lists for them.
 *
 * <p>Every tree is first extracted (or copied) into a dot-named staging directory next to the token directories,
 * where each file's size and SHA-256 are checked against the release's manifest; only a tree that is exactly its
 * manifest, nothing missing, nothing extra, no links, is moved into place. A failure removes the staging directory and
 * every tree this run moved into place, so nothing half-written is left for the token file to describe; the caller
 * writes the token file only after this returns.
 *
 * <p>A tree already in place that matches its manifest (the previous build's, when building without {@code clean})
 * is kept as it is. The count ({@code retainReleases}) and the byte cap ({@code retainMaxBytes}) are applied here,
 * after the current token is known: a release with the current token is skipped, as the current tree wins.
 */
final class RetainedTreeInstaller {
    /** The name of staging directories starts with this, so they are hidden and easy to find after a kill. */
    static final String STAGING = ".cachebreaker-retain-";

    private final RetentionSettings settings;
    private final Log log;
    private final Consumer<Path> onWrite;

    RetainedTreeInstaller(RetentionSettings settings, Log log, Consumer<Path> onWrite) {
        this.settings = settings;
        this.log = log;
        this.onWrite = onWrite;
    }

    /**
     * @param candidates      what the sources offer, newest first
     * @param outputDirectory the class path root
     * @param prefix          the current prefix; retained trees go where it puts their tokens
     * @param currentToken    the current token, which is never retained
     * @param previous        the previous token file, or {@code null}: directories it names may be replaced only after
     *                        {@code withdraw} ran
     * @param withdraw        deletes the previous token file before a directory it describes changes
     * @return the retained releases, newest first, every tree in place and verified
     * @throws MojoExecutionException when a tree does not match its manifest or cannot be written; nothing of this
     *     run's retained trees is left then
     */
    List<RetainedRelease> install(List<RetainedReleases.Candidate> candidates, Path outputDirectory,
            AssetPrefix prefix, String currentToken, TokenFile previous, Runnable withdraw)
            throws MojoExecutionException {
        Path mount = outputDirectory.resolve(prefix.mount());
        removeLeftoverStaging(mount);
        List<RetainedReleases.Candidate> chosen = choose(candidates, currentToken);
        if (chosen.isEmpty()) {
            return List.of();
        }
        Set<Path> named = previous == null ? Set.of() : namedBy(outputDirectory, previous);
        List<Path> created = new ArrayList<>();
        List<RetainedRelease> retained = new ArrayList<>();
        long bytes = 0;
        int files = 0;
        try {
            for (RetainedReleases.Candidate candidate : chosen) {
                Path target = outputDirectory.resolve(prefix.directory(candidate.token()));
                place(candidate, target, mount, named, withdraw, created);
                retained.add(candidate.release());
                bytes += candidate.bytes();
                files += expectedFiles(candidate.release().manifest()).size();
            }
        } catch (MojoExecutionException | RuntimeException e) {
            for (Path dir : created) {
                try {
                    StaleTokenCleaner.deleteTree(dir);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        StringBuilder list = new StringBuilder();
        for (RetainedReleases.Candidate candidate : chosen) {
            list.append(list.length() == 0 ? "" : ", ").append(candidate.token()).append(" (")
                    .append(candidate.release().manifest().size()).append(" assets, from ").append(candidate.source())
                    .append(')');
        }
        log.info("cachebreaker: retained " + retained.size() + " previous release" + (retained.size() == 1 ? "" : "s")
                + ", " + files + " files adding " + bytes + " bytes (" + RetentionSettings.human(bytes) + ") to the"
                + " artifact: " + list);
        return retained;
    }

    /** Skips the current token, then keeps the newest {@code retainReleases} that fit {@code retainMaxBytes}. */
    private List<RetainedReleases.Candidate> choose(List<RetainedReleases.Candidate> candidates, String currentToken) {
        List<RetainedReleases.Candidate> chosen = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < candidates.size(); i++) {
            RetainedReleases.Candidate candidate = candidates.get(i);
            if (candidate.token().equals(currentToken)) {
                log.info("cachebreaker: not retaining " + candidate.token() + " from " + candidate.source()
                        + ", it is the current token (the current tree wins)");
                continue;
            }
            if (chosen.size() == settings.releases()) {
                log.info("cachebreaker: not retaining " + candidate.token() + " from " + candidate.source()
                        + ", retainReleases (property cachebreaker.retain.releases) keeps the newest "
                        + settings.releases());
                continue;
            }
            long bytes = candidate.bytes();
            if (total + bytes > settings.maxBytes()) {
                StringBuilder dropped = new StringBuilder();
                for (int j = i; j < candidates.size(); j++) {
                    if (!candidates.get(j).token().equals(currentToken)) {
                        dropped.append(dropped.length() == 0 ? "" : ", ").append(candidates.get(j).token());
                    }
                }
                log.warn("cachebreaker: not retaining " + dropped + ": " + candidate.token() + " would bring the"
                        + " retained bytes to " + (total + bytes) + ", above retainMaxBytes (property"
                        + " cachebreaker.retain.maxBytes) of " + settings.maxBytes() + " ("
                        + RetentionSettings.human(settings.maxBytes()) + "). Pages of those releases get a redirect"
                        + " to the current assets instead. Raise the cap, or retain fewer releases.");
                break;
            }
            total += bytes;
            chosen.add(candidate);
        }
        return chosen;
    }

    private void place(RetainedReleases.Candidate candidate, Path target, Path mount, Set<Path> named,
            Runnable withdraw, List<Path> created) throws MojoExecutionException {
        AssetManifest manifest = candidate.release().manifest();
        if (candidate.origin() instanceof RetainedReleases.Origin.Directory dir && sameDirectory(dir.directory(),
                target)) {
            String problem = mismatch(target, manifest);
            if (problem != null) {
                throw new RetentionException("cachebreaker: cannot retain " + candidate.token() + " from "
                        + candidate.source() + ": " + target + " " + problem + ". " + candidate.fix());
            }
            log.debug("cachebreaker: retained " + candidate.token() + " in place at " + target);
            return;
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (mismatch(target, manifest) == null) {
                log.debug("cachebreaker: " + target + " already holds retained " + candidate.token());
                return;
            }
            if (!named.contains(target.toAbsolutePath().normalize())) {
                throw new RetentionException("cachebreaker: cannot retain " + candidate.token() + " from "
                        + candidate.source() + ": " + target + " exists, holds other files, and no token file names"
                        + " it, so it is not replaced. Move it away or run 'mvn clean'.");
            }
        }
        Path staging;
        try {
            Files.createDirectories(mount);
            staging = Files.createTempDirectory(mount, STAGING + candidate.token() + "-");
        } catch (IOException e) {
            throw new MojoExecutionException("cachebreaker: cannot create a staging directory for retained "
                    + candidate.token() + " in " + mount + ": " + e, e);
        }
        try {
            Path tree = staging.resolve("tree");
            stage(candidate, tree);
            String problem = mismatch(tree, manifest);
            if (problem != null) {
                throw new RetentionException("cachebreaker: cannot retain " + candidate.token() + " from "
                        + candidate.source() + ": its extracted tree " + problem + ". Nothing of it was kept. "
                        + candidate.fix());
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                withdraw.run();
                StaleTokenCleaner.deleteTree(target);
            }
            Files.createDirectories(target.getParent());
            AtomicFiles.move(tree, target);
            created.add(target);
            onWrite.accept(target);
        } catch (IOException e) {
            throw new MojoExecutionException("cachebreaker: cannot put retained " + candidate.token() + " from "
                    + candidate.source() + " in place at " + target + ": " + e + ". Nothing of it was kept.", e);
        } finally {
            try {
                if (Files.exists(staging)) {
                    StaleTokenCleaner.deleteTree(staging);
                }
            } catch (IOException e) {
                log.warn("cachebreaker: cannot remove the staging directory " + staging + ": " + e);
            }
        }
    }

    /** Copies the release's files, and only those, from its zip or directory into {@code tree}. */
    private void stage(RetainedReleases.Candidate candidate, Path tree) throws IOException, RetentionException {
        Map<String, Variant> expected = expectedFiles(candidate.release().manifest());
        FileTime time = FileTime.from(candidate.release().lastModified());
        if (candidate.origin() instanceof RetainedReleases.Origin.Zip zip) {
            try (ZipFile file = new ZipFile(zip.zip().toFile())) {
                for (Map.Entry<String, Variant> entry : expected.entrySet()) {
                    String name = zip.directory() + "/" + entry.getKey();
                    ZipEntry zipEntry = file.getEntry(name);
                    if (zipEntry == null || zipEntry.isDirectory()) {
                        throw new RetentionException("cachebreaker: cannot retain " + candidate.token() + " from "
                                + candidate.source() + ": it lacks " + name + ", which its manifest lists. Nothing of"
                                + " it was kept. " + candidate.fix());
                    }
                    try (InputStream in = file.getInputStream(zipEntry)) {
                        copy(in, tree.resolve(entry.getKey()), entry.getValue().size(), time);
                    }
                }
                String directory = zip.directory() + "/";
                for (ZipEntry zipEntry : java.util.Collections.list(file.entries())) {
                    String name = zipEntry.getName();
                    if (name.startsWith(directory) && !zipEntry.isDirectory()
                            && !expected.containsKey(name.substring(directory.length()))) {
                        throw new RetentionException("cachebreaker: cannot retain " + candidate.token() + " from "
                                + candidate.source() + ": it holds " + name + ", which its manifest does not list."
                                + " Nothing of it was kept. " + candidate.fix());
                    }
                }
            }
        } else if (candidate.origin() instanceof RetainedReleases.Origin.Directory dir) {
            String problem = Files.isDirectory(dir.directory(), LinkOption.NOFOLLOW_LINKS)
                    ? extraOrLinked(dir.directory(), expected) : "is missing, or is a link";
            if (problem != null) {
                throw new RetentionException("cachebreaker: cannot retain " + candidate.token() + " from "
                        + candidate.source() + ": " + dir.directory() + " " + problem + ". Nothing of it was kept. "
                        + candidate.fix());
            }
            for (Map.Entry<String, Variant> entry : expected.entrySet()) {
                Path file = dir.directory().resolve(entry.getKey());
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new RetentionException("cachebreaker: cannot retain " + candidate.token() + " from "
                            + candidate.source() + ": " + file + " is missing, though its manifest lists it. Nothing"
                            + " of it was kept. " + candidate.fix());
                }
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    copy(in, tree.resolve(entry.getKey()), entry.getValue().size(), time);
                }
            }
        }
    }

    /** Copies at most one byte more than expected, so a lying entry cannot fill the disk; the check follows. */
    private static void copy(InputStream in, Path target, long expected, FileTime time) throws IOException {
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            long left = expected + 1;
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                out.write(buffer, 0, read);
                left -= read;
            }
        }
        Files.setLastModifiedTime(target, time);
    }

    /**
     * Why a directory is not exactly a manifest's tree, or {@code null} when it is: every file and sibling the manifest
     * lists, with its size and SHA-256, and nothing else, no links.
     */
    static String mismatch(Path dir, AssetManifest manifest) {
        Map<String, Variant> expected = expectedFiles(manifest);
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return "is not a directory";
            }
            String problem = extraOrLinked(dir, expected);
            if (problem != null) {
                return problem;
            }
            for (Map.Entry<String, Variant> entry : expected.entrySet()) {
                Path file = dir.resolve(entry.getKey());
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    return "lacks " + entry.getKey() + ", which the manifest lists";
                }
                Variant actual = digest(file);
                Variant want = entry.getValue();
                if (actual.size() != want.size()) {
                    return "has " + entry.getKey() + " of " + actual.size() + " bytes where the manifest says "
                            + want.size();
                }
                if (!actual.sha256().equals(want.sha256())) {
                    return "has " + entry.getKey() + " with SHA-256 " + actual.sha256() + " where the manifest says "
                            + want.sha256();
                }
            }
            return null;
        } catch (IOException e) {
            return "cannot be read (" + e + ")";
        }
    }

    /** A file the manifest does not list, or a link, below {@code dir}; {@code null} when there is none. */
    private static String extraOrLinked(Path dir, Map<String, Variant> expected) throws IOException {
        String[] problem = {null};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String relative = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (attrs.isSymbolicLink()) {
                    problem[0] = "has the symbolic link " + relative + "; retained trees hold regular files only";
                } else if (!attrs.isRegularFile()) {
                    problem[0] = "has " + relative + ", which is not a regular file";
                } else if (!expected.containsKey(relative)) {
                    problem[0] = "has " + relative + ", which its manifest does not list";
                }
                return problem[0] == null ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
            }
        });
        return problem[0];
    }

    private static Variant digest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return Variant.read(in);
        }
    }

    /** @return every file of a manifest's tree, relative to its token directory: each asset and each sibling */
    static Map<String, Variant> expectedFiles(AssetManifest manifest) {
        Map<String, Variant> files = new TreeMap<>();
        for (Asset asset : manifest.assets()) {
            files.putAll(asset.files());
        }
        return files;
    }

    /** The directories a token file describes, as absolute normalized paths: its own tree and its retained ones. */
    private static Set<Path> namedBy(Path outputDirectory, TokenFile tokenFile) {
        Set<Path> named = new HashSet<>();
        named.add(outputDirectory.resolve(tokenFile.assetDirectory()).toAbsolutePath().normalize());
        for (RetainedRelease release : tokenFile.retained()) {
            try {
                named.add(outputDirectory.resolve(tokenFile.prefix().directory(release.token())).toAbsolutePath()
                        .normalize());
            } catch (TokenFileException e) {
                // Not a directory this prefix can name; nothing to protect.
            }
        }
        return named;
    }

    /**
     * The directories a token file describes, relative to the output directory: the cleaner keeps these.
     *
     * @param prefix   the current prefix
     * @param retained the retained releases
     * @return their token directories
     */
    static Set<String> directories(AssetPrefix prefix, List<RetainedRelease> retained) {
        Set<String> directories = new HashSet<>();
        for (RetainedRelease release : retained) {
            directories.add(prefix.directory(release.token()));
        }
        return directories;
    }

    private static boolean sameDirectory(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** Staging directories a killed build left behind would otherwise be packaged. */
    private void removeLeftoverStaging(Path mount) throws MojoExecutionException {
        if (!Files.isDirectory(mount)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(mount, STAGING + "*")) {
            for (Path entry : entries) {
                StaleTokenCleaner.deleteTree(entry);
                log.info("cachebreaker: removed the leftover staging directory " + entry);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cachebreaker: cannot remove leftover staging directories in " + mount
                    + ": " + e + ". Run 'mvn clean'.", e);
        }
    }
}
