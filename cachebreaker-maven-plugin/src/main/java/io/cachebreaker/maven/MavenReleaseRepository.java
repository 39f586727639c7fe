package io.cachebreaker.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.resolution.VersionRangeResult;
import org.eclipse.aether.version.Version;

/** Resolves static zips with Maven's resolver, from the local repository and the project's remote repositories. */
final class MavenReleaseRepository implements ReleaseRepository {
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    MavenReleaseRepository(RepositorySystem system, RepositorySystemSession session,
            List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories == null ? List.of() : repositories;
    }

    @Override
    public List<String> releasedVersionsBelow(Coordinates coordinates, String below) throws RetentionException {
        Coordinates range = coordinates.withVersion("[0," + below + ")");
        VersionRangeResult result;
        try {
            result = system.resolveVersionRange(session,
                    new VersionRangeRequest(artifact(range), repositories, "cachebreaker"));
        } catch (VersionRangeResolutionException e) {
            throw new RetentionException("cachebreaker: cannot list the released versions of " + coordinates
                    + " below " + below + ": " + e.getMessage() + ". Check the repositories, or name a version"
                    + " instead of " + RetentionSettings.PREVIOUS_RELEASES + ".", e);
        }
        List<String> versions = new ArrayList<>();
        for (Version version : result.getVersions()) {
            String text = version.toString();
            if (!text.endsWith("-SNAPSHOT") && !text.equals(below)) {
                versions.add(0, text);
            }
        }
        return versions;
    }

    @Override
    public Path resolve(Coordinates coordinates) throws MissingSourceException {
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact(coordinates), repositories, null))
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new MissingSourceException(e.getMessage());
        }
    }

    private static DefaultArtifact artifact(Coordinates c) {
        return new DefaultArtifact(c.groupId(), c.artifactId(), c.classifier(), c.extension(), c.version());
    }
}
