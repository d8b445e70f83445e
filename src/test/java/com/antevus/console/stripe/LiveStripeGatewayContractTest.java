package com.antevus.console.stripe;

import com.antevus.console.core.Secret;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same contract against Stripe's test mode. Runs only when STRIPE_TEST_KEY=sk_test_... is set; otherwise
 * JUnit reports it skipped with this reason. It creates objects in that test account, tagged with a run id.
 */
@EnabledIfEnvironmentVariable(named = "STRIPE_TEST_KEY", matches = "(sk|rk)_test_.+",
        disabledReason = "STRIPE_TEST_KEY is not set: the contract suite ran against the sandbox only")
class LiveStripeGatewayContractTest extends StripeGatewayContract {
    static StripeGateway gateway;

    @BeforeAll
    static void connect() {
        gateway = StripeGateway.create(Secret.ofNullable(System.getenv("STRIPE_TEST_KEY")), null,
                GatewayOptions.defaults().withRate(20));
        // never run the contract against a live account
        org.assertj.core.api.Assertions.assertThat(gateway.describe()).startsWith("TEST");
    }

    @Override
    protected StripeGateway gateway() {
        return gateway;
    }

    /** Stripe's index gives no signal when it has caught up: the read is repeated, a second apart, for up to a minute. */
    @Override
    protected <T> T onceSearchCaughtUp(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done)
            throws InterruptedException {
        T value = read.get();
        for (int i = 0; i < 60 && !done.test(value); i++) {
            Thread.sleep(1000);
            value = read.get();
        }
        return value;
    }

    /** Real Stripe lives on the real clock: the one test that may read it (see ArchitectureTest). */
    @Override
    protected java.time.Instant stripeNow() {
        return java.time.Clock.systemUTC().instant();
    }
}
