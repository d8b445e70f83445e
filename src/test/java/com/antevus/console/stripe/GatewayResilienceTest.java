package com.antevus.console.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.Secret;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Never double-bill: retries after 500s, 429s and lost answers return the same invoice, not a second one. */
class GatewayResilienceTest {
    /** The instant this test lives at. */
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(com.antevus.console.support.TestClocks.NOV_22_2026_NOON);
    static SandboxServer sandbox;
    static StripeGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.start(TestPostgres.dataSource(TestPostgres.freshDatabase("resilience"), "postgres"), 0, null, CLOCK);
        gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_resilience_0042")), sandbox.url(),
                GatewayOptions.defaults().withRate(400).withRetries(12, Duration.ofMillis(2), Duration.ofMillis(40)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void twoHundredInvoicesUnderInjectedFaultsEndAsExactlyTwoHundred() throws Exception {
        StripeModels.Customer customer = gateway.createCustomer(IdempotencyKey.of("organization", "resilience-org", "create-customer"),
                "Resilience Labs", "ap@resilience.example", Map.of("organization_id", "resilience-org"));
        sandbox.faults().seed(20261122).rates(0.10, 0.10, 0.05).retryAfterSeconds(1);
        long requestsBefore = sandbox.requestCount();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<StripeModels.Invoice>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            futures.add(pool.submit(() -> gateway.createInvoice(IdempotencyKey.of("invoice", "resilience-" + n, "create-invoice"),
                    customer.id(), 30, false, "Invoice " + n, Map.of("n", String.valueOf(n)))));
        }
        List<StripeModels.Invoice> returned = new ArrayList<>();
        for (Future<StripeModels.Invoice> f : futures) {
            returned.add(f.get());
        }
        pool.shutdown();
        long requests = sandbox.requestCount() - requestsBefore;
        sandbox.faults().none();

        // faults really happened: the 200 creates needed retries
        System.out.printf("200 invoices under injected faults took %d requests to the sandbox%n", requests);
        assertThat(requests).isGreaterThan(200);
        List<StripeModels.Invoice> inSandbox = gateway.allInvoices(customer.id());
        assertThat(inSandbox).hasSize(200);
        assertThat(inSandbox).extracting(StripeModels.Invoice::id).doesNotHaveDuplicates();
        assertThat(inSandbox.stream().map(i -> i.metadata().get("n")).collect(Collectors.toSet())).hasSize(200);
        // what each caller got back is the invoice that exists, not a ghost from a dropped answer
        assertThat(returned).extracting(StripeModels.Invoice::id)
                .containsExactlyInAnyOrderElementsOf(inSandbox.stream().map(StripeModels.Invoice::id).toList());
    }
}
