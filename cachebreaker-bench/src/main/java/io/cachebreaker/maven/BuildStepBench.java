package io.cachebreaker.maven;

import io.cachebreaker.bench.Fixtures;
import io.cachebreaker.bench.Stats;
import org.apache.maven.plugin.logging.SystemStreamLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Benchmark 3, the build step: times {@link AssetsMojo#execute()} called directly in this JVM (no Maven process, no
 * Maven core: the mojo's fields are set as Maven would inject them, with plexus-build-api's non-incremental
 * {@code DefaultBuildContext}, as on the command line) on a generated tree of 10,000 assets of about 200 MB, against
 * {@code cp -r} of the same tree.
 *
 * <p>The token is stable across runs (strategy timestamp with {@code outputTimestamp} set, as in this project's own
 * pom), so the second run of each configuration is a true no-change re-run. Every timed run starts after
 * {@code sync}, with the page cache warm for the sources (the same for {@code cp -r}).
 *
 * <p>Each rep of the main configuration (no precompression) runs {@code cp -r}, the two JVM references, the cold
 * run and the no-change run back to back, so the per-rep ratios compare figures taken in the same minute.
 *
 * <p>Usage: {@code BuildStepBench <work dir> <reps> <gzip reps> <brotli reps> <raw tsv>}; a reps of 0 skips that
 * configuration.
 */
public final class BuildStepBench {
    static final int FILES = 10_000;
    static final long TARGET_BYTES = 200L * 1000 * 1000;

    private BuildStepBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int reps = Integer.parseInt(args[1]);
        int gzipReps = Integer.parseInt(args[2]);
        int brotliReps = Integer.parseInt(args[3]);
        Path raw = Path.of(args[4]);
        Path src = work.resolve("src");
        long[] generated = generate(src);

        Map<String, List<Double>> results = new LinkedHashMap<>();
        StringBuilder tsv = new StringBuilder("measure\trep\tseconds\tnote\n");

        // One round per rep, so that each goal run has a cp -r from the same minute to compare with: other work on
        // the machine moves all figures, and the per-rep ratio cancels most of it.
        Path cpOut = work.resolve("cp-out");
        for (int rep = 1; rep <= reps; rep++) {
            delete(cpOut);
            sync();
            long t0 = System.nanoTime();
            exec("cp", "-r", src.toString(), cpOut.toString());
            record(results, tsv, "cp -r", rep, seconds(t0), "");

            // Two JVM references that say where the goal's time goes: the copy alone, and the hashing alone.
            delete(cpOut);
            sync();
            t0 = System.nanoTime();
            javaCopy(src, cpOut);
            record(results, tsv, "JVM reference: Files.copy of every file", rep, seconds(t0), "");
            delete(cpOut);
            sync();
            t0 = System.nanoTime();
            String digest = javaHash(src);
            record(results, tsv, "JVM reference: read + SHA-256 of every file, no write", rep, seconds(t0), digest);

            run(work, src, "no precompression", false, false, 1, rep, results, tsv);
        }
        delete(cpOut);

        run(work, src, "gzip", true, false, gzipReps, 1, results, tsv);
        run(work, src, "gzip + brotli", true, true, brotliReps, 1, results, tsv);

        Files.createDirectories(raw.toAbsolutePath().getParent());
        Files.writeString(raw, tsv, StandardCharsets.UTF_8);

