package com.antevus.console.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.core.Secret;
import com.antevus.console.demo.DemoData;
import com.antevus.console.stripe.GatewayOptions;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestClocks;
import com.antevus.console.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command a finance script runs, killed with SIGKILL twenty times at random moments while the sandbox injects
 * 429s, 500s and commits whose answer is lost (issue 16, acceptance): the run that finally finishes leaves exactly one
 * invoice per organization and period, in the console and in Stripe, each for the amount rated.
 */
class InvoiceRunKilledProcessTest {
    static final String AS_OF = "2026-11-22T12:00:00Z";
    static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @TempDir
    Path home;

    @Test
    void twentySigkillsOfInvoiceRunEndWithExactlyOneInvoicePerOrganizationAndPeriod() throws Exception {
        String consoleDb = TestPostgres.freshDatabase("kill9");
        DataSource console = TestPostgres.dataSource(consoleDb, "postgres");
        DemoData.load(console, new DemoData.Options(120, 3, 13, Instant.parse(AS_OF), 1), false);
        DataSource stripeDb = TestPostgres.dataSource(TestPostgres.freshDatabase("kill9_stripe"), "postgres");
        try (SandboxServer sandbox = SandboxServer.start(stripeDb, 0, null, TestClocks.at(Instant.parse(AS_OF)))) {
            StripeGateway gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_kill9_review")), sandbox.url(), GatewayOptions.defaults());
            InvoicingService service = new InvoicingService(console, new CatalogService(console, () -> gateway, TestClocks.at(Instant.parse(AS_OF))),
                    () -> gateway);
            List<ReviewRow> toInvoice = service.review(OCTOBER, List.of()).stream()
                    .filter(r -> r.billing() == ReviewRow.Billing.TO_INVOICE).toList();
            assertThat(toInvoice).hasSizeGreaterThan(100);
            sandbox.faults().seed(16).rates(0.04, 0.04, 0.04).retryAfterSeconds(0);

            SplittableRandom random = new SplittableRandom(20261202L);
            int killed = 0;
            for (int trial = 1; trial <= 20; trial++) {
                long killAt = sandbox.requestCount() + 1 + random.nextInt(30);
                Process run = invoiceRun(sandbox, consoleDb, trial);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (run.isAlive() && sandbox.requestCount() < killAt && System.nanoTime() < deadline) {
                    run.waitFor(2, TimeUnit.MILLISECONDS); // a condition, not a timing: until Stripe has seen killAt requests
                }
                if (run.isAlive()) {
                    run.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, the connections cut mid-step
                    killed++;
                }
                run.waitFor(1, TimeUnit.MINUTES);
            }
            sandbox.faults().none();
            Process last = invoiceRun(sandbox, consoleDb, 21);
            assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
            String lastOutput = Files.readString(home.resolve("run-21.log"));
            assertThat(last.exitValue()).as(lastOutput).isZero();
            System.out.printf("Invoice run killed with SIGKILL %d times of 20, then finished: %d organizations, one invoice each%n", killed, toInvoice.size());
            assertThat(killed).as("every trial was cut mid-run").isEqualTo(20);

            for (ReviewRow r : toInvoice) {
                UUID org = r.organizationId();
                assertThat(TestPostgres.one(console, "select count(*) from invoices where organization_id = ? and period_start = date '2026-10-01' "
                        + "and status <> 'void'", org)).as("one console invoice for " + r.organizationName()).isOne();
                assertThat(TestPostgres.one(console, "select count(*) from invoice_journal where organization_id = ? and period_month = "
                        + "date '2026-10-01' and state = 'sent'", org)).isOne();
                List<Object[]> inStripe = TestPostgres.rows(stripeDb, "select (data->>'total')::bigint, data->>'status' from stripe_sandbox.objects "
                        + "where type = 'invoice' and data->>'status' <> 'deleted' and data->'metadata'->>'console_organization_id' = ? "
                        + "and data->'metadata'->>'console_period' = '2026-10'", org.toString());
                assertThat(inStripe).as("one invoice in Stripe for " + r.organizationName()).hasSize(1);
                assertThat(((Number) inStripe.get(0)[0]).longValue()).as("for the amount rated").isEqualTo(r.totalMinor());
                assertThat(inStripe.get(0)[1]).isIn("open", "paid");
            }
        }
    }

    private Process invoiceRun(SandboxServer sandbox, String consoleDb, int trial) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "com.antevus.console.Main",
                "--home", home.resolve("home").toString(), "--as-of", AS_OF, "--db-url", TestPostgres.jdbcUrl(consoleDb),
                "--db-user", "postgres", "invoice-run", "--period", OCTOBER.toString(), "--concurrency", "4"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve("run-" + trial + ".log").toFile());
        pb.environment().put("STRIPE_API_KEY", sandbox.issueSecretKey("sk_test_kill9_trial_" + trial));
        pb.environment().put("STRIPE_API_BASE", sandbox.url());
        pb.environment().remove("CONSOLE_DB_URL");
        pb.environment().remove("CONSOLE_HOME");
        return pb.start();
    }
}
