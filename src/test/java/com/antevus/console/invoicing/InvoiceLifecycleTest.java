package com.antevus.console.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.core.Secret;
import com.antevus.console.demo.DemoData;
import com.antevus.console.stripe.GatewayOptions;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A draft edited, created in Stripe step by step, paid and voided in Stripe, synced back, reconciled. */
class InvoiceLifecycleTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    /** The instant this test lives at: noon UTC on TODAY. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-11-22T12:00:00Z");
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(NOW);
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static DataSource ds;
    private static SandboxServer sandbox;
    private static StripeGateway gateway;
    private static InvoicingService service;
    private static StripeEventSync sync;
    private static Reconciliation reconciliation;

    @BeforeAll
    static void setUp() throws Exception {
        ds = TestPostgres.dataSource(TestPostgres.freshDatabase("invoice_life"), "postgres");
        DemoData.load(ds, new DemoData.Options(40, 3, 5, NOW, 1), false);
        sandbox = SandboxServer.start(ds, 0, null, CLOCK);
        gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_lifecycle_0042")), sandbox.url(),
                GatewayOptions.defaults().withRate(500).withRetries(2, Duration.ofMillis(2), Duration.ofMillis(20)));
        CatalogService catalog = new CatalogService(ds, () -> gateway, CLOCK);
        service = new InvoicingService(ds, catalog, () -> gateway);
        sync = new StripeEventSync(ds, () -> gateway, CLOCK);
        reconciliation = new Reconciliation(ds, catalog, () -> gateway);
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    private static String status(java.util.UUID invoice) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select status from invoices where id = ?")) {
            ps.setObject(1, invoice);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void aDraftIsAdjustedWithReasonsCreatedStepByStepThenPaidAndVoidedInStripeAndSyncedBack() throws Exception {
        List<ReviewRow> rows = service.review(OCTOBER, List.of()).stream().filter(r -> r.billing() == ReviewRow.Billing.TO_INVOICE).toList();
        ReviewRow first = rows.get(0);
        InvoiceDraft draft = service.createDraft(first.organizationId(), OCTOBER, "test");
        assertThat(draft.editable()).isTrue();
        assertThat(draft.subtotalMinor()).isEqualTo(first.totalMinor());

        // an adjusted line needs a reason; a one-off line too
        List<DraftLine> lines = new ArrayList<>(draft.lines());
        DraftLine l1 = lines.get(0);
        lines.set(0, new DraftLine(l1.lineNo(), l1.kind(), l1.description(), l1.metric(), l1.quantity(), l1.amountMinor() - 10_000,
                l1.ratedAmountMinor(), null));
        assertThat(InvoicingService.validate(lines)).extracting(InvoicingService.LineProblem::field).containsExactly("reason");
        assertThatThrownBy(() -> service.saveDraft(draft, lines, null, "edit")).hasMessageContaining("Say why the rated amount changed");
        lines.set(0, new DraftLine(l1.lineNo(), l1.kind(), l1.description(), l1.metric(), l1.quantity(), l1.amountMinor() - 10_000,
                l1.ratedAmountMinor(), "Goodwill: outage on Oct 14"));
        lines.add(new DraftLine(99, "one_off", "Onboarding workshop", null, 1, 25_000, null, "Agreed with the customer"));
        InvoiceDraft saved = service.saveDraft(draft, lines, "Thanks for your business", "Adjusted for the October outage");
        assertThat(saved.subtotalMinor()).isEqualTo(first.totalMinor() - 10_000 + 25_000);
        assertThat(saved.lines()).extracting(DraftLine::lineNo).containsExactly(java.util.stream.IntStream.rangeClosed(1, lines.size()).boxed().toArray(Integer[]::new));
        // a second editor working from the old version is refused, and nothing of theirs is written
        assertThatThrownBy(() -> service.saveDraft(draft, draft.lines(), null, "stale")).hasMessageContaining("changed this draft since you opened it");

        List<String> steps = new ArrayList<>();
        InvoiceDraft sent = service.createInStripe(saved.invoiceId(), e -> {
            if (e.done()) {
                steps.add(e.step());
            }
        });
        assertThat(steps).containsExactly("Stripe customer", "Create invoice", "Add lines", "Finalize", "Send");
        assertThat(sent.status()).isEqualTo("open");
        assertThat(sent.number()).isNotBlank();
        assertThat(sent.hostedInvoiceUrl()).startsWith(sandbox.url());
        assertThat(sent.editable()).isFalse();
        assertThatThrownBy(() -> service.saveDraft(sent, sent.lines(), null, "late")).hasMessageContaining("created in Stripe");

        // a second invoice, voided later
        InvoiceDraft other = service.createInStripe(service.createDraft(rows.get(1).organizationId(), OCTOBER, "test").invoiceId(), e -> { });
        assertThat(other.status()).isEqualTo("open");

        // the customer pays by wire and someone records it in Stripe; someone voids the other one in Stripe's dashboard
        gateway.payOutOfBand(IdempotencyKey.of("test", sent.invoiceId(), "pay"), sent.stripeInvoiceId());
        gateway.voidInvoice(IdempotencyKey.of("test", other.invoiceId(), "void"), other.stripeInvoiceId());
        StripeEventSync.SyncResult r = sync.sync();
        assertThat(r.stored()).isPositive();
        assertThat(r.failed()).isZero();
        assertThat(status(sent.invoiceId())).isEqualTo("paid");
        assertThat(status(other.invoiceId())).isEqualTo("void");
        StripeEventSync.SyncResult again = sync.sync();
        assertThat(again.stored()).as("events are stored once").isZero();
        // replaying the finalize event does not move a paid invoice back to open
        String finalized = sync.events(null, 500).stream().filter(e -> e.type().equals("invoice.finalized")
                && sent.stripeInvoiceId().equals(e.objectId())).findFirst().orElseThrow().eventId();
        assertThat(sync.replay(finalized)).isEqualTo("ignored");
        assertThat(status(sent.invoiceId())).isEqualTo("paid");

        List<Reconciliation.Progress> compared = new java.util.ArrayList<>();
        List<Reconciliation.Row> rec = reconciliation.reconcile(OCTOBER, compared::add);
        // progress counts the period's invoices: from 0 of all of them to all of them, one at a time
        long invoiced = rec.stream().filter(x -> x.localMinor() != null).count();
        assertThat(compared).first().isEqualTo(new Reconciliation.Progress(0, (int) invoiced));
        assertThat(compared).last().isEqualTo(new Reconciliation.Progress((int) invoiced, (int) invoiced));
        assertThat(compared).hasSize((int) invoiced + 1);
        Reconciliation.Row paidRow = rec.stream().filter(x -> x.organizationId().equals(first.organizationId())).findFirst().orElseThrow();
        assertThat(paidRow.stripeMinor()).isEqualTo(paidRow.localMinor()).isEqualTo(saved.subtotalMinor());
        assertThat(paidRow.problem()).as("the adjustment shows against the rating").contains("vs rating");
        assertThat(rec).anySatisfy(x -> assertThat(x.problem()).startsWith("Not invoiced"));
        assertThat(Reconciliation.csv(rec).lines().count()).isEqualTo(rec.size() + 1L);

        List<Reconciliation.DunningRow> dunning = reconciliation.dunning(TODAY);
        assertThat(dunning).isNotEmpty().allSatisfy(d -> assertThat(d.daysOverdue()).isPositive());
    }

    @Test
    void voidingADraftThatIsNotInStripeIsRefusedAndMarkingPaidNeedsAReference() {
        ReviewRow row = service.review(OCTOBER, List.of()).stream().filter(r -> r.billing() == ReviewRow.Billing.TO_INVOICE)
                .reduce((a, b) -> b).orElseThrow();
        InvoiceDraft d = service.createDraft(row.organizationId(), OCTOBER, "test");
        assertThatThrownBy(() -> service.voidInvoice(d.invoiceId(), "duplicate")).hasMessageContaining("discard the draft instead");
        InvoiceDraft open = service.createInStripe(d.invoiceId(), e -> { });
        assertThatThrownBy(() -> service.markPaidOutOfBand(open.invoiceId(), "wire", " ", "paid")).hasMessageContaining("reference");
        InvoiceDraft paid = service.markPaidOutOfBand(open.invoiceId(), "wire", "FED-20261121-0042", "Wire received");
        assertThat(paid.status()).isEqualTo("paid");
        assertThatThrownBy(() -> service.voidInvoice(paid.invoiceId(), "mistake")).hasMessageContaining("Only an open invoice");
    }
}
