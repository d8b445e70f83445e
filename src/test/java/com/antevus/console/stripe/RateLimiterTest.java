package com.antevus.console.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token bucket's arithmetic, on a fake clock (no wall-clock timing). */
class RateLimiterTest {
    static final class FakeClock implements RateLimiter.Clock {
        long now;
        long slept;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            slept += nanos;
            now += nanos;
        }
    }

    @Test
    void aBurstPassesThenRequestsAreSpacedAtTheRate() throws Exception {
        FakeClock clock = new FakeClock();
        RateLimiter limiter = new RateLimiter(20, 20, clock);
        for (int i = 0; i < 20; i++) {
            limiter.acquire();
        }
        assertThat(clock.slept).isZero();
        for (int i = 0; i < 10; i++) {
            limiter.acquire();
        }
        // ten more at 20/s need half a second of waiting
        assertThat(clock.slept).isBetween(490_000_000L, 510_000_000L);
    }

    @Test
    void idleTimeRefillsButNeverBeyondTheBurst() throws Exception {
        FakeClock clock = new FakeClock();
        RateLimiter limiter = new RateLimiter(10, 5, clock);
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }
        clock.now += 60_000_000_000L; // a minute idle
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }
        assertThat(clock.slept).isZero();
        limiter.acquire();
        assertThat(clock.slept).isBetween(99_000_000L, 101_000_000L);
    }
}
