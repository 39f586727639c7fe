package io.cachebreaker.it.browser;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every server process the tests start. A test that times out or a fork that surefire kills must not leave a Tomcat
 * or an nginx listening on the machine, so a shutdown hook ends whatever is still alive, children included.
 */
final class Children {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(p -> stop(p, 5)), "stop-children"));
    }

    private Children() {
    }

    static Process register(Process process) {
        LIVE.add(process);
        return process;
    }

    /** SIGTERM (Tomcat and nginx shut down cleanly on it), then SIGKILL for the process and its descendants. */
    static void stop(Process process, int seconds) {
        var descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(seconds, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // nginx workers outlive a killed master; a worker keeps the port.
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        LIVE.remove(process);
    }
}
