package com.antevus.console.core;

import java.math.BigDecimal;
import java.util.Locale;

/** Quantities as people type them: 1600000, 1,600,000, 1_600_000, 1.6M, 250k, 2B. */
public final class Quantities {
    private Quantities() {
    }

    /** The whole quantity (possibly negative), or null when the text is not one ("abc", "1.5", too large). */
    public static Long parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().replace(",", "").replace("_", "").toUpperCase(Locale.ROOT);
        long factor = 1;
        if (t.endsWith("K")) {
            factor = 1_000;
        } else if (t.endsWith("M")) {
            factor = 1_000_000;
        } else if (t.endsWith("B") || t.endsWith("G")) {
            factor = 1_000_000_000;
        }
        if (factor > 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            BigDecimal v = new BigDecimal(t).multiply(BigDecimal.valueOf(factor));
            return v.stripTrailingZeros().scale() > 0 ? null : v.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
