package com.antevus.console.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.InlineTaskExecutor;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.invoicing.InvoicesViewModel;
import com.antevus.console.invoicing.ReviewRow;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.shell.ViewFactory;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import javafx.scene.Parent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The console on the edges of time, on real demo data built from the instant each test names: the first minutes of a
 * year (a month and a year boundary at once), the last minutes of a month, and 29 February. Expected figures come from
 * raw usage_records, never from the code under test.
 */
class MonthBoundaryTest {
    static final Instant NEW_YEAR = Instant.parse("2027-01-01T00:03:00Z");

    @BeforeAll
    static void stage() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static long sql(ConsoleContext ctx, String sql, Object... args) throws Exception {
        return com.antevus.console.support.TestPostgres.one(ctx.database().dataSource(), sql, args);
    }

    private static java.time.OffsetDateTime utc(String instant) {
        return Instant.parse(instant).atOffset(java.time.ZoneOffset.UTC);
    }

    @Test
    void threeMinutesIntoANewYearLastMonthIsCompleteAndInvoiceableAndThisMonthIsProjectedSensibly() throws Exception {
        try (ConsoleContext ctx = TestContexts.withDemoData("newyear", 60, NEW_YEAR)) {
            // whatever the machine's zone, the console's sessions count UTC days
            try (Connection c = ctx.database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("show TimeZone");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("UTC");
            }
            new UsageRollups(ctx.database().dataSource()).catchUp(Duration.ofMinutes(1));
            FleetUsage f = ctx.usage().fleet();
            assertThat(f.asOf()).isEqualTo(NEW_YEAR);
            FleetUsage.OrgMonth busiest = f.organizations().stream()
                    .max(java.util.Comparator.comparingLong(o -> o.projected().get("events"))).orElseThrow();
            UUID org = busiest.id();

            // December is complete: its last day is in the data, to its last reading
            assertThat(sql(ctx, "select count(*) from usage_records where organization_id = ? and metric = 'storage_gb' "
                    + "and recorded_at = ?", org, utc("2026-12-31T23:55:00Z"))).isEqualTo(1);
            long december = sql(ctx, "select coalesce(sum(value), 0) from usage_records where organization_id = ? and metric = 'events' "
                    + "and recorded_at >= ? and recorded_at < ?", org, utc("2026-12-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
            long january = sql(ctx, "select coalesce(sum(value), 0) from usage_records where organization_id = ? and metric = 'events' "
                    + "and recorded_at >= ?", org, utc("2027-01-01T00:00:00Z"));
            assertThat(december).isPositive();
            // month to date is three minutes of January; nothing is recorded after the clock's instant
            assertThat(busiest.usage().get("events")).isEqualTo(january);
            assertThat(sql(ctx, "select count(*) from usage_records where recorded_at > ?", utc("2027-01-01T00:03:00Z"))).isZero();
            // events project from December's daily rate for the rest of January (by hand: 44,637 of 44,640 minutes to go)
            long expected = january + Math.round(december / (31 * 1440.0) * (31 * 1440 - 3));
            assertThat(busiest.projected().get("events")).isEqualTo(expected);
            // storage is a gauge: projected at its latest reading (31 Dec 23:55), not 0 and not scaled by days
            long latestGb = sql(ctx, "select value from usage_records where organization_id = ? and metric = 'storage_gb' "
                    + "order by recorded_at desc limit 1", org);
            assertThat(busiest.projected().get("storage_gb")).isEqualTo(latestGb).isPositive();
            assertThat(f.projectionBasis()).contains("less than a day");

            // December is the period to invoice, and it is in the period picker with the new year first
            InvoicesViewModel invoices = new InvoicesViewModel(ctx.invoicing(), ctx.stripeEvents(), ctx.reconciliation(), new InlineTaskExecutor());
            assertThat(invoices.periodProperty().get()).isEqualTo(YearMonth.of(2026, 12));
            assertThat(invoices.periods()).startsWith(YearMonth.of(2027, 1), YearMonth.of(2026, 12));
            List<ReviewRow> review = ctx.invoicing().review(YearMonth.of(2026, 12), List.of());
            assertThat(review).hasSizeGreaterThan(40);
            ReviewRow row = review.stream().filter(r -> r.organizationId().equals(org)).findFirst().orElseThrow();
            assertThat(row.totalMinor()).isEqualTo(row.lines().stream().mapToLong(l -> l.amountMinor()).sum());

            // the organization's usage view says the same, in words
            OrgUsage u = ctx.usage().organization(org);
            OrgUsage.MetricUsage storage = u.metrics().stream().filter(m -> m.metric().equals("storage_gb")).findFirst().orElseThrow();
            assertThat(storage.samplesThisMonth()).isZero();
            assertThat(storage.latestReading()).isEqualTo(latestGb);
            assertThat(storage.projected()).isEqualTo(latestGb);
            OrgUsage.MetricUsage events = u.metrics().stream().filter(m -> m.metric().equals("events")).findFirst().orElseThrow();
            assertThat(events.monthToDate()).isEqualTo(january);
            assertThat(events.previousMonth()).isEqualTo(december);
            assertThat(events.projected()).isEqualTo(expected);

            // what a person sees on the 1st: the dashboard and the usage view, light and dark
            DashboardViewModel dvm = new DashboardViewModel(ctx.usage(), new InlineTaskExecutor(), id -> { });
            Parent dash = FxTestSupport.show(() -> ViewLoader.load(ViewFactory.DASHBOARD, new DashboardView(dvm)));
            FxTestSupport.onFx(() -> {
                dvm.load();
                return null;
            });
            FxTestSupport.waitUntil(() -> dvm.fleetProperty().get() != null);
            // three minutes in, hardly anyone is over a quota yet; December's closed count stands beside it, not an "all clear"
            FleetUsage shown = dvm.fleetProperty().get();
            assertThat(shown.overQuotaLastMonth()).isPositive().isGreaterThan(shown.overQuota());
            String caption = FxTestSupport.onFx(() -> ((javafx.scene.control.Label) dash.lookup("#card-over-quota .kpi-caption")).getText());
            assertThat(caption).isEqualTo("December, closed: " + shown.overQuotaLastMonth());
            FxTestSupport.screenshots(dash, "dashboard-first-minutes");
            UsageViewModel uvm = new UsageViewModel(ctx.usage(), new InlineTaskExecutor());
            Parent usage = FxTestSupport.show(() -> ViewLoader.load(ViewFactory.USAGE, new UsageView(uvm)));
            FxTestSupport.onFx(() -> {
                uvm.select(org);
                uvm.load();
                return null;
            });
            FxTestSupport.waitUntil(() -> uvm.usageProperty().get() != null && uvm.usageProperty().get().id().equals(org));
            FxTestSupport.onFx(() -> {
                uvm.metricProperty().set(uvm.usageProperty().get().metrics().stream()
                        .filter(m -> m.metric().equals("storage_gb")).findFirst().orElseThrow());
                return null;
            });
            FxTestSupport.screenshots(usage, "usage-first-minutes");
        }
    }

    @Test
    void eightMinutesBeforeAMonthEndsTheProjectionIsTheRateOfAlmostTheWholeMonth() throws Exception {
        Instant late = Instant.parse("2027-01-31T23:52:00Z");
        try (ConsoleContext ctx = TestContexts.withDemoData("monthend", 30, late)) {
            new UsageRollups(ctx.database().dataSource()).catchUp(Duration.ofMinutes(1));
            FleetUsage f = ctx.usage().fleet();
            FleetUsage.OrgMonth o = f.organizations().stream().filter(x -> x.usage().get("events") > 0).findFirst().orElseThrow();
            long mtd = sql(ctx, "select coalesce(sum(value), 0) from usage_records where organization_id = ? and metric = 'events' "
                    + "and recorded_at >= ?", o.id(), utc("2027-01-01T00:00:00Z"));
            assertThat(o.usage().get("events")).isEqualTo(mtd);
            // 44,632 of January's 44,640 minutes have passed
            assertThat(o.projected().get("events")).isEqualTo(Math.round(mtd * (44_640.0 / 44_632)));
            assertThat(f.projectionBasis()).isEqualTo("the rate of the 31.0 days so far");
        }
    }

    @Test
    void onTheTwentyNinthOfFebruaryTheMonthHasTwentyNineDays() throws Exception {
        Instant leap = Instant.parse("2028-02-29T23:58:00Z");
        try (ConsoleContext ctx = TestContexts.withDemoData("leapday", 20, leap)) {
            new UsageRollups(ctx.database().dataSource()).catchUp(Duration.ofMinutes(1));
            assertThat(sql(ctx, "select count(distinct recorded_at::date) from usage_records where recorded_at >= ? and recorded_at < ?",
                    utc("2028-02-01T00:00:00Z"), utc("2028-03-01T00:00:00Z"))).isEqualTo(29);
            FleetUsage f = ctx.usage().fleet();
            FleetUsage.OrgMonth o = f.organizations().stream().filter(x -> x.usage().get("events") > 0).findFirst().orElseThrow();
            // 41,758 of February's 29 × 1,440 = 41,760 minutes have passed
            assertThat(o.projected().get("events")).isEqualTo(Math.round(o.usage().get("events") * (41_760.0 / 41_758)));
            InvoicesViewModel invoices = new InvoicesViewModel(ctx.invoicing(), ctx.stripeEvents(), ctx.reconciliation(), new InlineTaskExecutor());
            assertThat(invoices.periodProperty().get()).isEqualTo(YearMonth.of(2028, 1));
        }
    }
}
