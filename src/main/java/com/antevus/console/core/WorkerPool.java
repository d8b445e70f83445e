package com.antevus.console.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of named daemon threads for work a service fans out and owns for its duration (an invoice run's
 * workers), distinct from the UI's task executor. The only place outside the executors that makes threads.
 */
public final class WorkerPool {
    private WorkerPool() {
    }

    public static ExecutorService fixed(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
