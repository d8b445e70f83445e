package com.antevus.console.core;

import java.math.BigDecimal;
import java.util.Locale;

/** Quantities as people type them: 1600000, 1,600,000, 1_600_000, 1.6M, 250k, 2B. */
public final class Quantities {
    private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile("[+-]?\\d{1,30}([,_]\\d{1,30})*(\\.\\d{1,30})?[KMBG]?");

    private Quantities() {
    }

    /** The whole quantity (possibly negative), or null when the text is not one ("abc", "1.5", too large). */
    public static Long parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        // digits with single separators between them, an optional fraction and suffix; no exponents (1e999999999)
        if (!SHAPE.matcher(t).matches()) {
            return null;
        }
        t = t.replace(",", "").replace("_", "");
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
