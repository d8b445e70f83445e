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
                          BigDecimal discountPct, long creditMinor, boolean recurringFees, UsageCredits usageCredits) {
    public enum Interval { MONTH, YEAR }

    /** What a metric's usage costs in prepaid credits: {@code credits} per {@code perUnits} units. */
    public record CreditCost(long credits, long perUnits) {
        public CreditCost {
            if (credits <= 0 || perUnits <= 0) {
                throw new IllegalArgumentException("A credit cost is a positive number of credits per a positive number of units.");
            }
        }

        /** Credits {@code units} cost: units × credits ÷ per units, rounded half up to a whole credit. */
        public long of(long units) {
            return BigDecimal.valueOf(units).multiply(BigDecimal.valueOf(credits))
                    .divide(BigDecimal.valueOf(perUnits), 0, java.math.RoundingMode.HALF_UP).longValueExact();
        }

        /** The most units {@code credits} pay for (rounded down, so they never cost more than there is). */
        public long unitsFor(long available) {
            return BigDecimal.valueOf(available).multiply(BigDecimal.valueOf(perUnits))
                    .divide(BigDecimal.valueOf(credits), 0, java.math.RoundingMode.DOWN).longValueExact();
        }
    }

    /**
     * Prepaid credits the period may spend, and what each metric's usage costs in them: usage above the included
     * amount is paid in credits first, and only what they do not cover is billed as overage.
     */
    public record UsageCredits(long available, Map<String, CreditCost> costs) {
        public static final UsageCredits NONE = new UsageCredits(0, Map.of());

        public UsageCredits {
            if (available < 0) {
                throw new IllegalArgumentException("Available credits cannot be negative.");
            }
            costs = Map.copyOf(costs);
        }
    }

    public RatingFacts {
        usageCredits = usageCredits == null ? UsageCredits.NONE : usageCredits;
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

    public RatingFacts(Interval interval, Integer seats, Map<String, Integer> addOns, boolean byoLlm, Overrides overrides,
                       BigDecimal discountPct, long creditMinor, boolean recurringFees) {
        this(interval, seats, addOns, byoLlm, overrides, discountPct, creditMinor, recurringFees, UsageCredits.NONE);
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
        return new RatingFacts(interval, seats, addOns, byoLlm, overrides, discountPct, creditMinor, false, usageCredits);
    }

    /** The same facts with prepaid credits to spend on usage above the included amounts. */
    public RatingFacts withUsageCredits(UsageCredits credits) {
        return new RatingFacts(interval, seats, addOns, byoLlm, overrides, discountPct, creditMinor, recurringFees, credits);
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
