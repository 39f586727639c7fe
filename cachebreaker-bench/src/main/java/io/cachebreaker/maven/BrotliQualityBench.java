package io.cachebreaker.maven;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import io.cachebreaker.bench.Stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Brotli quality and a size threshold (issue #14): whether a quality setting or a size threshold would earn its
 * place beside the plugin's fixed Brotli quality 11.
 *
 * <p>Every compressible file of a set ({@link Precompressor#isCompressible}) is read into memory, then compressed on
 * this one thread with gzip 9 ({@link Precompressor#gzip}, the plugin's) and Brotli at each of {@link #QUALITIES}
 * (brotli4j with default window, as the plugin), file by file with all codecs in turn, so that other work on the
 * machine weighs on every codec alike. Time is this thread's CPU time, which other processes move far less than wall
 * time; a file's time is its median over the passes. Sizes follow what the plugin and the runtime do: a variant is
 * stored only when smaller than the original, and a browser that accepts gzip and br gets the smallest stored form.
 *
 * <p>Usage: {@code BrotliQualityBench <label> <dir> <passes>} measures every compressible file under {@code dir};
 * {@code BrotliQualityBench <label> <work dir> <passes> <files> <MB>} measures {@link BuildStepBench}'s generated
 * tree (made once under the work dir, shared with run-build.sh). Prints Markdown.
 */
public final class BrotliQualityBench {
    /** 11 is the plugin's; 4-6 are what servers use on the fly; 9 and 10 are the slow end short of 11. */
    static final int[] QUALITIES = {4, 5, 6, 9, 9, 10, 11};
    /**
     * Whether the window is fitted to the file rather than brotli4j's default (22 bits, 4 MiB). brotli4j gives the
     * encoder no size hint, so below quality 10 it prepares its match finder for the whole window on every file; the
     * second quality 9 shows what that costs.
     */
    static final boolean[] FITTED = {false, false, false, false, true, false, false};
    /** Codec 0 is gzip 9, codec i is Brotli at QUALITIES[i - 1]. */
    static final int CODECS = QUALITIES.length + 1;
    static final int Q11 = CODECS - 1;
    /** Size classes by the original's size: below 1 KiB, 10 KiB, 100 KiB, and the rest. */
    static final long[] BOUNDS = {1024, 10 * 1024, 100 * 1024, Long.MAX_VALUE};
    static final String[] CLASSES = {"< 1 KiB", "1-10 KiB", "10-100 KiB", ">= 100 KiB"};

    private BrotliQualityBench() {
    }

    public static void main(String[] args) throws Exception {
        String label = args[0];
        Path dir = Path.of(args[1]).toAbsolutePath();
        int passes = Integer.parseInt(args[2]);
        if (args.length > 4) {
            long mb = Long.parseLong(args[4]);
            Path src = dir.resolve("src-" + args[3] + "-" + args[4]);
            BuildStepBench.generate(src, Integer.parseInt(args[3]), mb * 1000 * 1000);
            dir = src;
        }
        Brotli4jLoader.ensureAvailability();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        }
        threads.setThreadCpuTimeEnabled(true);

        List<byte[]> files = new ArrayList<>();
        long[] all = read(dir, files);
        int n = files.size();
        String loadBefore = BuildStepBench.load();

        // Unrecorded: loads the native library and lets the JIT settle on the Java side of both codecs.
        long warmed = 0;
        for (int f = 0; f < n && warmed < 256 * 1024; f++) {
            for (int c = 0; c < CODECS; c++) {
                compress(c, files.get(f));
            }
            warmed += files.get(f).length;
        }

        long[][] size = new long[n][CODECS];
        double[][][] cpu = new double[n][CODECS][passes];
        for (int p = 0; p < passes; p++) {
            for (int f = 0; f < n; f++) {
                for (int c = 0; c < CODECS; c++) {
                    long t0 = threads.getCurrentThreadCpuTime();
                    byte[] out = compress(c, files.get(f));
                    cpu[f][c][p] = threads.getCurrentThreadCpuTime() - t0;
                    size[f][c] = out.length;
                }
            }
        }
        double[][] ns = new double[n][CODECS];
        long[] original = new long[n];
        for (int f = 0; f < n; f++) {
            original[f] = files.get(f).length;
            for (int c = 0; c < CODECS; c++) {
                ns[f][c] = Stats.median(cpu[f][c]);
            }
        }
        new Report(original, size, ns).print(label, dir, all, passes, loadBefore);
    }

    /** Reads every compressible file under dir, in path order; returns all files and bytes of the directory. */
    private static long[] read(Path dir, List<byte[]> into) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(Files::isRegularFile).sorted().toList();
        }
        long bytes = 0;
        for (Path path : paths) {
            bytes += Files.size(path);
            if (Precompressor.isCompressible(dir.relativize(path).toString().replace('\\', '/'))) {
                into.add(Files.readAllBytes(path));
            }
        }
        return new long[] {paths.size(), bytes};
    }

    static byte[] compress(int codec, byte[] original) {
        if (codec == 0) {
            return Precompressor.gzip(original);
        }
        try {
            Encoder.Parameters parameters = new Encoder.Parameters().setQuality(QUALITIES[codec - 1]);
            if (FITTED[codec - 1]) {
                parameters.setWindow(fittedWindow(original.length));
            }
            return Encoder.compress(original, parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The smallest window (10 to 24 bits) that holds the whole file: a Brotli window holds 2^bits - 16 bytes. */
    static int fittedWindow(int length) {
        int bits = 10;
        while (bits < 24 && (1 << bits) - 16 < length) {
            bits++;
        }
        return bits;
    }

    static String codecName(int codec) {
        return codec == 0 ? "gzip 9" : "Brotli " + QUALITIES[codec - 1] + (FITTED[codec - 1] ? ", fitted window" : "");
    }

    /** The figures of one set and the tables made from them. */
    static final class Report {
        final long[] original;
        final long[][] size;
        final double[][] ns;

        Report(long[] original, long[][] size, double[][] ns) {
            this.original = original;
            this.size = size;
            this.ns = ns;
        }

        /** Bytes served for file f with codec c stored beside gzip 9 (c = 0: gzip alone), or with no Brotli (-1). */
        long downloaded(int f, int c) {
            long best = Math.min(original[f], size[f][0]);
            return c <= 0 ? best : Math.min(best, size[f][c]);
        }

        int sizeClass(int f) {
            int k = 0;
            while (original[f] >= BOUNDS[k]) {
                k++;
            }
            return k;
        }

        void print(String label, Path dir, long[] all, int passes, String loadBefore) {
            int n = original.length;
            long originalBytes = 0;
            for (long o : original) {
                originalBytes += o;
            }
            System.out.printf(Locale.ROOT, "### Set: %s%n%n", label);
            System.out.printf(Locale.ROOT, "- %s: %,d files, %,d bytes; compressible: **%,d files, %,d bytes**"
                    + " (%.2f MB)%n", dir, all[0], all[1], n, originalBytes, originalBytes / 1e6);
            System.out.printf(Locale.ROOT, "- %d pass(es), a file's CPU time is its median; one thread; load average"
                    + " (1 min) %s before, %s after%n%n", passes, loadBefore, BuildStepBench.load());

            double[] cpu = new double[CODECS];
            long[] downloaded = new long[CODECS];
            for (int f = 0; f < n; f++) {
                for (int c = 0; c < CODECS; c++) {
                    cpu[c] += ns[f][c];
                    downloaded[c] += downloaded(f, c);
                }
            }
            System.out.println("A browser that accepts gzip and br gets the smallest stored form (gzip 9 row: a"
                    + " browser without br). \"vs. Brotli 11\" compares bytes downloaded and CPU time.");
            System.out.println();
            System.out.println("| codec | CPU (ms) | MB/s of CPU | variants kept | bytes of the variants kept |"
                    + " bytes downloaded | downloaded / original | vs. Brotli 11 |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (int c = 0; c < CODECS; c++) {
                int kept = 0;
                long stored = 0;
                for (int f = 0; f < n; f++) {
                    if (size[f][c] < original[f]) {
                        kept++;
                        stored += size[f][c];
                    }
                }
                System.out.printf(Locale.ROOT, "| %s | %,.1f | %.1f | %d | %,d | %,d | %.1f %% | %s |%n",
                        codecName(c), cpu[c] / 1e6, originalBytes / 1e6 / (cpu[c] / 1e9), kept, stored,
                        downloaded[c], 100.0 * downloaded[c] / originalBytes,
                        c == Q11 ? "-" : versus(downloaded[c], downloaded[Q11], cpu[c], cpu[Q11]));
            }
            System.out.println();
            printClasses(cpu[Q11], downloaded);
            printPolicies(cpu[Q11], downloaded[Q11]);
        }

        /** Where Brotli 11's CPU time and saved bytes go, by the original's size, and the other codecs per class. */
        private void printClasses(double q11Cpu, long[] downloaded) {
            long savedTotal = 0;
            long overGzipTotal = 0;
            for (int f = 0; f < original.length; f++) {
                savedTotal += original[f] - downloaded(f, Q11);
                overGzipTotal += downloaded(f, 0) - downloaded(f, Q11);
            }
            System.out.println("Brotli 11 by the original's size: CPU time, bytes saved against the original and"
                    + " against gzip 9 alone (what Brotli adds), and the CPU it spends per KB it saves over gzip.");
            System.out.println();
            System.out.println("| size | files | original bytes | Brotli 11 CPU (ms) | share of CPU |"
                    + " saved vs. original | share | saved vs. gzip 9 | share | ms CPU per KB saved vs. gzip |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            StringBuilder matrix = new StringBuilder();
            for (int k = 0; k < CLASSES.length; k++) {
                int files = 0;
                long bytes = 0;
                long saved = 0;
                long overGzip = 0;
                double[] cpu = new double[CODECS];
                long[] down = new long[CODECS];
                for (int f = 0; f < original.length; f++) {
                    if (sizeClass(f) != k) {
                        continue;
                    }
                    files++;
                    bytes += original[f];
                    saved += original[f] - downloaded(f, Q11);
                    overGzip += downloaded(f, 0) - downloaded(f, Q11);
                    for (int c = 0; c < CODECS; c++) {
                        cpu[c] += ns[f][c];
                        down[c] += downloaded(f, c);
                    }
                }
                System.out.printf(Locale.ROOT, "| %s | %d | %,d | %,.1f | %s | %,d | %s | %,d | %s | %s |%n",
                        CLASSES[k], files, bytes, cpu[Q11] / 1e6, percent(cpu[Q11], q11Cpu), saved,
                        percent(saved, savedTotal), overGzip, percent(overGzip, overGzipTotal),
                        overGzip > 0 ? String.format(Locale.ROOT, "%.2f", cpu[Q11] / 1e6 / (overGzip / 1000.0))
                                : "-");
                matrix.append("| ").append(CLASSES[k]);
                for (int c = 0; c < Q11; c++) {
                    matrix.append(" | ").append(files == 0 ? "-" : versus(down[c], down[Q11], cpu[c], cpu[Q11]));
                }
                matrix.append(" |\n");
            }
            System.out.println();
            System.out.println("Each codec against Brotli 11 on the files of each size class (bytes downloaded,"
                    + " CPU time):");
            System.out.println();
            StringBuilder header = new StringBuilder("| size");
            StringBuilder rule = new StringBuilder("|---");
            for (int c = 0; c < Q11; c++) {
                header.append(" | ").append(codecName(c));
                rule.append("|---");
            }
            System.out.println(header + " |");
            System.out.println(rule + "|");
            System.out.print(matrix);
            System.out.println();
        }

        /** What a size threshold would have done: Brotli's CPU time and the bytes downloaded under each policy. */
        private void printPolicies(double q11Cpu, long q11Downloaded) {
            System.out.println("What-if policies (Brotli CPU only: gzip 9 runs in every case; \"none\" = gzip"
                    + " only):");
            System.out.println();
            System.out.println("| policy | Brotli CPU (ms) | bytes downloaded | vs. Brotli 11 everywhere |");
            System.out.println("|---|---|---|---|");
            // {threshold, codec below it (-1: no Brotli), codec from it up}
            long[][] policies = {
                {1024, -1, Q11}, {10 * 1024, -1, Q11},
                {10 * 1024, Q11, codec(10)}, {10 * 1024, Q11, codec(5)},
                {100 * 1024, Q11, codec(10)}, {100 * 1024, Q11, codec(5)},
            };
            for (long[] policy : policies) {
                double cpu = 0;
                long down = 0;
                for (int f = 0; f < original.length; f++) {
                    int c = (int) (original[f] < policy[0] ? policy[1] : policy[2]);
                    cpu += c < 0 ? 0 : ns[f][c];
                    down += downloaded(f, c);
                }
                String name = policy[1] < 0
                        ? "none below " + kib(policy[0]) + ", Brotli 11 from there up"
                        : "Brotli 11 below " + kib(policy[0]) + ", " + codecName((int) policy[2]) + " from there up";
                System.out.printf(Locale.ROOT, "| %s | %,.1f | %,d | %s |%n", name, cpu / 1e6, down,
                        versus(down, q11Downloaded, cpu, q11Cpu));
            }
            System.out.println();
        }

        private static int codec(int quality) {
            for (int i = 0; i < QUALITIES.length; i++) {
                if (QUALITIES[i] == quality && !FITTED[i]) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("quality " + quality + " is not measured");
        }

        private static String kib(long bytes) {
            return bytes / 1024 + " KiB";
        }

        /** Such as "+3.1 % bytes, 12x faster": the number a user weighs. */
        static String versus(long bytes, long baseBytes, double cpu, double baseCpu) {
            String size = baseBytes == 0 ? "-" : String.format(Locale.ROOT, "%+.1f %% bytes",
                    100.0 * (bytes - baseBytes) / baseBytes);
            if (cpu <= 0) {
                return size + ", no Brotli CPU";
            }
            double speed = baseCpu / cpu;
            return size + (speed >= 1 ? String.format(Locale.ROOT, ", %.1fx faster", speed)
                    : String.format(Locale.ROOT, ", %.1fx slower", 1 / speed));
        }

        private static String percent(double part, double whole) {
            return whole <= 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * part / whole);
        }
    }
}
