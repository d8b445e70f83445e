package com.antevus.console.stripe;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Idempotency-Key of one Stripe POST, derived from the console's own record and the step, never from a
 * clock or a random value: a retried step, even after a crash, sends the same key and gets the same object.
 * Example: {@code bc.invoice.6f1c...:finalize}.
 */
public record IdempotencyKey(String value) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,255}");

    public IdempotencyKey {
        Objects.requireNonNull(value);
        if (!SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("Idempotency keys use letters, digits and . _ : - only, at most 255: " + value);
        }
    }

    /**
     * @param recordType the console record the step belongs to ("organization", "invoice", "invoice-run")
     * @param recordId   its id in the console's database
     * @param step       the step ("create-customer", "finalize", "item-3")
     */
    public static IdempotencyKey of(String recordType, Object recordId, String step) {
        return new IdempotencyKey("bc." + recordType + "." + recordId + ":" + step);
    }

    @Override
    public String toString() {
        return value;
    }
}
