package com.antevus.console.rating;

import com.antevus.console.pricing.Catalog.MeteredPrice;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subscription's facts for one period: interval, seats, add-ons (code → quantity), bring-your-own LLM, the
 * contract's overrides, a discount percentage, credit available, and whether the period bills the recurring fees.
 */
public record RatingFacts(Interval interval, Integer seats, Map<String, Integer> addOns, boolean byoLlm, Overrides overrides,
                          BigDecimal discountPct, long creditMinor, boolean recurringFees) {
    public enum Interval { MONTH, YEAR }

    public RatingFacts {
        addOns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(addOns));
        overrides = overrides == null ? Overrides.NONE : overrides;
        discountPct = discountPct == null ? BigDecimal.ZERO : discountPct;
        if (discountPct.signum() < 0 || discountPct.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("A discount is between 0 and 100%, not " + discountPct.toPlainString() + "%.");
        }
        if (creditMinor < 0) {
            throw new IllegalArgumentException("Credit cannot be negative.");
        }
        if (seats != null && seats < 0) {
            throw new IllegalArgumentException("Seats cannot be negative.");
        }
        addOns.forEach((code, qty) -> {
            if (qty == null || qty <= 0) {
                throw new IllegalArgumentException("Add-on '" + code + "' needs a quantity of at least 1.");
            }
        });
    }

    /** Facts whose period bills the recurring fees (base, seats, contract fee, add-ons) as well as usage. */
    public RatingFacts(Interval interval, Integer seats, Map<String, Integer> addOns, boolean byoLlm, Overrides overrides,
                       BigDecimal discountPct, long creditMinor) {
        this(interval, seats, addOns, byoLlm, overrides, discountPct, creditMinor, true);
    }

    /**
     * The same facts for a period that bills usage only: an annual subscription's months between renewals
     * (its base fee and add-ons were billed for the year at the renewal).
     */
    public RatingFacts usageOnly() {
        return new RatingFacts(interval, seats, addOns, byoLlm, overrides, discountPct, creditMinor, false);
    }

    public static RatingFacts monthly() {
        return new RatingFacts(Interval.MONTH, null, Map.of(), false, Overrides.NONE, BigDecimal.ZERO, 0);
    }

    /**
     * A contract's overrides: a custom fee for the period (null keeps the plan's), included amounts per metric
     * (a null value is unlimited) and metered prices replacing the plan's.
     */
    public record Overrides(Long baseMinor, String baseDescription, Map<String, Long> included, Map<String, MeteredPrice> metered) {
        public static final Overrides NONE = new Overrides(null, null, Map.of(), Map.of());

        public Overrides {
            included = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(included));
            metered = Map.copyOf(metered);
            if (baseMinor != null && baseMinor < 0) {
                throw new IllegalArgumentException("A contract price cannot be negative.");
            }
        }
    }
}
