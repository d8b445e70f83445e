package com.antevus.console.rating;

import com.antevus.console.pricing.Catalog.AddOn;
import com.antevus.console.pricing.CatalogDiff;
import com.antevus.console.pricing.Catalog.BillingModel;
import com.antevus.console.pricing.Catalog.Cap;
import com.antevus.console.pricing.Catalog.MeteredPrice;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.Catalog.PricingModel;
import com.antevus.console.pricing.Catalog.Quota;
import com.antevus.console.pricing.Catalog.Tier;
import com.antevus.console.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Prices one billing period: pure Java, no database and no Stripe. Every amount is integer minor units; the
 * only fractional arithmetic is in {@link BigDecimal}, and each rounding is written beside the code that does it.
 * The total is by construction the sum of the lines, and never negative.
 */
public final class RatingEngine {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private RatingEngine() {
    }

    /**
     * @param plan     the plan version the subscription is on
     * @param addOns   the catalog's add-ons, by code (to price the subscription's add-ons)
     * @param facts    the subscription's facts for the period
     * @param usage    the period's usage per metric (sum, average or peak, as the metric aggregates)
     */
    public static Rating rate(PlanSpec plan, Map<String, AddOn> addOns, RatingFacts facts, Map<String, Long> usage) {
        String currency = plan.currency();
        boolean annual = facts.interval() == RatingFacts.Interval.YEAR;
        List<RatedLine> lines = new ArrayList<>();

        // ---- base fee, seats, or the contract's fee --------------------------------------------------------
        RatingFacts.Overrides ov = facts.overrides();
        if (!facts.recurringFees()) {
            // usage only: the recurring fees of this subscription are billed in another period
        } else if (ov.baseMinor() != null) {
            lines.add(new RatedLine(RatedLine.Kind.CONTRACT, plan.code(), ov.baseDescription() == null
                    ? plan.name() + " (contract price)" : ov.baseDescription(), 1, ov.baseMinor()));
        } else if (plan.billingModel() == BillingModel.FLAT) {
            long price = periodPrice(plan, annual);
            lines.add(new RatedLine(RatedLine.Kind.BASE, plan.code(), plan.name() + (annual ? annualLabel(plan) : " (monthly)"),
                    1, price));
        } else if (plan.billingModel() == BillingModel.PER_SEAT) {
            int min = plan.minSeats() == null ? 1 : plan.minSeats();
            long seats = Math.max(min, facts.seats() == null ? 0 : facts.seats());
            long perSeat = periodPrice(plan, annual);
            lines.add(new RatedLine(RatedLine.Kind.SEATS, plan.code(), String.format("%s: %,d seats at %s%s%s", plan.name(), seats,
                    Money.of(perSeat, currency).format(), annual ? " a year" : " a month",
                    facts.seats() != null && facts.seats() < min ? " (minimum " + min + ")" : ""),
                    seats, multiply(perSeat, seats)));
        }
        // PAY_AS_YOU_GO has no base fee; CUSTOM without a contract price has none either.

        // ---- add-ons: a fixed monthly price each, twelve months on an annual invoice ------------------------
        int months = annual ? 12 : 1;
        for (Map.Entry<String, Integer> e : facts.recurringFees() ? facts.addOns().entrySet() : Map.<String, Integer>of().entrySet()) {
            AddOn a = addOns.get(e.getKey());
            if (a == null) {
                throw new IllegalArgumentException("Unknown add-on '" + e.getKey() + "'; the catalog has " + addOns.keySet() + ".");
            }
            if (!a.currency().equals(currency)) {
                throw new IllegalArgumentException("Add-on '" + a.code() + "' is priced in " + a.currency()
                        + " but the plan in " + currency + ".");
            }
            int qty = e.getValue();
            lines.add(new RatedLine(RatedLine.Kind.ADD_ON, a.code(), a.name() + (qty > 1 ? " × " + qty : "")
                    + (annual ? " (12 months)" : ""), (long) qty * months, multiply(multiply(a.monthlyMinor(), qty), months)));
        }

        // ---- overage per metric: the plan's metered prices in order, then any other metric with usage --------
        Set<String> metrics = new LinkedHashSet<>();
        plan.metered().forEach(m -> metrics.add(m.metric()));
        metrics.addAll(ov.metered().keySet());
        metrics.addAll(usage.keySet());
        long creditsLeft = facts.usageCredits().available();
        for (String metric : metrics) {
            long used = usage.getOrDefault(metric, 0L);
            if (used < 0) {
                throw new IllegalArgumentException("Usage of " + metric + " cannot be negative (" + used + ").");
            }
            Optional<Quota> quota = plan.quota(metric);
            Long included = ov.included().containsKey(metric) ? ov.included().get(metric) : quota.map(Quota::limit).orElse(0L);
            Cap cap = ov.included().containsKey(metric)
                    ? (included == null ? Cap.UNLIMITED : Cap.LIMITED) : quota.map(Quota::cap).orElse(Cap.LIMITED);
            if (cap == Cap.UNLIMITED || included == null || cap == Cap.HARD) {
                continue; // unlimited never overages; a hard cap blocks usage at the limit, so nothing above it is billed
            }
            long billable = used - included;
            MeteredPrice price = ov.metered().getOrDefault(metric, plan.meteredPrice(metric).orElse(null));
            if (billable <= 0 || price == null) {
                continue; // within the quota, or no overage price (the product asks the customer to upgrade)
            }
            RatedLine line = overage(price, metric, included, billable, facts.byoLlm(), currency);
            lines.add(line);
            RatingFacts.CreditCost cost = facts.usageCredits().costs().get(metric);
            if (cost != null && creditsLeft > 0 && line.amountMinor() > 0) {
                RatedLine covered = credits(price, metric, included, billable, line, cost, creditsLeft, facts.byoLlm(), currency);
                if (covered != null) {
                    lines.add(covered);
                    creditsLeft -= covered.quantity();
                }
            }
        }

        // ---- discount: a percentage of everything above, rounded half up to the minor unit -------------------
        long subtotal = lines.stream().mapToLong(RatedLine::amountMinor).reduce(0L, Math::addExact);
        BigDecimal pct = facts.discountPct();
        if (pct.signum() > 0 && subtotal > 0) {
            long off = BigDecimal.valueOf(subtotal).multiply(pct).divide(HUNDRED)
                    .setScale(0, RoundingMode.HALF_UP).longValueExact(); // rounding: half up, once on the subtotal
            lines.add(new RatedLine(RatedLine.Kind.DISCOUNT, "discount", pct.stripTrailingZeros().toPlainString() + "% discount",
                    1, -off));
            subtotal -= off;
        }
        // ---- credits: applied up to the amount due, never below zero ---------------------------------------
        if (facts.creditMinor() > 0 && subtotal > 0) {
            long used = Math.min(facts.creditMinor(), subtotal);
            lines.add(new RatedLine(RatedLine.Kind.CREDIT, "credit", "Credit applied (" + Money.of(facts.creditMinor(), currency).format()
                    + " available)", 1, -used));
        }
        return new Rating(currency, lines);
    }

