package com.antevus.console.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.MeteredPrice;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.Catalog.Tier;
import com.antevus.console.rating.Catalogs;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The editor's text fields read back every plan exactly, graduated tiers included, and name what they cannot read. */
class PlanFormTest {
    @Test
    void everyShippedPlanSurvivesTheFormUnchanged() {
        for (Catalog c : new Catalog[]{Catalogs.antevus(), Catalogs.seed002()}) {
            for (PlanSpec p : c.plans()) {
                PlanForm form = new PlanForm();
                form.load(p);
                Map<String, String> errors = new LinkedHashMap<>();
                assertThat(form.toPlan(errors)).as(p.code()).isEqualTo(p);
                assertThat(errors).isEmpty();
            }
        }
    }

    @Test
    void graduatedTiersAreEditedAsText() {
        PlanSpec p = new PlanSpec("grad", "Graduated", "grad", Catalog.BillingModel.PAY_AS_YOU_GO, "USD", null, null, null, null, true, 7,
                List.of(80, 100), List.of(), List.of(MeteredPrice.graduated("api_calls", List.of(
                new Tier(1_000L, new BigDecimal("10"), 0), new Tier(10_000L, new BigDecimal("0.5"), 500), new Tier(null, new BigDecimal("0.1"), 0)))));
        PlanForm form = new PlanForm();
        form.load(p);
        assertThat(form.metered.get(0).tiers.get()).isEqualTo("1000:0.10, 10000:0.005+5.00, *:0.001");
        Map<String, String> errors = new LinkedHashMap<>();
        assertThat(form.toPlan(errors)).isEqualTo(p);
        form.metered.get(0).tiers.set("1000:0.10, lots");
        errors.clear();
        form.toPlan(errors);
        assertThat(errors).containsKey("plans.grad.metered.api_calls.tiers");
    }
}
