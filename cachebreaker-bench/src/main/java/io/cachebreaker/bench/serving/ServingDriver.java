package io.cachebreaker.bench.serving;

import io.cachebreaker.bench.Fixtures;
import io.cachebreaker.bench.Stats;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the serving benchmark against a running {@link ServingServer}: checks every URL once, warms each up, then
 * runs the scenarios round-robin {@code reps} times (A B A B ..., so drift hits both servlets alike) with wrk, or
 * with {@link JavaLoad} when wrk is absent, and prints Markdown tables.
 *
 * <p>Usage: {@code ServingDriver <port> <wrk|java> <threads> <connections> <seconds> <warmup seconds> <reps>
 * <raw tsv out>}
 */
public final class ServingDriver {
    private static final String GZIP = "Accept-Encoding: gzip";
    /** Sent by both the identity runs and the wrk default: nothing. Stated so the identity case is explicit. */
    private static final String IDENTITY = "Accept-Encoding: identity";

    record Scenario(String asset, String variant, String servlet, String path, String header, int expectStatus,
            String expectEncoding) {
        String key() {
            return asset + " | " + variant + " | " + servlet;
        }
    }

    /**
     * One load run.
     *
     * @param cpuMicrosPerRequest the server process's CPU time (user + system, from /proc) per request: robust
     *                            against other load on the machine, unlike req/s
     */
    record Run(double rps, double p50, double p99, long requests, String problems, double cpuMicrosPerRequest) {
    }

    /** The server's pid, and the kernel's clock ticks per second, for its CPU time; pid 0 when unknown. */
    static long serverPid;
    static long clockTicks = 100;