    /** The code of a line paid in prepaid credits: {@code credits:} and the metric; its quantity is the credits spent. */
    public static final String CREDITS_CODE = "credits:";

    /**
     * Prepaid credits paying for a metric's overage: all of it when there are enough, else as many units as they pay
     * for, rounded down to what lowers the bill (a started block is charged in full, so credits buy whole blocks). The
     * line takes off exactly the difference the covered units make; null when the credits pay for nothing.
     */
    private static RatedLine credits(MeteredPrice price, String metric, long included, long billable, RatedLine line,
                                     RatingFacts.CreditCost cost, long available, boolean byoLlm, String currency) {
        long units = Math.min(billable, cost.unitsFor(available));
        long block = switch (price.model()) {
            case PACKAGE -> price.packageSize();
            case COST_PLUS -> price.unitSize();
            default -> 1;
        };
        if (units < billable && block > 1) {
            long remaining = billable - units;
            units = billable - ceilDiv(remaining, block) * block; // what is left is whole blocks, the rest is paid in credits
        }
        if (units <= 0) {
            return null;
        }
        long rest = units == billable ? 0 : overage(price, metric, included, billable - units, byoLlm, currency).amountMinor();
        long off = line.amountMinor() - rest;
        long spent = cost.of(units);
        if (off <= 0 || spent <= 0 || spent > available) {
            return null;
        }
        return new RatedLine(RatedLine.Kind.CREDIT, CREDITS_CODE + metric, String.format("%s: %,d of the %,d over the quota paid with %,d prepaid credits",
                label(metric), units, billable, spent), spent, -off);
    }

    private static long periodPrice(PlanSpec plan, boolean annual) {
        long monthly = plan.monthlyMinor() == null ? 0 : plan.monthlyMinor();
        if (!annual) {
            return monthly;
        }
        return plan.annualMinor() != null ? plan.annualMinor() : multiply(monthly, 12);
    }

    private static String annualLabel(PlanSpec plan) {
        if (plan.annualMinor() == null || plan.monthlyMinor() == null || plan.monthlyMinor() == 0) {
            return " (annual)";
        }
        BigDecimal full = BigDecimal.valueOf(plan.monthlyMinor()).multiply(BigDecimal.valueOf(12));
        BigDecimal off = HUNDRED.subtract(BigDecimal.valueOf(plan.annualMinor()).multiply(HUNDRED).divide(full, 1, RoundingMode.HALF_UP));
        return off.signum() == 0 ? " (annual)" : " (annual, " + off.stripTrailingZeros().toPlainString() + "% off)";
    }

