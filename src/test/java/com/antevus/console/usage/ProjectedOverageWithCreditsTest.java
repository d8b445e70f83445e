package com.antevus.console.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.support.TestClocks;
import com.antevus.console.support.TestContexts;
import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The dashboard projects what will be billed: an organization whose prepaid credits cover its projected overage shows
 * none of it, organizations without credits are unchanged, and with nothing consuming credits the overage is back.
 */
class ProjectedOverageWithCreditsTest {
    /** The demo's month to date, November 22, 2026 at noon. */
    static final Instant NOW = TestClocks.NOV_22_2026_NOON;

    @Test
    void creditsLowerTheProjectedOverageOfTheOrganizationsThatHaveThemAndNoOthers() throws Exception {
        try (ConsoleContext context = TestContexts.withDemoData("projcredits", 120, NOW)) {
            DataSource ds = context.database().dataSource();
            UsageService usage = context.usage();
            // the month's rollups, as the console's refresher keeps them: fold everything ingested so far (a catch-up that
            // finds the start-up refresher running does nothing, so until one of ours has run)
            UsageRollups rollups = new UsageRollups(ds);
            while (rollups.catchUp(java.time.Duration.ofMinutes(2)).busy()) {
                Thread.onSpinWait();
            }
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("update credit_events set active = false"); // nothing consumes credits: overage is billed in full
            }
            FleetUsage full = usage.fleet(NOW);
            Map<UUID, Long> gross = overages(full);
            Set<UUID> demoCredits = TestPostgres.rows(ds, "select distinct organization_id from credit_ledger").stream()
                    .map(r -> (UUID) r[0]).collect(Collectors.toSet());
            // the organization with the largest projected overage and no credits gets far more than it could spend
            UUID org = gross.entrySet().stream().filter(e -> !demoCredits.contains(e.getKey())).max(Map.Entry.comparingByValue())
                    .orElseThrow().getKey();
            assertThat(gross.get(org)).isPositive();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("insert into credit_ledger (organization_id, id, entry, lot_id, bucket, credits, effective_at, reason) values ('" + org
                        + "', 'c0ffee00-0000-4000-8000-000000000001', 'grant', 'c0ffee00-0000-4000-8000-000000000001', 'purchased', "
                        + "100000000, '2026-11-01T00:00:00Z', 'test grant')");
                s.execute("update credit_events set active = true");
            }
            FleetUsage withCredits = usage.fleet(NOW);
            Map<UUID, Long> net = overages(withCredits);
            assertThat(net.get(org)).as("every metric it overruns costs credits, and it has plenty: nothing is left to bill").isZero();
            gross.forEach((o, amount) -> {
                if (demoCredits.contains(o)) {
                    assertThat(net.get(o)).as("an organization with the demo's credits").isBetween(0L, amount);
                } else if (!o.equals(org)) {
                    assertThat(net.get(o)).as("an organization without credits").isEqualTo(amount);
                }
            });
            assertThat(withCredits.projectedOverageMinor()).isLessThanOrEqualTo(full.projectedOverageMinor() - gross.get(org));
        }
    }

    private static Map<UUID, Long> overages(FleetUsage f) {
        return f.organizations().stream().collect(Collectors.toMap(FleetUsage.OrgMonth::id, FleetUsage.OrgMonth::projectedOverageMinor));
    }
}
