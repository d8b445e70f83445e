package com.antevus.console.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.credits.CreditLedger;
import com.antevus.console.credits.CreditService;
import com.antevus.console.demo.DemoData;
import com.antevus.console.support.TestClocks;
import com.antevus.console.support.TestPostgres;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The low-balance threshold feeds the alerts: an organization below it gets one alert a month, acknowledged like a quota's. */
class LowCreditAlertsTest {
    static final Instant NOV_10 = Instant.parse("2026-11-10T09:00:00Z");
    static final Instant DEC_1 = Instant.parse("2026-12-01T00:00:00Z");
    static DataSource ds;

    @BeforeAll
    static void load() {
        ds = TestPostgres.dataSource(TestPostgres.freshDatabase("low_credits"), "postgres");
        DemoData.load(ds, new DemoData.Options(20, 1, 7, NOV_10, 1), false);
    }

    private static List<Object[]> alerts(UUID org) throws Exception {
        return TestPostgres.rows(ds, "select period_month::text, usage_at_crossing, included, first_crossed_at from usage_alerts "
                + "where organization_id = ? and metric = 'credits' order by period_month", org);
    }

    @Test
    void anOrganizationBelowTheThresholdIsAlertedOnceAMonthAndOneAboveItIsNot() throws Exception {
        List<UUID> orgs = TestPostgres.rows(ds, "select o.id from organizations o where not exists (select 1 from credit_ledger l "
                + "where l.organization_id = o.id) order by o.name limit 2").stream().map(r -> (UUID) r[0]).toList();
        UUID low = orgs.get(0);
        UUID high = orgs.get(1);
        CreditService credits = new CreditService(ds, TestClocks.at(NOV_10));
        credits.grant(low, new CreditService.Grant(CreditLedger.Bucket.PURCHASED, 500L, null, null, null, "Order 2001"));
        credits.grant(high, new CreditService.Grant(CreditLedger.Bucket.PURCHASED, 5_000L, null, null, null, "Order 2002"));
        UsageRollups rollups = new UsageRollups(ds);

        assertThat(rollups.refreshCreditAlerts(NOV_10.plusSeconds(60))).isPositive();
        assertThat(alerts(low)).singleElement().satisfies(a -> {
            assertThat(a[0]).isEqualTo("2026-11-01");
            assertThat(a[1]).isEqualTo(500L); // the balance when it was found low
            assertThat(a[2]).isEqualTo(1_000L); // the default threshold it is below
        });
        assertThat(alerts(high)).isEmpty();
        assertThat(rollups.refreshCreditAlerts(NOV_10.plusSeconds(3600))).as("once a month").isZero();
        assertThat(alerts(low)).hasSize(1);

        // still low in December: a new alert for the new month; the threshold raised to 10,000 catches the other one too
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            s.execute("update credit_settings set low_balance_threshold = 10000");
        }
        rollups.refreshCreditAlerts(DEC_1);
        assertThat(alerts(low)).hasSize(2);
        assertThat(alerts(high)).singleElement().satisfies(a -> assertThat(a[2]).isEqualTo(10_000L));
        // the usage page shows it in words
        OrgUsage.Alert shown = new OrgUsage.Alert("credits", 100, DEC_1, 5_000, 10_000, null, null, null, 0);
        assertThat(shown.what()).isEqualTo("Prepaid credits");
        assertThat(shown.line()).isEqualTo("below 10,000");
    }
}
