package com.antevus.console.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.core.Secret;
import com.antevus.console.demo.DemoData;
import com.antevus.console.stripe.GatewayOptions;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invoice runs against a real PostgreSQL with demo data and the Stripe sandbox, with faults and crashes. */
class InvoiceRunTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    /** The instant this test lives at: noon UTC on TODAY. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-11-22T12:00:00Z");
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(NOW);
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static DataSource ds;
    private static SandboxServer sandbox;
    private static CatalogService catalog;
    private static InvoicingService service;
    private static List<ReviewRow> toInvoice;
    private static StripeGateway gateway;
    private static int next;

    @BeforeAll
    static void setUp() throws Exception {
        ds = TestPostgres.dataSource(TestPostgres.freshDatabase("invoicing"), "postgres");
        DemoData.load(ds, new DemoData.Options(260, 3, 11, NOW, 1), false);
        sandbox = SandboxServer.start(ds, 0, null, CLOCK);
        gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_invoicing_0042")), sandbox.url(),
                GatewayOptions.defaults().withRate(500).withRetries(6, Duration.ofMillis(2), Duration.ofMillis(20)));
        catalog = new CatalogService(ds, () -> gateway, CLOCK);
        service = new InvoicingService(ds, catalog, () -> gateway).tuning(6, Duration.ofSeconds(20));
        toInvoice = service.review(OCTOBER, List.of()).stream().filter(r -> r.billing() == ReviewRow.Billing.TO_INVOICE).toList();
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    /** Organizations nobody has invoiced for October yet, a few at a time (each test takes its own). */
    private static synchronized List<UUID> take(int n) {
        List<UUID> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(toInvoice.get(next++).organizationId());
        }
        return out;
    }

    private static long count(String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void theReviewRatesEveryBilledOrganizationAndKnowsWhatIsInvoiced() {
        List<ReviewRow> october = service.review(OCTOBER, List.of());
        assertThat(october).hasSizeGreaterThan(200);
        // the demo invoiced September (its enterprise history bills the contract fee alone, and a voided invoice
        // may be replaced), and left October to the run
        List<ReviewRow> september = service.review(OCTOBER.minusMonths(1), List.of());
        assertThat(september.stream().filter(r -> !r.enterprise()).filter(r -> {
            try {
                return count("select count(*) from invoices where organization_id = ? and period_start = date '2026-09-01' "
                        + "and status = 'void'", r.organizationId()) == 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        })).hasSizeGreaterThan(150).allSatisfy(r ->
                assertThat(r.billing()).isIn(ReviewRow.Billing.INVOICED, ReviewRow.Billing.NOTHING_TO_BILL));
        assertThat(october.stream().filter(r -> r.billing() != ReviewRow.Billing.NOTHING_TO_BILL))
                .as("October is to invoice (or invoiced by the other tests)").hasSizeGreaterThan(200);
        ReviewRow sample = toInvoice.get(toInvoice.size() - 1);
        long rated = new com.antevus.console.charges.PeriodCharges(ds).rateOrganization(sample.organizationId(), OCTOBER).rating().totalMinor();
        assertThat(sample.totalMinor()).as("the review's total is the rating's (zero lines left out)").isEqualTo(rated);
        assertThat(october).anySatisfy(r -> assertThat(r.overQuota()).isTrue());
        assertThat(october).anySatisfy(r -> assertThat(r.kind()).isEqualTo("contract"));
        assertThat(october.stream().filter(new ReviewFilter(true, false, false, false, false, false, null, null)))
                .isNotEmpty().allSatisfy(r -> assertThat(r.overageMinor()).isPositive());
        assertThat(october.stream().filter(new ReviewFilter(false, false, false, false, false, false, 100_000_00L, null)))
                .allSatisfy(r -> assertThat(r.totalMinor()).isGreaterThan(100_000_00L));
    }

    @Test
    void aMonthThatIsNotOverIsRefusedUnlessClosedEarlyWithAReasonAndAFutureMonthAlways() throws Exception {
        YearMonth november = YearMonth.of(2026, 11); // the clock says 22 November: the month is running
        UUID org = take(1).get(0); // this test's own organization: the other tests never see its November invoice
        long invoices = count("select count(*) from invoices");
        long runs = count("select count(*) from invoice_runs");
        assertThatThrownBy(() -> service.run(november, List.of(org), false, new RunControl(), p -> { }))
                .isInstanceOf(com.antevus.console.core.UserFacingException.class)
                .hasMessage("2026-11 is not over: it ends Dec 1, 2026 00:00 UTC, and its usage is still coming in; nothing was created. "
                        + "To bill it before then, close it early with a reason (--close-early).");
        assertThatThrownBy(() -> service.run(YearMonth.of(2999, 1), List.of(), false, "Testing the future", new RunControl(), p -> { }))
                .hasMessageStartingWith("2999-01 has not begun (it starts Jan 1, 2999 00:00 UTC); nothing was created.");
        assertThatThrownBy(() -> service.run(YearMonth.of(2026, 12), List.of(), true, new RunControl(), p -> { }))
                .as("a dry run of a month that has not begun").hasMessageStartingWith("2026-12 has not begun");
        assertThat(count("select count(*) from invoices")).as("nothing was written").isEqualTo(invoices);
        assertThat(count("select count(*) from invoice_runs")).isEqualTo(runs);
        // a dry run may preview the running month
        assertThat(service.run(november, List.of(org), true, new RunControl(), p -> { }).created()).hasSize(1);

        RunSummary early = service.run(november, List.of(org), false, "The customer leaves on 25 November and asked for its final bill",
                new RunControl(), p -> { });
        assertThat(early.created()).hasSize(1);
        assertThat(count("select count(*) from audit_log where table_name = 'invoice_runs' and reason = ?",
                "Invoice run for 2026-11 (1 organizations), closed early: The customer leaves on 25 November and asked for its final bill"))
                .isEqualTo(1);
    }

    @Test
    void aWorkerThatThrowsIsAFailureInTheSummaryNeverASuccess() throws Exception {
        List<UUID> orgs = take(2);
        InvoiceSteps.Observer broken = new InvoiceSteps.Observer() {
            @Override
            public void beforeCall(UUID invoice, InvoiceSteps.Step step) {
                if (step == InvoiceSteps.Step.CREATE_INVOICE) {
                    throw new IllegalStateException("a bug nobody foresaw");
                }
            }
        };
        RunSummary s = service.run(OCTOBER, orgs, false, new RunControl(), p -> { }, broken);
        assertThat(s.ok()).as("a run whose workers threw did not succeed").isFalse();
        assertThat(s.created()).isEmpty();
        assertThat(s.failed()).hasSize(2).allSatisfy(e -> assertThat(e.reason()).contains("An unexpected error stopped this invoice"));
        RunSummary resumed = service.run(OCTOBER, orgs, false, new RunControl(), p -> { });
        assertThat(resumed.created()).hasSize(2);
        assertThat(resumed.ok()).isTrue();
    }

    @Test
    void twoRunsAtOnceEachReportOnlyWhatItCreated() throws Exception {
        List<UUID> orgs = take(6);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.Callable<RunSummary> run = () -> {
            go.await();
            return service.run(OCTOBER, orgs, false, new RunControl(), p -> { });
        };
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<RunSummary> a = two.submit(run);
            java.util.concurrent.Future<RunSummary> b = two.submit(run);
            go.countDown();
            RunSummary first = a.get(3, java.util.concurrent.TimeUnit.MINUTES);
            RunSummary second = b.get(3, java.util.concurrent.TimeUnit.MINUTES);
            assertThat(first.failed()).as("nothing went wrong in the first").isEmpty();
            assertThat(second.failed()).as("nor in the second").isEmpty();
            java.util.Set<UUID> byFirst = new java.util.HashSet<>(first.created().stream().map(RunSummary.Entry::organizationId).toList());
            java.util.Set<UUID> bySecond = new java.util.HashSet<>(second.created().stream().map(RunSummary.Entry::organizationId).toList());
            assertThat(java.util.Collections.disjoint(byFirst, bySecond)).as("no invoice is reported by both runs: %s, %s", byFirst, bySecond)
                    .isTrue();
            for (RunSummary r : List.of(first, second)) {
                // what a run did not create, it says it left to the other (already invoiced, or being invoiced)
                java.util.Set<UUID> accounted = new java.util.HashSet<>(r.created().stream().map(RunSummary.Entry::organizationId).toList());
                r.skipped().forEach(e -> accounted.add(e.organizationId()));
                assertThat(accounted).containsAll(orgs);
            }
            java.util.Set<UUID> all = new java.util.HashSet<>(byFirst);
            all.addAll(bySecond);
            assertThat(all).containsExactlyInAnyOrderElementsOf(orgs);
            for (UUID org : orgs) {
                assertThat(stripeInvoices(org, OCTOBER)).as("one Stripe invoice for %s", org).isOne();
            }
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void aRunInvoicesEachOrganizationOnceAndTheSecondRunCreatesNothing() throws Exception {
        List<UUID> orgs = take(6);
        RunSummary dry = service.run(OCTOBER, orgs, true, new RunControl(), p -> { });
        assertThat(dry.created()).hasSize(6);
        assertThat(count("select count(*) from invoices where organization_id = any (?::uuid[]) and period_start = date '2026-10-01'",
                orgIds(orgs))).as("a dry run writes nothing").isZero();

        RunSummary first = service.run(OCTOBER, orgs, false, new RunControl(), p -> { });
        assertThat(first.failed()).isEmpty();
        assertThat(first.created()).hasSize(6);
        assertThat(first.createdTotalMinor()).isEqualTo(dry.createdTotalMinor());
        for (RunSummary.Entry e : first.created()) {
            assertThat(e.number()).isNotBlank();
            assertThat(stripeTotal(e.stripeInvoiceId())).isEqualTo(e.totalMinor());
            assertThat(count("select count(*) from invoices where id = ? and status = 'open' and number = ?", e.invoiceId(), e.number())).isOne();
        }
        RunSummary second = service.run(OCTOBER, orgs, false, new RunControl(), p -> { });
        assertThat(second.created()).isEmpty();
        assertThat(second.failed()).isEmpty();
        assertThat(second.skipped()).hasSize(6).allSatisfy(s -> assertThat(s.reason()).startsWith("already invoiced"));
        for (UUID org : orgs) {
            assertThat(stripeInvoices(org, OCTOBER)).isOne();
        }
    }

    @Test
    void stripeIsTheLastWordOnAlreadyInvoicedWhenTheLocalRecordIsGone() throws Exception {
        List<UUID> orgs = take(3);
        RunSummary first = service.run(OCTOBER, orgs, false, new RunControl(), p -> { });
        assertThat(first.created()).hasSize(3);
        // the local records vanish the only way V8 still allows: the schema owner bypassing the triggers (a restore
        // from an older backup has the same effect); one is deleted, one set void by hand
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set local session_replication_role = replica");
            s.execute("delete from invoice_lines where invoice_id = '" + first.created().get(0).invoiceId() + "'");
            s.execute("delete from invoice_journal where invoice_id = '" + first.created().get(0).invoiceId() + "'");
            s.execute("delete from invoices where id = '" + first.created().get(0).invoiceId() + "'");
            s.execute("update invoices set status = 'void', voided_at = now() where id = '" + first.created().get(1).invoiceId() + "'");
            c.commit();
        }
        RunSummary again = service.run(OCTOBER, orgs, false, new RunControl(), p -> { });
        assertThat(again.created()).as("nothing is billed twice").isEmpty();
        assertThat(again.ok()).as("a period Stripe already billed is a failure to look at, not a success").isFalse();
        assertThat(again.failed()).hasSize(2).allSatisfy(f -> assertThat(f.reason())
                .contains("Stripe already has open invoice").contains("Nothing was created in Stripe"));
        for (UUID org : orgs) {
            assertThat(stripeInvoices(org, OCTOBER)).as("one invoice in Stripe for the period").isOne();
        }
    }

    /** An organization over quota in October on a summed metric, taken from the end (take() works from the start). */
    private static synchronized ReviewRow overQuotaFromTheEnd() {
        for (int i = toInvoice.size() - 1; i >= next; i--) {
            ReviewRow r = toInvoice.get(i);
            boolean summed = r.lines().stream().anyMatch(l -> l.kind() == com.antevus.console.rating.RatedLine.Kind.OVERAGE
                    && java.util.Set.of("events", "ai_tokens").contains(l.code()));
            if (summed && !r.enterprise()) {
                toInvoice = new ArrayList<>(toInvoice);
                toInvoice.remove(i);
                return r;
            }
        }
        throw new AssertionError("no organization over quota on events or AI tokens in the demo data");
    }

    private static long overage(UUID org, YearMonth month, String metric) {
        return new com.antevus.console.charges.PeriodCharges(ds).rateOrganization(org, month).rating().lines().stream()
                .filter(l -> l.kind() == com.antevus.console.rating.RatedLine.Kind.OVERAGE && l.code().equals(metric))
                .mapToLong(com.antevus.console.rating.RatedLine::amountMinor).sum();
    }

    @Test
    void usageThatArrivesAfterItsPeriodWasInvoicedIsBilledOnceOnTheNextInvoiceNamingThePeriod() throws Exception {
        ReviewRow row = overQuotaFromTheEnd();
        UUID org = row.organizationId();
        String metric = row.lines().stream().filter(l -> l.kind() == com.antevus.console.rating.RatedLine.Kind.OVERAGE
                && java.util.Set.of("events", "ai_tokens").contains(l.code())).findFirst().orElseThrow().code();
        RunSummary october = service.run(OCTOBER, List.of(org), false, new RunControl(), p -> { });
        assertThat(october.created()).hasSize(1);
        long billedOverage = overage(org, OCTOBER, metric);
        // October usage that reaches the console after October was invoiced (a late batch from an edge agent)
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into usage_records (organization_id, metric, value, recorded_at) values (?, ?, ?, timestamptz '2026-10-20 10:00:00Z')")) {
            ps.setObject(1, org);
            ps.setString(2, metric);
            ps.setLong(3, 40_000_000L);
            ps.executeUpdate();
        }
        long lateAmount = overage(org, OCTOBER, metric) - billedOverage;
        assertThat(lateAmount).as("the late batch is priced as overage").isPositive();

        java.time.Clock december = com.antevus.console.support.TestClocks.at(java.time.Instant.parse("2026-12-05T12:00:00Z"));
        InvoicingService inDecember = new InvoicingService(ds, new CatalogService(ds, () -> gateway, december), () -> gateway)
                .tuning(2, Duration.ofSeconds(20));
        YearMonth november = YearMonth.of(2026, 11);
        RunSummary run = inDecember.run(november, List.of(org), false, new RunControl(), p -> { });
        assertThat(run.failed()).isEmpty();
        assertThat(run.created()).hasSize(1);
        UUID invoice = run.created().get(0).invoiceId();
        assertThat(count("select count(*) from invoice_lines where invoice_id = ? and kind = 'adjustment' and metric = ? "
                + "and adjusts_period = date '2026-10-01' and amount_minor = ? and description like 'Late usage, %October 2026 (arrived after invoice %'",
                invoice, metric, lateAmount)).as("one visible line for October's late usage").isOne();
        assertThat(stripeTotal(run.created().get(0).stripeInvoiceId())).isEqualTo(run.created().get(0).totalMinor());

        // billed once: the next month looks back at October again and finds nothing left to bill
        java.time.Clock january = com.antevus.console.support.TestClocks.at(java.time.Instant.parse("2027-01-05T12:00:00Z"));
        InvoicingService inJanuary = new InvoicingService(ds, new CatalogService(ds, () -> gateway, january), () -> gateway);
        assertThat(inJanuary.review(YearMonth.of(2026, 12), List.of(org))).allSatisfy(r -> assertThat(r.lines())
                .noneMatch(l -> l.kind() == com.antevus.console.rating.RatedLine.Kind.LATE_USAGE));
    }

    @Test
    void oneDraftIsCreatedInStripeUnderTheSameRuleAsARunClosedEarlyOnlyWithAReasonTheAuditKeeps() throws Exception {
        YearMonth november = YearMonth.of(2026, 11); // still running on 22 November
        UUID org = take(1).get(0);
        InvoiceDraft draft = service.createDraft(org, november, "test");
        assertThatThrownBy(() -> service.createInStripe(draft.invoiceId(), e -> { }))
                .isInstanceOf(com.antevus.console.core.UserFacingException.class).hasMessageStartingWith("2026-11 is not over")
                .hasMessageNotContaining("--close-early");
        assertThat(stripeInvoices(org, november)).as("nothing reached Stripe").isZero();
        InvoiceDraft sent = service.createInStripe(draft.invoiceId(), "The customer closes its account on 25 November", e -> { });
        assertThat(sent.number()).isNotBlank();
        assertThat(stripeInvoices(org, november)).isOne();
        assertThat(count("select count(*) from audit_log where table_name = 'invoices' and organization_id = ? "
                + "and reason = 'Closed early: The customer closes its account on 25 November'", org)).isOne();
        assertThatThrownBy(() -> service.createInStripe(service.createDraft(take(1).get(0), YearMonth.of(2027, 1), "test").invoiceId(),
                "Whatever the reason", e -> { })).hasMessageContaining("has not begun");
    }

    private static String orgIds(List<UUID> orgs) {
        return "{" + String.join(",", orgs.stream().map(UUID::toString).toList()) + "}";
    }

    private static long stripeTotal(String stripeInvoiceId) throws SQLException {
        return count("select (data->>'total')::bigint from stripe_sandbox.objects where id = ?", stripeInvoiceId);
    }

    /** Invoices in the sandbox for the organization's period, drafts included. */
    private static long stripeInvoices(UUID org, YearMonth period) throws SQLException {
        return count("select count(*) from stripe_sandbox.objects where type = 'invoice' and data->>'status' <> 'deleted' "
                + "and data->'metadata'->>'console_organization_id' = ? and data->'metadata'->>'console_period' = ?",
                org.toString(), period.toString());
    }

    @Test
    void runsKilledAtARandomStepResumeWithoutDuplicatesEvenWithFaults() throws Exception {
        SplittableRandom random = new SplittableRandom(20261122);
        sandbox.faults().seed(7).rates(0.05, 0.05, 0.05).retryAfterSeconds(0);
        int killedMidway = 0;
        int afterIdempotencyWindow = 0;
        try {
            for (int trial = 0; trial < 50; trial++) {
                List<UUID> orgs = take(3);
                int killAt = 1 + random.nextInt(24);
                AtomicInteger events = new AtomicInteger();
                RunControl control = new RunControl();
                InvoiceSteps.Observer killer = new InvoiceSteps.Observer() {
                    @Override
                    public void beforeCall(UUID invoice, InvoiceSteps.Step step) {
                        tick();
                    }

                    @Override
                    public void afterCall(UUID invoice, InvoiceSteps.Step step) {
                        tick(); // Stripe did it; the journal has not heard yet
                    }

                    private void tick() {
                        if (events.incrementAndGet() == killAt) {
                            control.kill();
                        }
                        if (control.killed()) {
                            throw new InvoiceSteps.Killed();
                        }
                    }
                };
                RunSummary killed = service.run(OCTOBER, orgs, false, control, p -> { }, killer);
                if ("killed".equals(killed.status())) {
                    killedMidway++;
                }
                if (trial % 5 == 4) {
                    // resume a day later: Stripe has forgotten the idempotency keys, so each step looks up first
                    afterIdempotencyWindow++;
                    // a day passes: the killed run's last in-flight retries have long ended (they hold its lock)
                    for (int i = 0; i < 200 && count("select count(*) from pg_locks where locktype = 'advisory' "
                            + "and pid <> pg_backend_pid()") > 0; i++) {
                        Thread.sleep(50);
                    }
                    sandbox.expireIdempotencyKeys();
                    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                        s.executeUpdate("update invoice_journal set step_started_at = step_started_at - interval '25 hours' "
                                + "where step_started_at is not null");
                    }
                }
                RunSummary resumed = null;
                for (int attempt = 0; attempt < 4 && (resumed == null || !resumed.ok()); attempt++) {
                    resumed = service.run(OCTOBER, orgs, false, new RunControl(), p -> { });
                }
                assertThat(resumed.failed()).as("trial %d", trial).isEmpty();
                for (UUID org : orgs) {
                    long rated = new com.antevus.console.charges.PeriodCharges(ds).rateOrganization(org, OCTOBER).rating().totalMinor();
                    assertThat(stripeInvoices(org, OCTOBER)).as("trial %d: Stripe invoices of %s", trial, org).isOne();
                    assertThat(count("select count(*) from stripe_sandbox.objects where type = 'invoice' and data->>'status' = 'open' "
                            + "and data->'metadata'->>'console_organization_id' = ? and (data->>'total')::bigint = ?", org.toString(), rated))
                            .as("trial %d: one finalized invoice with the rated total", trial).isOne();
                    assertThat(count("select count(*) from stripe_sandbox.objects where type = 'customer' "
                            + "and data->'metadata'->>'console_organization_id' = ?", org.toString())).as("one customer").isOne();
                    assertThat(count("select count(*) from invoice_journal where organization_id = ? and period_month = date '2026-10-01' "
                            + "and state = 'sent'", org)).isOne();
                    assertThat(count("select count(*) from invoices where organization_id = ? and period_start = date '2026-10-01' "
                            + "and status = 'open' and total_minor = ?", org, rated)).isOne();
                }
            }
        } finally {
            sandbox.faults().none();
        }
        assertThat(killedMidway).as("most trials were killed part-way").isGreaterThan(35);
        assertThat(afterIdempotencyWindow).isEqualTo(10);
        assertThat(count("select count(*) from stripe_sandbox.objects i where type = 'invoice' and data->>'status' = 'open' "
                + "and exists (select 1 from stripe_sandbox.objects j where j.type = 'invoice' and j.id <> i.id "
                + "and j.data->'metadata'->>'console_invoice_id' = i.data->'metadata'->>'console_invoice_id')"))
                .as("no console invoice exists twice in Stripe").isZero();
    }
}
