package com.antevus.console.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.core.Money;
import com.antevus.console.core.Secret;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each kind of Stripe failure is one plain sentence, and the secret key appears in none of them. */
class GatewayFailureMessagesTest {
    /** The instant this test lives at. */
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(com.antevus.console.support.TestClocks.NOV_22_2026_NOON);
    static final String KEY = "sk_test_SECRETkeyMaterial9f3Z";
    static SandboxServer sandbox;
    static javax.sql.DataSource dataSource;

    @BeforeAll
    static void start() throws Exception {
        dataSource = TestPostgres.dataSource(TestPostgres.freshDatabase("failures"), "postgres");
        sandbox = SandboxServer.start(dataSource, 0, KEY, CLOCK);
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
        // whatever the tests did, no key reached the database
        try (var c = dataSource.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(
                "select coalesce((select string_agg(data::text, ' ') from stripe_sandbox.objects), '') "
                        + "|| coalesce((select string_agg(body || fingerprint || key, ' ') from stripe_sandbox.idempotency), '') "
                        + "|| coalesce((select string_agg(data::text, ' ') from stripe_sandbox.events), '')")) {
            rs.next();
            String everything = rs.getString(1);
            org.assertj.core.api.Assertions.assertThat(everything).isNotEmpty().doesNotContain("SECRETkeyMaterial")
                    .doesNotContain("rk_test_readonly_SECRET");
        }
    }

    static StripeGateway gateway(String key, String base, int retries) {
        return StripeGateway.create(Secret.ofNullable(key), base,
                GatewayOptions.defaults().withRate(200).withRetries(retries, Duration.ofMillis(2), Duration.ofMillis(20)));
    }

    static StripeFailure failure(Runnable r) {
        try {
            r.run();
        } catch (StripeFailure f) {
            assertThat(f.getMessage()).doesNotContain(KEY).doesNotContain("SECRETkeyMaterial");
            assertThat(String.valueOf(f.getCause())).doesNotContain(KEY);
            return f;
        }
        throw new AssertionError("expected a StripeFailure");
    }

    @Test
    void aRevokedKeyIsNamedByItsLastFourOnly() {
        String revoked = "sk_test_SECRETkeyMaterialREVK";
        sandbox.revoke(revoked);
        StripeFailure f = failure(() -> gateway(revoked, sandbox.url(), 2).retrieveCustomer("cus_x"));
        assertThat(f.kind()).isEqualTo(StripeFailure.Kind.AUTHENTICATION);
        assertThat(f.getMessage()).contains("REVK").contains("wrong, expired or revoked").doesNotContain(revoked);
    }

    @Test
    void aRestrictedKeyWithoutWriteAccessGetsAPermissionMessage() {
        String readOnly = sandbox.issueRestrictedKey("rk_test_readonly_SECRET1234",
                Map.of("customers", SandboxServer.Access.READ, "invoices", SandboxServer.Access.WRITE));
        StripeFailure f = failure(() -> gateway(readOnly, sandbox.url(), 2)
                .createCustomer(IdempotencyKey.of("organization", "perm", "create-customer"), "x", null, Map.of()));
        assertThat(f.kind()).isEqualTo(StripeFailure.Kind.PERMISSION);
        assertThat(f.getMessage()).contains("not allowed").contains("creating the Stripe customer");
        // reading is what the key may do: the customer is simply not there
        StripeFailure read = failure(() -> gateway(readOnly, sandbox.url(), 2).retrieveCustomer("cus_nobody"));
        assertThat(read.kind()).isEqualTo(StripeFailure.Kind.NOT_FOUND);
        // and a resource the key was given nothing on is refused even for reading
        StripeFailure events = failure(() -> gateway(readOnly, sandbox.url(), 2).listEvents(null, null, 10));
        assertThat(events.kind()).isEqualTo(StripeFailure.Kind.PERMISSION);
    }

    @Test
    void aWellFormedKeyTheAccountNeverIssuedIsInvalid() {
        StripeFailure f = failure(() -> gateway("sk_test_SECRETkeyMaterialNEVR", sandbox.url(), 2).retrieveCustomer("cus_x"));
        assertThat(f.kind()).isEqualTo(StripeFailure.Kind.AUTHENTICATION);
        assertThat(f.getMessage()).contains("NEVR").doesNotContain("SECRETkeyMaterialNEVR");
    }

    @Test
    void anInvalidParameterIsNamed() {
        StripeGateway g = gateway(KEY, sandbox.url(), 2);
        StripeModels.Customer c = g.createCustomer(IdempotencyKey.of("organization", "param", "create-customer"), "P", null, Map.of());
        StripeFailure f = failure(() -> g.createInvoiceItem(IdempotencyKey.of("invoice", "param", "item"), c.id(),
                Money.of(100, "USD"), "x", Map.of(), "in_doesnotexist"));
        assertThat(f.kind()).isEqualTo(StripeFailure.Kind.NOT_FOUND);
        assertThat(f.param()).isEqualTo("invoice");
        assertThat(f.requestId()).startsWith("req_");
    }

    @Test
    void reusingAStepKeyForDifferentDetailsIsAnIdempotencyConflict() {
        StripeGateway g = gateway(KEY, sandbox.url(), 2);
        IdempotencyKey k = IdempotencyKey.of("organization", "conflict", "create-customer");
        g.createCustomer(k, "First name", null, Map.of());
        StripeFailure f = failure(() -> g.createCustomer(k, "Changed name", null, Map.of()));
        assertThat(f.kind()).isEqualTo(StripeFailure.Kind.IDEMPOTENCY_CONFLICT);
        assertThat(f.getMessage()).contains("nothing was duplicated");
    }

    @Test
    void persistentRateLimitingAndOutagesGiveUpWithAPlainMessage() throws Exception {
        StripeGateway g = gateway(KEY, sandbox.url(), 2);
        sandbox.faults().seed(1).rates(1.0, 0, 0).retryAfterSeconds(0);
        try {
            StripeFailure limited = failure(() -> g.createCustomer(IdempotencyKey.of("organization", "busy", "create-customer"),
                    "Busy", null, Map.of()));
            assertThat(limited.kind()).isEqualTo(StripeFailure.Kind.RATE_LIMITED);
            sandbox.faults().rates(0, 1.0, 0);
            StripeFailure down = failure(() -> g.createCustomer(IdempotencyKey.of("organization", "down", "create-customer"),
                    "Down", null, Map.of()));
            assertThat(down.kind()).isEqualTo(StripeFailure.Kind.UNAVAILABLE);
        } finally {
            sandbox.faults().none();
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        StripeFailure unreachable = failure(() -> gateway(KEY, "http://127.0.0.1:" + closedPort, 1).retrieveCustomer("cus_x"));
        assertThat(unreachable.kind()).isEqualTo(StripeFailure.Kind.UNAVAILABLE);
        assertThat(unreachable.getMessage()).startsWith("Could not reach Stripe");
    }

    @Test
    void idempotencyKeysComeFromRecordsAndRefuseUnsafeCharacters() {
        assertThat(IdempotencyKey.of("invoice", "6f1c", "finalize").value()).isEqualTo("bc.invoice.6f1c:finalize");
        assertThat(IdempotencyKey.of("invoice", "6f1c", "finalize")).isEqualTo(IdempotencyKey.of("invoice", "6f1c", "finalize"));
        assertThatThrownBy(() -> IdempotencyKey.of("invoice", "a b", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
