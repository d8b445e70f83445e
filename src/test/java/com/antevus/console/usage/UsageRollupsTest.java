package com.antevus.console.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.demo.DemoData;
import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rollups equal a direct SUM over usage_records, for random organizations and days, late rows included. */
class UsageRollupsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    /** The instant this test lives at: noon UTC on TODAY. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-11-22T12:00:00Z");
    private DataSource ds;
    private UsageRollups rollups;
    private final Random random = new Random(5);

    @BeforeEach
    void setUp() {
        ds = TestPostgres.dataSource(TestPostgres.freshDatabase("rollups"), "postgres");
        DemoData.load(ds, new DemoData.Options(40, 3, 9, NOW, 2), false);
        rollups = new UsageRollups(ds);
    }

    private long one(String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<UUID> organizations() throws SQLException {
        List<UUID> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select distinct organization_id from usage_records order by 1")) {
            while (rs.next()) {
                out.add((UUID) rs.getObject(1));
            }
        }
        return out;
    }

    /** Every (organization, metric, day) of a random sample, and every month, against a direct aggregate. */
    private void assertRollupsMatchRawUsage(int samples) throws SQLException {
        List<UUID> orgs = organizations();
        String[] metrics = {"events", "ai_tokens", "storage_gb"};
        for (int i = 0; i < samples; i++) {
            UUID org = orgs.get(random.nextInt(orgs.size()));
            String metric = metrics[random.nextInt(metrics.length)];
            LocalDate day = TODAY.minusDays(random.nextInt(95));
            long raw = one("select coalesce(sum(value), 0) from usage_records where organization_id = ? and metric = ? "
                    + "and recorded_at >= ?::date and recorded_at < ?::date + 1", org, metric, day, day);
            long rawCount = one("select count(*) from usage_records where organization_id = ? and metric = ? "
                    + "and recorded_at >= ?::date and recorded_at < ?::date + 1", org, metric, day, day);
            long rolled = one("select coalesce(sum(total), 0) from usage_daily where organization_id = ? and metric = ? and day = ?",
                    org, metric, day);
            long rolledCount = one("select coalesce(sum(samples), 0) from usage_daily where organization_id = ? and metric = ? and day = ?",
                    org, metric, day);
            assertThat(rolled).as(org + " " + metric + " " + day).isEqualTo(raw);
            assertThat(rolledCount).isEqualTo(rawCount);
        }
        // every monthly total, all organizations at once
        assertThat(one("""
                select count(*) from (
                  select organization_id, metric, date_trunc('month', recorded_at at time zone 'UTC')::date as month,
                         sum(value) as total, count(*) as samples, max(value) as peak
                  from usage_records group by 1, 2, 3) raw
                full join usage_monthly m using (organization_id, metric, month)
                where raw.total is distinct from m.total or raw.samples is distinct from m.samples or raw.peak is distinct from m.peak""")).isZero();
        assertThat(one("select count(*) from usage_monthly")).isPositive();
        // the monthly rows' daily arrays agree with the daily rollup, day by day, and add up to the month
        assertThat(one("""
                select count(*) from usage_daily d
                join usage_monthly m on m.organization_id = d.organization_id and m.metric = d.metric
                 and m.month = date_trunc('month', d.day)::date
                where m.daily_totals[extract(day from d.day)::int] <> d.total
                   or m.daily_samples[extract(day from d.day)::int] <> d.samples""")).isZero();
        assertThat(one("select count(*) from usage_monthly m where m.total <> (select sum(x) from unnest(m.daily_totals) x)")).isZero();
    }

    @Test
    void rollupsEqualDirectSumsIncludingLateArrivingRows() throws Exception {
        UsageRollups.Refresh first = rollups.catchUp(Duration.ofMinutes(1));
        assertThat(first.busy()).isFalse();
        assertThat(first.rowsFolded()).isEqualTo(one("select count(*) from usage_records"));
        assertRollupsMatchRawUsage(60);

        // late rows for past days (a product backfilling), a few today, and one in a month with no rollup yet
        List<UUID> orgs = organizations();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into usage_records (organization_id, metric, value, recorded_at) values (?, ?, ?, ?)")) {
            for (int i = 0; i < 500; i++) {
                ps.setObject(1, orgs.get(random.nextInt(orgs.size())));
                ps.setString(2, random.nextBoolean() ? "events" : "ai_tokens");
                ps.setLong(3, 1 + random.nextInt(10_000));
                ps.setObject(4, TODAY.minusDays(random.nextInt(80)).atTime(random.nextInt(24), 7).atOffset(java.time.ZoneOffset.UTC));
                ps.addBatch();
            }
            ps.setObject(1, orgs.get(0));
            ps.setString(2, "events");
            ps.setLong(3, 777);
            ps.setObject(4, LocalDate.of(2024, 2, 10).atStartOfDay().atOffset(java.time.ZoneOffset.UTC));
            ps.addBatch();
            ps.executeBatch();
        }
        UsageRollups.Refresh second = rollups.catchUp(Duration.ofMinutes(1));
        assertThat(second.rowsFolded()).isEqualTo(501);
        assertRollupsMatchRawUsage(60);
        assertThat(one("select total from usage_daily where organization_id = ? and metric = 'events' and day = date '2024-02-10'",
                orgs.get(0))).isEqualTo(777);
        // nothing new: nothing folded twice
        assertThat(rollups.catchUp(Duration.ofMinutes(1)).rowsFolded()).isZero();
        assertRollupsMatchRawUsage(20);
    }

    @Test
    void aRowFromATransactionThatCommitsLateIsNotSkipped() throws Exception {
        rollups.catchUp(Duration.ofMinutes(1));
        UUID org = organizations().get(0);
        // recorded at the test's instant; ingested (the refresher's concern) when the database commits them
        String insert = "insert into usage_records (organization_id, metric, value, recorded_at) values (?, 'events', ?, ?)";
        try (Connection slow = ds.getConnection(); Connection fast = ds.getConnection()) {
            slow.setAutoCommit(false);
            try (PreparedStatement ps = slow.prepareStatement(insert)) {   // ingested at its (earlier) start, commits last
                ps.setObject(1, org);
                ps.setLong(2, 1_000_001);
                ps.setObject(3, NOW.atOffset(java.time.ZoneOffset.UTC));
                ps.executeUpdate();
            }
            Thread.sleep(1_500); // older than the refresher's one-second margin: only the open-transaction horizon protects it
            try (PreparedStatement ps = fast.prepareStatement(insert)) {   // ingested later, committed at once
                ps.setObject(1, org);
                ps.setLong(2, 2_000_002);
                ps.setObject(3, NOW.atOffset(java.time.ZoneOffset.UTC));
                ps.executeUpdate();
            }
            CompletableFuture<UsageRollups.Refresh> refresh = CompletableFuture.supplyAsync(() -> rollups.catchUp(Duration.ofMinutes(1)));
            Thread.sleep(300);
            slow.commit();
            UsageRollups.Refresh r = refresh.get(30, TimeUnit.SECONDS);
            assertThat(r.busy()).isFalse();
        }
        rollups.catchUp(Duration.ofMinutes(1));
        long rolledToday = one("select total from usage_daily where organization_id = ? and metric = 'events' "
                + "and day = ?", org, TODAY);
        long rawToday = one("select sum(value) from usage_records where organization_id = ? and metric = 'events' "
                + "and recorded_at >= ?::date and recorded_at < ?::date + 1", org, TODAY, TODAY);
        assertThat(rawToday).isGreaterThanOrEqualTo(3_000_003);
        assertThat(rolledToday).isEqualTo(rawToday);
        assertRollupsMatchRawUsage(10);
    }

    @Test
    void aSecondRefresherReturnsAtOnceWhileOneIsRunning() throws Exception {
        try (Connection holder = ds.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("select pg_advisory_xact_lock(hashtext('billing.usage_rollups'))");
            }
            UsageRollups.Refresh r = rollups.catchUp(Duration.ofSeconds(5));
            assertThat(r.busy()).isTrue();
            assertThat(r.rowsFolded()).isZero();
            holder.rollback();
        }
        assertThat(rollups.catchUp(Duration.ofMinutes(1)).busy()).isFalse();
    }

    @Test
    void alertsRecordTheFirstDayAThresholdWasCrossed() throws Exception {
        rollups.catchUp(Duration.ofMinutes(1));
        LocalDate month = TODAY.minusMonths(1).withDayOfMonth(1);
        int added = rollups.refreshAlerts(month);
        assertThat(added).isPositive();
        assertThat(rollups.refreshAlerts(month)).as("a crossing is recorded once").isZero();
        // for each alert on a summed metric, the running total up to the day before the crossing was below it, and at it not
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select organization_id, metric, threshold_pct, first_crossed_at::date, included from usage_alerts "
                        + "where metric = 'events' and period_month = date '" + month + "'")) {
            int checked = 0;
            while (rs.next()) {
                UUID org = (UUID) rs.getObject(1);
                LocalDate day = rs.getDate(4).toLocalDate();
                long threshold = rs.getLong(5) * rs.getInt(3);
                long before = one("select coalesce(sum(value), 0) from usage_records where organization_id = ? and metric = 'events' "
                        + "and recorded_at >= ?::date and recorded_at < ?::date", org, month, day);
                long through = one("select coalesce(sum(value), 0) from usage_records where organization_id = ? and metric = 'events' "
                        + "and recorded_at >= ?::date and recorded_at < ?::date + 1", org, month, day);
                assertThat(before * 100).isLessThan(threshold);
                assertThat(through * 100).isGreaterThanOrEqualTo(threshold);
                checked++;
            }
            assertThat(checked).isPositive();
        }
    }
}
