package com.antevus.console.stripe.sandbox;

import java.util.SplittableRandom;

/**
 * Faults the sandbox injects into POST requests, for tests: 429 with Retry-After, 500, slow responses, and
 * "commit, then drop the connection before answering". Rates are fractions of requests; draws are seeded.
 */
public final class FaultPlan {
    public enum Fault { NONE, RATE_LIMIT, SERVER_ERROR, COMMIT_THEN_DROP }

    private volatile double rateLimit;
    private volatile double serverError;
    private volatile double commitThenDrop;
    private volatile long slowMillis;
    private volatile int retryAfterSeconds = 1;
    private SplittableRandom random = new SplittableRandom(1);

    public FaultPlan rates(double rateLimit, double serverError, double commitThenDrop) {
        this.rateLimit = rateLimit;
        this.serverError = serverError;
        this.commitThenDrop = commitThenDrop;
        return this;
    }

    public FaultPlan slow(long millis) {
        this.slowMillis = millis;
        return this;
    }

    public FaultPlan retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public synchronized FaultPlan seed(long seed) {
        this.random = new SplittableRandom(seed);
        return this;
    }

    public FaultPlan none() {
        return rates(0, 0, 0).slow(0).limit(0);
    }

    private double limitPerSecond;
    private double tokens;
    private long refilledAt;

    /**
     * The account's rate limit, as Stripe enforces it: at most {@code perSecond} requests in any second (a token
     * bucket holding one second's worth); requests over it get 429. Zero turns the limit off.
     */
    public synchronized FaultPlan limit(double perSecond) {
        this.limitPerSecond = perSecond;
        this.tokens = perSecond;
        this.refilledAt = System.nanoTime();
        return this;
    }

    /** Takes a token for one request; false when the account is over its rate limit. */
    synchronized boolean admit() {
        if (limitPerSecond <= 0) {
            return true;
        }
        long now = System.nanoTime();
        tokens = Math.min(limitPerSecond, tokens + (now - refilledAt) * limitPerSecond / 1e9);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    long slowMillis() {
        return slowMillis;
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    synchronized Fault draw() {
        double r = random.nextDouble();
        if (r < rateLimit) {
            return Fault.RATE_LIMIT;
        }
        if (r < rateLimit + serverError) {
            return Fault.SERVER_ERROR;
        }
        if (r < rateLimit + serverError + commitThenDrop) {
            return Fault.COMMIT_THEN_DROP;
        }
        return Fault.NONE;
    }
}
