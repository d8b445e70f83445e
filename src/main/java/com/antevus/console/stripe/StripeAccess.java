package com.antevus.console.stripe;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.Secret;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.stripe.sandbox.SandboxServer;
import java.io.IOException;
import java.security.SecureRandom;
import javax.sql.DataSource;

/**
 * How this console reaches Stripe: with the configured key (test or live), or, when none is configured, through
 * a local sandbox started now on 127.0.0.1 with a one-time key, its state kept in the console's database.
 */
public final class StripeAccess implements AutoCloseable {
    private final StripeGateway gateway;
    private final SandboxServer sandbox;

    private StripeAccess(StripeGateway gateway, SandboxServer sandbox) {
        this.gateway = gateway;
        this.sandbox = sandbox;
    }

    public static StripeAccess open(ConsoleConfig config, DataSource dataSource) {
        if (config.stripeKey() != null) {
            return new StripeAccess(StripeGateway.create(config.stripeKey(), config.stripeApiBase(), GatewayOptions.defaults()), null);
        }
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String key = "sk_test_sandbox_" + java.util.HexFormat.of().formatHex(random);
        try {
            SandboxServer server = SandboxServer.start(dataSource, 0, key, config.clock());
            return new StripeAccess(StripeGateway.forSandbox(Secret.ofNullable(key), server.url(),
                    GatewayOptions.defaults().withRate(50)), server);
        } catch (IOException e) {
            throw new UserFacingException("Could not start the local Stripe sandbox (" + e.getMessage() + "). "
                    + "Set STRIPE_API_KEY to use Stripe's test mode instead.", e);
        }
    }

    public StripeGateway gateway() {
        return gateway;
    }

    /** The local sandbox, when no key is configured (tests use it to inject faults). */
    public SandboxServer sandbox() {
        return sandbox;
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
