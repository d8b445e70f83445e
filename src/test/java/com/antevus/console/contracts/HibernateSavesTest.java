package com.antevus.console.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.Secret;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.demo.DemoData;
import com.antevus.console.catalog.CatalogService;
import com.antevus.console.invoicing.DraftLine;
import com.antevus.console.invoicing.InvoiceDraft;
import com.antevus.console.invoicing.InvoicingService;
import com.antevus.console.invoicing.ReviewRow;
import com.antevus.console.orgs.OrganizationService;
import com.antevus.console.verification.VerificationRequest;
import com.antevus.console.verification.VerificationService;
import com.antevus.console.rating.ContractOverrides;
import com.antevus.console.stripe.GatewayOptions;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestClocks;
import com.antevus.console.support.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The records staff edit are saved through Hibernate with {@code @Version}: two people save the same contract (and
 * the same organization) from one version, truly at once. A third connection holds the row so both saves have read
 * version 0 and wait at their UPDATE; released, exactly one commits and Hibernate's {@code where version = 0} refuses
 * the other, which is told who changed what. Nothing is lost, and the audit rows carry the reason and the login.
 */
class HibernateSavesTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Clock CLOCK = TestClocks.at(NOW);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static String db;
    private static DataSource owner;
    private static SandboxServer sandbox;
    private static StripeGateway gateway;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestPostgres.freshDatabase("hibernate_saves");
        owner = TestPostgres.dataSource(db, "postgres");
        DemoData.load(owner, new DemoData.Options(20, 2, 3, NOW, 1), false);
        TestPostgres.createLogins(owner, "hsa_");
        TestPostgres.createLogins(owner, "hsb_");
        sandbox = SandboxServer.start(owner, 0, null, CLOCK);
        gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_hibernate_0017")), sandbox.url(),
                GatewayOptions.defaults().withRate(500).withRetries(2, Duration.ofMillis(2), Duration.ofMillis(20)));
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    @Test
    void twoSalesPeopleSaveOneContractVersionAtOnceAndTheLoserIsToldWhoChangedWhat() throws Exception {
        ContractService alice = new ContractService(TestPostgres.dataSource(db, "hsa_sales"), () -> gateway, CLOCK);
        ContractService bob = new ContractService(TestPostgres.dataSource(db, "hsb_sales"), () -> gateway, CLOCK);
        UUID org = (UUID) TestPostgres.rows(owner, "select id from organizations where not is_enterprise order by name limit 1").get(0)[0];
        ContractService.OrganizationChoice o = alice.organizations().stream().filter(x -> x.id().equals(org)).findFirst().orElseThrow();
        Contract blank = Contract.blank(o.id(), o.name(), o.handlesHealthData(), TODAY);
        Contract opened = alice.save(null, new Contract(null, org, o.name(), o.handlesHealthData(), blank.status(), "USD", 80_000_00,
                Contract.Schedule.QUARTERLY, Contract.PaymentTerms.NET45, TODAY.withDayOfMonth(1), TODAY.withDayOfMonth(1).plusYears(1),
                false, 60, new BigDecimal("5"), ContractOverrides.NONE, "", List.of(), 0), "New contract for the test");
        assertThat(opened.version()).isZero();

        Contract aliceEdit = ContractServiceTest.withValue(opened, 95_000_00);
        Contract bobEdit = ContractServiceTest.withNotes(opened, "Procurement asked for net 60");
        List<Object> results = raceOnRow("contracts", opened.id(),
                () -> attempt(() -> alice.save(opened, aliceEdit, "Price agreed on the call")),
                () -> attempt(() -> bob.save(opened, bobEdit, "Procurement note")));

        assertThat(results).as("exactly one save wins").filteredOn(r -> r instanceof Contract).hasSize(1);
        boolean aliceWon = results.get(0) instanceof Contract;
        ContractConflictException lost = (ContractConflictException) results.get(aliceWon ? 1 : 0);
        String winner = aliceWon ? "hsa_sales" : "hsb_sales";
        String theirField = aliceWon ? "Annual value" : "Notes";
        assertThat(lost.getMessage()).startsWith(winner + " changed this contract").contains(theirField).contains("your edits are kept");
        Contract stored = alice.load(opened.id());
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.annualValueMinor()).isEqualTo(aliceWon ? 95_000_00 : 80_000_00);
        assertThat(stored.notes()).isEqualTo(aliceWon ? "" : "Procurement asked for net 60");
        // the audit row of the winning save names the login and the reason it gave
        List<Object[]> audit = TestPostgres.rows(owner, "select db_user, reason from audit_log where table_name = 'contracts' "
                + "and operation = 'UPDATE' and row_key->>'id' = ? order by id", opened.id().toString());
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).containsExactly(winner, aliceWon ? "Price agreed on the call" : "Procurement note");

        // nothing is lost: the loser saves again on top of the winner, and both changes are there
        Contract merged = ContractRules.merge(opened, aliceWon ? bobEdit : aliceEdit, lost.current());
        Contract again = (aliceWon ? bob : alice).save(lost.current(), merged, "Saved again after the conflict");
        assertThat(again.annualValueMinor()).isEqualTo(95_000_00);
        assertThat(again.notes()).isEqualTo("Procurement asked for net 60");
        assertThat(again.version()).isEqualTo(2);
    }

    @Test
    void twoFinancePeopleLinkOneOrganizationAtOnceAndOnlyOneLinkIsWritten() throws Exception {
        OrganizationService alice = new OrganizationService(TestPostgres.dataSource(db, "hsa_finance"), gateway);
        OrganizationService bob = new OrganizationService(TestPostgres.dataSource(db, "hsb_finance"), gateway);
        Object[] row = TestPostgres.rows(owner, "select id, name, billing_email from organizations where stripe_customer_id is null "
                + "order by name offset 3 limit 1").get(0);
        UUID org = (UUID) row[0];
        // the customer exists already (an earlier attempt): both find it, neither creates a second one
        String customer = gateway.createCustomer(IdempotencyKey.of("organization", org, "create-customer"), (String) row[1],
                (String) row[2], Map.of("organization_id", org.toString())).id();

        List<Object> results = raceOnRow("organizations", org,
                () -> attempt(() -> alice.linkStripeCustomer(org)), () -> attempt(() -> bob.linkStripeCustomer(org)));

        assertThat(results).as("exactly one link is written").filteredOn(customer::equals).hasSize(1);
        boolean aliceWon = customer.equals(results.get(0));
        UserFacingException lost = (UserFacingException) results.get(aliceWon ? 1 : 0);
        String winner = aliceWon ? "hsa_finance" : "hsb_finance";
        assertThat(lost.getMessage()).contains("Someone else changed " + row[1] + " since it was loaded: " + winner + " changed it at")
                .contains("Linked to Stripe customer " + customer).contains("Nothing was saved");
        assertThat(TestPostgres.rows(owner, "select stripe_customer_id, version from organizations where id = ?", org).get(0))
                .containsExactly(customer, 1);
        List<Object[]> audit = TestPostgres.rows(owner, "select db_user, reason from audit_log where table_name = 'organizations' "
                + "and operation = 'UPDATE' and row_key->>'id' = ?", org.toString());
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).containsExactly(winner, "Linked to Stripe customer " + customer);
    }

    @Test
    void twoSupportPeopleDecideOneVerificationAtOnceAndTheLoserIsToldWhoHandledIt() throws Exception {
        VerificationService alice = new VerificationService(TestPostgres.dataSource(db, "hsa_support"), () -> gateway, CLOCK);
        VerificationService bob = new VerificationService(TestPostgres.dataSource(db, "hsb_support"), () -> gateway, CLOCK);
        UUID org = (UUID) TestPostgres.rows(owner, "select id from organizations where not is_academic order by name offset 5 limit 1").get(0)[0];
        UUID id = UUID.randomUUID();
        try (Connection c = owner.getConnection(); PreparedStatement ps = c.prepareStatement("insert into academic_verifications "
                + "(organization_id, id, requester_email, institution, email_domain, method, status, submitted_at) "
                + "values (?, ?, 'pi@lab.example.org', 'A lab', 'lab.example.org', 'manual', 'pending', ?)")) {
            ps.setObject(1, org);
            ps.setObject(2, id);
            ps.setObject(3, NOW.minus(Duration.ofDays(2)).atOffset(java.time.ZoneOffset.UTC));
            ps.executeUpdate();
        }
        VerificationRequest seen = alice.load(id);
        assertThat(seen.version()).isZero();

        List<Object> results = raceOnRow("academic_verifications", id,
                () -> attempt(() -> alice.reject(seen, "The evidence does not show a current affiliation with the institution.")),
                () -> attempt(() -> bob.requestInformation(seen, "Please send a faculty page that lists you.")));

        assertThat(results).as("exactly one decision is written").filteredOn(r -> r instanceof VerificationRequest).hasSize(1);
        boolean aliceWon = results.get(0) instanceof VerificationRequest;
        String winner = aliceWon ? "hsa_support" : "hsb_support";
        UserFacingException lost = (UserFacingException) results.get(aliceWon ? 1 : 0);
        assertThat(lost.getMessage()).startsWith(winner + " already handled this request")
                .contains(aliceWon ? "(now rejected)" : "(now info requested)").contains("Nothing was changed");
        assertThat(TestPostgres.rows(owner, "select status, decided_by, version from academic_verifications where id = ?", id).get(0))
                .containsExactly(aliceWon ? "rejected" : "info_requested", winner, 1);
        List<Object[]> audit = TestPostgres.rows(owner, "select db_user, reason from audit_log where table_name = 'academic_verifications' "
                + "and operation = 'UPDATE' and row_key->>'id' = ?", id.toString());
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).containsExactly(winner, aliceWon ? "The evidence does not show a current affiliation with the institution."
                : "Please send a faculty page that lists you.");
    }

    @Test
    void twoFinancePeopleSaveOneInvoiceDraftAtOnceAndOnlyOneSetOfLinesIsKept() throws Exception {
        java.time.YearMonth october = java.time.YearMonth.of(2026, 10);
        CatalogService catalog = new CatalogService(owner, () -> gateway, CLOCK);
        InvoicingService setup = new InvoicingService(owner, catalog, () -> gateway);
        UUID org = setup.review(october, List.of()).stream().filter(r -> r.billing() == ReviewRow.Billing.TO_INVOICE)
                .findFirst().orElseThrow().organizationId();
        InvoiceDraft draft = setup.createDraft(org, october, "Drafted for the race");
        InvoicingService alice = new InvoicingService(TestPostgres.dataSource(db, "hsa_finance"), catalog, () -> gateway);
        InvoicingService bob = new InvoicingService(TestPostgres.dataSource(db, "hsb_finance"), catalog, () -> gateway);
        List<DraftLine> aliceLines = new java.util.ArrayList<>(draft.lines());
        aliceLines.add(new DraftLine(99, "one_off", "Onboarding workshop", null, 1, 25_000, null, "Agreed on the call"));
        List<DraftLine> bobLines = new java.util.ArrayList<>(draft.lines());
        bobLines.add(new DraftLine(99, "one_off", "Data migration", null, 1, 40_000, null, "Agreed by e-mail"));

        List<Object> results = raceOnRow("invoices", draft.invoiceId(),
                () -> attempt(() -> alice.saveDraft(draft, aliceLines, null, "Workshop added")),
                () -> attempt(() -> bob.saveDraft(draft, bobLines, null, "Migration added")));

        assertThat(results).as("exactly one save wins").filteredOn(r -> r instanceof InvoiceDraft).hasSize(1);
        boolean aliceWon = results.get(0) instanceof InvoiceDraft;
        UserFacingException lost = (UserFacingException) results.get(aliceWon ? 1 : 0);
        assertThat(lost.getMessage()).contains("Someone changed this draft since you opened it").contains("your edits were not saved");
        InvoiceDraft stored = setup.draft(draft.invoiceId());
        assertThat(stored.version()).isEqualTo(draft.version() + 1);
        assertThat(stored.lines()).extracting(DraftLine::description).last().isEqualTo(aliceWon ? "Onboarding workshop" : "Data migration");
        assertThat(stored.subtotalMinor()).isEqualTo(draft.subtotalMinor() + (aliceWon ? 25_000 : 40_000));
        assertThat(stored.lines()).extracting(DraftLine::description).doesNotContain(aliceWon ? "Data migration" : "Onboarding workshop");
        List<Object[]> audit = TestPostgres.rows(owner, "select db_user, reason from audit_log where table_name = 'invoices' "
                + "and operation = 'UPDATE' and row_key->>'id' = ?", draft.invoiceId().toString());
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).containsExactly(aliceWon ? "hsa_finance" : "hsb_finance", aliceWon ? "Workshop added" : "Migration added");
    }

    private static Object attempt(Callable<Object> save) {
        try {
            return save.call();
        } catch (Exception e) {
            return e;
        }
    }

    /**
     * Runs both saves while a third transaction holds the row ({@code for update}): each reads the row (reads do not
     * wait) and then waits at its UPDATE. Once the database shows both waiting, the holder lets go.
     */
    private static List<Object> raceOnRow(String table, UUID id, Callable<Object> first, Callable<Object> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection holder = owner.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement ps = holder.prepareStatement("select 1 from " + table + " where id = ? for update")) {
                ps.setObject(1, id);
                ps.executeQuery().close();
            }
            Future<Object> a = pool.submit(first);
            Future<Object> b = pool.submit(second);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (TestPostgres.one(owner, "select count(*) from pg_stat_activity where datname = ? and wait_event_type = 'Lock'", db) < 2) {
                assertThat(a.isDone() || b.isDone()).as("a save finished while the row was held").isFalse();
                assertThat(System.nanoTime()).as("both saves reach the row within a minute").isLessThan(deadline);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            holder.commit();
            return List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