    private static RatedLine overage(MeteredPrice p, String metric, long included, long billable, boolean byoLlm, String currency) {
        String over = String.format("%s over %,d", label(metric), included);
        switch (p.model()) {
            case PER_UNIT -> {
                // rounding: billable × rate ÷ unit size, half up to the minor unit, once per line
                long amount = round(BigDecimal.valueOf(billable).multiply(p.unitAmount())
                        .divide(BigDecimal.valueOf(p.unitSize()), 12, RoundingMode.HALF_UP));
                return new RatedLine(RatedLine.Kind.OVERAGE, metric, String.format("%s: %,d at %s per %s", over, billable,
                        CatalogDiff.rate(p.unitAmount(), currency), p.unitSize() == 1 ? "unit" : String.format("%,d", p.unitSize())), billable, amount);
            }
            case PACKAGE -> {
                // exact: every started block is charged in full
                long blocks = ceilDiv(billable, p.packageSize());
                long amount = multiply(p.unitAmount().longValueExact(), blocks);
                return new RatedLine(RatedLine.Kind.OVERAGE, metric, String.format("%s: %,d block%s of %,d at %s", over, blocks,
                        blocks == 1 ? "" : "s", p.packageSize(), Money.of(p.unitAmount().longValueExact(), currency).format()), blocks, amount);
            }
            case COST_PLUS -> {
                long units = ceilDiv(billable, p.unitSize()); // every started unit (1K tokens) is charged
                if (byoLlm) {
                    return new RatedLine(RatedLine.Kind.OVERAGE, metric, over + ": bring-your-own LLM, no token charge", units, 0);
                }
                BigDecimal margin = p.marginPct() == null ? BigDecimal.ZERO : p.marginPct();
                // rounding: units × cost × (1 + margin%), half up to the minor unit, once per line
                long amount = round(BigDecimal.valueOf(units).multiply(p.unitAmount())
                        .multiply(BigDecimal.ONE.add(margin.divide(HUNDRED))));
                return new RatedLine(RatedLine.Kind.OVERAGE, metric, String.format("%s: %,d × %,d at cost %s + %s%%", over, units,
                        p.unitSize(), CatalogDiff.rate(p.unitAmount(), currency), margin.toPlainString()), units, amount);
            }
            case PER_GB_MONTH -> {
                // rounding: GB-months × rate per GB, half up to the minor unit, once per line
                long amount = round(BigDecimal.valueOf(billable).multiply(p.unitAmount()));
                return new RatedLine(RatedLine.Kind.OVERAGE, metric, String.format("%s: %,d GB-months at %s per GB (%s per TB)", over,
                        billable, CatalogDiff.rate(p.unitAmount(), currency), CatalogDiff.rate(p.unitAmount().multiply(BigDecimal.valueOf(1000)), currency)),
                        billable, amount);
            }
            case GRADUATED -> {
                // each step's units at its rate plus its flat fee; rounding: half up, once on the line's sum
                BigDecimal sum = BigDecimal.ZERO;
                long done = 0;
                for (Tier t : p.tiers()) {
                    long upper = t.upTo() == null ? Long.MAX_VALUE : t.upTo();
                    if (done >= billable) {
                        break;
                    }
                    long inTier = Math.min(billable, upper) - done;
                    if (inTier <= 0) {
                        continue;
                    }
                    sum = sum.add(BigDecimal.valueOf(inTier).multiply(t.unitAmount())).add(BigDecimal.valueOf(t.flatAmountMinor()));
                    done += inTier;
                }
                return new RatedLine(RatedLine.Kind.OVERAGE, metric, String.format("%s: %,d in graduated tiers", over, billable),
                        billable, round(sum));
            }
            default -> throw new IllegalStateException(String.valueOf(p.model()));
        }
    }

    private static String label(String metric) {
        String s = metric.replace('_', ' ');
        return switch (metric) {
            case "ai_tokens" -> "AI tokens";
            case "storage_gb" -> "Storage GB";
            case "llm_tokens" -> "LLM tokens";
            case "api_calls" -> "API calls";
            default -> Character.toUpperCase(s.charAt(0)) + s.substring(1);
        };
    }

    private static long round(BigDecimal minor) {
        try {
            return minor.setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("The amount is too large to bill (" + minor.toPlainString() + " minor units).", e);
        }
    }

    private static long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("The amount is too large to bill (" + a + " × " + b + ").", e);
        }
    }

    private static long ceilDiv(long a, long b) {
        return a / b + (a % b == 0 ? 0 : 1);
    }
}
