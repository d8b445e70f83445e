package com.antevus.console.contracts;

import com.antevus.console.pricing.Catalog.MeteredPrice;
import com.antevus.console.pricing.Catalog.PricingModel;
import com.antevus.console.pricing.Catalog.Tier;
import com.antevus.console.rating.ContractOverrides;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A contract's overrides as the {@code contracts.overrides} jsonb stores them. Amounts are text, so a fractional
 * rate survives the round trip exactly; the rating engine gets the values ({@link ContractOverrides}) and never JSON.
 */
public final class ContractOverridesJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractOverridesJson() {
    }

    /** Reads the stored form; an empty or null text is no overrides. */
    public static ContractOverrides parse(String json) {
        if (json == null || json.isBlank()) {
            return ContractOverrides.NONE;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The contract's overrides are not valid JSON: " + e.getOriginalMessage(), e);
        }
        Map<String, Long> quotas = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("quotas").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            quotas.put(e.getKey(), v.isNull() || v.asLong() < 0 ? null : v.asLong());
        }
        Map<String, MeteredPrice> rates = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("rates").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            rates.put(e.getKey(), price(e.getKey(), e.getValue()));
        }
        return new ContractOverrides(quotas, rates);
    }

    private static MeteredPrice price(String metric, JsonNode n) {
        PricingModel model;
        try {
            model = PricingModel.valueOf(n.path("model").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The contract's rate for " + metric + " has no known model ("
                    + n.path("model").asText() + ").");
        }
        List<Tier> tiers = new ArrayList<>();
        for (JsonNode t : n.path("tiers")) {
            tiers.add(new Tier(t.path("up_to").isNull() || t.path("up_to").isMissingNode() ? null : t.path("up_to").asLong(),
                    new BigDecimal(t.path("unit_amount").asText("0")), t.path("flat_amount").asLong(0)));
        }
        return new MeteredPrice(metric, model, n.hasNonNull("unit_amount") ? new BigDecimal(n.get("unit_amount").asText()) : null,
                n.path("unit_size").asLong(1), n.hasNonNull("package_size") ? n.get("package_size").asLong() : null,
                n.hasNonNull("margin_pct") ? new BigDecimal(n.get("margin_pct").asText()) : null, tiers);
    }

    /** The stored form, keys sorted so equal overrides are equal text. */
    public static String write(ContractOverrides o) {
        Map<String, Long> quotas = o.quotas();
        Map<String, MeteredPrice> rates = o.rates();
        ObjectNode root = JSON.createObjectNode();
        // empty parts are left out, so an unchanged contract saves the same jsonb and the audit log shows no change
        ObjectNode q = quotas.isEmpty() ? JSON.createObjectNode() : root.putObject("quotas");
        quotas.forEach((k, v) -> {
            if (v == null) {
                q.putNull(k);
            } else {
                q.put(k, v);
            }
        });
        ObjectNode r = rates.isEmpty() ? JSON.createObjectNode() : root.putObject("rates");
        rates.forEach((k, p) -> {
            ObjectNode n = r.putObject(k);
            n.put("model", p.model().name().toLowerCase(Locale.ROOT));
            if (p.unitAmount() != null) {
                n.put("unit_amount", p.unitAmount().toPlainString());
            }
            n.put("unit_size", p.unitSize());
            if (p.packageSize() != null) {
                n.put("package_size", p.packageSize());
            }
            if (p.marginPct() != null) {
                n.put("margin_pct", p.marginPct().toPlainString());
            }
            if (!p.tiers().isEmpty()) {
                ArrayNode tiers = n.putArray("tiers");
                for (Tier t : p.tiers()) {
                    ObjectNode tn = tiers.addObject();
                    if (t.upTo() == null) {
                        tn.putNull("up_to");
                    } else {
                        tn.put("up_to", t.upTo());
                    }
                    tn.put("unit_amount", t.unitAmount().toPlainString());
                    tn.put("flat_amount", t.flatAmountMinor());
                }
            }
        });
        return root.toString();
    }
}