        double cp = Stats.median(array(results.get("cp -r")));
        System.out.printf(Locale.ROOT, "Tree: %d files, %d bytes (%.1f MB; %d compressible text files of %d bytes),"
                        + " in %s%n%n", generated[0], generated[1], generated[1] / 1e6, generated[2], generated[3],
                src);
        System.out.println("| measure | runs (s) | median (s) | median vs. median `cp -r` | per-rep ratio (cold: vs."
                + " `cp -r` of the same rep; re-run: vs. cold of the same rep) | re-run vs. cold (medians) | target |"
                + " met |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Double>> e : results.entrySet()) {
            double[] v = array(e.getValue());
            double median = Stats.median(v);
            StringBuilder runs = new StringBuilder();
            for (double d : v) {
                runs.append(runs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", d));
            }
            String name = e.getKey();
            String perRep = "-";
            List<Double> base = name.endsWith("no-change re-run")
                    ? results.get(name.replace("no-change re-run", "cold"))
                    : name.equals("no precompression, cold") ? results.get("cp -r") : null;
            double[] perRepRatios = new double[0];
            if (base != null && base.size() == v.length) {
                perRepRatios = new double[v.length];
                StringBuilder r = new StringBuilder();
                for (int i = 0; i < v.length; i++) {
                    perRepRatios[i] = v[i] / base.get(i);
                    r.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, name.endsWith("re-run")
                            ? "%.1f %%" : "%.2fx", name.endsWith("re-run") ? perRepRatios[i] * 100 : perRepRatios[i]));
                }
                perRep = r.toString();
            }
            String vsCold = "-";
            String target = "-";
            String met = "-";
            if (name.endsWith("no-change re-run")) {
                String cold = name.replace("no-change re-run", "cold");
                double coldMedian = Stats.median(array(results.get(cold)));
                double ratio = median / coldMedian;
                vsCold = String.format(Locale.ROOT, "%.1f %%", ratio * 100);
                if (name.startsWith("no precompression")) {
                    target = "<= 10 % of cold";
                    double judged = perRepRatios.length > 0 ? Stats.median(perRepRatios) : ratio;
                    met = judged <= 0.10 ? "yes" : "**no**";
                }
            } else if (name.equals("no precompression, cold")) {
                target = "<= 2.0x cp -r";
                double judged = perRepRatios.length > 0 ? Stats.median(perRepRatios) : median / cp;
                met = judged <= 2.0 ? "yes" : "**no**";
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2fx | %s | %s | %s | %s |%n", name, runs, median,
                    median / cp, perRep, vsCold, target, met);
        }
        System.out.println();
        System.out.println("Raw figures: " + raw);
    }

    private static void run(Path work, Path src, String config, boolean precompress, boolean brotli, int reps,
            int firstRep, Map<String, List<Double>> results, StringBuilder tsv) throws Exception {
        Path out = work.resolve("out-" + config.replaceAll("[^a-z]+", "-"));
        for (int rep = firstRep; rep < firstRep + reps; rep++) {
            delete(out);
            sync();
            long t0 = System.nanoTime();
            String note = mojo(src, out, precompress, brotli).execute0();
            record(results, tsv, config + ", cold", rep, seconds(t0), note);
            sync();
            t0 = System.nanoTime();
            note = mojo(src, out, precompress, brotli).execute0();
            record(results, tsv, config + ", no-change re-run", rep, seconds(t0), note);
        }
        delete(out);
    }

    /** A mojo configured as Maven would inject it for this project, with a stable token. */
    static Timed mojo(Path src, Path out, boolean precompress, boolean brotli) {
        // What Maven injects on the command line: plexus-build-api's non-incremental context.
        AssetsMojo mojo = new AssetsMojo(new org.sonatype.plexus.build.incremental.DefaultBuildContext());
        mojo.skip = false;
        mojo.strategy = "timestamp";
        mojo.gitAbbrev = 7;
        mojo.gitDirty = "ignore";
        mojo.sourceDirectory = src.toFile();
        mojo.outputDirectory = out.toFile();
        mojo.prefix = "static/{token}";
        mojo.precompress = precompress;
        mojo.brotli = brotli;
        mojo.outputTimestamp = "2026-11-24T00:00:00Z";
        mojo.projectVersion = "1.0.0";
        mojo.basedir = src.getParent().toFile();
        mojo.sessionStartTime = new Date();
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);
        return () -> {
            mojo.execute();
            return log.last;
        };
    }

    interface Timed {
        String execute0() throws Exception;
    }

    /** Maven's console log, but to stderr, keeping the goal's last info line for the raw figures. */
    static final class CapturingLog extends SystemStreamLog {
        String last = "";

        @Override
        public void info(CharSequence content) {
            last = content.toString();
            System.err.println("[INFO] " + content);
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }
    }

    private static void record(Map<String, List<Double>> results, StringBuilder tsv, String measure, int rep,
            double seconds, String note) {
        results.computeIfAbsent(measure, k -> new ArrayList<>()).add(seconds);
        tsv.append(String.format(Locale.ROOT, "%s\t%d\t%.3f\t%s%n", measure, rep, seconds, note));
        System.err.printf(Locale.ROOT, "%s rep %d: %.3f s %s%n", measure, rep, seconds, note);
    }

    /**
     * Writes the deterministic tree once (skipped when its marker says it is complete): 10,000 files in 100 groups,
     * three in five of them compressible text (css, js, svg), the rest incompressible binary (png, woff2), sizes
     * spread evenly from 2 to 38 KB. All get one fixed modification time.
     *
     * @return files, bytes, text files, text bytes
     */
    static long[] generate(Path src) throws IOException, InterruptedException {
        Path marker = src.resolveSibling("src.complete");
        String[] ext = {"css", "js", "svg", "png", "woff2"};
        SplittableRandom random = new SplittableRandom(42);
        int[] sizes = new int[FILES];
        long total = 0;
        for (int i = 0; i < FILES; i++) {
            sizes[i] = 2000 + random.nextInt(36_000);
            total += sizes[i];
        }
        double scale = (double) TARGET_BYTES / total;
        long bytes = 0;
        long textFiles = 0;
        long textBytes = 0;
        for (int i = 0; i < FILES; i++) {
            sizes[i] = (int) Math.round(sizes[i] * scale);
            bytes += sizes[i];
            if (i % 5 < 3) {
                textFiles++;
                textBytes += sizes[i];
            }
        }
        long[] summary = {FILES, bytes, textFiles, textBytes};
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(FILES + " " + bytes)) {
            return summary;
        }
        delete(src);
        FileTime time = FileTime.from(Instant.parse("2026-11-01T00:00:00Z"));
        System.err.println("Generating " + FILES + " files, " + bytes + " bytes, in " + src);
        for (int i = 0; i < FILES; i++) {
            String kind = ext[i % 5];
            Path file = src.resolve(kind + "/group-" + (i / 100) + "/asset-" + i + "." + kind);
            Files.createDirectories(file.getParent());
            byte[] data;
            if (i % 5 < 3) {
                data = Fixtures.text(sizes[i], i, i % 5 == 0);
            } else {
                data = new byte[sizes[i]];
                new SplittableRandom(i).nextBytes(data);
            }
            Files.write(file, data);
            Files.setLastModifiedTime(file, time);
        }
        Files.writeString(marker, FILES + " " + bytes);
        return summary;
    }

    private static void javaCopy(Path src, Path dst) throws IOException {
        try (var files = Files.walk(src)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = dst.resolve(src.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static String javaHash(Path src) throws IOException {
        java.security.MessageDigest all;
        try {
            all = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        try (var files = Files.walk(src)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    java.security.MessageDigest one = (java.security.MessageDigest) uncheckedClone(all);
                    try (var in = Files.newInputStream(file)) {
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            one.update(buffer, 0, n);
                        }
                    }
                    all.update(one.digest());
                    count++;
                }
            }
        }
        return count + " files hashed";
    }

    private static Object uncheckedClone(java.security.MessageDigest digest) {
        try {
            java.security.MessageDigest fresh = java.security.MessageDigest.getInstance("SHA-256");
            return fresh;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void delete(Path dir) throws IOException, InterruptedException {
        if (Files.exists(dir)) {
            exec("rm", "-rf", dir.toString());
        }
    }

    static void sync() throws IOException, InterruptedException {
        exec("sync");
    }

    static void exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double[] array(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
