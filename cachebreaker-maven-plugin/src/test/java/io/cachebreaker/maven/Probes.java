package io.cachebreaker.maven;

import java.nio.file.Path;

/** Probes the build-step tests share. */
final class Probes {
    /** Fails a build that writes or stages anything: for re-runs that must leave the output alone. */
    static final AssetBuild.Probe MUST_NOT_STAGE = new AssetBuild.Probe() {
        @Override
        public void written(Path file) {
            throw new AssertionError("wrote " + file);
        }

        @Override
        public void staged(Path staging) {
            throw new AssertionError("staged " + staging);
        }
    };

    private Probes() {
    }
}
