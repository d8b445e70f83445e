package com.antevus.console.core;

/** Where Stripe calls go. Derived from the key's prefix alone; the key itself is never shown. */
public enum StripeMode {
    SANDBOX("SANDBOX"), TEST("TEST"), LIVE("LIVE");

    private final String label;

    StripeMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static StripeMode of(Secret key) {
        if (key == null) {
            return SANDBOX;
        }
        String k = key.reveal();
        if (k.startsWith("sk_live_") || k.startsWith("rk_live_")) {
            return LIVE;
        }
        return TEST;
    }

    /** "SANDBOX", or "TEST ····4242": the most of a key any screen may show. */
    public static String describe(Secret key) {
        StripeMode mode = of(key);
        return mode == SANDBOX ? mode.label : mode.label + " \u00b7\u00b7\u00b7\u00b7" + key.lastFour();
    }
}
