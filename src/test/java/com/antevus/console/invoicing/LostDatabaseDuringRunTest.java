package com.antevus.console.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.core.ConfigLoader;
import com.antevus.console.core.Secret;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Database;
import com.antevus.console.demo.DemoData;
import com.antevus.console.db.Migrations;
import com.antevus.console.stripe.GatewayOptions;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestClocks;
import com.antevus.console.support.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's database goes away in the middle of an invoice run (issue 16, item 6): the run stops at once, says in
 * one paragraph what was and was not saved, and the next run, once the database is back, finishes without a second
 * invoice for anyone. Stripe (the sandbox, on a database of its own) stays up throughout.
 */
class LostDatabaseDuringRunTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @TempDir
    Path home;
    @TempDir
    Path pgdata;

    EmbeddedPostgres start(int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(pgdata).setCleanDataDirectory(false).setPort(port).start();
    }

    @Test
    void aRunThatLosesItsDatabaseSaysWhatWasSavedAndTheNextRunFinishesItOnce() throws Exception {
        EmbeddedPostgres server = start(0);
        int port = server.getPort();
        DataSource sandboxDb = TestPostgres.dataSource(TestPostgres.freshDatabase("lostdb_stripe"), "postgres");
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        var config = new ConfigLoader(Map.of(), Map.of("os.name", "Linux")).load(new ConfigLoader.Overrides(home, url, "postgres", null));
        try (Database db = Database.open(config); SandboxServer sandbox = SandboxServer.start(sandboxDb, 0, null, TestClocks.at(NOW))) {
            Migrations.migrate(db.dataSource());
            DemoData.load(db.dataSource(), new DemoData.Options(40, 3, 5, NOW, 1), false);
            StripeGateway gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_lostdb_0001")), sandbox.url(),
                    GatewayOptions.defaults().withRate(500).withRetries(2, Duration.ofMillis(2), Duration.ofMillis(20)));
            CatalogService catalog = new CatalogService(db.dataSource(), () -> gateway, TestClocks.at(NOW));
            InvoicingService service = new InvoicingService(db.dataSource(), catalog, () -> gateway).tuning(3, Duration.ofSeconds(5));
            List<UUID> orgs = service.review(OCTOBER, List.of()).stream()
                    .filter(r -> r.billing() == ReviewRow.Billing.TO_INVOICE).map(ReviewRow::organizationId).toList();
            assertThat(orgs).hasSizeGreaterThan(20);

            AtomicInteger sent = new AtomicInteger();
            EmbeddedPostgres dying = server;
            InvoiceSteps.Observer pullThePlug = new InvoiceSteps.Observer() {
                @Override
                public void recorded(UUID invoice, InvoiceSteps.Step step) {
                    if (step == InvoiceSteps.Step.SEND && sent.incrementAndGet() == 5) {
                        try {
                            dying.close(); // a fast shutdown: every session is cut
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            };
            String message = catchMessage(() -> service.run(OCTOBER, orgs, false, new RunControl(), p -> { }, pullThePlug));
            System.out.println("Lost-database message: " + message);
            assertThat(message).startsWith("Lost the connection to the database during the invoice run for 2026-10. ")
                    .endsWith("Nothing is billed twice: once the database answers, run the period again and it resumes.")
                    .doesNotContain("Exception", "Hikari", "SQL");
            Matcher m = Pattern.compile("(\\d+) invoices? (?:was|were) created, sent and recorded.*; (\\d+) were part-way.*; (\\d+) were not started")
                    .matcher(message);
            assertThat(m.find()).as(message).isTrue();
            int created = Integer.parseInt(m.group(1));
            int partWay = Integer.parseInt(m.group(2));
            int notStarted = Integer.parseInt(m.group(3));
            // the fifth pulled the plug after its commit, so its worker saw the loss on its next read: part-way
            assertThat(created).isGreaterThanOrEqualTo(4);
            assertThat(created + partWay + notStarted).as("every organization is accounted for").isEqualTo(orgs.size());
            assertThat(notStarted).as("the run stopped instead of trying the rest").isPositive();

            server = start(port); // the database is back, with everything it had committed
            long sentRows = TestPostgres.one(db.dataSource(), "select count(*) from invoice_journal where period_month = date '2026-10-01' and state = 'sent'");
            assertThat(sentRows).as("the message's count is what the journal holds (a commit whose answer was lost is part-way)")
                    .isBetween((long) created, (long) created + partWay);

            RunSummary again = service.run(OCTOBER, orgs, false, new RunControl(), p -> { });
            assertThat(again.failed()).isEmpty();
            assertThat(again.created().size() + sentRows).isEqualTo(orgs.size());
            for (UUID org : orgs) {
                assertThat(TestPostgres.one(sandboxDb, "select count(*) from stripe_sandbox.objects where type = 'invoice' "
                        + "and data->>'status' <> 'deleted' and data->'metadata'->>'console_organization_id' = ? "
                        + "and data->'metadata'->>'console_period' = '2026-10'", org.toString())).as("one invoice in Stripe").isOne();
            }
        } finally {
            server.close();
        }
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (UserFacingException e) {
            return e.getMessage();
        }
        throw new AssertionError("the run reported no lost connection");
    }
}
