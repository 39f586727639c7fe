package io.cachebreaker.it.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One instance of the standalone Tomcat 11 distribution: the unpacked zip is the shared, untouched CATALINA_HOME, and
 * each instance has its own CATALINA_BASE (conf, webapps, logs, work) and port, the way operators run several
 * instances of one installation. The war is deployed as /shop.
 */
final class Tomcat implements AutoCloseable {
    static final String CONTEXT = "/shop/";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final int port;
    private final Path base;
    private final String catalinaOpts;
    private Process process;

    private Tomcat(String name, Path base, int port, String catalinaOpts) {
        this.name = name;
        this.base = base;
        this.port = port;
        this.catalinaOpts = catalinaOpts;
    }

    /** Prepares a fresh CATALINA_BASE with the war in webapps; {@link #start} runs it. */
    static Tomcat create(String name, Path war, String catalinaOpts) {
        try {
            Path base = Tools.work("tomcat-" + name);
            deleteTree(base);
            for (String dir : new String[] {"conf", "webapps", "logs", "temp", "work"}) {
                Files.createDirectories(base.resolve(dir));
            }
            try (Stream<Path> conf = Files.list(home().resolve("conf"))) {
                for (Path file : conf.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, base.resolve("conf").resolve(file.getFileName()));
                }
            }
            int port = freePort();
            Path serverXml = base.resolve("conf/server.xml");
            Files.writeString(serverXml, configure(Files.readString(serverXml), port));
            Files.copy(war, base.resolve("webapps/shop.war"));
            return new Tomcat(name, base, port, catalinaOpts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distribution's own server.xml with four changes, each checked so that a new Tomcat cannot silently drop one. */
    static String configure(String xml, int port) {
        // No shutdown port (-1): the process handle stops Tomcat, so there is no second port to collide.
        xml = replaceOnce(xml, "<Server port=\"8005\"", "<Server port=\"-1\"");
        xml = replaceOnce(xml, "<Connector port=\"8080\"", "<Connector address=\"127.0.0.1\" port=\"" + port + "\"");
        // The host looks for a replaced war every second instead of every ten, so a redeploy is seen quickly.
        xml = replaceOnce(xml, "<Engine name=\"Catalina\" defaultHost=\"localhost\">",
                "<Engine name=\"Catalina\" defaultHost=\"localhost\" backgroundProcessorDelay=\"1\">");
        // The access log is how a test sees which requests reached the server: unbuffered, one fixed file, with the
        // Sec-Fetch-Dest header that tells a browser's subresource request from a navigation.
        Matcher valve = Pattern.compile("<Valve className=\"org\\.apache\\.catalina\\.valves\\.AccessLogValve\"[^>]*/>")
                .matcher(xml);
        if (!valve.find()) {
            fail("the distribution's server.xml has no AccessLogValve:\n" + xml);
        }
        String accessLog = "<Valve className=\"org.apache.catalina.valves.AccessLogValve\" directory=\"logs\""
                + " prefix=\"access\" suffix=\".log\" rotatable=\"false\" buffered=\"false\""
                + " pattern=\"%r %s %{Sec-Fetch-Dest}i\" />";
        return xml.substring(0, valve.start()) + accessLog + xml.substring(valve.end());
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            fail("the distribution's server.xml changed shape: expected one '" + from + "'");
        }
        return text.replace(from, to);
    }

    static Path home() {
        Path dir = Path.of(Tools.property("browser.tomcatDir"));
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().startsWith("apache-tomcat-")).findFirst()
                    .orElseGet(() -> fail("no unpacked Tomcat distribution in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code catalina.sh run} as a child process; returns at once, {@link #awaitRelease} waits. */
    Tomcat start() {
        Path home = home();
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", home.resolve("bin/catalina.sh").toString(), "run")
                .directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console().toFile()));
        Map<String, String> env = builder.environment();
        env.put("CATALINA_HOME", home.toString());
        env.put("CATALINA_BASE", base.toString());
        env.put("CATALINA_TMPDIR", base.resolve("temp").toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("JRE_HOME");
        env.remove("CATALINA_PID");
        // Small heap and C1 only: up to eight instances share two cores with the browser, and start-up time counts
        // more than peak speed here.
        env.put("CATALINA_OPTS", ("-Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 " + catalinaOpts).trim());
        try {
            process = Children.register(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Polls the page until it is served and states the release, failing at once if Tomcat exits. */
    void awaitRelease(String release, Duration bound) {
        String expected = "data-release=\"" + release + "\"";
        Poll.until(bound, () -> {
            if (!process.isAlive()) {
                fail("Tomcat " + name + " exited with " + process.exitValue() + ":\n" + consoleTail());
            }
            try {
                HttpResponse<String> page = get(url());
                return page.statusCode() == 200 && page.body().contains(expected) ? page : null;
            } catch (IOException notListeningYet) {
                return null;
            }
        }, () -> "Tomcat " + name + " did not serve " + expected + " at " + url() + ":\n" + consoleTail());
    }

    static void startAll(List<Tomcat> tomcats, List<String> releases, Duration bound) {
        // All processes first, then the waits: start-up runs in parallel, and the slowest one bounds the total.
        tomcats.forEach(Tomcat::start);
        for (int i = 0; i < tomcats.size(); i++) {
            tomcats.get(i).awaitRelease(releases.get(i), bound);
        }
    }

    /**
     * Redeploys as an operator does: the new war replaces the old one in webapps (moved in whole, so Tomcat never
     * sees half a file), Tomcat's host notices it and redeploys; returns when the new release is served.
     */
    void redeploy(Path war, String release, Duration bound) {
        try {
            Path next = base.resolve("shop.war.next");
            Files.copy(war, next, StandardCopyOption.REPLACE_EXISTING);
            Files.move(next, base.resolve("webapps/shop.war"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitRelease(release, bound);
    }

    String url() {
        return "http://127.0.0.1:" + port + CONTEXT;
    }

    Path accessLog() {
        return base.resolve("logs/access.log");
    }

    /** @return where the access log ends now; {@link #requestsSince} reads from there */
    long accessLogMark() {
        try {
            return Files.exists(accessLog()) ? Files.size(accessLog()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The requests logged since mark. A sentinel request sent now is logged after everything the browser finished
     * before; waiting for it means no earlier line is still on its way to the file.
     */
    List<String> requestsSince(long mark) {
        String sentinel = "sentinel=" + UUID.randomUUID();
        try {
            get(url() + "?" + sentinel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Poll.until(Duration.ofSeconds(10), () -> {
            List<String> lines = new ArrayList<>();
            for (String line : readFrom(accessLog(), mark).split("\n")) {
                if (line.contains(sentinel)) {
                    return lines;
                }
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return null;
        }, () -> "the access log " + accessLog() + " never showed " + sentinel);
    }

    private static String readFrom(Path file, long offset) {
        try {
            byte[] all = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> get(String url) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private Path console() {
        return base.resolve("logs/console.log");
    }

    String consoleTail() {
        String text = readFrom(console(), 0);
        return text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text;
    }

    @Override
    public void close() {
        if (process != null) {
            Children.stop(process, 20);
        }
    }

    /** Stops all at once: each shutdown runs while the others do. */
    static void closeAll(List<Tomcat> tomcats) {
        tomcats.stream().filter(t -> t.process != null).forEach(t -> t.process.destroy());
        tomcats.forEach(Tomcat::close);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
