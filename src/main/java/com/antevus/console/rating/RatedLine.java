package com.antevus.console.rating;

import java.util.Locale;

/** One priced line; discounts and credits are negative. */
public record RatedLine(Kind kind, String code, String description, long quantity, long amountMinor) {
    public enum Kind {
        BASE, SEATS, CONTRACT, ADD_ON, OVERAGE, DISCOUNT, CREDIT,
        /** Usage of an earlier, invoiced period that arrived after its invoice; the code is metric@YYYY-MM. */
        LATE_USAGE,
        /** A contract's minimum commitment trued up: what the counted lines fell short of it. */
        COMMITMENT;

        /** The name in JSON and YAML: "add_on". */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
