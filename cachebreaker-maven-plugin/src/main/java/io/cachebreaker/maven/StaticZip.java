package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Writes one token's asset tree, exactly as the token file lists it, into a zip for a CDN origin or bucket: entries
 * such as {@code static/<token>/css/app.css} and its {@code .gz}/{@code .br} siblings, so that the bucket serves the
 * same paths as the application. The zip also holds {@code META-INF/cachebreaker.properties}, the token file of this
 * tree alone (retained releases left out), so that a later release can retain it and check every byte.
 *
 * <p>Reproducible: entries are sorted by name and carry the token file's {@code lastModified} (the build instant,
 * {@code project.build.outputTimestamp} when set) as a DOS time in UTC, with no extended time fields, so two builds of
 * the same sources give the same bytes in any time zone.
 */
final class StaticZip {
    private final Path outputDirectory;
    private final TokenFile tokenFile;

    /**
     * @param outputDirectory the class path root that holds the token directory
     * @param tokenFile the token file read from there
     */
    StaticZip(Path outputDirectory, TokenFile tokenFile) {
        this.outputDirectory = outputDirectory;
        this.tokenFile = tokenFile;
    }

    /**
     * Writes the zip, replacing {@code zip} only once it is complete.
     *
     * @return the number of entries
     * @throws MojoExecutionException when a listed file is missing or not the size the token file records, which
     *     means the tree was changed after the assets goal ran
     */
    int writeTo(Path zip) throws MojoExecutionException, IOException {
        Map<String, Path> entries = entries();
        LocalDateTime time = LocalDateTime.ofInstant(tokenFile.lastModified(), ZoneOffset.UTC);
        Files.createDirectories(zip.toAbsolutePath().getParent());
        Path partial = zip.resolveSibling(zip.getFileName() + ".part");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
            // The release's own token file first, so a later build can retain this tree: token, lastModified and the
            // manifest to check every file against. Without retained releases: the zip holds this tree only.
            ZipEntry tokenEntry = new ZipEntry(TokenFile.RESOURCE);
            tokenEntry.setTimeLocal(time);
            out.putNextEntry(tokenEntry);
            out.write(currentOnly().toBytes());
            out.closeEntry();
            for (Map.Entry<String, Path> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setTimeLocal(time);
                out.putNextEntry(zipEntry);
                Files.copy(entry.getValue(), (OutputStream) out);
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return entries.size() + 1;
    }

    /** The token file as the zip carries it: this release's tree, none of the trees it retained. */
    private TokenFile currentOnly() {
        return new TokenFile(tokenFile.token(), tokenFile.strategy(), tokenFile.prefix(), tokenFile.lastModified(),
                tokenFile.manifest());
    }

    /** @return entry name to file, sorted by name: every asset of the manifest and every precompressed sibling */
    private Map<String, Path> entries() throws MojoExecutionException, IOException {
        String directory = tokenFile.assetDirectory() + "/";
        Map<String, Path> entries = new TreeMap<>();
        for (Asset asset : tokenFile.manifest().assets()) {
            for (Map.Entry<String, Variant> file : asset.files().entrySet()) {
                add(entries, directory + file.getKey(), file.getValue());
            }
        }
        return entries;
    }

    private void add(Map<String, Path> entries, String name, Variant variant)
            throws MojoExecutionException, IOException {
        Path file = outputDirectory.resolve(name);
        if (!Files.isRegularFile(file) || Files.size(file) != variant.size()) {
            throw new MojoExecutionException("cachebreaker: " + file + " is missing or is not the " + variant.size()
                    + " bytes that " + TokenFile.RESOURCE + " records; run the assets goal again (mvn package"
                    + " runs it) before static-zip.");
        }
        entries.put(name, file);
    }
}
