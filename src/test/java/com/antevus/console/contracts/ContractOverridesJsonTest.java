package com.antevus.console.contracts;

import com.antevus.console.rating.ContractOverrides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.pricing.Catalog.MeteredPrice;
import com.antevus.console.pricing.Catalog.Tier;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractOverridesJsonTest {

    @Test
    void everyPricingModelSurvivesTheStoredFormExactly() {
        Map<String, Long> quotas = new HashMap<>();
        quotas.put("events", 20_000_000L);
        quotas.put("seats", null);
        ContractOverrides o = new ContractOverrides(quotas, Map.of(
                "events", MeteredPrice.packaged("events", 8_000, 500_000),
                "ai_tokens", MeteredPrice.costPlus("ai_tokens", new BigDecimal("0.0125"), 1000, new BigDecimal("7.5")),
                "storage_gb", MeteredPrice.perGbMonth("storage_gb", new BigDecimal("1.2")),
                "api_calls", MeteredPrice.perUnit("api_calls", new BigDecimal("0.05"), 1000),
                "agent_executions", MeteredPrice.graduated("agent_executions", List.of(new Tier(1000L, new BigDecimal("2"), 0),
                        new Tier(null, new BigDecimal("1.5"), 500)))));
        ContractOverrides back = ContractOverridesJson.parse(ContractOverridesJson.write(o));
        assertThat(back).isEqualTo(o);
        assertThat(back.quotas()).containsEntry("seats", null).containsEntry("events", 20_000_000L);
        assertThat(ContractOverridesJson.write(back)).isEqualTo(ContractOverridesJson.write(o));
    }

    @Test
    void theDemoDataFormWithQuotasOnlyAndEmptyTextAreRead() {
        ContractOverrides o = ContractOverridesJson.parse("{\"quotas\": {\"instruments\": 200, \"events\": -1}}");
        assertThat(o.quotas()).containsEntry("instruments", 200L).containsEntry("events", null);
        assertThat(o.rates()).isEmpty();
        assertThat(ContractOverridesJson.parse("")).isEqualTo(ContractOverrides.NONE);
        assertThat(ContractOverridesJson.parse("{}")).isEqualTo(ContractOverrides.NONE);
    }

    @Test
    void unreadableOverridesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ContractOverridesJson.parse("{\"rates\": {\"events\": {\"model\": \"barter\"}}}"))
                .hasMessageContaining("events").hasMessageContaining("barter");
        assertThatThrownBy(() -> ContractOverridesJson.parse("{quotas"))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> new ContractOverrides(Map.of("events", -5L), Map.of()))
                .hasMessageContaining("cannot be negative");
    }
}
