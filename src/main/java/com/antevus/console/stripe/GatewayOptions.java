package com.antevus.console.stripe;

import java.time.Duration;

/**
 * How the gateway talks to Stripe.
 *
 * @param requestsPerSecond client-side rate limit (Stripe: 25/s test mode, 100/s live)
 * @param maxRetries        retries of one request on 429, 5xx, 409 and network errors (same idempotency key)
 * @param initialBackoff    first retry delay; doubles each retry, with jitter, up to {@code maxBackoff}
 */
public record GatewayOptions(double requestsPerSecond, int maxRetries, Duration initialBackoff, Duration maxBackoff,
                             Duration connectTimeout, Duration readTimeout) {
    public static GatewayOptions defaults() {
        return new GatewayOptions(20, 6, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(10),
                Duration.ofSeconds(40));
    }

    public GatewayOptions withRate(double perSecond) {
        return new GatewayOptions(perSecond, maxRetries, initialBackoff, maxBackoff, connectTimeout, readTimeout);
    }

    public GatewayOptions withRetries(int retries, Duration initial, Duration max) {
        return new GatewayOptions(requestsPerSecond, retries, initial, max, connectTimeout, readTimeout);
    }
}
