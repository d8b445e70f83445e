package com.antevus.console.stripe.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.support.TestClocks;
import com.antevus.console.support.TestPostgres;
import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceItem;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceItemCreateParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules in which the sandbox was kinder than Stripe, each as Stripe has it: validation failures are not kept
 * under their idempotency key, metadata has limits, lists filter by creation time, a malformed decimal is a 400,
 * search lags behind writes, and only keys the account issued are accepted.
 */
class SandboxStripeRulesTest {
    /** The instant this test starts at; the clock moves only where a test moves it. */
    static final Instant START = Instant.parse("2026-12-01T00:00:30Z");
    static final TestClocks.Settable CLOCK = TestClocks.settable(START);
    static SandboxServer sandbox;
    static StripeClient stripe;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.start(TestPostgres.dataSource(TestPostgres.freshDatabase("sandbox_rules"), "postgres"), 0, null, CLOCK);
        stripe = StripeClient.builder().setApiKey(sandbox.issueSecretKey("sk_test_rules_0001")).setApiBase(sandbox.url()).build();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static RequestOptions key(String k) {
        return RequestOptions.builder().setIdempotencyKey(k).build();
    }

    @Test
    void aRequestThatFailedValidationIsNotKeptUnderItsKeySoTheCorrectedRetrySucceeds() throws Exception {
        Customer c = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Retry Labs").build());
        InvoiceItemCreateParams bad = InvoiceItemCreateParams.builder().setCustomer(c.getId()).setCurrency("usd")
                .setUnitAmountDecimal(new BigDecimal("12.5")).setAmount(100L).build();
        assertThatThrownBy(() -> stripe.v1().invoiceItems().create(bad, key("bc.rules.item-1:create")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("amount"));
        InvoiceItem good = stripe.v1().invoiceItems().create(InvoiceItemCreateParams.builder().setCustomer(c.getId())
                .setCurrency("usd").setAmount(100L).build(), key("bc.rules.item-1:create"));
        assertThat(good.getAmount()).isEqualTo(100L);
        // a deleted draft is gone from lists, as in Stripe (it was listed with status "deleted")
        Invoice draft = stripe.v1().invoices().create(InvoiceCreateParams.builder().setCustomer(c.getId())
                .setCollectionMethod(InvoiceCreateParams.CollectionMethod.SEND_INVOICE).setDaysUntilDue(30L).build());
        stripe.v1().invoices().delete(draft.getId());
        assertThat(stripe.v1().invoices().list().getData()).extracting(Invoice::getId).doesNotContain(draft.getId());
    }

    @Test
    void metadataHasStripesLimitsAndABreachChangesNothing() throws Exception {
        Customer c = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Limits Labs").putMetadata("kept", "yes").build());
        String longKey = "k".repeat(41);
        assertThatThrownBy(() -> stripe.v1().customers().update(c.getId(), com.stripe.param.CustomerUpdateParams.builder()
                .putMetadata(longKey, "x").putMetadata("also", "changed").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getParam()).isEqualTo("metadata");
                    assertThat(e.getStripeError().getMessage()).startsWith("Invalid key: " + longKey + " must be a string under 40 characters");
                });
        assertThatThrownBy(() -> stripe.v1().customers().update(c.getId(), com.stripe.param.CustomerUpdateParams.builder()
                .putMetadata("note", "v".repeat(501)).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStripeError().getMessage()).contains("under 500 characters"));
        var fifty = com.stripe.param.CustomerUpdateParams.builder();
        for (int i = 0; i < 50; i++) {
            fifty.putMetadata("key" + i, "v");
        }
        assertThatThrownBy(() -> stripe.v1().customers().update(c.getId(), fifty.build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStripeError().getMessage())
                        .isEqualTo("Metadata can have up to 50 keys, but you've set 51."));
        assertThat(stripe.v1().customers().retrieve(c.getId()).getMetadata()).containsExactlyEntriesOf(Map.of("kept", "yes"));
        // exactly at the limits is fine
        Customer atLimits = stripe.v1().customers().update(c.getId(), com.stripe.param.CustomerUpdateParams.builder()
                .putMetadata("k".repeat(40), "v".repeat(500)).build());
        assertThat(atLimits.getMetadata()).hasSize(2);
    }

