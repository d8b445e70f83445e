package com.antevus.console.orgs;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.demo.DemoData;
import com.antevus.console.support.TestClocks;
import com.antevus.console.support.TestPostgres;
import com.antevus.console.usage.UsageService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * One definition of MRR and billing interval (issue 16, item 8), checked in every place that shows them: the
 * organization list row by row and the dashboard's total. Expected values are worked out here from the contract and
 * plan rows, by the rule the README states.
 */
class MrrDefinitionTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void aContractsScheduleDecidesTheIntervalAndItsAnnualValueTheMrrInTheListAndOnTheDashboard() throws Exception {
        DataSource ds = TestPostgres.dataSource(TestPostgres.freshDatabase("mrr"), "postgres");
        DemoData.load(ds, new DemoData.Options(120, 3, 21, NOW, 1), false);
        Map<UUID, OrganizationSummary> list = new OrganizationService(ds, null).listOrganizations().stream()
                .collect(Collectors.toMap(OrganizationSummary::id, Function.identity()));

        List<Object[]> contracts = TestPostgres.rows(ds, "select c.organization_id, c.billing_schedule, c.annual_value_minor "
                + "from contracts c join subscriptions s on s.organization_id = c.organization_id and s.contract_id = c.id "
                + "and s.status not in ('canceled', 'trialing') where c.status = 'active'");
        assertThat(contracts).as("the demo has active contracts").isNotEmpty();
        assertThat(contracts.stream().map(r -> r[1]).distinct().count()).as("on more than one schedule").isGreaterThan(1);
        for (Object[] c : contracts) {
            OrganizationSummary row = list.get((UUID) c[0]);
            String expectedInterval = switch ((String) c[1]) {
                case "monthly" -> "month";
                case "quarterly" -> "quarter";
                default -> "year";
            };
            long annual = ((Number) c[2]).longValue();
            assertThat(row.billingInterval()).as(row.name() + " bills on its contract's schedule").isEqualTo(expectedInterval);
            assertThat(row.mrr().minor()).as(row.name() + ": its contract's annual value / 12, rounded half up")
                    .isEqualTo(Math.round(annual / 12.0));
        }

        List<Object[]> plans = TestPostgres.rows(ds, "select s.organization_id, s.billing_interval, p.billing_model, "
                + "coalesce(p.monthly_price_minor, 0), coalesce(p.annual_price_minor, 0), coalesce(s.seats, 0), coalesce(p.min_seats, 1), "
                + "(select coalesce(sum(a.monthly_price_minor * sa.quantity), 0) from subscription_add_ons sa join add_ons a "
                + "  on a.code = sa.add_on_code and a.catalog_version_id = p.catalog_version_id "
                + "  where sa.organization_id = s.organization_id and sa.subscription_id = s.id and sa.active) "
                + "from subscriptions s join plans p on p.id = s.plan_id where s.status not in ('canceled', 'trialing') "
                + "and not exists (select 1 from contracts c where c.organization_id = s.organization_id and c.id = s.contract_id "
                + "and c.status = 'active')");
        assertThat(plans).hasSizeGreaterThan(50);
        assertThat(plans.stream().map(r -> r[1]).distinct().count()).as("monthly and annual subscriptions").isEqualTo(2);
        for (Object[] s : plans) {
            long seats = "per_seat".equals(s[2]) ? Math.max(((Number) s[5]).longValue(), ((Number) s[6]).longValue()) : 1;
            long base = "year".equals(s[1]) ? Math.round(((Number) s[4]).longValue() * seats / 12.0) : ((Number) s[3]).longValue() * seats;
            long expected = base + ((Number) s[7]).longValue();
            OrganizationSummary row = list.get((UUID) s[0]);
            assertThat(row.billingInterval()).isEqualTo(s[1]);
            assertThat(row.mrr().minor()).as(row.name() + ": the plan's price (per seat where it is) plus add-ons").isEqualTo(expected);
        }

        long listed = list.values().stream().filter(o -> o.mrr().currency().equals("USD")).mapToLong(o -> o.mrr().minor()).sum();
        assertThat(new UsageService(ds, TestClocks.at(NOW)).fleet().mrrMinor()).as("the dashboard's MRR is the list's, summed")
                .isEqualTo(listed);
    }
}
