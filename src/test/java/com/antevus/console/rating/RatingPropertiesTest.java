package com.antevus.console.rating;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.Cap;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.Catalog.Quota;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The rating engine's invariants over every plan of both shipped catalogs and random usage and facts. */
class RatingPropertiesTest {
    private static final Catalog ANTEVUS = Catalogs.antevus();
    private static final Catalog SEED_002 = Catalogs.seed002();

    record Case(Catalog catalog, PlanSpec plan, RatingFacts facts, Map<String, Long> usage) {
        Rating rate() {
            return RatingEngine.rate(plan, catalog.addOnsByCode(), facts, usage);
        }

        Rating rateWith(Map<String, Long> other) {
            return RatingEngine.rate(plan, catalog.addOnsByCode(), facts, other);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Catalog> catalogs = Arbitraries.of(ANTEVUS, SEED_002);
        return catalogs.flatMap(c -> Combinators.combine(
                Arbitraries.of(c.plans()),
                facts(c),
                usage(c)).as((plan, facts, usage) -> new Case(c, plan, facts, usage)));
    }

    private static Arbitrary<RatingFacts> facts(Catalog c) {
        Arbitrary<Map<String, Integer>> addOns = Arbitraries.subsetOf(c.addOns().stream().map(Catalog.AddOn::code).toList())
                .flatMap(codes -> Arbitraries.integers().between(1, 5).list().ofSize(codes.size()).map(qty -> {
                    Map<String, Integer> m = new LinkedHashMap<>();
                    int i = 0;
                    for (String code : codes) {
                        m.put(code, qty.get(i++));
                    }
                    return m;
                }));
        return Combinators.combine(Arbitraries.of(RatingFacts.Interval.values()), Arbitraries.integers().between(0, 500).injectNull(0.3),
                addOns, Arbitraries.of(true, false), Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(100)).ofScale(2),
                Arbitraries.longs().between(0, 50_000_00))
                .as((interval, seats, a, byo, pct, credit) -> new RatingFacts(interval, seats, a, byo, null, pct, credit));
    }

    private static Arbitrary<Map<String, Long>> usage(Catalog c) {
        List<String> metrics = c.metrics().stream().map(Catalog.Metric::code).toList();
        return Arbitraries.longs().between(0, 50_000_000_000L).list().ofSize(metrics.size()).map(values -> {
            Map<String, Long> m = new HashMap<>();
            for (int i = 0; i < metrics.size(); i++) {
                m.put(metrics.get(i), values.get(i));
            }
            return m;
        });
    }

    /** The case rated with {@code available} prepaid credits, every metric costing {@code credits} per {@code perUnits} units. */
    private static Rating withCredits(Case c, long available, long credits, long perUnits) {
        Map<String, RatingFacts.CreditCost> costs = new HashMap<>();
        c.catalog().metrics().forEach(m -> costs.put(m.code(), new RatingFacts.CreditCost(credits, perUnits)));
        return RatingEngine.rate(c.plan(), c.catalog().addOnsByCode(), c.facts().withUsageCredits(new RatingFacts.UsageCredits(available, costs)),
                c.usage());
    }

    @Property(tries = 400)
    void totalIsTheSumOfTheLinesAndNeverNegative(@ForAll("cases") Case c) {
        Rating r = c.rate();
        long sum = 0;
        for (RatedLine l : r.lines()) {
            sum += l.amountMinor();
            if (l.kind() != RatedLine.Kind.DISCOUNT && l.kind() != RatedLine.Kind.CREDIT) {
                assertThat(l.amountMinor()).as(l.description()).isNotNegative();
            }
        }
        assertThat(r.totalMinor()).isEqualTo(sum).isNotNegative();
    }

