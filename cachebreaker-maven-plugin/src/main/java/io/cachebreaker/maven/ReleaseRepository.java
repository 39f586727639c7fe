package io.cachebreaker.maven;

import java.nio.file.Path;
import java.util.List;

/**
 * Where previous releases' static zips come from by coordinates: the Maven repositories of the build. A seam, so
 * that tests need no repository system.
 */
interface ReleaseRepository {

    /**
     * The released versions of an artifact that are older than a version, newest first; snapshots are left out.
     *
     * @param coordinates the artifact; its version is ignored
     * @param below       the project's version: only older versions count
     * @return the versions, newest first; empty when there are none (such as before the first release)
     * @throws RetentionException when the repositories cannot be asked
     */
    List<String> releasedVersionsBelow(Coordinates coordinates, String below) throws RetentionException;

    /**
     * Resolves one artifact to a local file.
     *
     * @param coordinates the artifact with a concrete version
     * @return the file
     * @throws MissingSourceException when no repository has it, with the resolver's reason
     */
    Path resolve(Coordinates coordinates) throws MissingSourceException;

    /** A repository that has nothing, for builds without one. */
    ReleaseRepository NONE = new ReleaseRepository() {
        @Override
        public List<String> releasedVersionsBelow(Coordinates coordinates, String below) {
            return List.of();
        }

        @Override
        public Path resolve(Coordinates coordinates) throws MissingSourceException {
            throw new MissingSourceException("no repository system to resolve " + coordinates + " from");
        }
    };

    /**
     * Maven coordinates of a static zip: {@code groupId:artifactId:version},
     * {@code groupId:artifactId:extension:version} or {@code groupId:artifactId:extension:classifier:version}; the
     * extension defaults to {@code zip} and the classifier to {@code static}, as the static-zip goal attaches it.
     */
    record Coordinates(String groupId, String artifactId, String extension, String classifier, String version) {

        static Coordinates parse(String text) throws RetentionException {
            String[] parts = text == null ? new String[0] : text.strip().split(":", -1);
            for (String part : parts) {
                if (part.isBlank()) {
                    parts = new String[0];
                    break;
                }
            }
            return switch (parts.length) {
                case 3 -> new Coordinates(parts[0], parts[1], "zip", "static", parts[2]);
                case 4 -> new Coordinates(parts[0], parts[1], parts[2], "static", parts[3]);
                case 5 -> new Coordinates(parts[0], parts[1], parts[2], parts[3], parts[4]);
                default -> throw new RetentionException("cachebreaker: retainArtifacts has '" + text + "', which is"
                        + " not groupId:artifactId[:extension[:classifier]]:version. Use, for example,"
                        + " com.example:shop:" + RetentionSettings.PREVIOUS_RELEASES + " or com.example:shop:1.4.2.");
            };
        }

        Coordinates withVersion(String newVersion) {
            return new Coordinates(groupId, artifactId, extension, classifier, newVersion);
        }

        @Override
        public String toString() {
            return groupId + ":" + artifactId + ":" + extension + ":" + classifier + ":" + version;
        }
    }
}
