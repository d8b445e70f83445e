package com.antevus.console.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.core.Money;
import com.antevus.console.core.Secret;
import com.antevus.console.demo.DemoData;
import com.antevus.console.stripe.GatewayOptions;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Credit notes against October's invoices: in the sandbox, in the console's records, the reconciliation and the audit log. */
class CreditNotesTest {
    /** The instant this test lives at. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-11-22T12:00:00Z");
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(NOW);
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static DataSource ds;
    private static SandboxServer sandbox;
    private static StripeGateway gateway;
    private static InvoicingService invoicing;
    private static CreditNoteService notes;
    private static Reconciliation reconciliation;
    private static List<ReviewRow> toInvoice;

    @BeforeAll
    static void setUp() throws Exception {
        ds = TestPostgres.dataSource(TestPostgres.freshDatabase("credit_notes"), "postgres");
        DemoData.load(ds, new DemoData.Options(40, 3, 5, NOW, 1), false);
        sandbox = SandboxServer.start(ds, 0, null, CLOCK);
        gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_credit_notes_0042")), sandbox.url(),
                GatewayOptions.defaults().withRate(500).withRetries(2, Duration.ofMillis(2), Duration.ofMillis(20)));
        CatalogService catalog = new CatalogService(ds, () -> gateway, CLOCK);
        invoicing = new InvoicingService(ds, catalog, () -> gateway);
        notes = new CreditNoteService(ds, () -> gateway, CLOCK);
        reconciliation = new Reconciliation(ds, catalog, () -> gateway);
        toInvoice = invoicing.review(OCTOBER, List.of()).stream()
                .filter(r -> r.billing() == ReviewRow.Billing.TO_INVOICE && r.lines().size() >= 2 && r.totalMinor() > 0).toList();
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    /** The n-th organization's October invoice, created, finalized and sent in Stripe. */
    private static InvoiceDraft openInvoice(int n) {
        InvoiceDraft d = invoicing.createDraft(toInvoice.get(n).organizationId(), OCTOBER, "test");
        return invoicing.createInStripe(d.invoiceId(), e -> { });
    }

    private static long creditedOnStripe(InvoiceDraft d) {
        StripeModels.Invoice si = gateway.retrieveInvoice(d.stripeInvoiceId());
        return si.prePaymentCredited().minor() + si.postPaymentCredited().minor();
    }

