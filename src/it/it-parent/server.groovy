// Runs a server as a child process for an IT's verify.groovy: a free loopback port, start, a bounded wait for a page,
// HTTP requests, and a stop that always ends the process. Load it with
//   def server = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/server.groovy'))
// and start with startOnFreePort, which retries on another port when the one picked was taken meanwhile.
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.TimeUnit

/**
 * @return a loopback port the system picked as free a moment ago, never one handed out before in this JVM: the
 *         invoker runs the ITs' scripts on parallel threads of one JVM, so two servers of one build never get the
 *         same port. A process outside the build may still take it before the server binds it: startOnFreePort
 *         retries then.
 */
int freePort() {
    Set<Integer> handedOut = System.properties.computeIfAbsent('cachebreaker.it.handedOutPorts') {
        ConcurrentHashMap.newKeySet()
    } as Set<Integer>
    for (int i = 0; i < 100; i++) {
        int port = new ServerSocket(0, 1, InetAddress.loopbackAddress).withCloseable { it.localPort }
        if (handedOut.add(port)) {
            return port
        }
    }
    throw new IllegalStateException('the system handed out 100 ports this build already used')
}

/** Whether a server's log says it could not bind its port. */
boolean portTaken(File log) {
    if (!log.isFile()) {
        return false
    }
    String text = log.text
    text.contains('BindException') || text.contains('Address already in use') || text.contains('already in use')
}

/**
 * Starts a server on a free port and waits for its page: launch(port) starts the process (its output going to log),
 * url(port) is the page that must answer 200. When the server reports its port taken (by a process that bound it
 * between freePort and the start), it is stopped and started again on another port, at most attempts times.
 *
 * @return [process: the running server, port: its port, response: the page's 200 response]
 */
Map startOnFreePort(File log, Closure<String> url, Closure<Process> launch, int seconds = 60, int attempts = 3) {
    for (int attempt = 1; ; attempt++) {
        int port = freePort()
        Process process = launch(port)
        def response
        try {
            response = awaitOk(process, url(port), log, seconds, true)
        } catch (Throwable e) {
            stop(process)
            throw e
        }
        if (response != null) {
            return [process: process, port: port, response: response]
        }
        stop(process)
        assert attempt < attempts : "port after port was taken ($attempts tries):\n$log.text"
        // System.out: a script property lookup (println finds out through it) would reach get(String) above.
        System.out.println "the port $port was taken; starting again on another (try ${attempt + 1} of $attempts)"
    }
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

/**
 * Polls url until it answers 200, for at most the given seconds, failing at once if the process exits.
 *
 * @return the response; or null when bindRetry is set and the log says the port was taken
 */
HttpResponse<byte[]> awaitOk(Process process, String url, File log, int seconds = 60, boolean bindRetry = false) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
    while (true) {
        if (bindRetry && portTaken(log)) {
            return null
        }
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
