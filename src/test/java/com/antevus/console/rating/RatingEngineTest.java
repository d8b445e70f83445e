package com.antevus.console.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.BillingModel;
import com.antevus.console.pricing.Catalog.MeteredPrice;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.Catalog.Tier;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prices from the seed documents: seed 000's tiers, add-ons and overage, seed 002's worked example. */
class RatingEngineTest {
    private static final Catalog ANTEVUS = Catalogs.antevus();
    private static final Catalog SEED_002 = Catalogs.seed002();

    private static Rating rate(Catalog c, String plan, RatingFacts facts, Map<String, Long> usage) {
        return RatingEngine.rate(c.plan(plan).orElseThrow(), c.addOnsByCode(), facts, usage);
    }

    private static RatingFacts facts(RatingFacts.Interval interval, Map<String, Integer> addOns, boolean byo) {
        return new RatingFacts(interval, null, addOns, byo, null, BigDecimal.ZERO, 0);
    }

    private static long line(Rating r, RatedLine.Kind kind, String code) {
        return r.lines().stream().filter(l -> l.kind() == kind && l.code().equals(code))
                .mapToLong(RatedLine::amountMinor).sum();
    }

    @Test
    void seed000BasePricesMonthlyAcademicAndAnnual() {
        // seed 000: Core $1,500, Team $4,000, Scale $7,500; academic 40% off ($900, $2,400, $4,500); annual 20% off
        assertThat(rate(ANTEVUS, "core", RatingFacts.monthly(), Map.of()).totalMinor()).isEqualTo(1500_00);
        assertThat(rate(ANTEVUS, "team", RatingFacts.monthly(), Map.of()).totalMinor()).isEqualTo(4000_00);
        assertThat(rate(ANTEVUS, "scale", RatingFacts.monthly(), Map.of()).totalMinor()).isEqualTo(7500_00);
        assertThat(rate(ANTEVUS, "core-academic", RatingFacts.monthly(), Map.of()).totalMinor()).isEqualTo(900_00);
        assertThat(rate(ANTEVUS, "team-academic", RatingFacts.monthly(), Map.of()).totalMinor()).isEqualTo(2400_00);
        assertThat(rate(ANTEVUS, "scale-academic", RatingFacts.monthly(), Map.of()).totalMinor()).isEqualTo(4500_00);
        Rating annual = rate(ANTEVUS, "core", facts(RatingFacts.Interval.YEAR, Map.of(), false), Map.of());
        assertThat(annual.totalMinor()).isEqualTo(1500_00L * 12 * 80 / 100);
        assertThat(annual.lines().get(0).description()).contains("annual").contains("20% off");
        assertThat(rate(ANTEVUS, "core-academic", facts(RatingFacts.Interval.YEAR, Map.of(), false), Map.of()).totalMinor())
                .isEqualTo(900_00L * 12 * 80 / 100);
    }

    @Test
    void eventBlocksPerTierChargeEveryStartedBlock() {
        // "1.6M events on Core → $300.00 overage": 600k over 1M in blocks of 250k → 3 blocks of $100
        Rating core = rate(ANTEVUS, "core", RatingFacts.monthly(), Map.of("events", 1_600_000L));
        assertThat(line(core, RatedLine.Kind.OVERAGE, "events")).isEqualTo(300_00);
        assertThat(core.overageMinor()).isEqualTo(300_00);
        // Team: one event over 3M starts a $175 block of 500k; 500,001 over starts two
        assertThat(rate(ANTEVUS, "team", RatingFacts.monthly(), Map.of("events", 3_000_001L)).overageMinor()).isEqualTo(175_00);
        assertThat(rate(ANTEVUS, "team", RatingFacts.monthly(), Map.of("events", 3_500_001L)).overageMinor()).isEqualTo(350_00);
        // Scale: exactly at the 8M quota is no overage; 9M is one $300 block of 1M
        assertThat(rate(ANTEVUS, "scale", RatingFacts.monthly(), Map.of("events", 8_000_000L)).overageMinor()).isZero();
        assertThat(rate(ANTEVUS, "scale", RatingFacts.monthly(), Map.of("events", 9_000_000L)).overageMinor()).isEqualTo(300_00);
        // academic variants keep the base tier's overage prices
        assertThat(rate(ANTEVUS, "core-academic", RatingFacts.monthly(), Map.of("events", 1_600_000L)).overageMinor()).isEqualTo(300_00);
    }

