package com.antevus.console.stripe.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.support.TestPostgres;
import com.stripe.StripeClient;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Coupon;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceItem;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.Subscription;
import com.stripe.model.billing.Meter;
import com.stripe.model.billing.MeterEvent;
import com.stripe.net.RequestOptions;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceItemCreateParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The issue's acceptance, step by step: unmodified stripe-java 33.x against the standalone sandbox. */
class StripeJavaAgainstSandboxTest {
    /** The instant this test lives at. */
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(com.antevus.console.support.TestClocks.NOV_22_2026_NOON);
    static SandboxServer sandbox;
    static StripeClient stripe;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.start(TestPostgres.dataSource(TestPostgres.freshDatabase("sandbox_java"), "postgres"), 0, null, CLOCK);
        stripe = StripeClient.builder().setApiKey(sandbox.issueSecretKey("sk_test_acceptance_0001")).setApiBase(sandbox.url()).build();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theWholeInvoicingFlowWorksWithUnmodifiedStripeJava() throws Exception {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setName("Helix Labs").setEmail("billing@helix.example").putMetadata("organization_id", "org-42").build());
        assertThat(customer.getId()).startsWith("cus_");
        assertThat(customer.getMetadata()).containsEntry("organization_id", "org-42");
        assertThat(stripe.v1().customers().retrieve(customer.getId()).getEmail()).isEqualTo("billing@helix.example");

