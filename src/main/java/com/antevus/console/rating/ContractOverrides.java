package com.antevus.console.rating;

import com.antevus.console.pricing.Catalog.MeteredPrice;
import com.antevus.console.pricing.Catalog.PricingModel;
import com.antevus.console.pricing.Catalog.Tier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An enterprise contract's custom terms as stored in {@code contracts.overrides} (jsonb): included amounts per
 * resource or metric ({@code quotas}; null or a negative number is unlimited) and metered prices per metric
 * ({@code rates}) replacing the plan's. Amounts are minor units written as decimal strings, so a fractional rate
 * ("0.0125" of a cent per unit) survives the round trip exactly.
 *
 * <pre>{"quotas": {"events": 20000000, "seats": null},
 *  "rates": {"events": {"model": "package", "unit_amount": "8000", "package_size": 500000}}}</pre>
 */
public record ContractOverrides(Map<String, Long> quotas, Map<String, MeteredPrice> rates) {
    public static final ContractOverrides NONE = new ContractOverrides(Map.of(), Map.of());

    public ContractOverrides {
        quotas = Collections.unmodifiableMap(new TreeMap<>(quotas));
        rates = Collections.unmodifiableMap(new TreeMap<>(rates));
        quotas.forEach((k, v) -> {
            if (v != null && v < 0) {
                throw new IllegalArgumentException("An included amount cannot be negative (" + k + ").");
            }
        });
    }

    /** The overrides the rating engine applies, with the contract's fee for the period. */
    public RatingFacts.Overrides forRating(Long feeMinor, String feeDescription) {
        return new RatingFacts.Overrides(feeMinor, feeDescription, quotas, rates);
    }
}
