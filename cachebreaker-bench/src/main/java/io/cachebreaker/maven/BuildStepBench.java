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
 * Benchmark 3, the build step (issue #14): times {@link AssetsMojo#execute()} called directly in this JVM (no Maven
 * process, no Maven core: the mojo's fields are set as Maven would inject them, with plexus-build-api's
 * non-incremental {@code DefaultBuildContext}, as on the command line) on a generated tree (10,000 assets of about
 * 200 MB by default), against {@code cp -r} of the same tree.
 *
 * <p>Each rep runs, back to back, so that every ratio compares figures taken in the same minute:
 * <ol>
 *   <li>{@code cp -r} of the tree (the floor);</li>
 *   <li>the goal, cold (empty output), no precompression, strategy timestamp with {@code outputTimestamp} set;</li>
 *   <li>the same again: a no-change re-run;</li>
 *   <li>one file of the tree changed (new bytes, new time), the same again;</li>
 *   <li>a build that mints a new token with nothing changed: strategy timestamp without {@code outputTimestamp}, a
 *       new session start time, as a build without a pinned timestamp does every time;</li>
 * </ol>
 * then the changed file is restored. Precompression (gzip, then gzip + Brotli) runs cold through
 * {@link AssetBuild} with 1 and then 2 threads ({@code AssetBuild.Settings.threads}, which the mojo sets to
 * {@code min(cores, 4)}), so that the speed-up on this machine is measured in one run.
 *
 * <p>Usage: {@code BuildStepBench <work dir> <files> <MB> <reps> <gzip reps> <brotli reps> <raw tsv> [warm-up reps]};
 * a reps of 0 skips that configuration; warm-up reps (1 by default) run the same sequence first, unrecorded.
 */
public final class BuildStepBench {
    private BuildStepBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int files = Integer.parseInt(args[1]);
        long targetBytes = Long.parseLong(args[2]) * 1000 * 1000;
        int reps = Integer.parseInt(args[3]);
        int gzipReps = Integer.parseInt(args[4]);
        int brotliReps = Integer.parseInt(args[5]);
        Path raw = Path.of(args[6]);
        int warmup = args.length > 7 ? Integer.parseInt(args[7]) : 1;
        Path src = work.resolve("src-" + files + "-" + args[2]);
        long[] generated = generate(src, files, targetBytes);

        Map<String, List<Double>> results = new LinkedHashMap<>();
        StringBuilder tsv = new StringBuilder("measure\trep\tseconds\tload\tnote\n");

        Path cpOut = work.resolve("cp-out");
        Path out = work.resolve("out");
        int changedIndex = (files / 2) / 5 * 5; // a css file in the middle of the tree
        Path changed = src.resolve("css/group-" + (changedIndex / 100) + "/asset-" + changedIndex + ".css");
        byte[] original = Files.readAllBytes(changed);
        FileTime originalTime = Files.getLastModifiedTime(changed);
        long session = Instant.parse("2026-11-29T00:00:00Z").toEpochMilli();
        try {
            // Reps below 1 warm the JIT up and are not recorded: the in-process figures are those of a warm JVM (a
            // Maven build's plugin realm is cold, which the whole-process figures show).
            for (int rep = reps > 0 ? 1 - warmup : 1; rep <= reps; rep++) {
                delete(cpOut);
                delete(out);
                delete(buildDirectory(out));
                sync();
                long t0 = System.nanoTime();
                exec("cp", "-r", src.toString(), cpOut.toString());
                record(results, tsv, CP, rep, seconds(t0), "");
                delete(cpOut);

                sync();
                t0 = System.nanoTime();
                String note = mojo(src, out, false, false, "2026-11-24T00:00:00Z", new Date(session)).execute0();
                record(results, tsv, COLD, rep, seconds(t0), note);

                sync();
                t0 = System.nanoTime();
                note = mojo(src, out, false, false, "2026-11-24T00:00:00Z", new Date(session)).execute0();
                record(results, tsv, NO_CHANGE, rep, seconds(t0), note);

                byte[] edited = (new String(original, StandardCharsets.UTF_8) + "\n/* edit " + rep + " */\n")
                        .getBytes(StandardCharsets.UTF_8);
                Files.write(changed, edited);
                Files.setLastModifiedTime(changed, FileTime.from(Instant.parse("2026-11-29T00:00:00Z")
                        .plusSeconds(rep)));
                sync();
                t0 = System.nanoTime();
                note = mojo(src, out, false, false, "2026-11-24T00:00:00Z", new Date(session)).execute0();
                record(results, tsv, ONE_CHANGED, rep, seconds(t0), note);

                session += 60_000;
                sync();
                t0 = System.nanoTime();
                note = mojo(src, out, false, false, null, new Date(session)).execute0();
                record(results, tsv, NEW_TOKEN, rep, seconds(t0), note);

                Files.write(changed, original);
                Files.setLastModifiedTime(changed, originalTime);
            }
        } finally {
            Files.write(changed, original);
            Files.setLastModifiedTime(changed, originalTime);
        }
        delete(out);
        delete(buildDirectory(out));
        delete(cpOut);

