package com.antevus.console.stripe;

import com.antevus.console.core.Secret;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The gateway contract against the console's sandbox (every build). */
class SandboxGatewayContractTest extends StripeGatewayContract {
    /** The instant this test lives at. */
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(com.antevus.console.support.TestClocks.NOV_22_2026_NOON);
    static SandboxServer sandbox;
    static StripeGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.start(TestPostgres.dataSource(TestPostgres.freshDatabase("contract"), "postgres"), 0, null, CLOCK);
        gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_contract_suite_7781")), sandbox.url(),
                GatewayOptions.defaults().withRate(200).withRetries(3, Duration.ofMillis(5), Duration.ofMillis(50)));
        // a gateway built with a plain base URL shows the key's mode and last four, never the key
        org.assertj.core.api.Assertions.assertThat(gateway.describe()).isEqualTo("TEST \u00b7\u00b7\u00b7\u00b77781");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Override
    protected StripeGateway gateway() {
        return gateway;
    }

    @Override
    protected <T> T onceSearchCaughtUp(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done) {
        sandbox.catchUpSearch();
        return read.get();
    }

    @Override
    protected java.time.Instant stripeNow() {
        return CLOCK.instant();
    }
}
