package io.cachebreaker.maven;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The goal's threads, for plain and fork-join pools alike: named ({@code cachebreaker-copy-1}), so a stack dump shows
 * whose they are, and daemons, so they never keep a JVM alive.
 */
final class Workers implements ThreadFactory, ForkJoinPool.ForkJoinWorkerThreadFactory {
    private final String name;
    private final AtomicInteger count = new AtomicInteger();

    /** @param name what the threads are for, such as {@code cachebreaker-copy} */
    Workers(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable task) {
        return named(new Thread(task));
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        return named(ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool));
    }

    private <T extends Thread> T named(T thread) {
        thread.setName(name + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
