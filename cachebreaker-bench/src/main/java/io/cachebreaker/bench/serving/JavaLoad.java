package io.cachebreaker.bench.serving;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fallback load generator, used when wrk is absent: closed-loop HTTP/1.1 keep-alive over N connections, one
 * thread each, every request timed. Loopback only: it refuses any host but 127.0.0.1, localhost and ::1. It prints
 * the same lines as {@code wrk --latency}, so one parser reads both.
 *
 * <p>Being a JVM with one thread per connection, it is slower than wrk; absolute figures from it are lower, but both
 * servlets of one run are measured with the same client, so the ratios stand.
 */
public final class JavaLoad {
    private JavaLoad() {
    }

    /** Result of one run. */
    public record Result(long requests, long errors, long non2xx3xx, double seconds, long[] sortedNanos) {
        double rps() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100.0 * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, i)] / 1e6;
        }
    }

    public static Result run(URI uri, int connections, double seconds, List<String> headers)
            throws InterruptedException {
        String host = uri.getHost();
        if (!(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1"))) {
            throw new IllegalArgumentException("JavaLoad targets loopback only, not " + host);
        }
        StringBuilder req = new StringBuilder();
        req.append("GET ").append(uri.getRawPath()).append(" HTTP/1.1\r\nHost: ").append(host).append(':')
                .append(uri.getPort()).append("\r\n");
        for (String h : headers) {
            req.append(h).append("\r\n");
        }
        req.append("\r\n");
        byte[] request = req.toString().getBytes(StandardCharsets.US_ASCII);

        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong errors = new AtomicLong();
        AtomicLong non2xx3xx = new AtomicLong();
        List<long[]> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[connections];
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            long[][] holder = new long[1][];
            int index = c;
            perThread.add(null);
            Thread t = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                byte[] buf = new byte[64 * 1024];
                while (System.nanoTime() < deadline) {
                    try (Socket socket = new Socket()) {
                        socket.setTcpNoDelay(true);
                        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
                        socket.setSoTimeout(10_000);
                        OutputStream out = socket.getOutputStream();
                        InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                        while (System.nanoTime() < deadline) {
                            long t0 = System.nanoTime();
                            out.write(request);
                            out.flush();
                            int status = readResponse(in, buf);
                            long t1 = System.nanoTime();
                            if (status < 200 || status >= 400) {
                                non2xx3xx.incrementAndGet();
                            }
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, n * 2);
                            }
                            lat[n++] = t1 - t0;
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                }
                holder[0] = Arrays.copyOf(lat, n);
                synchronized (perThread) {
                    perThread.set(index, holder[0]);
                    counts[index] = n;
                }
            }, "javaload-" + c);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = 0;
        for (int n : counts) {
            total += n;
        }
        long[] all = new long[(int) total];
        int pos = 0;
        for (long[] lat : perThread) {
            System.arraycopy(lat, 0, all, pos, lat.length);
            pos += lat.length;
        }
        Arrays.sort(all);
        return new Result(total, errors.get(), non2xx3xx.get(), elapsed, all);
    }

    /** Reads one response (headers, then a Content-Length or chunked body) and returns its status. */
    private static int readResponse(InputStream in, byte[] buf) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new IOException("connection closed");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            while (true) {
                String size = readLine(in);
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while ((line = readLine(in)) != null && !line.isEmpty()) {
                        // trailers
                    }
                    break;
                }
                skip(in, n, buf);
                readLine(in);
            }
        } else if (length > 0) {
            skip(in, length, buf);
        }
        if (close) {
            throw new IOException("server closed the connection");
        }
        return status;
    }

    private static void skip(InputStream in, long n, byte[] buf) throws IOException {
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new IOException("short body");
            }
            n -= r;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** Prints the lines of {@code wrk --latency} that the driver parses. */
    static String format(Result r) {
        return String.format(Locale.ROOT, "  Latency Distribution%n     50%%  %.3fms%n     99%%  %.3fms%n"
                        + "  %d requests in %.2fs%n%s%sRequests/sec: %.2f%n",
                r.percentileMillis(50), r.percentileMillis(99), r.requests(), r.seconds(),
                r.errors() > 0 ? "  Socket errors: connect 0, read " + r.errors() + ", write 0, timeout 0\n" : "",
                r.non2xx3xx() > 0 ? "  Non-2xx or 3xx responses: " + r.non2xx3xx() + "\n" : "", r.rps());
    }

    /** {@code JavaLoad <url> <connections> <seconds> [header...]} */
    public static void main(String[] args) throws Exception {
        List<String> headers = Arrays.asList(args).subList(3, args.length);
        System.out.print(format(run(URI.create(args[0]), Integer.parseInt(args[1]), Double.parseDouble(args[2]),
                headers)));
    }
}
