package io.cachebreaker.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * What the {@code retain*} parameters of the {@code assets} goal ask for: which previous releases' asset trees to
 * carry into the artifact, how many, and how many bytes at most.
 *
 * @param releases         at most this many previous releases are kept ({@code retainReleases}); 0 keeps none
 * @param previousReleases shorthand for the artifact {@code <groupId>:<artifactId>:zip:static:PREVIOUS_RELEASES}
 * @param artifacts        coordinates of static zips to resolve from the Maven repositories
 * @param paths            static zips, or directories that hold a token file and its token directories
 * @param output           whether the token directories the previous build left in the output directory count
 * @param missing          what a source that is not there does
 * @param maxBytes         the cap on the bytes all retained trees add, siblings included
 */
record RetentionSettings(int releases, boolean previousReleases, List<String> artifacts, List<Path> paths,
        boolean output, Missing missing, long maxBytes) {

    /** The default of {@code retainReleases}. */
    static final int DEFAULT_RELEASES = 2;

    /** The default of {@code retainMaxBytes}. */
    static final String DEFAULT_MAX_BYTES = "64MiB";

    /** The version keyword of {@code retainArtifacts}: the newest released versions older than the project's. */
    static final String PREVIOUS_RELEASES = "PREVIOUS_RELEASES";

    /** The version keyword of {@code retainArtifacts}: the newest released version older than the project's. */
    static final String LATEST_RELEASE = "LATEST_RELEASE";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

    /** What a configured source that is not there does. */
    enum Missing {
        /** Fail the build, naming the source and the fix (the default). */
        FAIL,
        /** Log a warning and build without it. */
        WARN;

        static Missing parse(String value) throws MojoExecutionException {
            if (value == null || value.isBlank()) {
                return FAIL;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("cachebreaker: retainMissing (property cachebreaker.retain.missing)"
                        + " is '" + value + "'; use 'fail' or 'warn'.", e);
            }
        }
    }

    RetentionSettings {
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
        paths = paths == null ? List.of() : List.copyOf(paths);
        missing = missing == null ? Missing.FAIL : missing;
    }

    /** No retention at all: what a build that configures none of the sources gets. */
    static RetentionSettings none() {
        return new RetentionSettings(0, false, List.of(), List.of(), false, Missing.FAIL, 0);
    }

    /** @return whether any previous release can be retained: a source is configured and N is above 0 */
    boolean enabled() {
        return releases > 0 && (previousReleases || !artifacts.isEmpty() || !paths.isEmpty() || output);
    }

    /**
     * Parses a size such as {@code 67108864}, {@code 64MiB}, {@code 64m} or {@code 1GiB}; {@code k}, {@code m} and
     * {@code g} (with or without {@code B} or {@code iB}) are powers of 1024.
     *
     * @param text the configured value; blank means the default, 64 MiB
     * @return the number of bytes
     * @throws MojoExecutionException naming the parameter and the accepted forms
     */
    static long parseBytes(String text) throws MojoExecutionException {
        String value = text == null || text.isBlank() ? DEFAULT_MAX_BYTES : text.strip();
        Matcher matcher = SIZE.matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new MojoExecutionException("cachebreaker: retainMaxBytes (property cachebreaker.retain.maxBytes)"
                    + " is '" + text + "'; use a number of bytes, optionally followed by KiB, MiB or GiB, such as"
                    + " 64MiB.");
        }
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new MojoExecutionException("cachebreaker: retainMaxBytes (property cachebreaker.retain.maxBytes)"
                    + " is '" + text + "', which is too large.");
        }
        return number << shift;
    }

    /** @return a size for log lines, such as {@code 1.5 MiB} */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
