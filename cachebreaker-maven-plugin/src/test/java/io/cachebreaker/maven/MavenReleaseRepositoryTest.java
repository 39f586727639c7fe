package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cachebreaker.maven.ReleaseRepository.Coordinates;
import java.io.File;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.resolution.VersionRangeResult;
import org.eclipse.aether.util.version.GenericVersionScheme;
import org.junit.jupiter.api.Test;

/** The resolver's answers as retention reads them, with a stand-in RepositorySystem. */
class MavenReleaseRepositoryTest {
    private static final Coordinates SHOP = new Coordinates("com.example", "shop", "zip", "static", "1.3.0");
    private static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.example.invalid/").build();

    /** A RepositorySystem that answers only the two calls retention makes, recording the requests. */
    private static RepositorySystem system(List<Object> requests, Object rangeAnswer, Object artifactAnswer) {
        return (RepositorySystem) Proxy.newProxyInstance(RepositorySystem.class.getClassLoader(),
                new Class<?>[] {RepositorySystem.class}, (proxy, method, args) -> {
                    Object answer = switch (method.getName()) {
                        case "resolveVersionRange" -> rangeAnswer;
                        case "resolveArtifact" -> artifactAnswer;
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                    requests.add(args[1]);
                    if (answer instanceof Exception e) {
                        throw e;
                    }
                    return answer;
                });
    }

    private static VersionRangeResult range(String... versions) throws Exception {
        VersionRangeResult result = new VersionRangeResult(new VersionRangeRequest());
        GenericVersionScheme scheme = new GenericVersionScheme();
        for (String version : versions) {
            result.addVersion(scheme.parseVersion(version));
        }
        return result;
    }

    @Test
    void releasedVersionsBelowAreNewestFirstWithoutSnapshotsOrTheBoundItself() throws Exception {
        List<Object> requests = new ArrayList<>();
        MavenReleaseRepository repository = new MavenReleaseRepository(
                system(requests, range("1.0.0", "1.1.0-SNAPSHOT", "1.1.0", "1.2.0", "1.3.0"), null), null,
                List.of(CENTRAL));
        assertEquals(List.of("1.2.0", "1.1.0", "1.0.0"), repository.releasedVersionsBelow(SHOP, "1.3.0"));
        VersionRangeRequest request = (VersionRangeRequest) requests.get(0);
        assertEquals("[0,1.3.0)", request.getArtifact().getVersion());
        assertEquals("com.example:shop:zip:static:[0,1.3.0)", request.getArtifact().toString());
        assertEquals(List.of(CENTRAL), request.getRepositories());
        assertEquals("cachebreaker", request.getRequestContext());
    }

    @Test
    void aRangeThatCannotBeResolvedFailsNamingTheFix() {
        MavenReleaseRepository repository = new MavenReleaseRepository(system(new ArrayList<>(),
                new VersionRangeResolutionException(new VersionRangeResult(new VersionRangeRequest()), "offline"),
                null), null, null);
        RetentionException e = assertThrows(RetentionException.class,
                () -> repository.releasedVersionsBelow(SHOP, "1.3.0"));
        assertTrue(e.getMessage().contains("cannot list the released versions of " + SHOP + " below 1.3.0"),
                e.getMessage());
        assertTrue(e.getMessage().contains("offline"), e.getMessage());
        assertTrue(e.getMessage().contains(RetentionSettings.PREVIOUS_RELEASES), e.getMessage());
    }

    @Test
    void anArtifactResolvesToItsFileOrIsMissing() throws Exception {
        File zip = new File("/tmp/shop-1.2.0-static.zip");
        ArtifactResult found = new ArtifactResult(new ArtifactRequest());
        found.setArtifact(new org.eclipse.aether.artifact.DefaultArtifact("com.example:shop:zip:static:1.2.0")
                .setFile(zip));
        List<Object> requests = new ArrayList<>();
        MavenReleaseRepository repository = new MavenReleaseRepository(system(requests, null, found), null,
                List.of(CENTRAL));
        assertEquals(zip.toPath(), repository.resolve(SHOP.withVersion("1.2.0")));
        ArtifactRequest request = (ArtifactRequest) requests.get(0);
        assertEquals("com.example:shop:zip:static:1.2.0", request.getArtifact().toString());
        assertEquals(List.of(CENTRAL), request.getRepositories());

        MavenReleaseRepository missing = new MavenReleaseRepository(system(new ArrayList<>(), null,
                new ArtifactResolutionException(List.of(), "not found anywhere")), null, List.of());
        MissingSourceException e = assertThrows(MissingSourceException.class,
                () -> missing.resolve(SHOP.withVersion("0.9.0")));
        assertTrue(e.getMessage().contains("not found anywhere"), e.getMessage());
    }
}
