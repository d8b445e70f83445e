package com.antevus.console.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * stripe-java's HTTP client with the console's retry policy, applied where the response headers are visible:
 * every attempt waits for a rate-limiter token; 429, 409, 5xx and network errors are retried with the same
 * request (so the same Idempotency-Key), honouring Stripe-Should-Retry and Retry-After, with exponential
 * backoff and full jitter.
 */
final class RetryingHttpClient extends HttpURLConnectionClient {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingHttpClient.class);
    private final RateLimiter limiter;
    private final GatewayOptions options;

    RetryingHttpClient(RateLimiter limiter, GatewayOptions options) {
        this.limiter = limiter;
        this.options = options;
    }

    @Override
    public StripeResponse requestWithRetries(StripeRequest request) throws StripeException {
        for (int attempt = 0; ; attempt++) {
            try {
                limiter.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiConnectionException("Interrupted while waiting to call Stripe", e);
            }
            StripeResponse response;
            try {
                response = requestWithTelemetry(request);
            } catch (ApiConnectionException e) {
                if (attempt >= options.maxRetries()) {
                    throw e;
                }
                LOG.info("Stripe {} {}: network error, retry {} ({})", request.method(), request.url().getPath(),
                        attempt + 1, e.getMessage());
                pause(backoff(attempt, Optional.empty()));
                continue;
            }
            if (attempt >= options.maxRetries() || !shouldRetry(response)) {
                return response;
            }
            LOG.info("Stripe {} {}: HTTP {}, retry {}", request.method(), request.url().getPath(), response.code(), attempt + 1);
            pause(backoff(attempt, response.headers().firstValue("Retry-After")));
        }
    }

    static boolean shouldRetry(StripeResponse response) {
        Optional<String> header = response.headers().firstValue("Stripe-Should-Retry");
        if (header.isPresent()) {
            return Boolean.parseBoolean(header.get());
        }
        int code = response.code();
        return code == 409 || code == 429 || code >= 500;
    }

    private Duration backoff(int attempt, Optional<String> retryAfter) {
        long base = options.initialBackoff().toMillis() << Math.min(attempt, 16);
        long capped = Math.min(base, options.maxBackoff().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        long serverAsked = retryAfter.map(v -> {
            try {
                return Long.parseLong(v.strip()) * 1000;
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
        return Duration.ofMillis(Math.min(Math.max(jittered, serverAsked), Math.max(options.maxBackoff().toMillis(), 1)));
    }

    private static void pause(Duration d) throws ApiConnectionException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("Interrupted while waiting to retry a Stripe call", e);
        }
    }
}
