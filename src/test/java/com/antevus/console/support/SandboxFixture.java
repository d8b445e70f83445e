package com.antevus.console.support;

import com.antevus.console.core.Secret;
import com.antevus.console.demo.DemoData;
import com.antevus.console.stripe.GatewayOptions;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.sandbox.SandboxServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * A fresh database of its own with the demo data as of a named instant, the Stripe sandbox on it at that instant, and
 * a gateway to the sandbox with fast retries: what every test of money going to Stripe starts from. Close it after.
 */
public final class SandboxFixture implements AutoCloseable {
    public final Instant now;
    public final Clock clock;
    public final DataSource ds;
    public final SandboxServer sandbox;
    public final StripeGateway gateway;

    private SandboxFixture(Instant now, DataSource ds, SandboxServer sandbox, StripeGateway gateway) {
        this.now = now;
        this.clock = TestClocks.at(now);
        this.ds = ds;
        this.sandbox = sandbox;
        this.gateway = gateway;
    }

    /** {@code organizations} demo organizations with {@code usageMonths} months of usage up to {@code now} (demo seed {@code seed}), in database {@code name}. */
    public static SandboxFixture start(String name, Instant now, int organizations, int usageMonths, long seed) throws Exception {
        DataSource ds = TestPostgres.dataSource(TestPostgres.freshDatabase(name), "postgres");
        DemoData.load(ds, new DemoData.Options(organizations, usageMonths, seed, now, 1), false);
        SandboxServer sandbox = SandboxServer.start(ds, 0, null, TestClocks.at(now));
        StripeGateway gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_" + name + "_0042")), sandbox.url(),
                GatewayOptions.defaults().withRate(500).withRetries(2, Duration.ofMillis(2), Duration.ofMillis(20)));
        return new SandboxFixture(now, ds, sandbox, gateway);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
