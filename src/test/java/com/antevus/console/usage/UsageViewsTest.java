package com.antevus.console.usage;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.antevus.console.core.InlineTaskExecutor;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.shell.ConsoleApp;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.shell.ViewFactory;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The dashboard and the organization usage view on real demo data, checked against raw usage_records. */
class UsageViewsTest {
    static ConsoleContext context;
    /** The instant the test lives at: demo data up to it, the console's clock fixed there. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-11-22T12:00:00Z");
    static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        context = TestContexts.withDemoData("usageviews", 60, NOW);
        // one organization is well over its events quota this month: twice its quota, recorded an hour ago
        try (Connection c = context.database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into usage_records (organization_id, metric, value, recorded_at)
                select s.organization_id, 'events', q.limit_value * 2, ? from subscriptions s
                join plan_quotas q on q.plan_id = s.plan_id and q.code = 'events' and q.cap <> 'unlimited'
                where s.status <> 'canceled' order by s.organization_id limit 1""")) {
            ps.setObject(1, NOW.minusSeconds(3600).atOffset(ZoneOffset.UTC));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        new UsageRollups(context.database().dataSource()).catchUp(Duration.ofMinutes(1));
        new UsageRollups(context.database().dataSource()).refreshAlerts(TODAY);
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        context.close();
    }

    static long sql(String q, Object... args) throws Exception {
        return com.antevus.console.support.TestPostgres.one(context.database().dataSource(), q, args);
    }

    private static Parent show(String fxml, Object controller) throws Exception {
        AtomicReference<Parent> root = new AtomicReference<>();
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            root.set(ViewLoader.load(fxml, controller));
            Scene scene = new Scene(root.get(), 1280, 800);
            scene.getStylesheets().add(UsageViewsTest.class.getResource(ConsoleApp.STYLESHEET).toExternalForm());
            s.setScene(scene);
            s.show();
        });
        return root.get();
    }

    private static void screenshots(Parent root, String name) {
        FxTestSupport.screenshot(root, name + "-light");
        FxTestSupport.onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            return null;
        });
        FxTestSupport.screenshot(root, name + "-dark");
        FxTestSupport.onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            return null;
        });
    }

    @Test
    void theDashboardCountsWhatRawUsageSaysAndOpensAnOrganization() throws Exception {
        AtomicReference<UUID> opened = new AtomicReference<>();
        DashboardViewModel vm = new DashboardViewModel(context.usage(), new InlineTaskExecutor(), opened::set);
        Parent root = show(ViewFactory.DASHBOARD, new DashboardView(vm));
        FxTestSupport.onFx(() -> {
            vm.load();
            return null;
        });
        FxTestSupport.waitUntil(() -> vm.fleetProperty().get() != null);
        FleetUsage f = vm.fleetProperty().get();
        // over quota this month, straight from usage_records and the plans' limits (sums; storage as the month's average)
        long overQuota = sql("""
                with month_usage as (
                  select u.organization_id, u.metric,
                         case when m.aggregation = 'sum' then sum(u.value) else floor(avg(u.value)) end as level
                  from usage_records u join metrics m on m.code = u.metric
                  where u.recorded_at >= date_trunc('month', ?::date) and u.recorded_at < date_trunc('month', ?::date) + interval '1 month'
                  group by 1, 2, m.aggregation)
                select count(distinct s.organization_id) from subscriptions s
                join plan_quotas q on q.plan_id = s.plan_id and q.dimension = 'metric' and q.limit_value > 0 and q.cap <> 'unlimited'
                join month_usage mu on mu.organization_id = s.organization_id and mu.metric = q.code
                where s.status <> 'canceled' and mu.level > q.limit_value""", TODAY, TODAY);
        assertThat(f.overQuota()).isEqualTo(overQuota);
        assertThat(f.liveOrganizations()).isEqualTo(sql("select count(*) from subscriptions where status <> 'canceled'"));
        assertThat(f.pendingVerifications()).isEqualTo(sql("select count(*) from academic_verifications where status in ('pending', 'info_requested')"));
        assertThat(f.projectedOverageMinor()).isEqualTo(vm.topOverages().stream().mapToLong(FleetUsage.OrgMonth::projectedOverageMinor).sum());
        assertThat(vm.heatmap()).isNotEmpty();
        screenshots(root, "dashboard");
        Region cell = robot.lookup(".heat-cell").queryAs(Region.class);
        robot.clickOn(cell);
        assertThat(opened.get()).isEqualTo(vm.heatmap().get(0).id());
    }

    @Test
    void anOrganizationsMonthToDateMatchesRawUsageAndAlertsCanBeAcknowledged() throws Exception {
        UsageViewModel vm = new UsageViewModel(context.usage(), new InlineTaskExecutor());
        Parent root = show(ViewFactory.USAGE, new UsageView(vm));
        UUID busiest;
        try (Connection c = context.database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "select organization_id from usage_alerts where period_month = date_trunc('month', ?::date)::date "
                        + "group by 1 order by count(*) desc limit 1")) {
            ps.setObject(1, TODAY);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("some organization crossed a threshold this month").isTrue();
                busiest = (UUID) rs.getObject(1);
            }
        }
        FxTestSupport.onFx(() -> {
            vm.select(busiest);
            vm.load();
            return null;
        });
        FxTestSupport.waitUntil(() -> vm.usageProperty().get() != null && vm.usageProperty().get().id().equals(busiest));
        OrgUsage u = vm.usageProperty().get();
        OrgUsage.MetricUsage events = u.metrics().stream().filter(m -> m.metric().equals("events")).findFirst().orElseThrow();
        long raw = sql("select coalesce(sum(value), 0) from usage_records where organization_id = ? and metric = 'events' "
                + "and recorded_at >= date_trunc('month', ?::date)", busiest, TODAY);
        assertThat(events.monthToDate()).isEqualTo(raw);
        assertThat(events.projected()).isGreaterThanOrEqualTo(events.monthToDate());
        assertThat(vm.dailySeries()).isNotEmpty().hasSizeLessThanOrEqualTo(UsageViewModel.MAX_POINTS);
        assertThat(u.alerts()).isNotEmpty();
        screenshots(root, "usage-organization");

        OrgUsage.Alert alert = u.alerts().get(0);
        FxTestSupport.onFx(() -> {
            vm.acknowledge(alert, "Told the customer; upgrade to Team proposed");
            return null;
        });
        FxTestSupport.waitUntil(() -> vm.usageProperty().get().alerts().stream().anyMatch(a -> a.acknowledgedAt() != null));
        assertThat(sql("select count(*) from usage_alerts where organization_id = ? and acknowledged_at is not null "
                + "and note = 'Told the customer; upgrade to Team proposed'", busiest)).isEqualTo(1);
        assertThat(sql("select count(*) from audit_log where table_name = 'usage_alerts' and reason like 'Acknowledged the %upgrade to Team proposed'"))
                .isEqualTo(1);
        // a second console holding the old version cannot acknowledge it again
        FxTestSupport.onFx(() -> {
            vm.acknowledge(alert, "again");
            return null;
        });
        FxTestSupport.waitUntil(() -> vm.errorProperty().get().contains("Someone else acknowledged"));
    }
}
