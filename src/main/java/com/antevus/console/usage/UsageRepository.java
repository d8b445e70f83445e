package com.antevus.console.usage;

import com.antevus.console.db.Sql;
import com.antevus.console.pricing.Catalog;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The usage screens' statements: the rollups (usage_daily, usage_monthly) and their refresh, the live subscriptions
 * they are read against, alerts. Set-based reads over the rollups stay plain SQL by design (see the README).
 */
public final class UsageRepository {
    private UsageRepository() {
    }

    /**
     * One organization's daily series from a month on: one row per metric and month, its days as arrays (element d
     * is day d), so a year is 36 rows. Parameters: organization, first month (a first day of month). The benchmark
     * times this statement as the usage view runs it.
     */
    public static final String DAILY_SERIES = "select metric, month, daily_totals, daily_samples from usage_monthly "
            + "where organization_id = ? and month >= ? order by metric, month";

    /** The same, with each month's total, record count and peak. */
    static final String DAILY_SERIES_WITH_TOTALS = "select metric, month, daily_totals, daily_samples, total, samples, peak "
            + "from usage_monthly where organization_id = ? and month >= ? order by metric, month";

    private static final String LIVE = "from organizations o join subscriptions s on s.organization_id = o.id "
            + "and s.status <> 'canceled' join plans p on p.id = s.plan_id";

    /** An organization's live subscription: its plan, the catalog version the plan belongs to, bring-your-own-LLM. */
    record LiveSubscription(UUID org, String name, UUID subscription, String planCode, long catalogVersionId, boolean byo) {
    }

    /** A month of one metric for one organization: the days' totals and record counts, the month's figures. */
    record MonthSeries(String metric, YearMonth month, Long[] dailyTotals, Long[] dailySamples, long total, long samples, long peak) {
    }

    /** The dashboard's figures that are not usage. */
    record FleetFigures(long mrrUsdMinor, int pendingVerifications, int overdueInvoices, long overdueMinor, Instant rolledUpTo,
                        int lowOnCredits, long lowBalanceThreshold) {
    }

    /** What one call of refresh_usage_rollups() did. */
    record Folded(long rows, Instant watermark, Instant heldBackBy, boolean busy) {
    }

