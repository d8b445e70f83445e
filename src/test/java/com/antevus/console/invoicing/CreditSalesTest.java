package com.antevus.console.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.credits.CreditLedger;
import com.antevus.console.credits.CreditService;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.stripe.StripeModels;
import com.antevus.console.support.TestClocks;
import com.antevus.console.support.TestContexts;
import com.antevus.console.support.TestPostgres;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A credit product sold through Stripe: its own invoice, sent; the purchased credits granted once it is paid (Stripe's
 * event, or a payment recorded outside Stripe), never twice; a sale half-way finishes once.
 */
class CreditSalesTest {
    static final Instant DEC_3 = Instant.parse("2026-12-03T10:00:00Z");
    static ConsoleContext context;
    static DataSource ds;
    static CreditSales sales;

    @BeforeAll
    static void open() {
        context = TestContexts.withDemoData("credit_sales", 20, DEC_3);
        ds = context.database().dataSource();
        sales = new CreditSales(ds, context.stripe()::gateway, TestClocks.at(DEC_3));
    }

    @AfterAll
    static void close() {
        context.close();
    }

    private static List<UUID> organizations() throws Exception {
        return TestPostgres.rows(ds, "select o.id from organizations o where not exists (select 1 from credit_ledger l where l.organization_id = o.id) "
                + "order by o.name").stream().map(r -> (UUID) r[0]).toList();
    }

    private static long purchased(UUID org) {
        return new CreditService(ds, TestClocks.at(DEC_3)).account(org).available().of(CreditLedger.Bucket.PURCHASED);
    }

    @Test
    void aSaleIsInvoicedInStripeAndItsCreditsComeOncePaid() throws Exception {
        UUID org = organizations().get(0);
        context.organizations().linkStripeCustomer(org);

        CreditSales.Sale sold = sales.sell(org, "credits-50k", "Order PO-7781");
        assertThat(sold.state()).isEqualTo("sent");
        assertThat(sold.credits()).isEqualTo(50_000);
        StripeModels.Invoice inStripe = context.stripe().gateway().retrieveInvoice(sold.stripeInvoiceId());
        assertThat(inStripe.status()).isEqualTo("open");
        assertThat(inStripe.total().minor()).isEqualTo(45_000L); // the product's price: $450.00 for 50,000 credits
        assertThat(inStripe.number()).isEqualTo(sold.invoiceNumber());
        assertThat(purchased(org)).as("nothing before it is paid").isZero();

        // paid in Stripe (the customer pays the hosted invoice): the event grants the credits, once
        context.stripe().gateway().payOutOfBand(com.antevus.console.stripe.IdempotencyKey.of("test", sold.id(), "pay"), sold.stripeInvoiceId());
        new StripeEventSync(ds, context.stripe()::gateway, TestClocks.at(DEC_3)).sync();
        assertThat(purchased(org)).isEqualTo(50_000);
        assertThat(sales.forOrganization(org)).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("paid"));
        for (Object[] e : TestPostgres.rows(ds, "select event_id from stripe_events where object_id = ?", sold.stripeInvoiceId())) {
            new StripeEventSync(ds, context.stripe()::gateway, TestClocks.at(DEC_3)).replay((String) e[0]);
        }
        assertThat(purchased(org)).as("a replayed event grants nothing more").isEqualTo(50_000);
        assertThatThrownBy(() -> sales.markPaidOutOfBand(sold.id(), "FED-1", "again")).hasMessageContaining("Only an invoiced sale");
    }

    @Test
    void aSalePaidByWireGrantsOnceAndMistakesSellNothing() throws Exception {
        List<UUID> orgs = organizations();
        UUID org = orgs.get(1);
        UUID noCustomer = orgs.get(2);
        long before = TestPostgres.one(ds, "select count(*) from credit_sales");
        assertThatThrownBy(() -> sales.sell(noCustomer, "credits-10k", "Order 1")).hasMessageContaining("no Stripe customer")
                .hasMessageContaining("Nothing was sold");
        context.organizations().linkStripeCustomer(org);
        assertThatThrownBy(() -> sales.sell(org, "credits-1m", "Order 2")).hasMessageContaining("no credit product 'credits-1m'");
        assertThatThrownBy(() -> sales.sell(org, "credits-10k", " ")).hasMessageContaining("Give a reason");
        assertThat(TestPostgres.one(ds, "select count(*) from credit_sales")).isEqualTo(before);

        CreditSales.Sale sold = sales.sell(org, "credits-10k", "Order PO-7790");
        CreditSales.Sale paid = sales.markPaidOutOfBand(sold.id(), "FED-20261203-0042", "Wire received");
        assertThat(paid.state()).isEqualTo("paid");
        assertThat(context.stripe().gateway().retrieveInvoice(sold.stripeInvoiceId()).status()).isEqualTo("paid");
        assertThat(purchased(org)).isEqualTo(10_000);
        new StripeEventSync(ds, context.stripe()::gateway, TestClocks.at(DEC_3)).sync();
        assertThat(purchased(org)).as("Stripe's invoice.paid after the wire grants nothing more").isEqualTo(10_000);
    }

    @Test
    void aSaleLeftHalfWayFinishesOnceWithTheSameInvoice() throws Exception {
        UUID org = organizations().get(3);
        context.organizations().linkStripeCustomer(org);
        CreditSales.Sale sold = sales.sell(org, "credits-10k", "Order PO-7795");
        // as if the console stopped after Stripe created the invoice but before it recorded the step
        try (var c = ds.getConnection(); var ps = c.prepareStatement("update credit_sales set state = 'planned', stripe_invoice_id = null, "
                + "invoice_number = null, hosted_invoice_url = null where id = ?")) {
            ps.setObject(1, sold.id());
            ps.executeUpdate();
        }
        assertThat(sales.resume()).isEqualTo(1);
        CreditSales.Sale done = sales.forOrganization(org).get(0);
        assertThat(done.state()).isEqualTo("sent");
        assertThat(done.stripeInvoiceId()).as("found again, not a second invoice").isEqualTo(sold.stripeInvoiceId());
        assertThat(context.stripe().gateway().allInvoices(done.stripeCustomerId()))
                .filteredOn(i -> sold.id().toString().equals(i.metadata().get("console_credit_sale_id"))).hasSize(1);
    }

    @Test
    void theOrganizationPageConfirmsASaleInWordsAndAmounts() {
        var product = new CreditService(ds, TestClocks.at(DEC_3)).products().stream().filter(p -> p.code().equals("credits-50k")).findFirst()
                .orElseThrow();
        var c = com.antevus.console.orgs.OrganizationPageViewModel.saleConfirmation(product, "Alder Biosciences", "Order PO-7781");
        assertThat(c.title()).isEqualTo("Sell credits");
        assertThat(c.summary()).isEqualTo("Sell 50,000 credits to Alder Biosciences for $450.00.");
        assertThat(c.details()).anyMatch(d -> d.contains("granted when it is paid")).anyMatch(d -> d.contains("Order PO-7781"));
    }
}
