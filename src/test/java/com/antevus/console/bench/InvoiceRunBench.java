package com.antevus.console.bench;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.core.Money;
import com.antevus.console.core.Secret;
import com.antevus.console.demo.DemoData;
import com.antevus.console.invoicing.InvoicingService;
import com.antevus.console.invoicing.ReviewRow;
import com.antevus.console.invoicing.RunControl;
import com.antevus.console.invoicing.RunSummary;
import com.antevus.console.stripe.GatewayOptions;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's target: an invoice run of -Dbench.invoice.orgs (default 1,000) organizations against the sandbox with
 * 50 ms of latency on every call and a 25 requests/s account limit, beside seed 000's approach (each line an
 * invoice item, then the invoice, then finalize, one organization after another) in the same run.
 */
@Tag("bench")
class InvoiceRunBench {
    /** The instant this test lives at. */
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(com.antevus.console.support.TestClocks.NOV_22_2026_NOON);
    static final int ORGS = Integer.getInteger("bench.invoice.orgs", 1_000);
    static final int BASELINE_ORGS = Integer.getInteger("bench.invoice.baselineOrgs", 100);
    static final double LIMIT = 25;

    @Test
    void invoiceRunAgainstARateLimitedSlowStripe() throws Exception {
        DataSource ds = TestPostgres.dataSource(TestPostgres.freshDatabase("bench_invoice"), "postgres");
        DemoData.load(ds, new DemoData.Options((int) Math.ceil(ORGS * 1.25), 2, 17, java.time.Instant.parse("2026-11-22T12:00:00Z"), 1), false);
        try (SandboxServer sandbox = SandboxServer.start(ds, 0, null, CLOCK)) {
            StripeGateway fast = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_bench_0042")), sandbox.url(),
                    GatewayOptions.defaults().withRate(1000));
            CatalogService catalog = new CatalogService(ds, () -> fast, CLOCK);
            YearMonth october = YearMonth.of(2026, 10);
            List<ReviewRow> rows = new InvoicingService(ds, catalog, () -> fast).review(october, List.of()).stream()
                    .filter(r -> r.billing() == ReviewRow.Billing.TO_INVOICE).limit(ORGS + BASELINE_ORGS).toList();
            // both designs start from organizations that already have a Stripe customer (created before timing)
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "update organizations set stripe_customer_id = ? where id = ?")) {
                for (ReviewRow r : rows) {
                    StripeModels.Customer cus = fast.createCustomer(IdempotencyKey.of("bench", r.organizationId(), "customer"),
                            r.organizationName(), "billing@example.com", Map.of("console_organization_id", r.organizationId().toString()));
                    ps.setString(1, cus.id());
                    ps.setObject(2, r.organizationId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<ReviewRow> baselineRows = rows.subList(ORGS, rows.size());
            List<ReviewRow> consoleRows = rows.subList(0, ORGS);
            sandbox.faults().none().slow(50).limit(LIMIT);
            StripeGateway limited = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_bench_0042")), sandbox.url(),
                    GatewayOptions.defaults().withRate(LIMIT));
            Thread.sleep(1100); // a full bucket for each design

            // seed 000: invoice items, then the invoice (taking the pending items), then finalize, one org after another
            long calls0 = sandbox.requestCount();
            long t0 = System.nanoTime();
            int lines0 = 0;
            for (ReviewRow r : baselineRows) {
                String customer = customerOf(ds, r);
                int i = 0;
                for (com.antevus.console.rating.RatedLine l : r.lines()) {
                    limited.createInvoiceItem(IdempotencyKey.of("seed000", r.organizationId(), "item-" + (++i)), customer,
                            Money.of(l.amountMinor(), r.currency()), l.description(), Map.of(), null);
                    lines0++;
                }
                StripeModels.Invoice inv = limited.createInvoice(IdempotencyKey.of("seed000", r.organizationId(), "invoice"), customer,
                        r.daysUntilDue(), true, "seed 000", Map.of());
                limited.finalizeInvoice(IdempotencyKey.of("seed000", r.organizationId(), "finalize"), inv.id());
            }
            double baselineSeconds = (System.nanoTime() - t0) / 1e9;
            long baselineCalls = sandbox.requestCount() - calls0;
            double baselinePerOrg = baselineSeconds / baselineRows.size();

            Thread.sleep(1100);
            InvoicingService service = new InvoicingService(ds, catalog, () -> limited).tuning(8, Duration.ofSeconds(30));
            long calls1 = sandbox.requestCount();
            long limited0 = sandbox.rateLimitedCount();
            AtomicInteger steps = new AtomicInteger();
            long t1 = System.nanoTime();
            RunSummary s = service.run(october, consoleRows.stream().map(ReviewRow::organizationId).toList(), false, new RunControl(),
                    p -> steps.set(p.stepsDone()));
            double consoleSeconds = (System.nanoTime() - t1) / 1e9;
            long consoleCalls = sandbox.requestCount() - calls1;
            double consolePerOrg = consoleSeconds / consoleRows.size();
            int consoleLines = consoleRows.stream().mapToInt(r -> r.lines().size()).sum();
            if (!s.failed().isEmpty()) {
                throw new AssertionError("the run failed for " + s.failed().size() + ": " + s.failed().get(0).reason());
            }
            BenchResults.record("invoice.baseline.seed000.seconds_per_org", baselinePerOrg, "s",
                    String.format("%d orgs, %d lines, %d calls in %.1f s (%.1f req/s), sequential, 50 ms latency", baselineRows.size(),
                            lines0, baselineCalls, baselineSeconds, baselineCalls / baselineSeconds));
            BenchResults.record("invoice.console.run.seconds_per_org", consolePerOrg, "s",
                    String.format("%d orgs, %d lines, %d calls in %.1f s, 8 workers, %d created, 429s from the limit: %d",
                            consoleRows.size(), consoleLines, consoleCalls, consoleSeconds, s.created().size(),
                            sandbox.rateLimitedCount() - limited0));
            BenchResults.record("invoice.console.run.requests_per_second", consoleCalls / consoleSeconds, "req/s",
                    String.format("%.0f%% of the %.0f/s limit (target >= 90%%)", 100 * consoleCalls / consoleSeconds / LIMIT, LIMIT));
            BenchResults.record("invoice.console.vs.seed000.speedup", baselinePerOrg / consolePerOrg, "x",
                    String.format("per organization (target >= 5x); calls per org: console %.2f, seed 000 %.2f",
                            (double) consoleCalls / consoleRows.size(), (double) baselineCalls / baselineRows.size()));
        }
    }

    private static String customerOf(DataSource ds, ReviewRow r) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select stripe_customer_id from organizations where id = ?")) {
            ps.setObject(1, r.organizationId());
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

}
