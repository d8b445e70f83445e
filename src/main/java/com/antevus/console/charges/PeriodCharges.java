package com.antevus.console.charges;

import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Jdbc;
import com.antevus.console.pricing.Catalog;
import com.antevus.console.rating.Rating;
import com.antevus.console.rating.RatingEngine;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What an organization is charged for a period: its plan version, subscription, contract and usage, priced by the
 * rating engine. Invoicing, reconciliation and the {@code rate} command depend on this; the catalog does not.
 */
public final class PeriodCharges {
    private final Jdbc jdbc;

    public PeriodCharges(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** A period's price for one organization, from its plan version, subscription, contract and usage. */
    public record OrganizationRating(String organizationName, String planCode, int catalogVersion, YearMonth period, Rating rating,
                                     Map<String, Long> usage) {
    }

    public OrganizationRating rateOrganization(UUID organizationId, YearMonth period) {
        return jdbc.read("rating the organization's period", c -> {
            RatingInputsRepository.Inputs in = RatingInputsRepository.read(c, organizationId, period);
            Catalog catalog = RatingInputsRepository.catalog(c, in.catalogVersionId());
            return rated(in, catalog, RatingInputsRepository.versionNumber(c, in.catalogVersionId()), period);
        });
    }

    /**
     * Rates every given organization's period on one connection, reading each catalog version once. An
     * organization without a subscription in the period is left out of the answer.
     */
    public Map<UUID, OrganizationRating> rateOrganizations(Collection<UUID> organizationIds, YearMonth period) {
        return jdbc.read("rating the period", c -> {
            Map<Long, Catalog> catalogs = new HashMap<>();
            Map<Long, Integer> numbers = new HashMap<>();
            Map<UUID, OrganizationRating> out = new LinkedHashMap<>();
            for (UUID org : organizationIds) {
                RatingInputsRepository.Inputs in;
                try {
                    in = RatingInputsRepository.read(c, org, period);
                } catch (UserFacingException noSubscription) {
                    continue;
                }
                Catalog catalog = catalogs.get(in.catalogVersionId());
                if (catalog == null) {
                    catalog = RatingInputsRepository.catalog(c, in.catalogVersionId());
                    catalogs.put(in.catalogVersionId(), catalog);
                    numbers.put(in.catalogVersionId(), RatingInputsRepository.versionNumber(c, in.catalogVersionId()));
                }
                out.put(org, rated(in, catalog, numbers.get(in.catalogVersionId()), period));
            }
            return out;
        });
    }

    private static OrganizationRating rated(RatingInputsRepository.Inputs in, Catalog catalog, int number, YearMonth period) {
        Rating r = RatingEngine.rate(RatingInputsRepository.plan(catalog, in.planCode()), catalog.addOnsByCode(), in.facts(), in.usage());
        return new OrganizationRating(in.organizationName(), in.planCode(), number, period, r, in.usage());
    }
}
