package com.antevus.console.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.support.TestContexts;
import com.antevus.console.support.TestPostgres;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's trends on demo data at the last minutes of a year: thirteen months in order, money that agrees with
 * the tiles' own overdue figure, and an invoice placed in a known age band landing in that band only.
 */
class FleetTrendsTest {
    static final Instant YEAR_END = Instant.parse("2026-12-31T23:52:00Z");

    @Test
    void thirteenMonthsInOrderAndOverdueMoneyInItsAgeBand() throws Exception {
        try (ConsoleContext ctx = TestContexts.withDemoData("trends", 40, YEAR_END)) {
            FleetUsage before = ctx.usage().fleet(YEAR_END);
            FleetTrends t = before.trends();
            assertThat(t.invoiced()).extracting(FleetTrends.Month::month).hasSize(13)
                    .startsWith(YearMonth.of(2025, 12)).endsWith(YearMonth.of(2026, 12)).isSorted();
            assertThat(t.usage()).hasSize(13);
            assertThat(t.overdue()).extracting(FleetTrends.Overdue::band).containsExactlyElementsOf(FleetTrends.BANDS);
            assertThat(t.overdue().stream().mapToLong(FleetTrends.Overdue::owedMinor).sum()).as("the bands add up to the overdue tile")
                    .isEqualTo(before.overdueMinor());
            long demoNovember = TestPostgres.one(ctx.database().dataSource(), "select coalesce(sum(total_minor), 0) from invoices "
                    + "where status in ('open', 'paid') and currency = 'USD' and period_start >= '2026-11-01' and period_start < '2026-12-01'");
            assertThat(t.invoiced().get(11).value()).isEqualTo(demoNovember);

            // an open invoice 75 days past due, $1,234.56 of it unpaid: it belongs to 61–90 days and to November's billing
            UUID org = (UUID) TestPostgres.rows(ctx.database().dataSource(), "select id from organizations order by name limit 1").get(0)[0];
            try (var c = ctx.database().dataSource().getConnection()) {
                c.setAutoCommit(false); // the invoice and its line in one transaction: the schema checks the total against the lines
                UUID invoice = UUID.randomUUID();
                try (var ps = c.prepareStatement("insert into invoices (organization_id, id, kind, status, currency, period_start, period_end, "
                        + "subtotal_minor, total_minor, amount_paid_minor, due_date) values (?, ?, 'one_off', 'open', 'USD', '2026-11-01', "
                        + "'2026-12-01', 200000, 200000, 76544, date '2026-12-31' - 75)");
                     var line = c.prepareStatement("insert into invoice_lines (organization_id, invoice_id, line_no, kind, description, "
                             + "amount_minor, currency) values (?, ?, 1, 'one_off', 'Onboarding workshop', 200000, 'USD')")) {
                    for (var st : java.util.List.of(ps, line)) {
                        st.setObject(1, org);
                        st.setObject(2, invoice);
                        st.executeUpdate();
                    }
                }
                c.commit();
            }
            FleetTrends after = ctx.usage().fleet(YEAR_END).trends();
            for (int band = 0; band < FleetTrends.BANDS.size(); band++) {
                FleetTrends.Overdue was = t.overdue().get(band);
                FleetTrends.Overdue now = after.overdue().get(band);
                boolean target = band == 2;
                assertThat(now.invoices() - was.invoices()).as(now.band()).isEqualTo(target ? 1 : 0);
                assertThat(now.owedMinor() - was.owedMinor()).as(now.band()).isEqualTo(target ? 123_456 : 0);
            }
            assertThat(after.invoiced().get(11).value()).isEqualTo(demoNovember + 200_000);
        }
    }
}
