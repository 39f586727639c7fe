// Runs a server as a child process for an IT's verify.groovy: a free loopback port, start, a bounded wait for a page,
// HTTP requests, and a stop that always ends the process. Load it with
//   def server = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/server.groovy'))
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.TimeUnit

/** @return a loopback port that was free a moment ago */
int freePort() {
    new ServerSocket(0, 1, InetAddress.loopbackAddress).withCloseable { it.localPort }
}

/** @return the java launcher of the JDK running this build */
String java() {
    new File(System.getProperty('java.home'), 'bin/java').path
}

/** Starts the command in dir with its output in log. */
Process start(List command, File dir, File log) {
    new ProcessBuilder(command*.toString()).directory(dir).redirectErrorStream(true).redirectOutput(log).start()
}

private HttpClient client() {
    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
}

/** A GET that follows no redirects, so 301 and 302 can be checked. */
HttpResponse<byte[]> get(String url, Map headers = [:]) {
    def request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
    headers.each { name, value -> request.header(name, value) }
    client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray())
}

/** Polls url until it answers 200, for at most the given seconds, failing at once if the process exits. */
HttpResponse<byte[]> awaitOk(Process process, String url, File log, int seconds = 60) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
    while (true) {
        assert process.alive : "the server exited with ${process.exitValue()}:\n$log.text"
        assert System.nanoTime() < deadline : "$url did not answer 200 within $seconds s:\n$log.text"
        try {
            def response = get(url)
            if (response.statusCode() == 200) {
                return response
            }
        } catch (ConnectException ignored) {
            // not listening yet
        }
        process.waitFor(200, TimeUnit.MILLISECONDS) // a pause that ends as soon as the server dies
    }
}

/** Stops the server (SIGTERM lets it shut down cleanly), killing it if it takes longer than 30 s. */
void stop(Process process) {
    process.destroy()
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor()
    }
}