    static long serverCpuTicks() {
        if (serverPid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime); f[0] is field 3
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private ServingDriver() {
    }

    static List<Scenario> scenarios() {
        String ours = "/static/" + Fixtures.TOKEN + "/";
        String dflt = "/default/static/" + Fixtures.TOKEN + "/";
        List<Scenario> s = new ArrayList<>();
        s.add(new Scenario("small 2 KiB css", "identity", "cachebreaker", ours + Fixtures.SMALL, IDENTITY, 200, null));
        s.add(new Scenario("small 2 KiB css", "identity", "DefaultServlet", dflt + Fixtures.SMALL, IDENTITY, 200,
                null));
        s.add(new Scenario("medium 100 KiB js", "identity", "cachebreaker", ours + Fixtures.MEDIUM, IDENTITY, 200,
                null));
        s.add(new Scenario("medium 100 KiB js", "identity", "DefaultServlet", dflt + Fixtures.MEDIUM, IDENTITY, 200,
                null));
        s.add(new Scenario("medium 100 KiB js", "gzip", "cachebreaker", ours + Fixtures.MEDIUM, GZIP, 200, "gzip"));
        s.add(new Scenario("medium 100 KiB js", "gzip", "DefaultServlet", dflt + Fixtures.MEDIUM, GZIP, 200,
                "gzip"));
        s.add(new Scenario("large 5 MiB bin", "identity", "cachebreaker", ours + Fixtures.LARGE, IDENTITY, 200,
                null));
        s.add(new Scenario("large 5 MiB bin", "identity", "DefaultServlet", dflt + Fixtures.LARGE, IDENTITY, 200,
                null));
        s.add(new Scenario("small 2 KiB css", "old token", "cachebreaker 301",
                "/static/" + Fixtures.OLD_TOKEN + "/" + Fixtures.SMALL, IDENTITY, 301, null));
        return s;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String loadgen = args[1];
        int threads = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        int reps = Integer.parseInt(args[6]);
        Path rawOut = Path.of(args[7]);
        if (args.length > 9) {
            serverPid = Long.parseLong(args[8].trim());
            clockTicks = Long.parseLong(args[9].trim());
        }
        String base = "http://127.0.0.1:" + port;

        List<Scenario> all = scenarios();
        List<Scenario> scenarios = new ArrayList<>();
        System.out.println("### Check of every URL (one request each)\n");
        System.out.println("| servlet | asset | variant | status | Content-Encoding | body bytes | Cache-Control |");
        System.out.println("|---|---|---|---|---|---|---|");
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        for (Scenario s : all) {
            String[] h = s.header().split(": ");
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + s.path()))
                    .header(h[0], h[1]).build(), HttpResponse.BodyHandlers.ofByteArray());
            String enc = r.headers().firstValue("Content-Encoding").orElse("-");
            boolean ok = r.statusCode() == s.expectStatus()
                    && (s.expectEncoding() == null ? enc.equals("-") : enc.equals(s.expectEncoding()));
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %d%s | %s | %d | %s |%n", s.servlet(), s.asset(),
                    s.variant(), r.statusCode(), ok ? "" : " (UNEXPECTED, skipped)", enc, r.body().length,
                    r.headers().firstValue("Cache-Control").orElse("-"));
            if (ok) {
                scenarios.add(s);
            }
        }
        System.out.println();

        for (Scenario s : scenarios) {
            System.err.println("warm-up " + s.key());
            load(loadgen, base + s.path(), s.header(), threads, connections, warmup);
        }
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        StringBuilder raw = new StringBuilder(
                "rep\tasset\tvariant\tservlet\trps\tp50_ms\tp99_ms\trequests\tserver_cpu_us_per_request\tproblems\n");
        for (int rep = 1; rep <= reps; rep++) {
            for (Scenario s : scenarios) {
                Run run = load(loadgen, base + s.path(), s.header(), threads, connections, seconds);
                runs.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(run);
                raw.append(String.format(Locale.ROOT, "%d\t%s\t%s\t%s\t%.1f\t%.3f\t%.3f\t%d\t%.2f\t%s%n", rep,
                        s.asset(), s.variant(), s.servlet(), run.rps(), run.p50(), run.p99(), run.requests(),
                        run.cpuMicrosPerRequest(), run.problems()));
                System.err.printf(Locale.ROOT, "rep %d %s: %.0f req/s p50 %.3f ms p99 %.3f ms, server CPU %.1f us/req"
                                + " %s%n", rep, s.key(), run.rps(), run.p50(), run.p99(), run.cpuMicrosPerRequest(),
                        run.problems());
            }
        }
        Files.createDirectories(rawOut.toAbsolutePath().getParent());
        Files.writeString(rawOut, raw, StandardCharsets.UTF_8);

        System.out.printf(Locale.ROOT, "### Throughput and latency (%s, %d thread(s), %d connections, %d s x %d reps,"
                + " keep-alive; median of reps, [min-max])%n%n", loadgen, threads, connections, seconds, reps);
        System.out.println("| asset | variant | servlet | req/s | p50 ms | p99 ms | server CPU µs/req |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Scenario s : scenarios) {
            List<Run> r = runs.get(s.key());
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", s.asset(), s.variant(),
                    s.servlet(), Stats.medianRange(r.stream().mapToDouble(Run::rps).toArray(), "%.0f"),
                    Stats.medianRange(r.stream().mapToDouble(Run::p50).toArray(), "%.3f"),
                    Stats.medianRange(r.stream().mapToDouble(Run::p99).toArray(), "%.3f"),
                    Stats.medianRange(r.stream().mapToDouble(Run::cpuMicrosPerRequest).toArray(), "%.1f"));
        }
        System.out.println();
        System.out.println("### Ratio cachebreaker / DefaultServlet (req/s; per rep, then median)\n");
        System.out.println("| asset | variant | per-rep req/s ratios | median req/s ratio | target | met |"
                + " CPU-efficiency ratio (DefaultServlet CPU/req ÷ ours; > 1: ours cheaper) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Scenario s : scenarios) {
            if (!s.servlet().equals("cachebreaker")) {
                continue;
            }
            List<Run> ours = runs.get(s.key());
            List<Run> theirs = runs.get(s.asset() + " | " + s.variant() + " | DefaultServlet");
            if (theirs == null) {
                continue;
            }
            double[] ratios = new double[ours.size()];
            StringBuilder per = new StringBuilder();
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = ours.get(i).rps() / theirs.get(i).rps();
                per.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", ratios[i]));
            }
            double median = Stats.median(ratios);
            String target;
            String met;
            if (s.asset().startsWith("small")) {
                target = ">= 1.20";
                met = median >= 1.2 ? "yes" : "**no**";
            } else if (s.asset().startsWith("large")) {
                target = ">= 0.95";
                met = median >= 0.95 ? "yes" : "**no**";
            } else {
                target = "(none set)";
                met = "-";
            }
            double cpuRatio = Stats.median(theirs.stream().mapToDouble(Run::cpuMicrosPerRequest).toArray())
                    / Stats.median(ours.stream().mapToDouble(Run::cpuMicrosPerRequest).toArray());
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %s | %s | %.2f |%n", s.asset(), s.variant(), per,
                    median, target, met, cpuRatio);
        }
        List<Run> redirect = runs.get("small 2 KiB css | old token | cachebreaker 301");
        List<Run> small = runs.get("small 2 KiB css | identity | cachebreaker");
        if (redirect != null && small != null) {
            System.out.printf(Locale.ROOT, "| 301 of an old token vs. 200 of the small asset | (cachebreaker both)"
                            + " | - | %.2f | (none set) | - | - |%n",
                    Stats.median(redirect.stream().mapToDouble(Run::rps).toArray())
                            / Stats.median(small.stream().mapToDouble(Run::rps).toArray()));
        }
        System.out.println();
        System.out.println("Raw figures, one line per run: " + rawOut);
    }

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PCT = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern REQS = Pattern.compile("(\\d+) requests in");
    private static final Pattern PROBLEMS = Pattern.compile("(Socket errors:.*|Non-2xx or 3xx responses:.*)");

    static Run load(String loadgen, String url, String header, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        long ticks0 = serverCpuTicks();
        Run run = load0(loadgen, url, header, threads, connections, seconds);
        long ticks = serverCpuTicks() - ticks0;
        double cpu = serverPid > 0 && run.requests() > 0 ? ticks * 1e6 / clockTicks / run.requests() : Double.NaN;
        return new Run(run.rps(), run.p50(), run.p99(), run.requests(), run.problems(), cpu);
    }

    static Run load0(String loadgen, String url, String header, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        String out;
        if (loadgen.equals("wrk")) {
            List<String> cmd = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                    "-H", header, url);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("wrk failed: " + out);
            }
        } else {
            out = JavaLoad.format(JavaLoad.run(URI.create(url), connections, seconds, List.of(header)));
        }
        Run run = parse(out);
        return run;
    }

    static Run parse(String out) {
        Matcher m = RPS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("No Requests/sec in load generator output:\n" + out);
        }
        double rps = Double.parseDouble(m.group(1));
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher p = PCT.matcher(out);
        while (p.find()) {
            double v = Double.parseDouble(p.group(2));
            v = switch (p.group(3)) {
                case "us" -> v / 1000;
                case "s" -> v * 1000;
                default -> v;
            };
            if (p.group(1).equals("50")) {
                p50 = v;
            } else {
                p99 = v;
            }
        }
        Matcher r = REQS.matcher(out);
        long requests = r.find() ? Long.parseLong(r.group(1)) : -1;
        StringBuilder problems = new StringBuilder();
        Matcher pr = PROBLEMS.matcher(out);
        while (pr.find()) {
            problems.append(problems.length() == 0 ? "" : "; ").append(pr.group(1).trim());
        }
        return new Run(rps, p50, p99, requests, problems.toString(), Double.NaN);
    }
}