    @Test
    void aLineOfAPaidInvoiceIsCreditedToTheBalanceOnceWithTheReasonInTheAuditLog() throws Exception {
        InvoiceDraft open = openInvoice(0);
        InvoiceDraft paid = invoicing.markPaidOutOfBand(open.invoiceId(), "wire", "FED-20261120-0091", "Wire received");
        assertThat(paid.status()).isEqualTo("paid");
        DraftLine line = paid.lines().get(0);
        CreditNoteService.Request r = new CreditNoteService.Request(paid.invoiceId(),
                List.of(new CreditNoteService.LineCredit(line.lineNo(), line.description(), line.amountMinor())), "product_unsatisfactory",
                "Outage on 14 October", CreditNoteService.Settlement.CUSTOMER_BALANCE);

        CreditNoteService.Plan plan = notes.plan(r);
        assertThat(plan.problems()).isEmpty();
        assertThat(plan.prePaymentMinor()).isZero(); // nothing is owed on a paid invoice
        assertThat(plan.toBalanceMinor()).isEqualTo(line.amountMinor());
        assertThat(plan.words()).contains("to the customer's balance").contains(Money.of(line.amountMinor(), paid.currency()).format());

        CreditNoteService.Note note = notes.issue(r);
        assertThat(note.state()).isEqualTo("issued");
        assertThat(note.number()).startsWith(paid.number() + "-CN-");
        assertThat(note.amountMinor()).isEqualTo(line.amountMinor());
        // Stripe: the invoice shows the credit, the customer's balance moved by it
        assertThat(creditedOnStripe(paid)).isEqualTo(line.amountMinor());
        CreditNoteService.Balance balance = notes.balance(paid.stripeCustomerId(), paid.currency()).orElseThrow();
        assertThat(balance.balanceMinor()).isEqualTo(-line.amountMinor());
        assertThat(balance.changes()).first().satisfies(t -> assertThat(t.creditNoteId()).isEqualTo(note.stripeId()));
        // the reconciliation finds no difference for it
        Reconciliation.Row row = reconciliation.reconcile(OCTOBER, p -> { }).stream()
                .filter(x -> x.organizationId().equals(paid.organizationId())).findFirst().orElseThrow();
        assertThat(row.problem()).isNull();
        // the audit log has the note's reason with the Stripe request that issued it
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select reason, stripe_request_id from audit_log "
                + "where table_name = 'credit_notes' and row_key->>'id' = ? and new_row->>'state' = 'issued'")) {
            ps.setString(1, note.id().toString());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Outage on 14 October");
                assertThat(rs.getString(2)).startsWith("req_");
            }
        }
        // the same line again is refused before Stripe: it is credited in full
        assertThat(notes.plan(r).problems()).extracting(CreditNoteService.Problem::message)
                .anyMatch(m -> m.contains("can be credited at most " + Money.of(0, paid.currency()).format()));
        assertThatThrownBy(() -> notes.issue(r)).hasMessageContaining("Nothing was credited");
        assertThat(gateway.creditNotes(paid.stripeInvoiceId())).hasSize(1);
        assertThat(notes.forOrganization(paid.organizationId())).hasSize(1);
    }

    @Test
    void aNoteStripeIssuedButTheConsoleNeverRecordedIsFinishedAsTheSameNoteNotASecond() {
        InvoiceDraft open = openInvoice(1);
        DraftLine line = open.lines().get(1);
        CreditNoteService.Request r = new CreditNoteService.Request(open.invoiceId(),
                List.of(new CreditNoteService.LineCredit(line.lineNo(), line.description(), 1_000)), "duplicate", "Counted twice",
                CreditNoteService.Settlement.OUT_OF_BAND);
        CreditNoteService.Plan plan = notes.plan(r);
        UUID id = UUID.randomUUID();
        // the console recorded its plan and Stripe issued the note, then the console stopped before recording the answer
        new com.antevus.console.db.Jdbc(ds).write("test", "Counted twice", null, c -> {
            CreditNoteRepository.insert(c, id, plan, r);
            return null;
        });
        String lineId = gateway.invoiceLines(open.stripeInvoiceId()).stream()
                .filter(l -> String.valueOf(line.lineNo()).equals(l.metadata().get("console_line"))).findFirst().orElseThrow().id();
        StripeModels.CreditNote sent = gateway.createCreditNote(IdempotencyKey.of("credit_note", id, "create"), open.stripeInvoiceId(),
                List.of(new StripeModels.CreditLineSpec(lineId, Money.of(1_000, open.currency()), null)), "duplicate", "Counted twice",
                new StripeModels.CreditSettlement(Money.of(0, open.currency()), Money.of(0, open.currency())),
                Map.of("console_credit_note_id", id.toString(), "console_invoice_id", open.invoiceId().toString()));

        assertThat(notes.resume()).isEqualTo(1);
        assertThat(notes.forInvoice(open.invoiceId())).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo("issued");
            assertThat(n.stripeId()).isEqualTo(sent.id());
        });
        assertThat(gateway.creditNotes(open.stripeInvoiceId())).hasSize(1);
        assertThat(notes.resume()).isZero();
        // it came off what is owed, and the past-due list says so
        StripeModels.Invoice si = gateway.retrieveInvoice(open.stripeInvoiceId());
        assertThat(si.amountRemaining().minor()).isEqualTo(open.subtotalMinor() - 1_000);
    }

    @Test
    void creditingAllThatIsOwedPaysTheInvoiceAndVoidingTheNoteMakesItOwedAgain() throws Exception {
        InvoiceDraft open = openInvoice(2);
        long total = open.subtotalMinor();
        List<CreditNoteService.LineCredit> all = List.of(new CreditNoteService.LineCredit(null, "October cancelled", total));
        CreditNoteService.Note note = notes.issue(new CreditNoteService.Request(open.invoiceId(), all, "order_change",
                "Contract cancelled before October", null));
        assertThat(note.prePaymentMinor()).isEqualTo(total);
        assertThat(status(open.invoiceId())).isEqualTo("paid");
        assertThat(gateway.retrieveInvoice(open.stripeInvoiceId()).status()).isEqualTo("paid");

        assertThatThrownBy(() -> notes.voidNote(note.id(), "")).hasMessageContaining("Say why");
        CreditNoteService.Note voided = notes.voidNote(note.id(), "Cancellation was reversed");
        assertThat(voided.state()).isEqualTo("void");
        assertThat(voided.voidReason()).isEqualTo("Cancellation was reversed");
        assertThat(status(open.invoiceId())).isEqualTo("open");
        assertThat(gateway.retrieveInvoice(open.stripeInvoiceId()).amountRemaining().minor()).isEqualTo(total);
        assertThat(creditedOnStripe(open)).isZero();
        // a void note no longer counts: the lines can be credited again
        assertThat(notes.lines(open.invoiceId())).allSatisfy(l -> assertThat(l.creditedMinor()).isZero());
        // Stripe's invoice.paid from when the note paid it, synced only now, does not make it paid again
        new StripeEventSync(ds, () -> gateway, CLOCK).sync();
        assertThat(status(open.invoiceId())).isEqualTo("open");
        assertThat(TestPostgres.rows(ds, "select status, error from stripe_events where type = 'invoice.paid' and object_id = ?",
                open.stripeInvoiceId())).singleElement().satisfies(e -> {
            assertThat(e[0]).isEqualTo("ignored");
            assertThat((String) e[1]).contains("Stripe now says it is open");
        });
    }

    @Test
    void theDatabaseRefusesANoteWhoseLinesDoNotAddUpOrThatCreditsMoreThanTheLineCharged() throws Exception {
        InvoiceDraft open = openInvoice(3);
        DraftLine line = open.lines().get(0);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            UUID id = UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("insert into credit_notes (organization_id, id, invoice_id, state, reason, note, "
                    + "currency, amount_minor, pre_payment_minor) values (?, ?, ?, 'planned', 'duplicate', 'typed by hand', ?, ?, ?)")) {
                ps.setObject(1, open.organizationId());
                ps.setObject(2, id);
                ps.setObject(3, open.invoiceId());
                ps.setString(4, open.currency());
                ps.setLong(5, line.amountMinor() + 1);
                ps.setLong(6, line.amountMinor() + 1);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into credit_note_lines (organization_id, credit_note_id, line_no, "
                    + "invoice_line_no, description, amount_minor) values (?, ?, 1, ?, 'x', ?)")) {
                ps.setObject(1, open.organizationId());
                ps.setObject(2, id);
                ps.setInt(3, line.lineNo());
                ps.setLong(4, line.amountMinor() + 1);
                ps.executeUpdate();
            }
            assertThatThrownBy(c::commit).hasMessageContaining("line " + line.lineNo() + " charged");
            c.rollback();
        }
        assertThat(notes.forInvoice(open.invoiceId())).isEmpty();
    }

    private static String status(UUID invoice) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select status from invoices where id = ?")) {
            ps.setObject(1, invoice);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
