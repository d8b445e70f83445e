package com.antevus.console.usage;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.catalog.CatalogContentsRepository;
import com.antevus.console.db.Jdbc;
import com.antevus.console.rating.Rating;
import com.antevus.console.rating.RatingEngine;
import com.antevus.console.rating.RatingFacts;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/** Usage for the views: rollup refreshes, the fleet's month, one organization's usage, alerts. Owns its transactions. */
public final class UsageService {
    private final Jdbc jdbc;
    private final UsageRollups rollups;
    private final java.time.Clock clock;

    public UsageService(DataSource dataSource, java.time.Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.rollups = new UsageRollups(dataSource);
        this.clock = clock;
    }

    /** The console's clock: what "this month" and "today" mean on the usage screens. */
    public java.time.Clock clock() {
        return clock;
    }

    /** One background refresh: folds what arrived, then records this month's new alert crossings. */
    public UsageRollups.Refresh refresh() {
        UsageRollups.Refresh r = rollups.refresh();
        if (!r.busy() && r.rowsFolded() > 0) {
            rollups.refreshAlerts(com.antevus.console.core.ConsoleClock.today(clock));
        }
        return r;
    }

    /** An organization for pickers. */
    public record OrgRef(UUID id, String name, String planCode) {
        @Override
        public String toString() {
            return name;
        }
    }

