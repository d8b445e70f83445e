package com.antevus.console.charges;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Sql;
import com.antevus.console.contracts.ContractOverridesJson;
import com.antevus.console.rating.ContractOverrides;
import com.antevus.console.rating.RatingFacts;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Reads what rating one organization's period needs: its plan version, subscription facts, contract and usage. */
final class RatingInputsRepository {
    /** @param contractId the contract the subscription is under, or null */
    record Inputs(String organizationName, long catalogVersionId, String planCode, RatingFacts facts, Map<String, Long> usage,
                  UUID contractId) {
    }

    static Inputs read(Connection c, UUID org, YearMonth period) throws SQLException {
        LocalDate start = period.atDay(1);
        LocalDate end = period.plusMonths(1).atDay(1);
        Object[] o = Sql.first(c, "select name, byo_llm from organizations where id = ?",
                rs -> new Object[]{rs.getString(1), rs.getBoolean(2)}, org)
                .orElseThrow(() -> new UserFacingException("There is no organization " + org + "."));
        String name = (String) o[0];
        boolean byo = (Boolean) o[1];
        // the subscription that was live during the period (the newest one that started before it ended)
        record Live(UUID id, long versionId, String planCode, String interval, Integer seats, BigDecimal discount, UUID contractId,
                    LocalDate periodStart) {
        }
        Live live = Sql.first(c, "select s.id, p.catalog_version_id, p.code, s.billing_interval, s.seats, "
                + "s.discount_pct, s.contract_id, s.current_period_start from subscriptions s join plans p on p.id = s.plan_id "
                + "where s.organization_id = ? and s.started_at < ? and (s.canceled_at is null or s.canceled_at >= ?) "
                + "order by s.started_at desc limit 1", rs -> new Live(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3),
                rs.getString(4), rs.getObject(5, Integer.class), rs.getBigDecimal(6), rs.getObject(7, UUID.class),
                rs.getDate(8).toLocalDate()), org, utc(end), utc(start))
                .orElseThrow(() -> new UserFacingException(name + " had no subscription in " + period + "; there is nothing to rate."));
        long versionId = live.versionId();
        String planCode = live.planCode();
        String interval = live.interval();
        Integer seats = live.seats();
        BigDecimal discount = live.discount();
        UUID contractId = live.contractId();
        LocalDate periodStart = live.periodStart();
        Map<String, Integer> addOns = new LinkedHashMap<>();
        Sql.list(c, "select add_on_code, quantity from subscription_add_ons "
                + "where organization_id = ? and subscription_id = ? and active order by add_on_code",
                rs -> addOns.merge(rs.getString(1), rs.getInt(2), Integer::sum), org, live.id());
        RatingFacts.Overrides overrides = RatingFacts.Overrides.NONE;
        if (contractId != null) {
            overrides = contractOverrides(c, org, contractId, period);
            if (overrides.baseMinor() != null) {
                BigDecimal contractDiscount = Sql.first(c, "select discount_pct from contracts where organization_id = ? and id = ?",
                        rs -> rs.getBigDecimal(1), org, contractId).orElse(null);
                if (contractDiscount != null && contractDiscount.signum() > 0) {
                    discount = contractDiscount;
                }
            }
        }
        // A contract's fee is rated as this month's share, with monthly add-ons. An annual subscription bills its
        // year's base fee and add-ons in its renewal month; its other months bill usage only.
        boolean contractPriced = overrides.baseMinor() != null;
        boolean annual = "year".equals(interval) && !contractPriced;
        RatingFacts facts = new RatingFacts(annual ? RatingFacts.Interval.YEAR : RatingFacts.Interval.MONTH, seats,
                addOns, byo, overrides, discount, 0);
        if (annual && periodStart.getMonth() != period.getMonth()) {
            facts = facts.usageOnly();
        }
        facts = facts.withUsageCredits(usageCredits(c, org, period));
        return new Inputs(name, versionId, planCode, facts, usage(c, org, start, end, period), contractId);
    }

    private static RatingFacts.UsageCredits usageCredits(Connection c, UUID org, YearMonth period) throws SQLException {
        return UsageCreditsRepository.forMonth(c, period, org).getOrDefault(org, RatingFacts.UsageCredits.NONE);
    }

    /**
     * The contract's fee for one month, by its billing schedule, and its included quotas. Installments are shares
     * of the annual value that add up to it exactly (no rounding drift): monthly, month i of the contract year gets
     * floor(annual × i / 12) − floor(annual × (i − 1) / 12); quarterly, the first month of quarter q gets
     * floor(annual × q / 4) − floor(annual × (q − 1) / 4) and the other two nothing; annual upfront, the first month
     * of each contract year gets the annual value.
     */
    private static RatingFacts.Overrides contractOverrides(Connection c, UUID org, UUID contractId, YearMonth period) throws SQLException {
        record Terms(long annual, LocalDate starts, String overrides, String schedule) {
        }
        Terms t = Sql.first(c, "select annual_value_minor, starts_on, overrides::text, billing_schedule "
                + "from contracts where organization_id = ? and id = ?",
                rs -> new Terms(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getString(4)), org, contractId).orElse(null);
        if (t == null) {
            return RatingFacts.Overrides.NONE;
        }
        long annual = t.annual();
        long monthsIn = Math.floorMod(YearMonth.from(t.starts()).until(period, java.time.temporal.ChronoUnit.MONTHS), 12L);
        long share;
        String description;
        switch (t.schedule()) {
            case "annual_upfront" -> {
                share = monthsIn == 0 ? annual : 0;
                description = monthsIn == 0 ? "Enterprise contract: annual fee, paid upfront"
                        : "Enterprise contract: paid upfront (month " + (monthsIn + 1) + " of 12)";
            }
            case "quarterly" -> {
                long q = monthsIn / 3;
                share = monthsIn % 3 == 0 ? Math.floorDiv(annual * (q + 1), 4) - Math.floorDiv(annual * q, 4) : 0;
                description = monthsIn % 3 == 0 ? "Enterprise contract: quarter " + (q + 1) + " of 4"
                        : "Enterprise contract: quarter " + (q + 1) + " of 4, billed in its first month";
            }
            default -> {
                share = Math.floorDiv(annual * (monthsIn + 1), 12) - Math.floorDiv(annual * monthsIn, 12);
                description = String.format("Enterprise contract: month %d of 12 of the annual value", monthsIn + 1);
            }
        }
        ContractOverrides terms;
        try {
            terms = ContractOverridesJson.parse(t.overrides());
        } catch (IllegalArgumentException e) {
            throw new SQLException("unreadable contract overrides: " + e.getMessage(), e);
        }
        return terms.forRating(share, description);
    }

    /**
     * The period's usage per metric, as each metric aggregates, with finance's adjustments added: the monthly
     * rollup (everything up to the refresher's watermark) plus the raw rows recorded since, read in one statement
     * so the two agree. Exact whether or not the rollups are current.
     */
    private static Map<String, Long> usage(Connection c, UUID org, LocalDate start, LocalDate end, YearMonth period) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        Sql.list(c, """
                with wm as (select watermark from usage_rollup_state where name = 'usage'),
                folded as (select metric, total, samples, peak from usage_monthly where organization_id = ? and month = ?),
                tail as (select u.metric, sum(u.value) as total, count(*) as samples, max(u.value) as peak
                         from usage_records u, wm where u.ingested_at >= wm.watermark and u.organization_id = ?
                           and u.recorded_at >= ? and u.recorded_at < ? group by u.metric)
                select m.code, m.aggregation, coalesce(f.total, 0) + coalesce(t.total, 0),
                       coalesce(f.samples, 0) + coalesce(t.samples, 0), greatest(f.peak, t.peak)
                from metrics m left join folded f on f.metric = m.code left join tail t on t.metric = m.code
                order by m.position, m.code""", rs -> {
            long total = rs.getLong(3);
            long samples = rs.getLong(4);
            long peak = rs.getLong(5);
            return out.put(rs.getString(1), switch (rs.getString(2)) {
                case "sum" -> total;
                case "max" -> peak;
                default -> samples == 0 ? 0 : Math.floorDiv(total, samples); // the month's average, rounded down
            });
        }, org, start, org, utc(start), utc(end));
        Sql.list(c, "select metric, sum(delta) from usage_adjustments where organization_id = ? and period_month = ? group by metric",
                rs -> out.merge(rs.getString(1), rs.getLong(2), (a, b) -> Math.max(0, a + b)), org, period);
        return out;
    }

    /** The first instant of a UTC day: periods are UTC months, whatever the machine's time zone. */
    private static java.time.Instant utc(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private RatingInputsRepository() {
    }

    static Catalog.PlanSpec plan(Catalog catalog, String code) {
        return catalog.plan(code).orElseThrow(() -> new UserFacingException("Plan " + code + " is missing from its catalog version."));
    }

    /** The catalog version's plans, prices and add-ons. */
    static Catalog catalog(Connection c, long versionId) throws SQLException {
        return com.antevus.console.catalog.CatalogContentsRepository.read(c, versionId);
    }

    /** The version's number as staff know it (v3), or 0 if it is gone. */
    static int versionNumber(Connection c, long versionId) throws SQLException {
        return com.antevus.console.db.Sql.first(c, "select version_no from catalog_versions where id = ?", rs -> rs.getInt(1), versionId)
                .orElse(0);
    }
}
