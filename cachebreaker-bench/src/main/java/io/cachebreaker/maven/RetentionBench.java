package io.cachebreaker.maven;

import io.cachebreaker.bench.Stats;
import io.cachebreaker.runtime.CachebreakerSettings;
import io.cachebreaker.runtime.serving.AssetSite;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What retaining previous releases costs (issue #12): builds four real, different releases of a static tree (the
 * demo's: each release edits its stylesheet and its script, as a release would), then the fourth retaining 0, 1 and
 * 3 of the earlier ones (retainPaths, retainReleases), and reports for each the files and bytes the output holds,
 * the size of those files zipped as a jar holds them (deflate), and the runtime's start-up work for it:
 * {@code AssetSite.load} (token file, manifest, catalog of every variant, retained trees included), warm in this JVM.
 *
 * <p>Usage: {@code RetentionBench build <work dir> <static dir> <warm reps>}, then for a cold JVM
 * {@code RetentionBench load <output dir>} (prints the ms of one load).
 */
public final class RetentionBench {
    private RetentionBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("load")) {
            long t0 = System.nanoTime();
            AssetSite site = load(Path.of(args[1]));
            double ms = (System.nanoTime() - t0) / 1e6;
            System.out.printf(Locale.ROOT, "%.1f\t%d%n", ms, site.tokenFile().manifest().size());
            return;
        }
        Path work = Path.of(args[1]).toAbsolutePath();
        Path demo = Path.of(args[2]).toAbsolutePath();
        int reps = Integer.parseInt(args[3]);
        BuildStepBench.delete(work);
        List<Path> releases = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            Path src = work.resolve("src-" + k);
            copyTree(demo, src);
            for (String edited : new String[] {"css/app.css", "js/app.mjs"}) {
                Path file = src.resolve(edited);
                if (Files.isRegularFile(file)) {
                    Files.writeString(file, Files.readString(file) + "\n/* release " + k + " */\n",
                            StandardCharsets.UTF_8);
                }
            }
            if (k < 4) {
                Path out = work.resolve("release-" + k);
                build(src, out, k, List.of(), 0);
                releases.add(out);
            }
        }
        System.out.println("| retained releases | files in the output | bytes of files |"
                + " zipped (deflate, as in a jar) | added to the artifact | assets in the token file |"
                + " AssetSite.load, warm median of " + reps + " (ms) |");
        System.out.println("|---|---|---|---|---|---|---|");
        int[] retains = {0, 1, 3};
        Path[] outs = new Path[retains.length];
        for (int i = 0; i < retains.length; i++) {
            outs[i] = work.resolve("release-4-retain-" + retains[i]);
            build(work.resolve("src-4"), outs[i], 4, retains[i] == 0 ? List.of() : releases, retains[i]);
        }
        // Warm-up, then the loads interleaved (0, 1, 3, 0, 1, 3, ...) so that the JIT and other load treat all alike.
        for (int i = 0; i < 20; i++) {
            for (Path out : outs) {
                load(out);
            }
        }
        double[][] ms = new double[retains.length][reps];
        int[] assets = new int[retains.length];
        for (int rep = 0; rep < reps; rep++) {
            for (int i = 0; i < retains.length; i++) {
                long t0 = System.nanoTime();
                AssetSite site = load(outs[i]);
                ms[i][rep] = (System.nanoTime() - t0) / 1e6;
                assets[i] = site.tokenFile().manifest().size();
                for (var r : site.tokenFile().retained()) {
                    assets[i] += r.manifest().size();
                }
            }
        }
        long baseZip = zipped(outs[0]);
        for (int i = 0; i < retains.length; i++) {
            long[] size = size(outs[i]);
            long zipped = zipped(outs[i]);
            System.out.printf(Locale.ROOT, "| %d | %d | %,d | %,d | %s | %d | %.2f |%n", retains[i], size[0], size[1],
                    zipped, retains[i] == 0 ? "-" : String.format(Locale.ROOT, "+%,d B", zipped - baseZip), assets[i],
                    Stats.median(ms[i]));
        }
    }

    private static AssetSite load(Path out) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, null)) {
            return AssetSite.load(loader, "/app", CachebreakerSettings.defaults(), name -> null, Clock.systemUTC());
        }
    }

    private static void build(Path src, Path out, int release, List<Path> retainPaths, int retainReleases)
            throws Exception {
        AssetsMojo mojo = BuildStepBench.configured(src, out, true, true, "2026-11-0" + release + "T00:00:00Z",
                new Date());
        mojo.projectGroupId = "io.cachebreaker.examples";
        mojo.projectArtifactId = "demo";
        mojo.projectVersion = "1." + release + ".0";
        mojo.retainReleases = retainReleases;
        mojo.retainPreviousReleases = false;
        mojo.retainArtifacts = List.of();
        mojo.retainPaths = retainPaths.stream().map(Path::toFile).toList();
        mojo.retainOutput = false;
        mojo.retainMissing = "fail";
        mojo.retainMaxBytes = "64MiB";
        mojo.execute();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** @return files, bytes */
    private static long[] size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            long[] out = new long[2];
            walk.filter(Files::isRegularFile).forEach(p -> {
                out[0]++;
                try {
                    out[1] += Files.size(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return out;
        }
    }

    /** The output zipped as a jar holds it: every file deflated (default level), sorted entries. */
    private static long zipped(Path dir) throws IOException {
        CountingStream counter = new CountingStream();
        try (ZipOutputStream zip = new ZipOutputStream(counter); Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                zip.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
        return counter.count;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