    public List<OrgRef> organizations() {
        return jdbc.read("loading the organizations", c -> {
            List<OrgRef> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select o.id, o.name, p.code from organizations o "
                    + "join subscriptions s on s.organization_id = o.id and s.status <> 'canceled' join plans p on p.id = s.plan_id "
                    + "order by lower(o.name)");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OrgRef((UUID) rs.getObject(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        });
    }

    // ---- the fleet ------------------------------------------------------------------------------------------
    /** The fleet's month so far on the console's clock. */
    public FleetUsage fleet() {
        return fleet(clock.instant());
    }

    /** The fleet's month from the monthly rollups: utilization, projection and projected overage per organization. */
    public FleetUsage fleet(java.time.Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        YearMonth month = YearMonth.from(today);
        Map<Long, Catalog> catalogs = new HashMap<>();
        return jdbc.read("loading the fleet's usage", c -> {
            Map<String, Catalog.Metric> metrics = metrics(c);
            record Live(UUID id, String name, long versionId, String planCode, boolean byo) {
            }
            Map<UUID, Live> live = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select o.id, o.name, p.catalog_version_id, p.code, o.byo_llm from organizations o "
                    + "join subscriptions s on s.organization_id = o.id and s.status <> 'canceled' join plans p on p.id = s.plan_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    live.put((UUID) rs.getObject(1), new Live((UUID) rs.getObject(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5)));
                }
            }
            Map<UUID, Map<String, long[]>> usage = monthLevels(c, month);
            Map<UUID, Map<String, long[]>> lastMonth = monthLevels(c, month.minusMonths(1));
            Map<UUID, Map<String, Long>> latest = latestReadings(c, metrics, today);
            List<FleetUsage.OrgMonth> rows = new ArrayList<>();
            long projectedOverage = 0;
            int over = 0;
            for (Live l : live.values()) {
                if (!catalogs.containsKey(l.versionId())) {
                    catalogs.put(l.versionId(), CatalogContentsRepository.read(c, l.versionId())); // on this connection: never two at once
                }
                Catalog cat = catalogs.get(l.versionId());
                PlanSpec plan = cat.plan(l.planCode()).orElse(null);
                if (plan == null) {
                    continue;
                }
                Map<String, Long> used = new LinkedHashMap<>();
                Map<String, Double> util = new LinkedHashMap<>();
                Map<String, Long> projected = new LinkedHashMap<>();
                for (Catalog.Metric m : metrics.values()) {
                    long[] u = usage.getOrDefault(l.id(), Map.of()).get(m.code());
                    long[] p = lastMonth.getOrDefault(l.id(), Map.of()).get(m.code());
                    long value = u == null ? 0 : level(m, u[0], u[1], u[2]);
                    used.put(m.code(), value);
                    projected.put(m.code(), Projection.of(m.aggregation(), value, u == null ? 0 : u[1],
                            latest.getOrDefault(l.id(), Map.of()).get(m.code()), p == null ? 0 : level(m, p[0], p[1], p[2]), now).value());
                    Long included = plan.quota(m.code()).filter(q -> q.limit() != null).map(Catalog.Quota::limit).orElse(null);
                    util.put(m.code(), included == null || included == 0 ? null : (double) value / included);
                }
                long overage = projectedOverage(plan, cat, l.byo(), projected);
                FleetUsage.OrgMonth row = new FleetUsage.OrgMonth(l.id(), l.name(), plan.code(), plan.name(), used, util, projected, overage);
                rows.add(row);
                projectedOverage += overage;
                over += row.overQuota() ? 1 : 0;
            }
            // the schema's one definition of MRR (V11), the same the organization list shows row by row
            long mrr = one(c, "select coalesce(sum(mrr_minor), 0)::bigint from organization_mrr where currency = 'USD'");
            int pending = (int) one(c, "select count(*) from academic_verifications where status in ('pending', 'info_requested')");
            Date d = Date.valueOf(today);
            int overdue = (int) one(c, "select count(*) from invoices where status = 'open' and due_date < ?", d);
            long overdueMinor = one(c, "select coalesce(sum(total_minor - amount_paid_minor), 0) from invoices where status = 'open' and due_date < ?", d);
            java.time.Instant asOf = null;
            try (PreparedStatement ps = c.prepareStatement("select watermark from usage_rollup_state where name = 'usage' and watermark > '-infinity'");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    asOf = rs.getTimestamp(1).toInstant();
                }
            }
            return new FleetUsage("USD", mrr, live.size(), over, projectedOverage, pending, overdue, overdueMinor,
                    List.copyOf(metrics.keySet()), rows, asOf, now, Projection.sumBasis(now));
        });
    }

    /** Each organization's month from the monthly rollup: total, samples, peak per metric. */
    private static Map<UUID, Map<String, long[]>> monthLevels(Connection c, YearMonth month) throws SQLException {
        Map<UUID, Map<String, long[]>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select organization_id, metric, total, samples, peak from usage_monthly where month = ?")) {
            ps.setDate(1, Date.valueOf(month.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent((UUID) rs.getObject(1), k -> new HashMap<>())
                            .put(rs.getString(2), new long[]{rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                }
            }
        }
        return out;
    }

    /**
     * The latest reading of each gauge and averaged metric per organization, up to {@code today} and at most two
     * months back: a day's peak for a gauge, its average for an averaged metric.
     */
    private static Map<UUID, Map<String, Long>> latestReadings(Connection c, Map<String, Catalog.Metric> metrics, LocalDate today)
            throws SQLException {
        List<String> levels = metrics.values().stream().filter(m -> m.aggregation() != Catalog.Aggregation.SUM).map(Catalog.Metric::code).toList();
        Map<UUID, Map<String, Long>> out = new HashMap<>();
        if (levels.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("select distinct on (organization_id, metric) organization_id, metric, peak, "
                + "total / greatest(samples, 1) from usage_daily where metric = any(?) and day between ? and ? and samples > 0 "
                + "order by organization_id, metric, day desc")) {
            ps.setArray(1, c.createArrayOf("text", levels.toArray()));
            ps.setDate(2, Date.valueOf(today.withDayOfMonth(1).minusMonths(2)));
            ps.setDate(3, Date.valueOf(today));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean peak = metrics.get(rs.getString(2)).aggregation() == Catalog.Aggregation.MAX;
                    out.computeIfAbsent((UUID) rs.getObject(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(peak ? 3 : 4));
                }
            }
        }
        return out;
    }

    private static long one(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Map<String, Catalog.Metric> metrics(Connection c) throws SQLException {
        Map<String, Catalog.Metric> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select code, name, unit, aggregation from metrics order by position, code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Catalog.Metric(rs.getString(1), rs.getString(2), rs.getString(3),
                        Catalog.Aggregation.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT))));
            }
        }
        return out;
    }

    /** A month's figure as the metric aggregates: the sum, the average of its records (rounded down), or the peak. */
    static long level(Catalog.Metric m, long total, long samples, long peak) {
        return switch (m.aggregation()) {
            case SUM -> total;
            case MAX -> peak;
            case AVERAGE -> samples == 0 ? 0 : Math.floorDiv(total, samples);
        };
    }

    private static long projectedOverage(PlanSpec plan, Catalog cat, boolean byo, Map<String, Long> projected) {
        try {
            Rating r = RatingEngine.rate(plan, cat.addOnsByCode(),
                    new RatingFacts(RatingFacts.Interval.MONTH, null, Map.of(), byo, null, BigDecimal.ZERO, 0).usageOnly(), projected);
            return r.overageMinor();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    // ---- one organization --------------------------------------------------------------------------------
    /** One organization's usage as of the console's clock. */
    public OrgUsage organization(UUID org) {
        return organization(org, clock.instant());
    }

    /** One organization's usage: 13 months of daily values per metric, entitlements, projection, alerts. */
    public OrgUsage organization(UUID org, java.time.Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        YearMonth month = YearMonth.from(today);
        YearMonth from = month.minusMonths(12);
        return jdbc.read("loading the organization's usage", c -> {
            Map<String, Catalog.Metric> metrics = metrics(c);
            String name;
            String planCode;
            long versionId;
            boolean byo;
            UUID subscription;
            try (PreparedStatement ps = c.prepareStatement("select o.name, p.code, p.catalog_version_id, o.byo_llm, s.id from organizations o "
                    + "join subscriptions s on s.organization_id = o.id and s.status <> 'canceled' join plans p on p.id = s.plan_id where o.id = ?")) {
                ps.setObject(1, org);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new UserFacingException("This organization has no live subscription; there is no usage to show.");
                    }
                    name = rs.getString(1);
                    planCode = rs.getString(2);
                    versionId = rs.getLong(3);
                    byo = rs.getBoolean(4);
                    subscription = (UUID) rs.getObject(5);
                }
            }
            Catalog cat = CatalogContentsRepository.read(c, versionId);
            PlanSpec plan = cat.plan(planCode).orElseThrow();
            int versionNo = (int) one(c, "select version_no from catalog_versions where id = ?", versionId);
            List<String> addOns = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select add_on_code, quantity from subscription_add_ons where organization_id = ? "
                    + "and subscription_id = ? and active order by add_on_code")) {
                ps.setObject(1, org);
                ps.setObject(2, subscription);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String code = rs.getString(1);
                        String label = cat.addOn(code).map(Catalog.AddOn::name).orElse(code);
                        addOns.add(rs.getInt(2) > 1 ? label + " × " + rs.getInt(2) : label);
                    }
                }
            }
            List<OrgUsage.Entitlement> entitlements = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select e.resource, e.limit_value, e.current_usage from entitlements e "
                    + "left join resources r on r.code = e.resource where e.organization_id = ? order by r.position, e.resource")) {
                ps.setObject(1, org);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entitlements.add(new OrgUsage.Entitlement(rs.getString(1), (Long) rs.getObject(2), rs.getLong(3)));
                    }
                }
            }
            Map<String, TreeMap<LocalDate, long[]>> days = new HashMap<>();
            Map<String, TreeMap<YearMonth, long[]>> months = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(UsageQueries.DAILY_SERIES_WITH_TOTALS)) {
                ps.setObject(1, org);
                ps.setDate(2, Date.valueOf(from.atDay(1)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String metric = rs.getString(1);
                        YearMonth ym = YearMonth.from(rs.getDate(2).toLocalDate());
                        Long[] totals = (Long[]) ((Array) rs.getArray(3)).getArray();
                        Long[] samples = (Long[]) ((Array) rs.getArray(4)).getArray();
                        TreeMap<LocalDate, long[]> series = days.computeIfAbsent(metric, k -> new TreeMap<>());
                        for (int d = 1; d <= ym.lengthOfMonth(); d++) {
                            series.put(ym.atDay(d), new long[]{totals[d - 1], samples[d - 1]});
                        }
                        months.computeIfAbsent(metric, k -> new TreeMap<>()).put(ym, new long[]{rs.getLong(5), rs.getLong(6), rs.getLong(7)});
                    }
                }
            }
            List<OrgUsage.MetricUsage> out = new ArrayList<>();
            Map<String, Long> projectedUsage = new HashMap<>();
            Map<String, Long> previousUsage = new HashMap<>();
            for (Catalog.Metric m : metrics.values()) {
                if (!days.containsKey(m.code()) && plan.quota(m.code()).isEmpty()) {
                    continue;
                }
                List<LocalDate> dayList = new ArrayList<>();
                List<Long> daily = new ArrayList<>();
                TreeMap<LocalDate, long[]> known = days.getOrDefault(m.code(), new TreeMap<>());
                LocalDate start = known.isEmpty() ? month.atDay(1) : known.firstKey();
                Long level = null; // a gauge or average holds its latest reading over days without one (never drops to 0)
                for (LocalDate d = start; !d.isAfter(today); d = d.plusDays(1)) {
                    long[] v = days.getOrDefault(m.code(), new TreeMap<>()).get(d);
                    if (m.aggregation() == Catalog.Aggregation.SUM) {
                        dayList.add(d);
                        daily.add(v == null ? 0 : v[0]);
                        continue;
                    }
                    if (v != null && v[1] > 0) {
                        level = v[0] / v[1];
                    }
                    if (level != null) {
                        dayList.add(d);
                        daily.add(level);
                    }
                }
                Map<YearMonth, Long> monthly = new TreeMap<>();
                months.getOrDefault(m.code(), new TreeMap<>()).forEach((ym, v) -> monthly.put(ym, level(m, v[0], v[1], v[2])));
                long mtd = monthly.getOrDefault(month, 0L);
                long[] thisMonth = months.getOrDefault(m.code(), new TreeMap<>()).get(month);
                long samples = thisMonth == null ? 0 : thisMonth[1];
                Long latest = null;
                for (Map.Entry<LocalDate, long[]> e : known.headMap(today, true).descendingMap().entrySet()) {
                    if (e.getValue()[1] > 0) {
                        latest = e.getValue()[0] / e.getValue()[1];
                        break;
                    }
                }
                long previous = monthly.getOrDefault(month.minusMonths(1), 0L);
                Projection projection = Projection.of(m.aggregation(), mtd, samples, latest, previous, now);
                long projected = projection.value();
                projectedUsage.put(m.code(), projected);
                previousUsage.put(m.code(), previous);
                Long included = plan.quota(m.code()).filter(q -> q.limit() != null).map(Catalog.Quota::limit).orElse(null);
                out.add(new OrgUsage.MetricUsage(m.code(), m.name(), m.unit(), m.aggregation().name().toLowerCase(java.util.Locale.ROOT),
                        included, plan.alertThresholds(), dayList, daily, monthly, mtd, projected, previous, samples, latest,
                        projection.basis()));
            }
            List<OrgUsage.Alert> alerts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select metric, threshold_pct, first_crossed_at, usage_at_crossing, included, "
                    + "acknowledged_at, acknowledged_by, note, version from usage_alerts where organization_id = ? and period_month = ? "
                    + "order by first_crossed_at, metric, threshold_pct")) {
                ps.setObject(1, org);
                ps.setDate(2, Date.valueOf(month.atDay(1)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp ack = rs.getTimestamp(6);
                        alerts.add(new OrgUsage.Alert(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(), rs.getLong(4), rs.getLong(5),
                                ack == null ? null : ack.toInstant(), rs.getString(7), rs.getString(8), rs.getInt(9)));
                    }
                }
            }
            return new OrgUsage(org, name, plan.code(), plan.name(), versionNo, addOns, entitlements, out, month, now, plan.currency(),
                    projectedOverage(plan, cat, byo, projectedUsage), projectedOverage(plan, cat, byo, previousUsage), alerts);
        });
    }

    /** Acknowledges an alert with a note (audited); refused when someone else acknowledged it first. */
    public void acknowledge(UUID org, YearMonth month, OrgUsage.Alert alert, String note, String by) {
        if (note == null || note.isBlank()) {
            throw new UserFacingException("Say what was done about it: an acknowledgement needs a note.");
        }
        int n = jdbc.write("acknowledging the alert", "Acknowledged the " + alert.thresholdPct() + "% " + alert.metric() + " alert: " + note.strip(),
                null, c -> {
                    try (PreparedStatement ps = c.prepareStatement("update usage_alerts set acknowledged_at = now(), acknowledged_by = coalesce(?, session_user), note = ?, "
                            + "version = version + 1 where organization_id = ? and metric = ? and period_month = ? and threshold_pct = ? "
                            + "and version = ? and acknowledged_at is null")) {
                        ps.setString(1, by);
                        ps.setString(2, note.strip());
                        ps.setObject(3, org);
                        ps.setString(4, alert.metric());
                        ps.setDate(5, Date.valueOf(month.atDay(1)));
                        ps.setInt(6, alert.thresholdPct());
                        ps.setInt(7, alert.version());
                        return ps.executeUpdate();
                    }
                });
        if (n == 0) {
            throw new UserFacingException("Someone else acknowledged or changed this alert since it was loaded; reload to see it.");
        }
    }

    /** What the organization view charts, as CSV: one line per metric and day. */
    public static String csv(OrgUsage u) {
        List<List<?>> rows = new java.util.ArrayList<>();
        for (OrgUsage.MetricUsage m : u.metrics()) {
            for (int i = 0; i < m.days().size(); i++) {
                rows.add(java.util.Arrays.asList(u.name(), m.metric(), m.days().get(i).toString(), m.daily().get(i), m.included()));
            }
        }
        return com.antevus.console.core.Csv.of(List.of("organization", "metric", "day", "value", "included_per_month"), rows);
    }
}
