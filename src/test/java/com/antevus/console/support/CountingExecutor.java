package com.antevus.console.support;

import com.antevus.console.core.FxTaskExecutor;
import com.antevus.console.core.TaskExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The app's background executor, counting work not yet handed back: a screen test waits for {@link #idle()} instead of sleeping. */
public final class CountingExecutor implements TaskExecutor {
    private final FxTaskExecutor delegate;
    private final AtomicInteger outstanding = new AtomicInteger();

    public CountingExecutor(int threads) {
        this.delegate = new FxTaskExecutor(threads);
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        outstanding.incrementAndGet();
        delegate.run(work, r -> {
            try {
                onSuccess.accept(r);
            } finally {
                outstanding.decrementAndGet();
            }
        }, e -> {
            try {
                onFailure.accept(e);
            } finally {
                outstanding.decrementAndGet();
            }
        });
    }

    /** True when every piece of background work has finished and its result reached the FX thread. */
    public boolean idle() {
        return outstanding.get() == 0;
    }

    @Override
    public void onUiThread(Runnable action) {
        delegate.onUiThread(action);
    }

    @Override
    public Executor background() {
        return delegate.background();
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }
}
