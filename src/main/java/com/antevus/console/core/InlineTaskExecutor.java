package com.antevus.console.core;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work and its callbacks on the calling thread: for ViewModel tests and the command line. */
public final class InlineTaskExecutor implements TaskExecutor {
    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception | Error e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }

    @Override
    public java.util.concurrent.Executor background() {
        return Runnable::run;
    }

    @Override
    public void shutdown() {
        // nothing runs in the background
    }
}