    @Test
    void tokensAtCostPlusMarginAndStoragePerTbMonth() {
        // 100k tokens over Core's 200k: 100 × 1K at 1 cent cost + 15% margin = 115 cents
        Rating tokens = rate(ANTEVUS, "core", RatingFacts.monthly(), Map.of("ai_tokens", 300_000L));
        assertThat(tokens.overageMinor()).isEqualTo(115);
        // Scale's 8% margin on 1,000 × 1K tokens over 2M: 1,000 × 1.08 cents = $10.80
        assertThat(rate(ANTEVUS, "scale", RatingFacts.monthly(), Map.of("ai_tokens", 3_000_000L)).overageMinor()).isEqualTo(1080);
        // a started 1K is charged: 1 token over is 1 × 1.15 cents, rounded half up to 1 cent
        assertThat(rate(ANTEVUS, "core", RatingFacts.monthly(), Map.of("ai_tokens", 200_001L)).overageMinor()).isEqualTo(1);
        // bring-your-own LLM: no token charge at all
        assertThat(rate(ANTEVUS, "core", facts(RatingFacts.Interval.MONTH, Map.of(), true), Map.of("ai_tokens", 5_000_000L))
                .overageMinor()).isZero();
        // storage: 500 GB over Core's 1,000 at $20 per TB-month = $10.00; Team 3,500 GB at $15/TB → 500 × 1.5 cents = $7.50
        assertThat(rate(ANTEVUS, "core", RatingFacts.monthly(), Map.of("storage_gb", 1_500L)).overageMinor()).isEqualTo(10_00);
        assertThat(rate(ANTEVUS, "team", RatingFacts.monthly(), Map.of("storage_gb", 3_500L)).overageMinor()).isEqualTo(7_50);
    }

    @Test
    void addOnsMonthlyAndTwelveMonthsOnAnAnnualInvoice() {
        Map<String, Integer> addOns = new LinkedHashMap<>();
        addOns.put("compliance-pack", 1);
        addOns.put("extra-agent", 2);
        Rating monthly = rate(ANTEVUS, "team", facts(RatingFacts.Interval.MONTH, addOns, false), Map.of());
        // seed 000: Compliance Pack $1,500, Extra Edge Agent $100 each
        assertThat(line(monthly, RatedLine.Kind.ADD_ON, "compliance-pack")).isEqualTo(1500_00);
        assertThat(line(monthly, RatedLine.Kind.ADD_ON, "extra-agent")).isEqualTo(2 * 100_00);
        assertThat(monthly.totalMinor()).isEqualTo(4000_00 + 1500_00 + 200_00);
        Rating annual = rate(ANTEVUS, "team", facts(RatingFacts.Interval.YEAR, addOns, false), Map.of());
        assertThat(line(annual, RatedLine.Kind.ADD_ON, "compliance-pack")).isEqualTo(12 * 1500_00);
        assertThatThrownBy(() -> rate(ANTEVUS, "team", facts(RatingFacts.Interval.MONTH, Map.of("nope", 1), false), Map.of()))
                .hasMessageContaining("Unknown add-on 'nope'");
    }

    @Test
    void seed002WorkedExampleOnTheStandardPlan() {
        Map<String, Long> usage = Map.of("llm_tokens", 1_500_000L, "agent_executions", 5_500L, "api_calls", 120_000L,
                "storage_gb", 105L, "user_seats", 27L);
        Rating r = rate(SEED_002, "standard", RatingFacts.monthly(), usage);
        // seed 002: llm $5, executions $50, API calls $20, storage $2.50, seats $10 → $87.50 overage, $186.50 total
        assertThat(line(r, RatedLine.Kind.OVERAGE, "llm_tokens")).isEqualTo(5_00);
        assertThat(line(r, RatedLine.Kind.OVERAGE, "agent_executions")).isEqualTo(50_00);
        assertThat(line(r, RatedLine.Kind.OVERAGE, "api_calls")).isEqualTo(20_00);
        assertThat(line(r, RatedLine.Kind.OVERAGE, "storage_gb")).isEqualTo(2_50);
        assertThat(line(r, RatedLine.Kind.OVERAGE, "user_seats")).isEqualTo(10_00);
        assertThat(r.overageMinor()).isEqualTo(87_50);
        assertThat(r.totalMinor()).isEqualTo(186_50);
        assertThat(r.currency()).isEqualTo("USD");
    }

    @Test
    void freePlanSoftCapsWithoutPriceAndHardCapsNeverBill() {
        Rating r = rate(SEED_002, "free", RatingFacts.monthly(), Map.of("llm_tokens", 50_000L, "storage_gb", 9L, "user_seats", 5L));
        assertThat(r.totalMinor()).isZero();
        assertThat(r.lines()).extracting(RatedLine::kind).containsOnly(RatedLine.Kind.BASE);
    }