        for (int threads : new int[] {1, 2}) {
            precompress(src, work.resolve("out-gzip"), false, threads, gzipReps, results, tsv);
        }
        for (int threads : new int[] {1, 2}) {
            precompress(src, work.resolve("out-brotli"), true, threads, brotliReps, results, tsv);
        }

        Files.createDirectories(raw.toAbsolutePath().getParent());
        Files.writeString(raw, tsv, StandardCharsets.UTF_8);

        System.out.printf(Locale.ROOT, "Tree: %d files, %d bytes (%.1f MB; %d compressible text files of %d bytes),"
                        + " in %s%n%n", generated[0], generated[1], generated[1] / 1e6, generated[2], generated[3],
                src);
        System.out.println("| measure | runs (s) | median (s) | per-rep ratio | median ratio | goal | met |");
        System.out.println("|---|---|---|---|---|---|---|");
        row(results, CP, null, 0, false, "-");
        row(results, COLD, CP, 1.5, false, "<= 1.5x `cp -r`");
        row(results, NO_CHANGE, COLD, 0.10, true, "<= 10 % of cold");
        row(results, ONE_CHANGED, COLD, 0.15, true, "<= 15 % of cold");
        row(results, NEW_TOKEN, COLD, 0, true, "(report; must not copy again)");
        for (String codec : new String[] {"gzip", "gzip + brotli"}) {
            String one = codec + ", cold, 1 thread";
            String two = codec + ", cold, 2 threads";
            if (results.containsKey(one)) {
                row(results, one, COLD, 0, false, "-");
                row(results, two, one, 0, false, "speed-up = 1 / this ratio");
            }
        }
        System.out.println();
        for (String codec : new String[] {"gzip", "gzip + brotli"}) {
            List<Double> one = results.get(codec + ", cold, 1 thread");
            List<Double> two = results.get(codec + ", cold, 2 threads");
            if (one != null && two != null) {
                double t1 = Stats.median(array(one));
                double t2 = Stats.median(array(two));
                double c1 = Stats.median(array(cpuSeconds.get(codec + ", cold, 1 thread")));
                double c2 = Stats.median(array(cpuSeconds.get(codec + ", cold, 2 threads")));
                // The work (CPU time) and the cores the build really had (CPU / wall) say what the wall-time
                // speed-up cannot on a shared machine: if the work stays the same and both threads ran, the
                // speed-up on free cores is the thread count.
                System.out.printf(Locale.ROOT, "- %s: wall time %.2f s on 1 thread, %.2f s on 2 (%.2fx); CPU time"
                                + " %.2f s and %.2f s (2 threads do %.2fx the work of 1); cores the build had (CPU /"
                                + " wall) %.2f and %.2f%n", codec, t1, t2, t1 / t2, c1, c2, c2 / c1, c1 / t1,
                        c2 / t2);
                // The goal uses min(cores, 4) threads; the 2-thread run's efficiency (speed-up per thread) carried
                // over to 4 threads is the expectation on 8 cores, with every asset one task.
                System.out.printf(Locale.ROOT, "- %s: expected on 8 cores (4 threads, the goal's limit) from this"
                        + " run's efficiency: %.1fx%n", codec, 4 * (t1 / t2) / 2);
            }
        }
        System.out.println();
        System.out.println("Raw figures (with the load average at each run): " + raw);
    }

    static final String CP = "`cp -r` (floor)";
    /** Process CPU seconds of each precompression run, by measure. */
    static final Map<String, List<Double>> cpuSeconds = new LinkedHashMap<>();

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
    static final String COLD = "goal, cold, no precompression";
    static final String NO_CHANGE = "goal, no-change re-run";
    static final String ONE_CHANGED = "goal, one file changed";
    static final String NEW_TOKEN = "goal, new token (timestamp, no outputTimestamp), nothing changed";

    private static void row(Map<String, List<Double>> results, String name, String baseName, double goal,
            boolean percent, String goalText) {
        List<Double> values = results.get(name);
        if (values == null) {
            return;
        }
        double[] v = array(values);
        StringBuilder runs = new StringBuilder();
        for (double d : v) {
            runs.append(runs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", d));
        }
        String perRep = "-";
        String ratio = "-";
        String met = "-";
        List<Double> base = baseName == null ? null : results.get(baseName);
        if (base != null) {
            double[] ratios = new double[v.length];
            StringBuilder r = new StringBuilder();
            boolean sameReps = base.size() == v.length;
            for (int i = 0; i < v.length; i++) {
                ratios[i] = v[i] / (sameReps ? base.get(i) : Stats.median(array(base)));
                r.append(i == 0 ? "" : ", ").append(format(ratios[i], percent));
            }
            perRep = sameReps ? r.toString() : "(vs. median)";
            double judged = Stats.median(ratios);
            ratio = format(judged, percent);
            if (goal > 0) {
                met = judged <= goal ? "yes" : "**no**";
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %s | %s | %s | %s |%n", name, runs, Stats.median(v),
                perRep, ratio, goalText, met);
    }

    private static String format(double ratio, boolean percent) {
        return percent ? String.format(Locale.ROOT, "%.1f %%", ratio * 100) : String.format(Locale.ROOT, "%.2fx",
                ratio);
    }

    /** Cold precompressed builds through AssetBuild with a set number of threads, as the mojo would run them. */
    private static void precompress(Path src, Path out, boolean brotli, int threads, int reps,
            Map<String, List<Double>> results, StringBuilder tsv) throws Exception {
        String name = (brotli ? "gzip + brotli" : "gzip") + ", cold, " + threads + (threads == 1 ? " thread"
                : " threads");
        for (int rep = 1; rep <= reps; rep++) {
            delete(out);
            sync();
            CapturingLog log = new CapturingLog();
            TokenResolver resolver = new TokenResolver(BuildInstant.of("2026-11-24T00:00:00Z", null), "1.0.0",
                    () -> null, log);
            AssetBuild.Settings settings = new AssetBuild.Settings(null, "timestamp", "static/{token}", src,
                    List.of(), List.of(), out, new Precompressor(brotli, log), false, threads);
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            AssetBuild.Outcome outcome = new AssetBuild(resolver, log, p -> { }, RetainedReleases.NONE,
                    AssetBuild.Probe.NONE).run(settings);
            double wall = seconds(t0);
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            // CPU time over wall time: how many cores the build really had. On a machine shared with other work it
            // can stay near 1 with 2 threads, and then the wall-time speed-up says nothing about the code.
            record(results, tsv, name, rep, wall, String.format(Locale.ROOT, "CPU %.2f s, CPU/wall %.2f, ", cpu,
                    cpu / wall) + outcome.tokenFile().token() + ", " + outcome.written() + " files written, "
                    + outcome.precompressed() + " precompressed");
            cpuSeconds.computeIfAbsent(name, k -> new ArrayList<>()).add(cpu);
        }
        delete(out);
    }

    /** A mojo configured as Maven would inject it for this project, with a stable token. */
    static Timed mojo(Path src, Path out, boolean precompress, boolean brotli, String outputTimestamp,
            Date sessionStart) {
        AssetsMojo mojo = configured(src, out, precompress, brotli, outputTimestamp, sessionStart);
        CapturingLog log = (CapturingLog) mojo.getLog();
        return () -> {
            mojo.execute();
            return log.last;
        };
    }

    /** The mojo's fields as Maven injects them, timestamp strategy, logging through a {@link CapturingLog}. */
    static AssetsMojo configured(Path src, Path out, boolean precompress, boolean brotli, String outputTimestamp,
            Date sessionStart) {
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
        mojo.outputTimestamp = outputTimestamp;
        mojo.projectVersion = "1.0.0";
        mojo.basedir = src.getParent().toFile();
        mojo.sessionStartTime = sessionStart;
        mojo.buildDirectory = buildDirectory(out).toFile();
        mojo.executionId = "default-assets";
        mojo.setLog(new CapturingLog());
        return mojo;
    }

    /** Where the project's target directory would be: the build record goes there, as in a real project. */
    static Path buildDirectory(Path out) {
        return out.resolveSibling(out.getFileName() + "-target");
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
        if (rep < 1) {
            System.err.printf(Locale.ROOT, "(warm-up) %s: %.3f s (load %s)%n", measure, seconds, load());
            return;
        }
        results.computeIfAbsent(measure, k -> new ArrayList<>()).add(seconds);
        String load = load();
        tsv.append(String.format(Locale.ROOT, "%s\t%d\t%.3f\t%s\t%s%n", measure, rep, seconds, load, note));
        System.err.printf(Locale.ROOT, "%s rep %d: %.3f s (load %s) %s%n", measure, rep, seconds, load, note);
    }

    /**
     * Writes the deterministic tree once (skipped when its marker says it is complete): the files in groups of 100,
     * three in five of them compressible text (css, js, svg), the rest incompressible binary (png, woff2), sizes
     * spread evenly from 2 to 38 KB. All get one fixed modification time.
     *
     * @return files, bytes, text files, text bytes
     */
    static long[] generate(Path src, int files, long targetBytes) throws IOException, InterruptedException {
        final int FILES = files;
        final long TARGET_BYTES = targetBytes;
        Path marker = src.resolveSibling(src.getFileName() + ".complete");
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

    /** The 1-minute load average, as other work on the machine moves every figure. */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double[] array(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