    @Test
    void aMalformedDecimalIsABadRequestNotAServerError() throws Exception {
        var product = stripe.v1().products().create(ProductCreateParams.builder().setName("Decimal").build());
        InvalidRequestException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidRequestException.class,
                () -> stripe.v1().prices().create(PriceCreateParams.builder().setProduct(product.getId()).setCurrency("usd")
                        .putExtraParam("unit_amount_decimal", "abc").build()));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getParam()).isEqualTo("unit_amount_decimal");
        // a fractional unit amount on an invoice item is rounded half up once, on the item's amount
        Customer c = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Fractions Labs").build());
        InvoiceItem item = stripe.v1().invoiceItems().create(InvoiceItemCreateParams.builder().setCustomer(c.getId()).setCurrency("usd")
                .setUnitAmountDecimal(new BigDecimal("0.125")).setQuantity(1_000L).build());
        assertThat(item.getAmount()).isEqualTo(125L);
        InvoiceItem half = stripe.v1().invoiceItems().create(InvoiceItemCreateParams.builder().setCustomer(c.getId()).setCurrency("usd")
                .setUnitAmountDecimal(new BigDecimal("0.5")).setQuantity(3L).build());
        assertThat(half.getAmount()).as("1.5 cents rounds half up to 2").isEqualTo(2L);
    }

    @Test
    void listsAndSearchFollowCreationTimeAndSearchLagsBehindWrites() throws Exception {
        CLOCK.set(START.plus(Duration.ofDays(1)));
        long before = CLOCK.instant().getEpochSecond();
        Customer first = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Early").putMetadata("wave", "w1").build());
        CLOCK.advance(Duration.ofSeconds(10));
        Customer second = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Late").putMetadata("wave", "w1").build());
        var afterFirst = stripe.v1().customers().list(CustomerListParams.builder()
                .setCreated(CustomerListParams.Created.builder().setGt(before).build()).build());
        assertThat(afterFirst.getData()).extracting(Customer::getId).containsExactly(second.getId());
        var fromFirst = stripe.v1().customers().list(CustomerListParams.builder()
                .setCreated(CustomerListParams.Created.builder().setGte(before).setLt(before + 10).build()).build());
        assertThat(fromFirst.getData()).extracting(Customer::getId).containsExactly(first.getId());

        assertThatThrownBy(() -> stripe.v1().customers().list(CustomerListParams.builder()
                .putExtraParam("created", Map.of("gt", "soon")).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("created[gt]"));

        CustomerSearchParams wave = CustomerSearchParams.builder().setQuery("metadata['wave']:'w1'").build();
        assertThat(stripe.v1().customers().search(wave).getData()).as("neither is indexed yet").isEmpty();
        CLOCK.advance(Duration.ofSeconds(55));
        assertThat(stripe.v1().customers().search(wave).getData()).as("a minute after the first was created")
                .extracting(Customer::getId).containsExactly(first.getId());
        CLOCK.advance(Duration.ofSeconds(10));
        assertThat(stripe.v1().customers().search(wave).getData()).extracting(Customer::getId)
                .containsExactlyInAnyOrder(first.getId(), second.getId());
    }

    @Test
    void onlyKeysTheAccountIssuedAreAcceptedAndRestrictedKeysKeepToTheirPermissions() throws Exception {
        StripeClient stranger = StripeClient.builder().setApiKey("sk_test_neverissued_4242").setApiBase(sandbox.url()).build();
        assertThatThrownBy(() -> stranger.v1().customers().list())
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.getStripeError().getMessage())
                        .isEqualTo("Invalid API Key provided: sk_test_************4242"));
        String restricted = sandbox.issueRestrictedKey("rk_test_invoices_only_0001", Map.of("invoices", SandboxServer.Access.WRITE,
                "customers", SandboxServer.Access.READ));
        StripeClient limited = StripeClient.builder().setApiKey(restricted).setApiBase(sandbox.url()).build();
        assertThat(limited.v1().customers().list().getData()).isNotNull();
        assertThatThrownBy(() -> limited.v1().customers().create(CustomerCreateParams.builder().setName("Nope").build()))
                .isInstanceOfSatisfying(PermissionException.class, e -> assertThat(e.getStripeError().getMessage())
                        .contains("'customers_write' permission"));
        assertThatThrownBy(() -> limited.v1().products().create(ProductCreateParams.builder().setName("Nope").build()))
                .isInstanceOf(PermissionException.class);
        sandbox.revoke(restricted);
        assertThatThrownBy(() -> limited.v1().customers().list()).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.getStripeError().getCode()).isEqualTo("api_key_expired"));
    }
}