    static List<UsageService.OrgRef> organizations(Connection c) throws SQLException {
        return Sql.list(c, "select o.id, o.name, p.code " + LIVE + " order by lower(o.name)",
                rs -> new UsageService.OrgRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
    }

    static List<LiveSubscription> liveSubscriptions(Connection c) throws SQLException {
        return Sql.list(c, "select o.id, o.name, s.id, p.code, p.catalog_version_id, o.byo_llm " + LIVE, UsageRepository::live);
    }

    static Optional<LiveSubscription> liveSubscription(Connection c, UUID org) throws SQLException {
        return Sql.first(c, "select o.id, o.name, s.id, p.code, p.catalog_version_id, o.byo_llm " + LIVE + " where o.id = ?",
                UsageRepository::live, org);
    }

    private static LiveSubscription live(java.sql.ResultSet rs) throws SQLException {
        return new LiveSubscription(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getLong(5), rs.getBoolean(6));
    }

    /** The metrics in display order. */
    static Map<String, Catalog.Metric> metrics(Connection c) throws SQLException {
        Map<String, Catalog.Metric> out = new LinkedHashMap<>();
        for (Catalog.Metric m : Sql.list(c, "select code, name, unit, aggregation from metrics order by position, code",
                rs -> new Catalog.Metric(rs.getString(1), rs.getString(2), rs.getString(3),
                        Catalog.Aggregation.valueOf(rs.getString(4).toUpperCase(Locale.ROOT))))) {
            out.put(m.code(), m);
        }
        return out;
    }

    /** Each organization's month from the monthly rollup: total, samples, peak per metric. */
    static Map<UUID, Map<String, long[]>> monthLevels(Connection c, YearMonth month) throws SQLException {
        Map<UUID, Map<String, long[]>> out = new HashMap<>();
        Sql.list(c, "select organization_id, metric, total, samples, peak from usage_monthly where month = ?", rs -> {
            out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
                    .put(rs.getString(2), new long[]{rs.getLong(3), rs.getLong(4), rs.getLong(5)});
            return null;
        }, month);
        return out;
    }

    /**
     * The latest reading of each of {@code levels} per organization, from {@code since} up to {@code today}: a day's
     * peak for a metric in {@code peaks}, the day's average for the others.
     */
    static Map<UUID, Map<String, Long>> latestReadings(Connection c, List<String> levels, Set<String> peaks, LocalDate since,
                                                       LocalDate today) throws SQLException {
        Map<UUID, Map<String, Long>> out = new HashMap<>();
        if (levels.isEmpty()) {
            return out;
        }
        Array metrics = c.createArrayOf("text", levels.toArray());
        Sql.list(c, "select distinct on (organization_id, metric) organization_id, metric, peak, "
                + "total / greatest(samples, 1) from usage_daily where metric = any(?) and day between ? and ? and samples > 0 "
                + "order by organization_id, metric, day desc", rs -> {
            out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
                    .put(rs.getString(2), rs.getLong(peaks.contains(rs.getString(2)) ? 3 : 4));
            return null;
        }, metrics, since, today);
        return out;
    }

    /** MRR (the schema's one definition, V11, in USD), verifications waiting, invoices past due on {@code today}. */
    static FleetFigures fleetFigures(Connection c, LocalDate today, Instant now) throws SQLException {
        long mrr = Sql.first(c, "select coalesce(sum(mrr_minor), 0)::bigint from organization_mrr where currency = 'USD'",
                rs -> rs.getLong(1)).orElse(0L);
        int pending = Sql.first(c, "select count(*) from academic_verifications where status in ('pending', 'info_requested')",
                rs -> rs.getInt(1)).orElse(0);
        long[] overdue = Sql.first(c, "select count(*), coalesce(sum(total_minor - amount_paid_minor), 0) from invoices "
                + "where status = 'open' and due_date < ?", rs -> new long[]{rs.getLong(1), rs.getLong(2)}, today).orElseThrow();
        Instant asOf = Sql.first(c, "select watermark from usage_rollup_state where name = 'usage' and watermark > '-infinity'",
                rs -> rs.getTimestamp(1).toInstant()).orElse(null);
        long threshold = lowBalanceThreshold(c);
        int low = Sql.first(c, LOW_ON_CREDITS + "select count(*) from low where credits < ?", rs -> rs.getInt(1), now, now, threshold).orElse(0);
        return new FleetFigures(mrr, pending, (int) overdue[0], overdue[1], asOf, low, threshold);
    }

    /**
     * The dashboard's trends: invoiced per period month and the fleet's {@code metric} per month, from {@code from}
     * to {@code to} (every month listed, zero when nothing), and open invoices past due on {@code today} by age.
     */
    static FleetTrends trends(Connection c, java.time.YearMonth from, java.time.YearMonth to, String metric, LocalDate today)
            throws SQLException {
        Map<java.time.YearMonth, Long> invoiced = new HashMap<>();
        Sql.list(c, "select date_trunc('month', period_start)::date, sum(total_minor)::bigint from invoices "
                + "where status in ('open', 'paid') and currency = 'USD' and period_start between ? and ? group by 1", rs -> {
            invoiced.put(java.time.YearMonth.from(rs.getObject(1, LocalDate.class)), rs.getLong(2));
            return null;
        }, from.atDay(1), to.atEndOfMonth());
        Map<java.time.YearMonth, Long> used = new HashMap<>();
        Sql.list(c, "select month, sum(total)::bigint from usage_monthly where metric = ? and month between ? and ? group by 1", rs -> {
            used.put(java.time.YearMonth.from(rs.getObject(1, LocalDate.class)), rs.getLong(2));
            return null;
        }, metric, from.atDay(1), to.atDay(1));
        Map<Integer, long[]> bands = new HashMap<>();
        Sql.list(c, "select case when ? - due_date <= 30 then 0 when ? - due_date <= 60 then 1 when ? - due_date <= 90 then 2 else 3 end, "
                + "count(*), coalesce(sum(total_minor - amount_paid_minor), 0)::bigint from invoices "
                + "where status = 'open' and due_date < ? and currency = 'USD' group by 1", rs -> {
            bands.put(rs.getInt(1), new long[]{rs.getLong(2), rs.getLong(3)});
            return null;
        }, today, today, today, today);
        List<FleetTrends.Month> inv = new java.util.ArrayList<>();
        List<FleetTrends.Month> use = new java.util.ArrayList<>();
        for (java.time.YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            inv.add(new FleetTrends.Month(m, invoiced.getOrDefault(m, 0L)));
            use.add(new FleetTrends.Month(m, used.getOrDefault(m, 0L)));
        }
        List<FleetTrends.Overdue> overdue = new java.util.ArrayList<>();
        for (int b = 0; b < FleetTrends.BANDS.size(); b++) {
            long[] v = bands.getOrDefault(b, new long[2]);
            overdue.add(new FleetTrends.Overdue(FleetTrends.BANDS.get(b), (int) v[0], v[1]));
        }
        return new FleetTrends(inv, use, metric, overdue);
    }

    static int catalogVersionNo(Connection c, long versionId) throws SQLException {
        return Sql.first(c, "select version_no from catalog_versions where id = ?", rs -> rs.getInt(1), versionId).orElseThrow();
    }

    /** The subscription's active add-ons: code and quantity, by code. */
    static List<Map.Entry<String, Integer>> addOns(Connection c, UUID org, UUID subscription) throws SQLException {
        return Sql.list(c, "select add_on_code, quantity from subscription_add_ons where organization_id = ? "
                + "and subscription_id = ? and active order by add_on_code", rs -> Map.entry(rs.getString(1), rs.getInt(2)), org, subscription);
    }

    static List<OrgUsage.Entitlement> entitlements(Connection c, UUID org) throws SQLException {
        return Sql.list(c, "select e.resource, e.limit_value, e.current_usage from entitlements e "
                        + "left join resources r on r.code = e.resource where e.organization_id = ? order by r.position, e.resource",
                rs -> new OrgUsage.Entitlement(rs.getString(1), (Long) rs.getObject(2), rs.getLong(3)), org);
    }

    /** The organization's months from {@code from} on, per metric. */
    static List<MonthSeries> dailySeries(Connection c, UUID org, YearMonth from) throws SQLException {
        return Sql.list(c, DAILY_SERIES_WITH_TOTALS, rs -> new MonthSeries(rs.getString(1), YearMonth.from(rs.getDate(2).toLocalDate()),
                (Long[]) rs.getArray(3).getArray(), (Long[]) rs.getArray(4).getArray(), rs.getLong(5), rs.getLong(6), rs.getLong(7)), org, from);
    }

    static List<OrgUsage.Alert> alerts(Connection c, UUID org, YearMonth month) throws SQLException {
        return Sql.list(c, "select metric, threshold_pct, first_crossed_at, usage_at_crossing, included, "
                + "acknowledged_at, acknowledged_by, note, version from usage_alerts where organization_id = ? and period_month = ? "
                + "order by first_crossed_at, metric, threshold_pct", rs -> {
            Timestamp ack = rs.getTimestamp(6);
            return new OrgUsage.Alert(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(), rs.getLong(4), rs.getLong(5),
                    ack == null ? null : ack.toInstant(), rs.getString(7), rs.getString(8), rs.getInt(9));
        }, org, month);
    }

    /** Acknowledges the alert if it is still at {@code version} and unacknowledged; returns the rows changed (0 or 1). */
    static int acknowledge(Connection c, UUID org, YearMonth month, String metric, int thresholdPct, int version, String note, String by)
            throws SQLException {
        return Sql.update(c, "update usage_alerts set acknowledged_at = now(), acknowledged_by = coalesce(?, session_user), note = ?, "
                + "version = version + 1 where organization_id = ? and metric = ? and period_month = ? and threshold_pct = ? "
                + "and version = ? and acknowledged_at is null", by, note, org, metric, month, thresholdPct, version);
    }

    // ---- the rollups' upkeep (V4) ---------------------------------------------------------------------------
    static Folded refreshRollups(Connection c) throws SQLException {
        return Sql.first(c, "select rows_folded, new_watermark, held_back_by, busy from refresh_usage_rollups()", rs -> {
            Timestamp wm = rs.getTimestamp(2);
            Timestamp held = rs.getTimestamp(3);
            return new Folded(rs.getLong(1), wm == null ? null : wm.toInstant(), held == null ? null : held.toInstant(), rs.getBoolean(4));
        }).orElseThrow();
    }

    /** The database server's clock: the rollups' watermark is on it, so catching up compares against it. */
    static Instant databaseClock(Connection c) throws SQLException {
        return Sql.first(c, "select clock_timestamp()", rs -> rs.getTimestamp(1).toInstant()).orElseThrow();
    }

    /**
     * Organizations with a credit ledger whose spendable credits at an instant (lots granted by then and not expired,
     * less what was drawn from them) are below the low-balance threshold: {@code low(organization_id, credits)}.
     * Parameters: the instant twice, the threshold. The dashboard counts them; the alert check records them.
     */
    private static final String LOW_ON_CREDITS = """
            with spendable as (
              select g.organization_id, greatest(0, g.credits + coalesce((select sum(d.credits) from credit_ledger d
                       where d.organization_id = g.organization_id and d.lot_id = g.id and d.id <> g.id), 0)) as credits
              from credit_ledger g where g.lot_id = g.id and g.effective_at <= ? and (g.expires_at is null or g.expires_at > ?)),
            low as (
              select o.organization_id, coalesce((select sum(s.credits) from spendable s where s.organization_id = o.organization_id), 0) as credits
              from (select distinct organization_id from credit_ledger) o)
            """;

    /** The metric a low-balance alert is recorded under. */
    static final String CREDITS_ALERT = "credits";

    static long lowBalanceThreshold(Connection c) throws SQLException {
        return Sql.first(c, "select low_balance_threshold from credit_settings", rs -> rs.getLong(1)).orElse(1000L);
    }

    /**
     * Records, once a month per organization, that its spendable credits are below the low-balance threshold at
     * {@code now}: an alert on "credits" at 100% (below the line), with the balance and the threshold it fell under,
     * acknowledged like any other. Returns how many are new.
     */
    static int refreshCreditAlerts(Connection c, Instant now) throws SQLException {
        long threshold = lowBalanceThreshold(c);
        YearMonth month = YearMonth.from(now.atZone(java.time.ZoneOffset.UTC));
        return Sql.update(c, LOW_ON_CREDITS + "insert into usage_alerts (organization_id, metric, period_month, threshold_pct, first_crossed_at, "
                + "usage_at_crossing, included) select organization_id, '" + CREDITS_ALERT + "', ?, 100, ?, credits, ? from low where credits < ? "
                + "on conflict do nothing", now, now, month, now, threshold, threshold);
    }

    /** Records first crossings of the plans' alert thresholds in the month; returns how many are new. */
    static int refreshAlerts(Connection c, YearMonth month) throws SQLException {
        return Sql.first(c, "select refresh_usage_alerts(?)", rs -> rs.getInt(1), month).orElseThrow();
    }
}
