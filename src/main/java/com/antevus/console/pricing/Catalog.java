package com.antevus.console.pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The whole plan catalog as plain values: what an admin edits, what the YAML file holds, what the rating engine
 * prices from. No database ids: two catalogs are equal when they sell the same things at the same prices.
 *
 * <p>Money is integer minor units of the plan's currency. Fractional rates (a tenth of a cent per API call) are
 * {@link BigDecimal} minor units; {@code RatingEngine} states where they are rounded.
 */
public record Catalog(List<Metric> metrics, List<Resource> resources, List<PlanSpec> plans, List<AddOn> addOns) {

    public Catalog {
        metrics = List.copyOf(metrics);
        resources = List.copyOf(resources);
        plans = List.copyOf(plans);
        addOns = List.copyOf(addOns);
    }

    public Optional<PlanSpec> plan(String code) {
        return plans.stream().filter(p -> p.code().equals(code)).findFirst();
    }

    public Optional<AddOn> addOn(String code) {
        return addOns.stream().filter(a -> a.code().equals(code)).findFirst();
    }

    public Optional<Metric> metric(String code) {
        return metrics.stream().filter(m -> m.code().equals(code)).findFirst();
    }

    public Map<String, AddOn> addOnsByCode() {
        return addOns.stream().collect(Collectors.toMap(AddOn::code, Function.identity()));
    }

    /** The academic variant of a base plan, if the catalog has one. */
    public Optional<PlanSpec> academicVariantOf(String baseCode) {
        return plans.stream().filter(p -> baseCode.equals(p.academicOf())).findFirst();
    }

    public enum Aggregation { SUM, AVERAGE, MAX }

    /** Something the product meters per period (events, AI tokens, storage). */
    public record Metric(String code, String name, String unit, Aggregation aggregation) {
    }

    /** Something the product counts at a moment (instruments, seats, sites, agents). */
    public record Resource(String code, String name) {
    }

    /** flat: one monthly fee; per_seat: the monthly price is per seat, at least min_seats; pay_as_you_go: no base fee. */
    public enum BillingModel { FLAT, PER_SEAT, PAY_AS_YOU_GO, CUSTOM }

    /**
     * limited: the quota is included and usage above it is billed at the metered price;
     * soft: like limited, and the product warns but does not block;
     * hard: the product blocks at the limit, so nothing above it is ever billed;
     * unlimited: no limit, never an overage.
     */
    public enum Cap { LIMITED, UNLIMITED, SOFT, HARD }

    /** An included quota of a resource or a metric; {@code limit} is null exactly when unlimited. */
    public record Quota(String code, boolean metric, Long limit, Cap cap) {
        public Quota {
            Objects.requireNonNull(code);
            Objects.requireNonNull(cap);
        }

        public static Quota unlimited(String code, boolean metric) {
            return new Quota(code, metric, null, Cap.UNLIMITED);
        }
    }

    public enum PricingModel { PER_UNIT, PACKAGE, COST_PLUS, PER_GB_MONTH, GRADUATED }

    /**
     * One step of a graduated price: units up to {@code upTo} (inclusive; null for the last, open step) cost
     * {@code unitAmount} minor units each, plus {@code flatAmountMinor} once when the step is reached.
     */
    public record Tier(Long upTo, BigDecimal unitAmount, long flatAmountMinor) {
        public Tier {
            unitAmount = unitAmount == null ? BigDecimal.ZERO : unitAmount.stripTrailingZeros();
        }
    }

    /**
     * How usage of one metric above the included quota is priced.
     * <ul>
     * <li>PER_UNIT: {@code unitAmount} minor units per {@code unitSize} units (e.g. 1 cent per 1,000 tokens);</li>
     * <li>PACKAGE: {@code unitAmount} (whole minor units) per started block of {@code packageSize};</li>
     * <li>COST_PLUS: provider cost {@code unitAmount} per started {@code unitSize} units, times (1 + margin%);</li>
     * <li>PER_GB_MONTH: {@code unitAmount} per GB-month (a $20 TB-month is 2 cents per GB);</li>
     * <li>GRADUATED: {@code tiers} over the units above the included quota.</li>
     * </ul>
     */
    public record MeteredPrice(String metric, PricingModel model, BigDecimal unitAmount, long unitSize, Long packageSize,
                               BigDecimal marginPct, List<Tier> tiers) {
        public MeteredPrice {
            tiers = tiers == null ? List.of() : List.copyOf(tiers);
            unitAmount = unitAmount == null ? null : unitAmount.stripTrailingZeros();
            marginPct = marginPct == null ? null : marginPct.stripTrailingZeros();
        }

        public static MeteredPrice perUnit(String metric, BigDecimal minorPerUnits, long unitSize) {
            return new MeteredPrice(metric, PricingModel.PER_UNIT, minorPerUnits, unitSize, null, null, List.of());
        }

        public static MeteredPrice packaged(String metric, long blockPriceMinor, long blockSize) {
            return new MeteredPrice(metric, PricingModel.PACKAGE, BigDecimal.valueOf(blockPriceMinor), 1, blockSize, null, List.of());
        }

        public static MeteredPrice costPlus(String metric, BigDecimal costMinorPerUnits, long unitSize, BigDecimal marginPct) {
            return new MeteredPrice(metric, PricingModel.COST_PLUS, costMinorPerUnits, unitSize, null, marginPct, List.of());
        }

        public static MeteredPrice perGbMonth(String metric, BigDecimal minorPerGb) {
            return new MeteredPrice(metric, PricingModel.PER_GB_MONTH, minorPerGb, 1, null, null, List.of());
        }

        public static MeteredPrice graduated(String metric, List<Tier> tiers) {
            return new MeteredPrice(metric, PricingModel.GRADUATED, null, 1, null, null, tiers);
        }
    }

    /**
     * A plan. Monthly and annual prices are per plan, or per seat for PER_SEAT plans; either may be null
     * (pay-as-you-go has neither, custom plans are priced by contract). An academic variant names its base plan.
     */
    public record PlanSpec(String code, String name, String family, BillingModel billingModel, String currency,
                           Long monthlyMinor, Long annualMinor, Integer minSeats, String academicOf, boolean selfServe,
                           int graceDays, List<Integer> alertThresholds, List<Quota> quotas, List<MeteredPrice> metered) {
        public PlanSpec {
            alertThresholds = List.copyOf(alertThresholds);
            quotas = List.copyOf(quotas);
            metered = List.copyOf(metered);
        }

        public Optional<Quota> quota(String code) {
            return quotas.stream().filter(q -> q.code().equals(code)).findFirst();
        }

        public Optional<MeteredPrice> meteredPrice(String metric) {
            return metered.stream().filter(m -> m.metric().equals(metric)).findFirst();
        }
    }

    /** A fixed monthly add-on; some raise a resource's entitlement (Extra Edge Agent: agents +1). */
    public record AddOn(String code, String name, String currency, long monthlyMinor, String raisesResource, Integer raisesBy) {
    }
}
