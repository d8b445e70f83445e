package com.antevus.console.charges;

import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Jdbc;
import com.antevus.console.pricing.Catalog;
import com.antevus.console.rating.Rating;
import com.antevus.console.rating.RatingEngine;
import java.time.YearMonth;
import java.util.List;
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
        return jdbc.read("rating the organization's period", c -> PeriodRatingRepository.rate(c, organizationId, period, new HashMap<>(), new HashMap<>()));
    }

    /**
     * A commitment's burn-down as of {@code asOf}'s month: what each ended month of the term counted, the total to
     * date, the projection at term end (the average of the last three ended months for each month left, this one
     * included) and the true-up that projection would bill. Empty when the organization's contract has no commitment.
     */
    public record BurnDown(Commitment commitment, List<MonthCounted> months, long consumedMinor, long projectedMinor, long projectedTrueUpMinor,
                           int monthsLeft, YearMonth asOf) {
        public boolean underRun() {
            return projectedTrueUpMinor > 0;
        }

        /** By how much the projection exceeds the commitment (0 when it does not). */
        public long overRunMinor() {
            return Math.max(0, projectedMinor - commitment.amountMinor());
        }
    }

    public record MonthCounted(YearMonth month, long countedMinor) {
    }

    public java.util.Optional<BurnDown> burnDown(UUID org, UUID contractId, YearMonth asOf) {
        return jdbc.read("reading the commitment's burn-down", c -> PeriodRatingRepository.burnDown(c, org, contractId, asOf, new HashMap<>(), new HashMap<>()));
    }

    /** Burn-downs of many contracts at once (the renewal pipeline), on one connection; those without a commitment are left out. */
    public Map<UUID, BurnDown> burnDowns(Map<UUID, UUID> contractsByOrganization, YearMonth asOf) {
        return jdbc.read("reading commitments' burn-downs", c -> {
            Map<Long, Catalog> catalogs = new HashMap<>();
            Map<Long, Integer> numbers = new HashMap<>();
            Map<UUID, BurnDown> out = new LinkedHashMap<>();
            for (Map.Entry<UUID, UUID> e : contractsByOrganization.entrySet()) {
                PeriodRatingRepository.burnDown(c, e.getKey(), e.getValue(), asOf, catalogs, numbers).ifPresent(b -> out.put(e.getValue(), b));
            }
            return out;
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
            Map<UUID, List<com.antevus.console.rating.CouponDiscount>> coupons = CouponDiscountsRepository.forMonth(c, organizationIds, period);
            for (UUID org : organizationIds) {
                try {
                    out.put(org, PeriodRatingRepository.rate(c, org, period, catalogs, numbers, coupons));
                } catch (UserFacingException noSubscription) {
                    continue;
                }
            }
            return out;
        });
    }
}
