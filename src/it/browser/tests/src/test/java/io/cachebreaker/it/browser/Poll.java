package io.cachebreaker.it.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waiting for something that will happen: ask again and again, and fail at a deadline instead of sleeping a guess. */
final class Poll {
    private Poll() {
    }

    /**
     * @param probe the result, or null while it is not there yet
     * @param why what is awaited, and the state to print if it never comes
     */
    static <T> T until(Duration bound, Supplier<T> probe, Supplier<String> why) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            T result = probe.get();
            if (result != null) {
                return result;
            }
            if (System.nanoTime() - deadline > 0) {
                return fail("not within " + bound.toSeconds() + " s: " + why.get());
            }
            // Paces the probe; the deadline, not this pause, bounds the wait.
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
