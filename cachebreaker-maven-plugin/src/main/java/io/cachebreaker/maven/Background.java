package io.cachebreaker.maven;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Work a build starts on a thread of its own and waits for later: reading what must be known before the output
 * changes, beside the scan of the sources. A failure reaches the waiting thread as it was thrown.
 */
final class Background {
    private Background() {
    }

    /**
     * @param name what the thread is for, which names it ({@link Workers})
     * @param work what to do; it must not change the output
     * @param <T>  what it returns
     * @return its result, to {@link #await}
     */
    static <T> CompletableFuture<T> start(String name, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        // A daemon never keeps the JVM alive, even when the build fails before waiting for it.
        new Workers(name).newThread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }).start();
        return result;
    }

    /**
     * Waits for work started with {@link #start}.
     *
     * @param work the work
     * @param <T>  what it returns
     * @return its result
     * @throws MojoExecutionException as the work threw it
     * @throws MojoFailureException   as the work threw it
     */
    static <T> T await(CompletableFuture<T> work) throws MojoExecutionException, MojoFailureException {
        try {
            return work.join();
        } catch (CompletionException e) {
            Throwable cause = unchecked(e.getCause());
            if (cause instanceof MojoFailureException failure) {
                throw failure;
            }
            throw mojoFailure(cause, "cachebreaker");
        }
    }

    /**
     * Throws an unchecked failure from another thread as it was thrown there.
     *
     * @param cause the failure
     * @return it, when it is a checked exception, for the caller to throw
     */
    static Throwable unchecked(Throwable cause) {
        if (cause instanceof RuntimeException failure) {
            throw failure;
        }
        if (cause instanceof Error failure) {
            throw failure;
        }
        return cause;
    }

    /**
     * @param cause a checked failure from another thread
     * @param what  what was being done, for a failure of another kind
     * @return the failure itself when it is a {@link MojoExecutionException}, else one that wraps it
     */
    static MojoExecutionException mojoFailure(Throwable cause, String what) {
        return cause instanceof MojoExecutionException failure ? failure
                : new MojoExecutionException(what + ": " + cause, cause);
    }
}
