package io.cachebreaker.bench.urls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's CSV result of {@link AssetUrlsBench} (run with {@code -prof gc}) into a Markdown table with the ratio
 * of each benchmark to the floor, then checks that the helper does no I/O: the calling thread's read and write
 * system calls ({@code /proc/thread-self/io}) across a million calls.
 *
 * <p>Usage: {@code UrlsReport <jmh csv>}
 */
public final class UrlsReport {
    private UrlsReport() {
    }

    record Row(double score, double error) {
    }

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        // key: path | benchmark | metric
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            String bench = unquote(f[0]);
            String name = bench.substring(bench.indexOf("AssetUrlsBench.") + "AssetUrlsBench.".length());
            String metric = "time";
            int colon = name.indexOf(':');
            if (colon >= 0) {
                metric = name.substring(colon + 1);
                name = name.substring(0, colon);
            }
            String path = unquote(f[f.length - 1]);
            rows.put(path + "|" + name + "|" + metric, new Row(Double.parseDouble(f[4]), parse(f[5])));
        }
        System.out.println("| asset path | method | ns/op (± 99.9 % error) | vs. floor | B/op (allocated) |"
                + " target (<= 2x floor) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String key : rows.keySet()) {
            String[] k = key.split("\\|");
            if (!k[2].equals("time")) {
                continue;
            }
            Row time = rows.get(key);
            Row floor = rows.get(k[0] + "|floor|time");
            Row alloc = rows.get(k[0] + "|" + k[1] + "|gc.alloc.rate.norm");
            double ratio = time.score() / floor.score();
            String target = switch (k[1]) {
                case "helper", "helperViaContext" -> ratio <= 2.0 ? "yes" : "**no**";
                default -> "-";
            };
            System.out.printf(Locale.ROOT, "| %s | %s | %.2f ± %.2f | %.2fx | %s | %s |%n", k[0], k[1],
                    time.score(), time.error(), ratio,
                    alloc == null ? "n/a" : String.format(Locale.ROOT, "%.0f", alloc.score()), target);
        }
        System.out.println();

        AssetUrlsBench state = new AssetUrlsBench();
        state.path = "css/small.css";
        state.setUp();
        try {
            for (int i = 0; i < 200_000; i++) {
                state.helperViaContext();
            }
            long[] base0 = threadIo();
            long[] base1 = threadIo();
            long overheadReads = base1[0] - base0[0];
            long overheadWrites = base1[1] - base0[1];
            long[] before = threadIo();
            int sum = 0;
            for (int i = 0; i < 1_000_000; i++) {
                sum += state.helperViaContext().length();
            }
            long[] after = threadIo();
            System.out.printf(Locale.ROOT, "I/O check: 1,000,000 calls of AssetUrls.of(context).url(\"%s\") made %d"
                            + " read and %d write system calls on the calling thread (%d chars; /proc/thread-self/io,"
                            + " less the calls of reading that file itself).%n", state.path,
                    after[0] - before[0] - overheadReads, after[1] - before[1] - overheadWrites, sum);
        } finally {
            state.tearDown();
        }
    }

    /** syscr, syscw of the calling thread. */
    private static long[] threadIo() throws Exception {
        long syscr = -1;
        long syscw = -1;
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/io"))) {
            if (line.startsWith("syscr:")) {
                syscr = Long.parseLong(line.substring(6).trim());
            } else if (line.startsWith("syscw:")) {
                syscw = Long.parseLong(line.substring(6).trim());
            }
        }
        // Reading the file itself costs a few calls; they are the same before and after, so they cancel.
        return new long[] {syscr, syscw};
    }

    private static String unquote(String s) {
        return s.startsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
