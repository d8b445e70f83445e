package com.antevus.console.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.contracts.Contract;
import com.antevus.console.contracts.ContractService;
import com.antevus.console.core.Secret;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.demo.DemoData;
import com.antevus.console.invoicing.InvoiceDraft;
import com.antevus.console.invoicing.InvoicingService;
import com.antevus.console.invoicing.ReviewRow;
import com.antevus.console.stripe.GatewayOptions;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import com.antevus.console.verification.VerificationRequest;
import com.antevus.console.verification.VerificationService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database's grants are the boundary, through the console's own services: a role the grants refuse gets "Your
 * role cannot …", nothing changes in the database or in Stripe, and every permitted write is audited with the login
 * that made it and its before and after.
 */
class RoleBoundaryTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    /** The instant this test lives at: noon UTC on TODAY. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-11-22T12:00:00Z");
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(NOW);
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static String db;
    private static DataSource owner;
    private static SandboxServer sandbox;
    private static StripeGateway gateway;
    private static InvoiceDraft openInvoice;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestPostgres.freshDatabase("roles");
        owner = TestPostgres.dataSource(db, "postgres");
        DemoData.load(owner, new DemoData.Options(60, 3, 3, NOW, 1), false);
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            for (String role : new String[]{"support", "sales", "finance", "admin", "readonly"}) {
                s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'rb_" + role + "') then "
                        + "create role rb_" + role + " login in role billing_" + role + "; end if; end $$");
            }
        }
        sandbox = SandboxServer.start(owner, 0, null, CLOCK);
        gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_roles_0042")), sandbox.url(),
                GatewayOptions.defaults().withRate(500).withRetries(1, Duration.ofMillis(2), Duration.ofMillis(10)));
        // finance invoices one organization for October in Stripe: an open invoice to try voiding
        InvoicingService finance = invoicing("finance");
        ReviewRow row = finance.review(OCTOBER, List.of()).stream().filter(r -> r.billing() == ReviewRow.Billing.TO_INVOICE)
                .findFirst().orElseThrow();
        openInvoice = finance.createInStripe(finance.createDraft(row.organizationId(), OCTOBER, "rb_finance").invoiceId(), e -> { });
        assertThat(openInvoice.status()).isEqualTo("open");
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    private static DataSource as(String role) {
        return TestPostgres.dataSource(db, "rb_" + role);
    }

    private static InvoicingService invoicing(String role) {
        return new InvoicingService(as(role), new CatalogService(as(role), () -> gateway, CLOCK), () -> gateway);
    }

    private static Clock clock() {
        return Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private static List<Object[]> rows(String sql, Object... args) throws Exception {
        return TestPostgres.rows(owner, sql, args);
    }

    private static long auditCount() throws Exception {
        return (long) rows("select count(*) from audit_log").get(0)[0];
    }

    private static Contract anyContract() {
        return new ContractService(owner, () -> gateway, clock()).list().get(0);
    }

    private static Contract withNotes(Contract k, String notes) {
        return new Contract(k.id(), k.organizationId(), k.organizationName(), k.handlesHealthData(), k.status(), k.currency(),
                k.annualValueMinor(), k.schedule(), k.paymentTerms(), k.startsOn(), k.endsOn(), k.autoRenew(), k.noticeDays(),
                k.discountPct(), k.overrides(), notes, k.documents(), k.version());
    }

    @Test
    void supportCannotChangePlansInvoicesOrContracts() throws Exception {
        long audit = auditCount();
        int versions = new CatalogService(owner, () -> gateway, CLOCK).versions().size();
        CatalogService catalog = new CatalogService(as("support"), () -> gateway, CLOCK);
        assertThatThrownBy(() -> catalog.startDraft(catalog.current().orElseThrow()))
                .isInstanceOf(UserFacingException.class).hasMessageStartingWith("Your role cannot");
        assertThatThrownBy(() -> invoicing("support").voidInvoice(openInvoice.invoiceId(), "not ours"))
                .hasMessageStartingWith("Your role cannot do this (voiding the invoice)");
        Contract k = anyContract();
        assertThatThrownBy(() -> new ContractService(as("support"), () -> gateway, clock()).save(k, withNotes(k, "support was here"), null))
                .hasMessageStartingWith("Your role cannot do this (saving the contract)");
        // nothing changed: the database, the audit log, and the invoice in Stripe
        assertThat(new CatalogService(owner, () -> gateway, CLOCK).versions()).hasSize(versions);
        assertThat(anyContract().notes()).isNotEqualTo("support was here");
        assertThat(rows("select status from invoices where id = ?", openInvoice.invoiceId()).get(0)[0]).isEqualTo("open");
        assertThat(gateway.retrieveInvoice(openInvoice.stripeInvoiceId()).status()).isEqualTo("open");
        assertThat(auditCount()).isEqualTo(audit);
    }

    @Test
    void salesCannotVoidInvoicesNorMarkThemPaidAndStripeIsNotTouched() throws Exception {
        InvoicingService sales = invoicing("sales");
        assertThatThrownBy(() -> sales.voidInvoice(openInvoice.invoiceId(), "customer asked"))
                .hasMessageStartingWith("Your role cannot do this (voiding the invoice)");
        assertThatThrownBy(() -> sales.markPaidOutOfBand(openInvoice.invoiceId(), "wire", "FED-1", "paid"))
                .hasMessageStartingWith("Your role cannot do this (recording the payment)");
        assertThat(gateway.retrieveInvoice(openInvoice.stripeInvoiceId()).status()).isEqualTo("open");
        assertThat(rows("select status from invoices where id = ?", openInvoice.invoiceId()).get(0)[0]).isEqualTo("open");
    }

    @Test
    void financeCannotEditTheCatalog() throws Exception {
        int versions = new CatalogService(owner, () -> gateway, CLOCK).versions().size();
        CatalogService catalog = new CatalogService(as("finance"), () -> gateway, CLOCK);
        assertThatThrownBy(() -> catalog.startDraft(catalog.current().orElseThrow())).hasMessageStartingWith("Your role cannot");
        assertThat(new CatalogService(owner, () -> gateway, CLOCK).versions()).hasSize(versions);
    }

    @Test
    void aLoginRevokedMidSessionGetsOnePlainSentenceAndNothingChanges() throws Exception {
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'rb_leaver') then "
                    + "create role rb_leaver login in role billing_sales; end if; end $$");
        }
        ContractService leaver = new ContractService(TestPostgres.dataSource(db, "rb_leaver"), () -> gateway, clock());
        Contract k = leaver.list().get(0); // signed in and working
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            s.execute("alter role rb_leaver nologin");
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where usename = 'rb_leaver'");
        }
        assertThatThrownBy(() -> leaver.save(k, withNotes(k, "after leaving"), null))
                .isInstanceOf(UserFacingException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("FATAL").contains("sign in again"));
        assertThat(anyContract().notes()).isNotEqualTo("after leaving");
    }

    @Test
    void everyWriteInAScriptedScenarioIsAuditedWithItsLoginAndBeforeAndAfter() throws Exception {
        long before = (long) rows("select coalesce(max(id), 0) from audit_log").get(0)[0];
        // sales edits a contract's notes
        Contract k = anyContract();
        new ContractService(as("sales"), () -> gateway, clock()).save(k, withNotes(k, "QBR booked"), "Quarterly review");
        // support rejects a pending academic request
        VerificationService support = new VerificationService(as("support"), () -> gateway, clock());
        VerificationRequest pending = support.all().stream().filter(r -> r.status() == VerificationRequest.Status.PENDING).findFirst().orElseThrow();
        support.reject(pending, VerificationService.REJECTION_TEMPLATES.get(2));
        // admin starts a catalog draft
        CatalogService admin = new CatalogService(as("admin"), () -> gateway, CLOCK);
        admin.startDraft(admin.current().orElseThrow());
        // finance voids the open invoice (Stripe first, after the grants said yes)
        InvoiceDraft voided = invoicing("finance").voidInvoice(openInvoice.invoiceId(), "Issued in error");
        assertThat(voided.status()).isEqualTo("void");

        List<Object[]> audit = rows("select db_user, table_name, operation, old_row->>'notes', new_row->>'notes', old_row->>'status', "
                + "new_row->>'status', reason, stripe_request_id from audit_log where id > ? order by id", before);
        assertThat(audit).filteredOn(a -> "contracts".equals(a[1])).singleElement().satisfies(a -> {
            assertThat(a[0]).isEqualTo("rb_sales");
            assertThat(a[2]).isEqualTo("UPDATE");
            assertThat(a[3]).isNotEqualTo("QBR booked");
            assertThat(a[4]).isEqualTo("QBR booked");
            assertThat(a[7]).isEqualTo("Quarterly review");
        });
        assertThat(audit).filteredOn(a -> "academic_verifications".equals(a[1])).singleElement().satisfies(a -> {
            assertThat(a[0]).isEqualTo("rb_support");
            assertThat(a[5]).isEqualTo("pending");
            assertThat(a[6]).isEqualTo("rejected");
        });
        assertThat(audit).filteredOn(a -> "catalog_versions".equals(a[1])).isNotEmpty().allSatisfy(a -> assertThat(a[0]).isEqualTo("rb_admin"));
        assertThat(audit).filteredOn(a -> "invoices".equals(a[1])).singleElement().satisfies(a -> {
            assertThat(a[0]).isEqualTo("rb_finance");
            assertThat(a[5]).isEqualTo("open");
            assertThat(a[6]).isEqualTo("void");
            assertThat(a[7]).isEqualTo("Issued in error");
            assertThat((String) a[8]).as("the Stripe request id of the void").startsWith("req_");
        });
        assertThat(audit).as("every row names a login and a before or after").allSatisfy(a -> assertThat(a[0]).asString().startsWith("rb_"));
    }
}