    @Test
    void perSeatPlansChargeAtLeastTheMinimumAndPayAsYouGoHasNoBaseFee() {
        PlanSpec perSeat = new PlanSpec("seats-pro", "Seats Pro", "pro", BillingModel.PER_SEAT, "USD", 25_00L, null, 5, null,
                true, 7, List.of(80, 100), List.of(), List.of());
        RatingFacts three = new RatingFacts(RatingFacts.Interval.MONTH, 3, Map.of(), false, null, BigDecimal.ZERO, 0);
        RatingFacts eight = new RatingFacts(RatingFacts.Interval.MONTH, 8, Map.of(), false, null, BigDecimal.ZERO, 0);
        assertThat(RatingEngine.rate(perSeat, Map.of(), three, Map.of()).totalMinor()).isEqualTo(5 * 25_00);
        assertThat(RatingEngine.rate(perSeat, Map.of(), eight, Map.of()).totalMinor()).isEqualTo(8 * 25_00);

        PlanSpec payg = new PlanSpec("payg", "Pay as you go", "payg", BillingModel.PAY_AS_YOU_GO, "USD", null, null, null, null,
                true, 7, List.of(80, 100), List.of(), List.of(MeteredPrice.perUnit("api_calls", new BigDecimal("0.1"), 1)));
        Rating r = RatingEngine.rate(payg, Map.of(), RatingFacts.monthly(), Map.of("api_calls", 12_345L));
        assertThat(r.lines()).extracting(RatedLine::kind).containsExactly(RatedLine.Kind.OVERAGE);
        assertThat(r.totalMinor()).isEqualTo(1235); // 1,234.5 cents, rounded half up
    }

    @Test
    void graduatedTiersPriceEachStepAtItsRate() {
        PlanSpec plan = new PlanSpec("grad", "Graduated", "grad", BillingModel.PAY_AS_YOU_GO, "USD", null, null, null, null,
                true, 7, List.of(100), List.of(), List.of(MeteredPrice.graduated("api_calls", List.of(
                new Tier(1_000L, new BigDecimal("10"), 0), new Tier(10_000L, new BigDecimal("5"), 500), new Tier(null, new BigDecimal("1"), 0)))));
        // 1,000 × 10c + (9,000 × 5c + $5 flat) + 2,000 × 1c = 10,000 + 45,500 + 2,000 cents
        assertThat(RatingEngine.rate(plan, Map.of(), RatingFacts.monthly(), Map.of("api_calls", 12_000L)).totalMinor())
                .isEqualTo(10_000 + 45_000 + 500 + 2_000);
    }

    @Test
    void contractOverridesDiscountsAndCredits() {
        RatingFacts.Overrides ov = new RatingFacts.Overrides(20_000_00L, "Enterprise contract (monthly share)",
                Map.of("events", 20_000_000L), Map.of("events", MeteredPrice.packaged("events", 250_00, 1_000_000)));
        RatingFacts f = new RatingFacts(RatingFacts.Interval.MONTH, null, Map.of(), false, ov, new BigDecimal("10"), 1_000_00);
        Rating r = rate(ANTEVUS, "enterprise", f, Map.of("events", 21_500_000L));
        assertThat(line(r, RatedLine.Kind.CONTRACT, "enterprise")).isEqualTo(20_000_00);
        assertThat(line(r, RatedLine.Kind.OVERAGE, "events")).isEqualTo(2 * 250_00);
        long subtotal = 20_000_00 + 500_00;
        assertThat(line(r, RatedLine.Kind.DISCOUNT, "discount")).isEqualTo(-subtotal / 10);
        assertThat(line(r, RatedLine.Kind.CREDIT, "credit")).isEqualTo(-1_000_00);
        assertThat(r.totalMinor()).isEqualTo(subtotal - subtotal / 10 - 1_000_00);
        // a credit larger than the amount due brings it to zero, never below
        RatingFacts big = new RatingFacts(RatingFacts.Interval.MONTH, null, Map.of(), false, null, BigDecimal.ZERO, 1_000_000_00);
        assertThat(rate(ANTEVUS, "core", big, Map.of()).totalMinor()).isZero();
    }

    @Test
    void unlimitedEnterpriseQuotasNeverOverage() {
        Rating r = rate(ANTEVUS, "enterprise", RatingFacts.monthly(), Map.of("events", 10_000_000_000L, "ai_tokens", 1L << 40));
        assertThat(r.overageMinor()).isZero();
        assertThat(r.totalMinor()).isZero();
    }

    @Test
    void negativeUsageAndHugeAmountsAreRefusedPlainly() {
        assertThatThrownBy(() -> rate(ANTEVUS, "core", RatingFacts.monthly(), Map.of("events", -1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be negative");
        PlanSpec plan = new PlanSpec("x", "X", "x", BillingModel.PAY_AS_YOU_GO, "USD", null, null, null, null, true, 7,
                List.of(100), List.of(), List.of(MeteredPrice.perUnit("api_calls", new BigDecimal("1000000"), 1)));
        assertThatThrownBy(() -> RatingEngine.rate(plan, Map.of(), RatingFacts.monthly(), Map.of("api_calls", Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large");
    }
}
