package io.cachebreaker.it.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real nginx in front of Tomcat instances, started by the test on a free loopback port as a child process in the
 * foreground ({@code daemon off}), with its own prefix directory for logs, pid and temporary files.
 */
final class Nginx implements AutoCloseable {
    enum Balancing {
        /** nginx's default: each request goes to the next upstream in turn. */
        ROUND_ROBIN("round-robin", ""),
        /** Each request goes to an upstream picked at random. */
        RANDOM("random", "    random;\n");

        final String label;
        final String directive;

        Balancing(String label, String directive) {
            this.label = label;
            this.directive = directive;
        }
    }

    final int port;
    final Path dir;
    private final Process process;

    Nginx(String name, Balancing balancing, List<Tomcat> upstreams) {
        Path nginx = Tools.nginx();
        dir = Tools.work("nginx-" + name);
        port = Tomcat.freePort();
        try {
            Tomcat.deleteTree(dir);
            Files.createDirectories(dir.resolve("temp"));
            String servers = upstreams.stream().map(t -> "    server 127.0.0.1:" + t.port + ";\n")
                    .collect(Collectors.joining());
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, """
                    # Written by the browser IT: a plain reverse proxy, no caching, no retries on error statuses.
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    events {
                        worker_connections 256;
                    }
                    http {
                        access_log %1$s/access.log;
                        client_body_temp_path %1$s/temp/client;
                        proxy_temp_path %1$s/temp/proxy;
                        fastcgi_temp_path %1$s/temp/fastcgi;
                        uwsgi_temp_path %1$s/temp/uwsgi;
                        scgi_temp_path %1$s/temp/scgi;
                        upstream app {
                    %2$s%3$s    }
                        server {
                            listen 127.0.0.1:%4$d;
                            location / {
                                proxy_pass http://app;
                                proxy_set_header Host $http_host;
                            }
                        }
                    }
                    """.formatted(dir, balancing.directive, servers, port));
            ProcessBuilder builder = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", conf.toString(),
                    "-e", dir.resolve("error.log").toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile());
            process = Children.register(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Poll.until(Duration.ofSeconds(20), () -> {
            if (!process.isAlive()) {
                fail("nginx exited with " + process.exitValue() + ": " + logs());
            }
            try {
                HttpResponse<String> page = Tomcat.get(url());
                return page.statusCode() == 200 ? page : null;
            } catch (IOException notListeningYet) {
                return null;
            }
        }, () -> "nginx did not answer at " + url() + ": " + logs());
    }

    String url() {
        return "http://127.0.0.1:" + port + Tomcat.CONTEXT;
    }

    /** @return the access log's lines, one per request nginx proxied */
    List<String> accessLog() {
        try {
            Path log = dir.resolve("access.log");
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String logs() {
        try {
            StringBuilder text = new StringBuilder();
            for (String file : new String[] {"console.log", "error.log"}) {
                Path log = dir.resolve(file);
                if (Files.exists(log)) {
                    text.append('\n').append(file).append(":\n").append(Files.readString(log));
                }
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Children.stop(process, 10);
    }
}
