package com.antevus.console.core;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way to run database and Stripe work off the FX thread. Callbacks run on the FX thread in the
 * app, inline in tests ({@link InlineTaskExecutor}).
 */
public interface TaskExecutor {

    /**
     * Runs {@code work} in the background, then {@code onSuccess} or {@code onFailure} on the UI thread.
     */
    <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs a small piece of UI-state work on the UI thread (progress messages from background work). */
    void onUiThread(Runnable action);

    /** The same background threads as a plain Executor, for work a service fans out (inline in tests). */
    java.util.concurrent.Executor background();

    /** Stops accepting work; running work is allowed to finish for a short while. */
    void shutdown();
}
