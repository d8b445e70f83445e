package com.antevus.console.charges;

import com.antevus.console.core.UserFacingException;
import com.antevus.console.pricing.Catalog;
import com.antevus.console.rating.Rating;
import com.antevus.console.rating.RatingEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads and rates an organization's months on one connection, for {@link PeriodCharges}: a month's rating with its
 * commitment true-up (which needs the term's earlier months), and a commitment's burn-down.
 */
final class PeriodRatingRepository {
    private PeriodRatingRepository() {
    }

    /** The period's rating with its commitment true-up, reading catalog versions through the maps given. */
    static PeriodCharges.OrganizationRating rate(Connection c, UUID org, YearMonth period, Map<Long, Catalog> catalogs, Map<Long, Integer> numbers)
            throws SQLException {
        return rate(c, org, period, catalogs, numbers, null);
    }

    /** The same, with the month's coupons of many organizations read at once ({@code coupons}; null reads this one's). */
    static PeriodCharges.OrganizationRating rate(Connection c, UUID org, YearMonth period, Map<Long, Catalog> catalogs, Map<Long, Integer> numbers,
                                                 Map<UUID, List<com.antevus.console.rating.CouponDiscount>> coupons) throws SQLException {
        RatingInputsRepository.Inputs in = RatingInputsRepository.read(c, org, period);
        PeriodCharges.OrganizationRating r = withCoupons(rateInputs(c, in, period, catalogs, numbers),
                coupons == null ? CouponDiscountsRepository.forMonth(c, org, period) : coupons.getOrDefault(org, List.of()));
        java.util.Optional<Commitment> commitment = CommitmentRepository.forContract(c, org, in.contractId());
        if (commitment.isEmpty() || !commitment.get().truesUpIn(period)) {
            return r;
        }
        Commitment m = commitment.get();
        long counted = m.countedIn(r.rating());
        if (m.basis() == Commitment.Basis.TERM) {
            for (YearMonth earlier : m.termMonths()) {
                if (earlier.isBefore(period)) {
                    counted = Math.addExact(counted, countedIn(c, org, earlier, m, catalogs, numbers));
                }
            }
        }
        java.util.Optional<com.antevus.console.rating.RatedLine> trueUp = m.trueUp(counted, period);
        if (trueUp.isEmpty()) {
            return r;
        }
        List<com.antevus.console.rating.RatedLine> lines = new java.util.ArrayList<>(r.rating().lines());
        lines.add(trueUp.get());
        return new PeriodCharges.OrganizationRating(r.organizationName(), r.planCode(), r.catalogVersion(), period, new Rating(r.rating().currency(), lines),
                r.usage());
    }

    /** The rating with the coupons applied to the month as discount lines (none below zero). */
    static PeriodCharges.OrganizationRating withCoupons(PeriodCharges.OrganizationRating r, List<com.antevus.console.rating.CouponDiscount> coupons) {
        if (coupons.isEmpty()) {
            return r;
        }
        Rating discounted;
        try {
            discounted = com.antevus.console.rating.CouponDiscount.apply(r.rating(), coupons);
        } catch (IllegalArgumentException wrongCurrency) {
            // loud, not skipped: applying checks the currency, so only a later change of plan gets here
            throw new IllegalStateException(r.organizationName() + ": " + wrongCurrency.getMessage() + " Remove the coupon from the organization.",
                    wrongCurrency);
        }
        return new PeriodCharges.OrganizationRating(r.organizationName(), r.planCode(), r.catalogVersion(), r.period(), discounted, r.usage());
    }

    /** What one month's rating (without any true-up) counts toward the commitment; 0 for a month with nothing to rate. */
    static long countedIn(Connection c, UUID org, YearMonth month, Commitment m, Map<Long, Catalog> catalogs,
                                  Map<Long, Integer> numbers) throws SQLException {
        try {
            return m.countedIn(rateInputs(c, RatingInputsRepository.read(c, org, month), month, catalogs, numbers).rating());
        } catch (UserFacingException noSubscription) {
            return 0;
        }
    }

    static PeriodCharges.OrganizationRating rateInputs(Connection c, RatingInputsRepository.Inputs in, YearMonth period, Map<Long, Catalog> catalogs,
                                                 Map<Long, Integer> numbers) throws SQLException {
        Catalog catalog = catalogs.get(in.catalogVersionId());
        if (catalog == null) {
            catalog = RatingInputsRepository.catalog(c, in.catalogVersionId());
            catalogs.put(in.catalogVersionId(), catalog);
            numbers.put(in.catalogVersionId(), RatingInputsRepository.versionNumber(c, in.catalogVersionId()));
        }
        return rated(in, catalog, numbers.get(in.catalogVersionId()), period);
    }

    static java.util.Optional<PeriodCharges.BurnDown> burnDown(Connection c, UUID org, UUID contractId, YearMonth asOf, Map<Long, Catalog> catalogs,
                                                         Map<Long, Integer> numbers) throws SQLException {
        java.util.Optional<Commitment> found = CommitmentRepository.forContract(c, org, contractId);
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        Commitment m = found.get();
        List<YearMonth> term = m.basis() == Commitment.Basis.TERM ? m.termMonths() : List.of(asOf);
        List<PeriodCharges.MonthCounted> months = new java.util.ArrayList<>();
        long consumed = 0;
        for (YearMonth month : term) {
            if (!month.isBefore(asOf)) {
                break;
            }
            long counted = countedIn(c, org, month, m, catalogs, numbers);
            months.add(new PeriodCharges.MonthCounted(month, counted));
            consumed = Math.addExact(consumed, counted);
        }
        int left = term.size() - months.size();
        long projected;
        if (m.basis() == Commitment.Basis.MONTH) {
            // this month so far: its rating to date is all there is
            projected = countedIn(c, org, asOf, m, catalogs, numbers);
            consumed = projected;
        } else {
            List<PeriodCharges.MonthCounted> recent = months.subList(Math.max(0, months.size() - 3), months.size());
            long average = recent.isEmpty() ? 0 : Math.floorDiv(recent.stream().mapToLong(PeriodCharges.MonthCounted::countedMinor).sum(), recent.size());
            projected = Math.addExact(consumed, Math.multiplyExact(average, (long) left));
        }
        return java.util.Optional.of(new PeriodCharges.BurnDown(m, List.copyOf(months), consumed, projected, Math.max(0, m.amountMinor() - projected), left, asOf));
    }

    static PeriodCharges.OrganizationRating rated(RatingInputsRepository.Inputs in, Catalog catalog, int number, YearMonth period) {
        Rating r = RatingEngine.rate(RatingInputsRepository.plan(catalog, in.planCode()), catalog.addOnsByCode(), in.facts(), in.usage());
        return new PeriodCharges.OrganizationRating(in.organizationName(), in.planCode(), number, period, r, in.usage());
    }}
