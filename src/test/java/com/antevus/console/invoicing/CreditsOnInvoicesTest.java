package com.antevus.console.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.credits.CreditLedger;
import com.antevus.console.credits.CreditService;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.support.TestClocks;
import com.antevus.console.support.TestContexts;
import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prepaid credits on an invoice: the draft for November pays the events over the quota with credits, as a line of its
 * own; recording the draft takes the credits from the ledger in the same transaction, once, so neither a second draft
 * nor settling the month spends them again.
 */
class CreditsOnInvoicesTest {
    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    /** Finance invoices November on December 2; the credits were granted on November 5. */
    static final Instant DEC_2 = Instant.parse("2026-12-02T08:00:00Z");
    static final Instant NOV_5 = Instant.parse("2026-11-05T09:30:00Z");

    static ConsoleContext context;
    static DataSource ds;

    @BeforeAll
    static void open() {
        context = TestContexts.withDemoData("creditsinvoices", 40, DEC_2);
        ds = context.database().dataSource();
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    void theDraftPaysOverageWithCreditsAndTakesThemOnce() throws Exception {
        UUID org = (UUID) TestPostgres.rows(ds, "select o.id from organizations o join subscriptions s on s.organization_id = o.id "
                + "join plans p on p.id = s.plan_id where p.code = 'core' and s.billing_interval = 'month' and s.contract_id is null "
                + "and s.status = 'active' and not exists (select 1 from credit_ledger l where l.organization_id = o.id) "
                + "and not exists (select 1 from invoices i where i.organization_id = o.id and i.period_start = date '2026-11-01') "
                + "order by o.name limit 1").get(0)[0];
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("update credit_events set active = false where metric <> 'events'");
            long events = new com.antevus.console.charges.PeriodCharges(ds).rateOrganization(org, NOVEMBER).usage().getOrDefault("events", 0L);
            try (PreparedStatement ps = c.prepareStatement("insert into usage_adjustments (organization_id, metric, period_month, delta, "
                    + "reason) values (?, 'events', date '2026-11-01', ?, 'test usage')")) {
                ps.setObject(1, org);
                ps.setLong(2, 2_200_000 - events); // 1,200,000 over Core's 1,000,000: 5 started blocks of 250,000 at $100
                ps.executeUpdate();
            }
        }
        CreditService november = new CreditService(ds, TestClocks.at(NOV_5));
        november.grant(org, new CreditService.Grant(CreditLedger.Bucket.PURCHASED, 500L, null, null, null, "Order 1182"));
        november.grant(org, new CreditService.Grant(CreditLedger.Bucket.SUBSCRIPTION, 1000L, null, null, NOVEMBER, "Allocation"));

        InvoiceDraft draft = context.invoicing().createDraft(org, NOVEMBER, "test");
        DraftLine overage = draft.lines().stream().filter(l -> "overage".equals(l.kind()) && "events".equals(l.metric())).findFirst().orElseThrow();
        assertThat(overage.amountMinor()).isEqualTo(500_00);
        DraftLine paid = draft.lines().stream().filter(l -> l.description().contains("prepaid credits")).findFirst().orElseThrow();
        assertThat(paid.amountMinor()).isEqualTo(-500_00);
        assertThat(paid.description()).isEqualTo("Events: 1,200,000 of the 1,200,000 over the quota paid with 1,200 prepaid credits");
        long total = TestPostgres.one(ds, "select total_minor from invoices where id = ?", draft.invoiceId());
        assertThat(total).isEqualTo(draft.lines().stream().mapToLong(DraftLine::amountMinor).sum());
        assertThat(TestPostgres.one(ds, "select -sum(credits) from credit_ledger where organization_id = ? and entry = 'consumption' "
                + "and period_month = date '2026-11-01'", org)).as("taken with the draft").isEqualTo(1200);

        // asking again returns the same draft and takes nothing more
        assertThat(context.invoicing().createDraft(org, NOVEMBER, "test").invoiceId()).isEqualTo(draft.invoiceId());
        // credits pay for usage, not for an invoice: a discarded draft gives none back, and the month drafted again
        // carries the same credit line and draws nothing more
        context.invoicing().discardDraft(context.invoicing().draft(draft.invoiceId()), "Drafted too early");
        InvoiceDraft again = context.invoicing().createDraft(org, NOVEMBER, "test");
        assertThat(again.invoiceId()).isNotEqualTo(draft.invoiceId());
        assertThat(again.lines()).filteredOn(l -> l.description().contains("prepaid credits")).singleElement()
                .satisfies(l -> assertThat(l.amountMinor()).isEqualTo(-500_00));
        assertThat(TestPostgres.one(ds, "select -sum(credits) from credit_ledger where organization_id = ? and entry = 'consumption'", org))
                .as("drawn once, for the month").isEqualTo(1200);
        // settling the month only expires what is left
        CreditService.Settlement settled = new CreditService(ds, TestClocks.at(DEC_2)).settle(org, NOVEMBER);
        assertThat(settled.alreadySettled()).isTrue();
        assertThat(settled.expired()).isEqualTo(300);
        assertThat(TestPostgres.one(ds, "select -sum(credits) from credit_ledger where organization_id = ? and entry = 'consumption'", org))
                .isEqualTo(1200);
        assertThat(TestPostgres.one(ds, "select sum(credits) from credit_ledger where organization_id = ?", org)).isZero();
    }
}