    @Property(tries = 400)
    void prepaidCreditsPayOnlyForOverageNeverMoreThanThereAreAndTheTotalStaysTheSumOfTheLines(@ForAll("cases") Case c,
            @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 20_000_000) long available,
            @ForAll @net.jqwik.api.constraints.LongRange(min = 1, max = 50) long credits,
            @ForAll @net.jqwik.api.constraints.LongRange(min = 1, max = 1_000_000) long perUnits) {
        Rating without = c.rate();
        Rating with = withCredits(c, available, credits, perUnits);
        assertThat(with.totalMinor()).isEqualTo(with.lines().stream().mapToLong(RatedLine::amountMinor).sum()).isNotNegative()
                .isLessThanOrEqualTo(without.totalMinor());
        long spent = 0;
        for (RatedLine l : with.lines()) {
            if (l.code().startsWith(RatingEngine.CREDITS_CODE)) {
                String metric = l.code().substring(RatingEngine.CREDITS_CODE.length());
                long overage = with.lines().stream().filter(o -> o.kind() == RatedLine.Kind.OVERAGE && o.code().equals(metric))
                        .mapToLong(RatedLine::amountMinor).sum();
                assertThat(l.amountMinor()).isNegative().isGreaterThanOrEqualTo(-overage);
                assertThat(l.quantity()).isPositive();
                spent += l.quantity();
            }
        }
        assertThat(spent).isLessThanOrEqualTo(available);
        if (available == 0) {
            assertThat(with.lines()).isEqualTo(without.lines());
        }
    }

    /** Coupons (percent or amount, on the subscription and on the invoice) mixed with prepaid credits and the plan's discount. */
    @Property(tries = 400)
    void couponsOnTopOfCreditsAndDiscountsKeepTheTotalTheSumOfTheLinesAndNeverNegative(@ForAll("cases") Case c,
            @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 20_000_000) long available,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 10_000) int percentHundredths,
            @ForAll @net.jqwik.api.constraints.LongRange(min = 1, max = 500_000_000) long amountOff) {
        Rating rated = withCredits(c, available, 1, 1000);
        java.math.BigDecimal pct = java.math.BigDecimal.valueOf(percentHundredths, 2);
        Rating discounted = CouponDiscount.apply(rated, List.of(
                new CouponDiscount("FLAT", "Flat", null, amountOff, rated.currency(), true),
                new CouponDiscount("PCT", "Percent", pct, null, null, false)));
        long sum = discounted.lines().stream().mapToLong(RatedLine::amountMinor).sum();
        assertThat(discounted.totalMinor()).isEqualTo(sum).isNotNegative().isLessThanOrEqualTo(rated.totalMinor());
        // the subscription's coupon comes first: its percent of the rated total, rounded half up; then the flat amount on what is left
        long pctOff = new java.math.BigDecimal(rated.totalMinor()).multiply(pct).divide(java.math.BigDecimal.valueOf(100), 0,
                java.math.RoundingMode.HALF_UP).longValueExact();
        long expected = Math.max(0, rated.totalMinor() - pctOff - amountOff);
        assertThat(discounted.totalMinor()).isEqualTo(rated.totalMinor() <= 0 ? rated.totalMinor() : expected);
        assertThat(discounted.lines()).filteredOn(l -> l.code().startsWith(CouponDiscount.CODE))
                .allSatisfy(l -> assertThat(l.amountMinor()).isNegative());
    }

    @Property(tries = 400)
    void totalNeverDecreasesWhenUsageGrows(@ForAll("cases") Case c, @ForAll("growth") Map<String, Long> growth) {
        Map<String, Long> more = new HashMap<>(c.usage());
        growth.forEach((metric, extra) -> more.merge(metric, extra, Long::sum));
        assertThat(c.rateWith(more).totalMinor()).isGreaterThanOrEqualTo(c.rate().totalMinor());
    }

    @Provide
    Arbitrary<Map<String, Long>> growth() {
        return Arbitraries.maps(Arbitraries.of("events", "ai_tokens", "storage_gb", "llm_tokens", "agent_executions",
                "api_calls", "user_seats"), Arbitraries.longs().between(0, 5_000_000_000L)).ofMaxSize(7);
    }

    @Property(tries = 300)
    void anUnlimitedQuotaNeverProducesOverage(@ForAll("cases") Case c) {
        // make every quota of the plan unlimited: no usage, however large, may be billed as overage
        List<Quota> unlimited = c.plan().quotas().stream().map(q -> Quota.unlimited(q.code(), q.metric())).toList();
        List<Quota> all = new java.util.ArrayList<>(unlimited);
        for (Catalog.Metric m : c.catalog().metrics()) {
            if (c.plan().quota(m.code()).isEmpty()) {
                all.add(new Quota(m.code(), true, null, Cap.UNLIMITED));
            }
        }
        PlanSpec p = c.plan();
        PlanSpec open = new PlanSpec(p.code(), p.name(), p.family(), p.billingModel(), p.currency(), p.monthlyMinor(), p.annualMinor(),
                p.minSeats(), p.academicOf(), p.selfServe(), p.graceDays(), p.alertThresholds(), all, p.metered());
        Rating r = RatingEngine.rate(open, c.catalog().addOnsByCode(), c.facts(), c.usage());
        assertThat(r.lines()).noneMatch(l -> l.kind() == RatedLine.Kind.OVERAGE);
        assertThat(r.overageMinor()).isZero();
    }
}
