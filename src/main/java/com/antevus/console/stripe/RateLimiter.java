package com.antevus.console.stripe;

/**
 * A client-side token bucket: at most {@code perSecond} requests a second on average, bursts up to
 * {@code burst}. Stripe allows 25 requests/s in test mode and 100/s live; the console defaults to 20.
 */
public final class RateLimiter {
    /** Time source and sleeper, replaceable in tests. */
    public interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }

    private final double perNano;
    private final double burst;
    private final Clock clock;
    private double tokens;
    private long last;

    public RateLimiter(double perSecond, int burst, Clock clock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.last = clock.nanoTime();
    }

    /** Takes one token, waiting for it if the bucket is empty. */
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = clock.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) * perNano);
            last = now;
            tokens -= 1; // may go negative: the debt is paid by waiting, in arrival order
            wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
        }
        if (wait > 0) {
            clock.sleepNanos(wait);
        }
    }
}
