package com.antevus.console.invoicing;

/**
 * Pause, resume and cancel for a running invoice run, from any thread. Pausing lets each invoice finish its
 * current step and holds the rest; cancelling stops before the next step (what is done stays done, and the
 * rest resumes in a later run). {@link #kill} simulates a crash: nothing more is written, not even the outcome.
 */
public final class RunControl {
    private volatile boolean paused;
    private volatile boolean cancelled;
    private volatile boolean killed;

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    public void cancel() {
        cancelled = true;
        paused = false;
    }

    /** Stops the run as a crash would (tests): no further Stripe call or database write. */
    public void kill() {
        killed = true;
    }

    public boolean paused() {
        return paused;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public boolean killed() {
        return killed;
    }

    /** Waits while paused; true when the run should stop before its next step. */
    boolean holdOrStop() {
        while (paused && !cancelled && !killed) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return cancelled || killed;
    }
}