        Product product = stripe.v1().products().create(ProductCreateParams.builder().setName("Core").build());
        assertThat(product.getId()).startsWith("prod_");
        Price monthly = stripe.v1().prices().create(PriceCreateParams.builder().setProduct(product.getId()).setCurrency("usd")
                .setUnitAmount(150_000L).setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build()).build());
        Price oneOff = stripe.v1().prices().create(PriceCreateParams.builder().setProduct(product.getId()).setCurrency("usd")
                .setUnitAmount(50_000L).build());
        assertThat(monthly.getRecurring().getInterval()).isEqualTo("month");
        assertThat(oneOff.getType()).isEqualTo("one_time");

        InvoiceItem byAmount = stripe.v1().invoiceItems().create(InvoiceItemCreateParams.builder().setCustomer(customer.getId())
                .setAmount(12_345L).setCurrency("usd").setDescription("Events over 1,000,000: 1 block").build());
        InvoiceItem byPrice = stripe.v1().invoiceItems().create(InvoiceItemCreateParams.builder().setCustomer(customer.getId())
                .setPricing(InvoiceItemCreateParams.Pricing.builder().setPrice(oneOff.getId()).build()).setQuantity(2L).build());
        assertThat(byAmount.getId()).startsWith("ii_");
        assertThat(byPrice.getAmount()).isEqualTo(100_000L);

        Invoice invoice = stripe.v1().invoices().create(InvoiceCreateParams.builder().setCustomer(customer.getId())
                .setCollectionMethod(InvoiceCreateParams.CollectionMethod.SEND_INVOICE).setDaysUntilDue(30L)
                .setPendingInvoiceItemsBehavior(InvoiceCreateParams.PendingInvoiceItemsBehavior.INCLUDE)
                .putMetadata("organization_id", "org-42").build());
        assertThat(invoice.getId()).startsWith("in_");
        assertThat(invoice.getStatus()).isEqualTo("draft");
        assertThat(invoice.getTotal()).isEqualTo(112_345L);

        List<InvoiceLineItem> lines = new ArrayList<>();
        stripe.v1().invoices().lineItems().list(invoice.getId()).autoPagingIterable().forEach(lines::add);
        assertThat(lines).hasSize(2).allMatch(l -> l.getId().startsWith("il_"));
        assertThat(lines.stream().mapToLong(InvoiceLineItem::getAmount).sum()).isEqualTo(invoice.getSubtotal());
        assertThat(lines).anyMatch(l -> l.getPricing() != null && oneOff.getId().equals(l.getPricing().getPriceDetails().getPrice()));

        Invoice finalized = stripe.v1().invoices().finalizeInvoice(invoice.getId());
        assertThat(finalized.getStatus()).isEqualTo("open");
        assertThat(finalized.getNumber()).isNotBlank();
        assertThat(finalized.getHostedInvoiceUrl()).startsWith(sandbox.url() + "/hosted/");
        assertThat(finalized.getDueDate() - finalized.getStatusTransitions().getFinalizedAt()).isEqualTo(30L * 86_400);
        assertThat(stripe.v1().invoices().sendInvoice(invoice.getId()).getStatus()).isEqualTo("open");
        assertThatThrownBy(() -> stripe.v1().invoices().finalizeInvoice(invoice.getId()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("re-finalize");

        // expand[] replaces an id with its object
        Invoice expanded = stripe.v1().invoices().retrieve(invoice.getId(),
                com.stripe.param.InvoiceRetrieveParams.builder().addExpand("customer").build());
        assertThat(expanded.getCustomerObject()).isNotNull();
        assertThat(expanded.getCustomerObject().getEmail()).isEqualTo("billing@helix.example");

        // void another
        stripe.v1().invoiceItems().create(InvoiceItemCreateParams.builder().setCustomer(customer.getId())
                .setAmount(999L).setCurrency("usd").build());
        Invoice other = stripe.v1().invoices().create(InvoiceCreateParams.builder().setCustomer(customer.getId())
                .setCollectionMethod(InvoiceCreateParams.CollectionMethod.SEND_INVOICE).setDaysUntilDue(30L)
                .setPendingInvoiceItemsBehavior(InvoiceCreateParams.PendingInvoiceItemsBehavior.INCLUDE).build());
        stripe.v1().invoices().finalizeInvoice(other.getId());
        Invoice voided = stripe.v1().invoices().voidInvoice(other.getId());
        assertThat(voided.getStatus()).isEqualTo("void");
        assertThatThrownBy(() -> stripe.v1().invoices().finalizeInvoice(other.getId())).isInstanceOf(InvalidRequestException.class);

        // list a customer's invoices one at a time with auto-paging
        List<String> ids = new ArrayList<>();
        stripe.v1().invoices().list(InvoiceListParams.builder().setCustomer(customer.getId()).setLimit(1L).build())
                .autoPagingIterable().forEach(i -> ids.add(i.getId()));
        assertThat(ids).containsExactly(other.getId(), invoice.getId());

        // a 40% coupon on a subscription
        Coupon coupon = stripe.v1().coupons().create(CouponCreateParams.builder().setPercentOff(new BigDecimal("40"))
                .setDuration(CouponCreateParams.Duration.FOREVER).setName("Academic").build());
        Subscription subscription = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder()
                .setCustomer(customer.getId()).addItem(SubscriptionCreateParams.Item.builder().setPrice(monthly.getId()).build())
                .addDiscount(SubscriptionCreateParams.Discount.builder().setCoupon(coupon.getId()).build()).build());
        assertThat(subscription.getId()).startsWith("sub_");
        assertThat(subscription.getStatus()).isEqualTo("active");
        assertThat(subscription.getItems().getData()).singleElement()
                .satisfies(si -> assertThat(si.getPrice().getId()).isEqualTo(monthly.getId()));
        assertThat(subscription.getDiscounts()).hasSize(1);
        assertThat(stripe.v1().coupons().retrieve(coupon.getId()).getTimesRedeemed()).isEqualTo(1L);

        // a billing meter event
        Meter meter = stripe.v1().billing().meters().create(MeterCreateParams.builder().setDisplayName("Events")
                .setEventName("console_events").setDefaultAggregation(MeterCreateParams.DefaultAggregation.builder()
                        .setFormula(MeterCreateParams.DefaultAggregation.Formula.SUM).build()).build());
        assertThat(meter.getId()).startsWith("mtr_");
        MeterEvent event = stripe.v1().billing().meterEvents().create(MeterEventCreateParams.builder()
                .setEventName("console_events").putPayload("stripe_customer_id", customer.getId()).putPayload("value", "250")
                .setIdentifier("org-42:2026-11:events:1").build());
        assertThat(event.getIdentifier()).isEqualTo("org-42:2026-11:events:1");
        assertThat(event.getPayload()).containsEntry("value", "250");
    }

    @Test
    void replayingAKeyReturnsTheSameObjectAndReusingItWithOtherParametersIsRefused() throws Exception {
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("bc:organization:org-7:create-customer").build();
        CustomerCreateParams params = CustomerCreateParams.builder().setName("Quartz Pharma").putMetadata("organization_id", "org-7").build();
        Customer first = stripe.v1().customers().create(params, key);
        Customer again = stripe.v1().customers().create(params, key);
        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(again.getLastResponse().headers().firstValue("Idempotent-Replayed")).hasValue("true");

        CustomerCreateParams different = CustomerCreateParams.builder().setName("Someone Else").build();
        assertThatThrownBy(() -> stripe.v1().customers().create(different, key))
                .isInstanceOf(IdempotencyException.class)
                .satisfies(e -> assertThat(((IdempotencyException) e).getStatusCode()).isEqualTo(400))
                .satisfies(e -> assertThat(((IdempotencyException) e).getStripeError().getType()).isEqualTo("idempotency_error"));
    }

    @Test
    void sandboxStateSurvivesARestartOnTheSameDatabase() throws Exception {
        javax.sql.DataSource db = TestPostgres.dataSource(TestPostgres.freshDatabase("sandbox_restart"), "postgres");
        String invoiceId;
        try (SandboxServer first = SandboxServer.start(db, 0, "sk_test_restart_0001", CLOCK)) {
            StripeClient c = StripeClient.builder().setApiKey("sk_test_restart_0001").setApiBase(first.url()).build();
            Customer cus = c.v1().customers().create(CustomerCreateParams.builder().setName("Restart Labs").build());
            invoiceId = c.v1().invoices().create(InvoiceCreateParams.builder().setCustomer(cus.getId())
                    .setCollectionMethod(InvoiceCreateParams.CollectionMethod.SEND_INVOICE).setDaysUntilDue(30L).build()).getId();
            c.v1().invoices().finalizeInvoice(invoiceId);
        }
        try (SandboxServer second = SandboxServer.start(db, 0, "sk_test_restart_0001", CLOCK)) {
            StripeClient c = StripeClient.builder().setApiKey("sk_test_restart_0001").setApiBase(second.url()).build();
            Invoice again = c.v1().invoices().retrieve(invoiceId);
            assertThat(again.getStatus()).isEqualTo("paid"); // a $0 invoice is paid on finalization, as at Stripe
            assertThat(again.getNumber()).isNotBlank();
        }
    }

    @Test
    void anEventCanBeRetrievedByItsId() throws Exception {
        Customer c = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Event Labs").build());
        com.stripe.model.Event newest = stripe.v1().events().list(com.stripe.param.EventListParams.builder().setLimit(1L).build())
                .getData().get(0);
        assertThat(newest.getType()).isEqualTo("customer.created");
        com.stripe.model.Event again = stripe.v1().events().retrieve(newest.getId());
        assertThat(again.getId()).isEqualTo(newest.getId());
        assertThat(again.getDataObjectDeserializer().getRawJson()).contains(c.getId());
        assertThatThrownBy(() -> stripe.v1().events().retrieve("evt_doesnotexist"))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).getStatusCode()).isEqualTo(404));
    }

    @Test
    void unknownIdsAndMissingParametersGetStripesErrors() {
        assertThatThrownBy(() -> stripe.v1().customers().retrieve("cus_doesnotexist"))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> {
                    InvalidRequestException ire = (InvalidRequestException) e;
                    assertThat(ire.getStatusCode()).isEqualTo(404);
                    assertThat(ire.getCode()).isEqualTo("resource_missing");
                    assertThat(ire.getStripeError().getMessage()).isEqualTo("No such customer: 'cus_doesnotexist'");
                });
        assertThatThrownBy(() -> stripe.v1().invoices().create(InvoiceCreateParams.builder()
                .setCollectionMethod(InvoiceCreateParams.CollectionMethod.SEND_INVOICE).setDaysUntilDue(30L).build()))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).getParam()).isEqualTo("customer"));
    }
}
