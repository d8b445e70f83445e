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
            rollups.refreshCreditAlerts(clock.instant()); // consumption follows usage: a balance falls as it arrives
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
        return jdbc.read("loading the organizations", UsageRepository::organizations);
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
            Map<String, Catalog.Metric> metrics = UsageRepository.metrics(c);
            List<UsageRepository.LiveSubscription> live = UsageRepository.liveSubscriptions(c);
            Map<UUID, Map<String, long[]>> usage = UsageRepository.monthLevels(c, month);
            Map<UUID, Map<String, long[]>> lastMonth = UsageRepository.monthLevels(c, month.minusMonths(1));
            Map<UUID, RatingFacts.UsageCredits> credits = com.antevus.console.charges.UsageCreditsRepository.forMonth(c, month, null);
            // the latest reading of each gauge and averaged metric, at most two months back
            Map<UUID, Map<String, Long>> latest = UsageRepository.latestReadings(c, levels(metrics), peaks(metrics),
                    today.withDayOfMonth(1).minusMonths(2), today);
            List<FleetUsage.OrgMonth> rows = new ArrayList<>();
            long projectedOverage = 0;
            int over = 0;
            int overLastMonth = 0; // the closed month's figure, so the first days of a month are not read as "all clear"
            for (UsageRepository.LiveSubscription l : live) {
                if (!catalogs.containsKey(l.catalogVersionId())) {
                    catalogs.put(l.catalogVersionId(), CatalogContentsRepository.read(c, l.catalogVersionId())); // on this connection: never two at once
                }
                Catalog cat = catalogs.get(l.catalogVersionId());
                PlanSpec plan = cat.plan(l.planCode()).orElse(null);
                if (plan == null) {
                    continue;
                }
                Map<String, Long> used = new LinkedHashMap<>();
                Map<String, Double> util = new LinkedHashMap<>();
                Map<String, Long> projected = new LinkedHashMap<>();
                boolean wasOver = false;
                for (Catalog.Metric m : metrics.values()) {
                    long[] u = usage.getOrDefault(l.org(), Map.of()).get(m.code());
                    long[] p = lastMonth.getOrDefault(l.org(), Map.of()).get(m.code());
                    long value = u == null ? 0 : level(m, u[0], u[1], u[2]);
                    used.put(m.code(), value);
                    projected.put(m.code(), Projection.of(m.aggregation(), value, u == null ? 0 : u[1],
                            latest.getOrDefault(l.org(), Map.of()).get(m.code()), p == null ? 0 : level(m, p[0], p[1], p[2]), now).value());
                    Long included = plan.quota(m.code()).filter(q -> q.limit() != null).map(Catalog.Quota::limit).orElse(null);
                    util.put(m.code(), included == null || included == 0 ? null : (double) value / included);
                    wasOver |= included != null && p != null && level(m, p[0], p[1], p[2]) > included;
                }
                overLastMonth += wasOver ? 1 : 0;
                long overage = projectedOverage(plan, cat, l.byo(), projected, credits.getOrDefault(l.org(), RatingFacts.UsageCredits.NONE));
                FleetUsage.OrgMonth row = new FleetUsage.OrgMonth(l.org(), l.name(), plan.code(), plan.name(), used, util, projected, overage);
                rows.add(row);
                projectedOverage += overage;
                over += row.overQuota() ? 1 : 0;
            }
            UsageRepository.FleetFigures f = UsageRepository.fleetFigures(c, today, now); // MRR: the schema's one definition (V11)
            String trendMetric = metrics.values().stream().filter(m -> !levels(metrics).contains(m.code())).map(Catalog.Metric::code)
                    .findFirst().orElse(metrics.isEmpty() ? "events" : metrics.keySet().iterator().next());
            FleetTrends trends = UsageRepository.trends(c, month.minusMonths(12), month, trendMetric, today);
            return new FleetUsage("USD", f.mrrUsdMinor(), live.size(), over, projectedOverage, f.pendingVerifications(), f.overdueInvoices(),
                    f.overdueMinor(), List.copyOf(metrics.keySet()), rows, f.rolledUpTo(), now, Projection.sumBasis(now), overLastMonth, trends,
                    f.lowOnCredits(), f.lowBalanceThreshold());
        });
    }

    /** The gauges and averaged metrics: the ones whose latest reading carries a projection. */
    private static List<String> levels(Map<String, Catalog.Metric> metrics) {
        return metrics.values().stream().filter(m -> m.aggregation() != Catalog.Aggregation.SUM).map(Catalog.Metric::code).toList();
    }

    /** The gauges: a day's reading is its peak (an averaged metric's is its average). */
    private static java.util.Set<String> peaks(Map<String, Catalog.Metric> metrics) {
        return metrics.values().stream().filter(m -> m.aggregation() == Catalog.Aggregation.MAX).map(Catalog.Metric::code)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** A month's figure as the metric aggregates: the sum, the average of its records (rounded down), or the peak. */
    static long level(Catalog.Metric m, long total, long samples, long peak) {
        return switch (m.aggregation()) {
            case SUM -> total;
            case MAX -> peak;
            case AVERAGE -> samples == 0 ? 0 : Math.floorDiv(total, samples);
        };
    }

    /** The overage the projected usage would be billed: above the included amounts, less what prepaid credits pay for. */
    private static long projectedOverage(PlanSpec plan, Catalog cat, boolean byo, Map<String, Long> projected, RatingFacts.UsageCredits credits) {
        try {
            Rating r = RatingEngine.rate(plan, cat.addOnsByCode(),
                    new RatingFacts(RatingFacts.Interval.MONTH, null, Map.of(), byo, null, BigDecimal.ZERO, 0).usageOnly().withUsageCredits(credits),
                    projected);
            return r.overageMinor() + r.lines().stream().filter(l -> l.code().startsWith(RatingEngine.CREDITS_CODE))
                    .mapToLong(com.antevus.console.rating.RatedLine::amountMinor).sum();
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
            Map<String, Catalog.Metric> metrics = UsageRepository.metrics(c);
            UsageRepository.LiveSubscription live = UsageRepository.liveSubscription(c, org).orElseThrow(() ->
                    new UserFacingException("This organization has no live subscription; there is no usage to show."));
            String name = live.name();
            boolean byo = live.byo();
            Catalog cat = CatalogContentsRepository.read(c, live.catalogVersionId());
            PlanSpec plan = cat.plan(live.planCode()).orElseThrow();
            int versionNo = UsageRepository.catalogVersionNo(c, live.catalogVersionId());
            List<String> addOns = new ArrayList<>();
            for (Map.Entry<String, Integer> a : UsageRepository.addOns(c, org, live.subscription())) {
                String label = cat.addOn(a.getKey()).map(Catalog.AddOn::name).orElse(a.getKey());
                addOns.add(a.getValue() > 1 ? label + " × " + a.getValue() : label);
            }
            List<OrgUsage.Entitlement> entitlements = UsageRepository.entitlements(c, org);
            Map<String, TreeMap<LocalDate, long[]>> days = new HashMap<>();
            Map<String, TreeMap<YearMonth, long[]>> months = new HashMap<>();
            for (UsageRepository.MonthSeries m : UsageRepository.dailySeries(c, org, from)) {
                TreeMap<LocalDate, long[]> series = days.computeIfAbsent(m.metric(), k -> new TreeMap<>());
                for (int d = 1; d <= m.month().lengthOfMonth(); d++) {
                    series.put(m.month().atDay(d), new long[]{m.dailyTotals()[d - 1], m.dailySamples()[d - 1]});
                }
                months.computeIfAbsent(m.metric(), k -> new TreeMap<>()).put(m.month(), new long[]{m.total(), m.samples(), m.peak()});
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
            List<OrgUsage.Alert> alerts = UsageRepository.alerts(c, org, month);
            return new OrgUsage(org, name, plan.code(), plan.name(), versionNo, addOns, entitlements, out, month, now, plan.currency(),
                    projectedOverage(plan, cat, byo, projectedUsage, com.antevus.console.charges.UsageCreditsRepository.forMonth(c, month, org)
                            .getOrDefault(org, RatingFacts.UsageCredits.NONE)),
                    projectedOverage(plan, cat, byo, previousUsage, com.antevus.console.charges.UsageCreditsRepository.forMonth(c, month.minusMonths(1), org)
                            .getOrDefault(org, RatingFacts.UsageCredits.NONE)), alerts);
        });
    }

    /** Acknowledges an alert with a note (audited); refused when someone else acknowledged it first. */
    public void acknowledge(UUID org, YearMonth month, OrgUsage.Alert alert, String note, String by) {
        if (note == null || note.isBlank()) {
            throw new UserFacingException("Say what was done about it: an acknowledgement needs a note.");
        }
        int n = jdbc.write("acknowledging the alert", "Acknowledged the " + alert.words() + ": " + note.strip(),
                null, c -> UsageRepository.acknowledge(c, org, month, alert.metric(), alert.thresholdPct(), alert.version(), note.strip(), by));
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
