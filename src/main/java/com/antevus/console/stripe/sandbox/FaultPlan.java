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
        return rates(0, 0, 0).slow(0);
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
