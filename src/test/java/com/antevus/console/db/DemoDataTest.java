package com.antevus.console.db;

import com.antevus.console.demo.DemoData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.core.UserFacingException;
import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoDataTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    /** The instant this test lives at: noon UTC on TODAY. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-11-22T12:00:00Z");
    static DataSource ds;
    static DemoData.Counts counts;

    @BeforeAll
    static void load() {
        ds = TestPostgres.dataSource(TestPostgres.freshDatabase("demo"), "postgres");
        counts = DemoData.load(ds, new DemoData.Options(400, 13, DemoData.Options.DEFAULT_SEED, NOW, 1), false);
    }

    static long q(DataSource d, String sql) {
        try (Connection c = d.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void reportedCountsMatchWhatIsInTheDatabase() {
        assertThat(q(ds, "select count(*) from organizations")).isEqualTo(400).isEqualTo(counts.organizations());
        assertThat(q(ds, "select count(*) from usage_records")).isEqualTo(counts.usageRows());
        assertThat(q(ds, "select count(*) from invoices")).isEqualTo(counts.invoices());
        assertThat(q(ds, "select count(*) from invoice_lines")).isEqualTo(counts.invoiceLines());
        assertThat(q(ds, "select count(*) from contracts")).isEqualTo(counts.contracts()).isPositive();
        assertThat(q(ds, "select count(*) from academic_verifications where status in ('pending', 'info_requested')"))
                .isEqualTo(counts.pendingVerifications()).isPositive();
    }

    @Test
    void theCatalogHasTheSeedPlansAddOnsAndMeteredPrices() {
        assertThat(q(ds, "select count(*) from plans where code in ('core','team','scale','core-academic','team-academic','scale-academic')")).isEqualTo(6);
        assertThat(q(ds, "select monthly_price_minor from plans where code = 'core'")).isEqualTo(150_000);
        assertThat(q(ds, "select monthly_price_minor from plans where code = 'core-academic'")).isEqualTo(90_000);
        assertThat(q(ds, "select monthly_price_minor from plans where code = 'scale-academic'")).isEqualTo(450_000);
        assertThat(q(ds, "select annual_price_minor from plans where code = 'team'")).isEqualTo(4_000_00L * 12 * 8 / 10);
        assertThat(q(ds, "select count(*) from add_ons")).isEqualTo(5);
        assertThat(q(ds, "select raises_by from add_ons where code = 'extra-agent' and raises_resource = 'agents'")).isEqualTo(1);
        assertThat(q(ds, "select package_size from metered_prices m join plans p on p.id = m.plan_id where p.code = 'team' and m.metric = 'events'"))
                .isEqualTo(500_000);
        assertThat(q(ds, "select limit_value from plan_quotas q join plans p on p.id = q.plan_id where p.code = 'scale' and q.code = 'agents'"))
                .isEqualTo(6);
    }

    @Test
    void tiersAreMixedWithAcademicAndEnterpriseOrganizations() {
        assertThat(q(ds, "select count(*) from organizations where is_academic")).isBetween(40L, 120L);
        assertThat(q(ds, "select count(*) from organizations where is_enterprise")).isBetween(15L, 60L);
        assertThat(q(ds, "select count(distinct p.family) from subscriptions s join plans p on p.id = s.plan_id")).isEqualTo(4);
        // academic organizations are on academic plans
        assertThat(q(ds, "select count(*) from organizations o join subscriptions s on s.organization_id = o.id "
                + "join plans p on p.id = s.plan_id where o.is_academic and p.academic_of_plan_id is null")).isZero();
    }

    @Test
    void aboutFifteenPercentExceedAQuotaInTheLastFullMonth() {
        // measured independently of the generator: monthly totals from the raw records against plan quotas
        long over = q(ds, """
                with m as (
                  select organization_id, metric,
                         case when metric = 'storage_gb' then avg(daily) else sum(daily) end as used
                  from (select organization_id, metric, date_trunc('day', recorded_at) d, sum(value) daily
                        from usage_records
                        where recorded_at >= date '2026-10-01' and recorded_at < date '2026-11-01'
                        group by 1, 2, 3) x
                  group by 1, 2)
                select count(distinct m.organization_id) from m
                join subscriptions s on s.organization_id = m.organization_id
                join plan_quotas q on q.plan_id = s.plan_id and q.code = m.metric
                where q.limit_value is not null and m.used > q.limit_value""");
        assertThat(over).isEqualTo(counts.overQuotaLastMonth());
        assertThat(over / 400.0).isBetween(0.10, 0.20);
    }

    @Test
    void usageHasAWeeklyShapeWithQuietWeekends() {
        long weekday = q(ds, "select sum(value) / count(distinct date_trunc('day', recorded_at)) from usage_records "
                + "where metric = 'events' and extract(isodow from recorded_at) between 2 and 5");
        long weekend = q(ds, "select sum(value) / count(distinct date_trunc('day', recorded_at)) from usage_records "
                + "where metric = 'events' and extract(isodow from recorded_at) in (6, 7)");
        assertThat((double) weekend / weekday).isBetween(0.2, 0.5);
        assertThat(q(ds, "select count(distinct date_trunc('month', recorded_at)) from usage_records")).isEqualTo(13);
    }

    @Test
    void everyInvoiceTotalsTheSumOfItsLinesAndNothingDangles() {
        assertThat(q(ds, "select count(*) from invoices i where subtotal_minor <> "
                + "(select coalesce(sum(amount_minor), 0) from invoice_lines l where l.organization_id = i.organization_id and l.invoice_id = i.id)"))
                .isZero();
        assertThat(q(ds, "select count(*) from invoices i where not exists (select 1 from invoice_lines l where l.invoice_id = i.id)")).isZero();
        assertThat(q(ds, "select count(*) from subscriptions s where not exists (select 1 from organizations o where o.id = s.organization_id)")).isZero();
        assertThat(q(ds, "select count(*) from usage_records u where not exists (select 1 from organizations o where o.id = u.organization_id)")).isZero();
        assertThat(q(ds, "select count(*) from invoices where status = 'open' and due_date < date '2026-11-22'")).isPositive();
        assertThat(q(ds, "select count(*) from usage_records_default")).isZero();
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedDoesNot() {
        DataSource again = TestPostgres.dataSource(TestPostgres.freshDatabase("demo_again"), "postgres");
        DemoData.load(again, new DemoData.Options(400, 13, DemoData.Options.DEFAULT_SEED, NOW, 1), false);
        String fingerprint = "select md5(string_agg(name || domain, ',' order by id)) || (select sum(value) from usage_records)::text from organizations";
        assertThat(text(again, fingerprint)).isEqualTo(text(ds, fingerprint));
        DataSource other = TestPostgres.dataSource(TestPostgres.freshDatabase("demo_other"), "postgres");
        DemoData.load(other, new DemoData.Options(400, 13, 99, NOW, 1), false);
        assertThat(text(other, fingerprint)).isNotEqualTo(text(ds, fingerprint));
    }

    @Test
    void aDatabaseWithDataIsRefusedUnlessReplacing() {
        assertThatThrownBy(() -> DemoData.load(ds, new DemoData.Options(10, 1, 5, NOW, 1), false))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("--replace");
        assertThat(q(ds, "select count(*) from organizations")).isEqualTo(400);
        DataSource scratch = TestPostgres.dataSource(TestPostgres.freshDatabase("demo_replace"), "postgres");
        DemoData.load(scratch, new DemoData.Options(30, 2, 5, NOW, 1), false);
        long auditBefore = q(scratch, "select count(*) from audit_log");
        DemoData.load(scratch, new DemoData.Options(12, 1, 6, NOW, 1), true);
        assertThat(q(scratch, "select count(*) from organizations")).isEqualTo(12);
        assertThat(q(scratch, "select count(*) from audit_log")).isEqualTo(auditBefore + 1);
    }

    private static String text(DataSource d, String sql) {
        try (Connection c = d.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
