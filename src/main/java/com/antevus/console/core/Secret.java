package com.antevus.console.core;

import java.util.Objects;

/**
 * A secret value (database password, Stripe key). Its {@code toString} never reveals it, so it can be
 * passed through records, log statements and exception messages without leaking.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    /** Wraps a value; blank or null gives null so that "not configured" stays null. */
    public static Secret ofNullable(String value) {
        return value == null || value.isBlank() ? null : new Secret(value.strip());
    }

    /** The raw value, for the one place that must hand it to a driver or client. */
    public String reveal() {
        return value;
    }

    /** The last four characters, the most the UI may show of a key. */
    public String lastFour() {
        return value.length() <= 4 ? "****" : value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
