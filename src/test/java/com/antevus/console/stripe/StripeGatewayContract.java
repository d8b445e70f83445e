package com.antevus.console.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.core.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The gateway's contract, one test per operation group. Runs against the sandbox in every build
 * ({@link SandboxGatewayContractTest}) and against Stripe's test mode when STRIPE_TEST_KEY is set
 * ({@link LiveStripeGatewayContractTest}), so the sandbox is held to what Stripe really does.
 */
abstract class StripeGatewayContract {
    /** A fresh id per run for the records the test pretends to be (Stripe keeps idempotency keys for 24 h). */
    protected final String run = UUID.randomUUID().toString().substring(0, 8);

    protected abstract StripeGateway gateway();

    /** Stripe's "now": the sandbox runs on the test's clock, Stripe's test mode on the real one. */
    protected abstract Instant stripeNow();

    /**
     * Reads through search once the index has caught up with the writes before it: the sandbox is told to catch up;
     * against Stripe the read is repeated until {@code done} holds or a minute has passed.
     */
    protected abstract <T> T onceSearchCaughtUp(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done)
            throws InterruptedException;

    private IdempotencyKey key(String record, String step) {
        return IdempotencyKey.of("contract-" + run, record, step);
    }

    private StripeModels.Customer customer(String record) {
        return gateway().createCustomer(key(record, "create-customer"), "Contract " + record, record + "@contract.example",
                Map.of("organization_id", run + "-" + record));
    }

    @Test
    void customersAreCreatedUpdatedRetrievedAndFoundByMetadata() {
        StripeModels.Customer c = customer("cust");
        assertThat(c.id()).startsWith("cus_");
        assertThat(c.metadata()).containsEntry("organization_id", run + "-cust");
        StripeModels.Customer updated = gateway().updateCustomer(key("cust", "rename"), c.id(), "Renamed " + run, null, Map.of("tier", "team"));
        assertThat(updated.name()).isEqualTo("Renamed " + run);
        assertThat(gateway().retrieveCustomer(c.id()).metadata()).containsEntry("tier", "team").containsEntry("organization_id", run + "-cust");
        // retried step: same key, same customer
        assertThat(customer("cust").id()).isEqualTo(c.id());
    }

    @Test
    void pricesAreImmutableLookupKeysMoveAndArchivedPricesStayReadable() {
        StripeModels.Product product = gateway().createProduct(key("prod", "create"), "Core " + run, Map.of("plan", "core"));
        StripeModels.Price v1 = gateway().createPrice(key("price-v1", "create"), product.id(), Money.of(150_000, "USD"), "month",
                "core_monthly_" + run, Map.of());
        assertThat(v1.interval()).isEqualTo("month");
        assertThat(v1.lookupKey()).isEqualTo("core_monthly_" + run);
        StripeModels.Price v2 = gateway().createPrice(key("price-v2", "create"), product.id(), Money.of(160_000, "USD"), "month",
                null, Map.of());
        StripeModels.Price moved = gateway().moveLookupKey(key("price-v2", "take-lookup-key"), v2.id(), "core_monthly_" + run);
        assertThat(moved.lookupKey()).isEqualTo("core_monthly_" + run);
        StripeModels.Price archived = gateway().archivePrice(key("price-v1", "archive"), v1.id());
        assertThat(archived.active()).isFalse();
        assertThat(archived.unitAmount()).isEqualTo(Money.of(150_000, "USD"));
        assertThat(gateway().archiveProduct(key("prod", "archive"), product.id()).active()).isFalse();
    }

    @Test
    void anInvoiceGoesFromDraftToOpenToPaidOutOfBandWithTotalsEqualToItsLines() {
        StripeModels.Customer c = customer("inv");
        StripeModels.Product product = gateway().createProduct(key("inv-prod", "create"), "Compliance Pack " + run, Map.of());
        StripeModels.Price oneTime = gateway().createPrice(key("inv-price", "create"), product.id(), Money.of(150_000, "USD"), null, null, Map.of());
        gateway().createInvoiceItem(key("inv", "item-1"), c.id(), Money.of(30_000, "USD"), "Events over 1,000,000: 3 blocks",
                Map.of("line", "1"), null);
        StripeModels.InvoiceItem byPrice = gateway().createInvoiceItemForPrice(key("inv", "item-2"), c.id(), oneTime.id(), 1,
                "Compliance Pack", Map.of("line", "2"), null);
        assertThat(byPrice.amount()).isEqualTo(Money.of(150_000, "USD"));
        StripeModels.Invoice draft = gateway().createInvoice(key("inv", "create-invoice"), c.id(), 45, true, "November 2026",
                Map.of("organization_id", run + "-inv", "period", "2026-11"));
        assertThat(draft.status()).isEqualTo("draft");
        List<StripeModels.InvoiceLine> lines = gateway().invoiceLines(draft.id());
        assertThat(lines).hasSize(2);
        assertThat(lines.stream().mapToLong(l -> l.amount().minor()).sum()).isEqualTo(draft.subtotal().minor()).isEqualTo(180_000);
        assertThat(draft.total()).isEqualTo(Money.of(180_000, "USD"));

        StripeModels.Invoice open = gateway().finalizeInvoice(key("inv", "finalize"), draft.id());
        assertThat(open.status()).isEqualTo("open");
        assertThat(open.number()).isNotBlank();
        assertThat(open.hostedInvoiceUrl()).isNotBlank();
        assertThat(open.dueDate()).isAfter(stripeNow().plusSeconds(44L * 86_400));
        assertThat(gateway().sendInvoice(key("inv", "send"), draft.id()).status()).isEqualTo("open");
        // a retried finalize (same key) returns the same answer instead of failing
        assertThat(gateway().finalizeInvoice(key("inv", "finalize"), draft.id()).number()).isEqualTo(open.number());
        StripeModels.Invoice paid = gateway().payOutOfBand(key("inv", "paid-wire-REF123"), draft.id());
        assertThat(paid.status()).isEqualTo("paid");
        assertThat(paid.amountPaid()).isEqualTo(Money.of(180_000, "USD"));
        assertThatThrownBy(() -> gateway().voidInvoice(key("inv", "void"), draft.id()))
                .isInstanceOf(StripeFailure.class)
                .satisfies(e -> assertThat(((StripeFailure) e).kind()).isEqualTo(StripeFailure.Kind.INVALID_STATE));
    }

    @Test
    void openInvoicesCanBeVoidedOrMarkedUncollectible() {
        StripeModels.Customer c = customer("void");
        gateway().createInvoiceItem(key("void", "item"), c.id(), Money.of(5_000, "USD"), "One-off", Map.of(), null);
        StripeModels.Invoice a = gateway().createInvoice(key("void-a", "create"), c.id(), 30, true, null, Map.of());
        gateway().finalizeInvoice(key("void-a", "finalize"), a.id());
        assertThat(gateway().voidInvoice(key("void-a", "void"), a.id()).status()).isEqualTo("void");
        StripeModels.Invoice b = gateway().createInvoice(key("void-b", "create"), c.id(), 30, false, null, Map.of());
        gateway().createInvoiceItem(key("void-b", "item"), c.id(), Money.of(7_000, "USD"), "Attached", Map.of(), b.id());
        assertThat(gateway().retrieveInvoice(b.id()).total()).isEqualTo(Money.of(7_000, "USD"));
        gateway().finalizeInvoice(key("void-b", "finalize"), b.id());
        assertThat(gateway().markUncollectible(key("void-b", "uncollectible"), b.id()).status()).isEqualTo("uncollectible");
    }

    /** An open invoice of $1,000.00 (a $600 line and a $400 line) for a new customer. */
    private StripeModels.Invoice openInvoice(StripeModels.Customer c, String record) {
        StripeModels.Invoice draft = gateway().createInvoice(key(record, "create"), c.id(), 30, false, "Credit note " + record, Map.of());
        gateway().addInvoiceLines(key(record, "lines"), draft.id(), List.of(
                new StripeModels.LineSpec(Money.of(60_000, "USD"), "Core base fee", Map.of("line_no", "1")),
                new StripeModels.LineSpec(Money.of(40_000, "USD"), "Events overage", Map.of("line_no", "2"))));
        return gateway().finalizeInvoice(key(record, "finalize"), draft.id());
    }

    @Test
    void aCreditNoteFirstReducesWhatIsOwedThenCreditsTheBalanceWhichTheNextInvoiceUses() {
        StripeModels.Customer c = customer("cn");
        StripeModels.Invoice open = openInvoice(c, "cn-a");
        List<StripeModels.InvoiceLine> lines = gateway().invoiceLines(open.id());
        // on an open invoice: $150 of the overage line comes off the amount due
        StripeModels.CreditNote pre = gateway().createCreditNote(key("cn-1", "create"), open.id(),
                List.of(new StripeModels.CreditLineSpec(lines.get(1).id(), Money.of(15_000, "USD"), null)), "order_change",
                "Overage counted twice", new StripeModels.CreditSettlement(Money.of(0, "USD"), Money.of(0, "USD")), Map.of("cn", "1"));
        assertThat(pre.status()).isEqualTo("issued");
        assertThat(pre.amount()).isEqualTo(Money.of(15_000, "USD"));
        assertThat(pre.prePayment()).isEqualTo(Money.of(15_000, "USD"));
        assertThat(pre.postPayment()).isEqualTo(Money.of(0, "USD"));
        assertThat(pre.lines()).singleElement().satisfies(l -> assertThat(l.invoiceLineId()).isEqualTo(lines.get(1).id()));
        StripeModels.Invoice reduced = gateway().retrieveInvoice(open.id());
        assertThat(reduced.amountDue()).isEqualTo(Money.of(85_000, "USD"));
        assertThat(reduced.amountRemaining()).isEqualTo(Money.of(85_000, "USD"));
        assertThat(reduced.prePaymentCredited()).isEqualTo(Money.of(15_000, "USD"));
        assertThat(reduced.total()).isEqualTo(Money.of(100_000, "USD"));
        // the same request again is the same credit note
        assertThat(gateway().createCreditNote(key("cn-1", "create"), open.id(),
                List.of(new StripeModels.CreditLineSpec(lines.get(1).id(), Money.of(15_000, "USD"), null)), "order_change",
                "Overage counted twice", new StripeModels.CreditSettlement(Money.of(0, "USD"), Money.of(0, "USD")), Map.of("cn", "1")).id())
                .isEqualTo(pre.id());
        assertThat(gateway().creditNotes(open.id())).hasSize(1);

        // paid: the rest of the overage line goes to the customer's balance
        assertThat(gateway().payOutOfBand(key("cn-a", "pay"), open.id()).amountPaid()).isEqualTo(Money.of(85_000, "USD"));
        StripeModels.CreditNote post = gateway().createCreditNote(key("cn-2", "create"), open.id(),
                List.of(new StripeModels.CreditLineSpec(lines.get(1).id(), Money.of(25_000, "USD"), null)), "product_unsatisfactory",
                "Outage on 12 November", new StripeModels.CreditSettlement(Money.of(25_000, "USD"), Money.of(0, "USD")), Map.of());
        assertThat(post.postPayment()).isEqualTo(Money.of(25_000, "USD"));
        assertThat(post.customerBalanceTransactionId()).startsWith("cbtxn_");
        assertThat(gateway().retrieveInvoice(open.id()).postPaymentCredited()).isEqualTo(Money.of(25_000, "USD"));
        assertThat(gateway().retrieveCustomer(c.id()).balance()).isEqualTo(-25_000);
        assertThat(gateway().balanceTransactions(c.id(), 10)).first().satisfies(t -> {
            assertThat(t.type()).isEqualTo("credit_note");
            assertThat(t.amount()).isEqualTo(Money.of(-25_000, "USD"));
            assertThat(t.creditNoteId()).isEqualTo(post.id());
        });
        // the line is now credited in full: one cent more is refused, and so is a post-payment split that does not add up
        assertThatThrownBy(() -> gateway().createCreditNote(key("cn-3", "create"), open.id(),
                List.of(new StripeModels.CreditLineSpec(lines.get(1).id(), Money.of(1, "USD"), null)), "duplicate", "x",
                new StripeModels.CreditSettlement(Money.of(1, "USD"), Money.of(0, "USD")), Map.of()))
                .isInstanceOf(StripeFailure.class);
        assertThatThrownBy(() -> gateway().createCreditNote(key("cn-4", "create"), open.id(),
                List.of(new StripeModels.CreditLineSpec(lines.get(0).id(), Money.of(10_000, "USD"), null)), "duplicate", "x",
                new StripeModels.CreditSettlement(Money.of(5_000, "USD"), Money.of(0, "USD")), Map.of()))
                .isInstanceOf(StripeFailure.class);

        // the next invoice spends the balance when it is finalized
        StripeModels.Invoice next = openInvoice(c, "cn-b");
        assertThat(next.total()).isEqualTo(Money.of(100_000, "USD"));
        assertThat(next.amountDue()).isEqualTo(Money.of(75_000, "USD"));
        assertThat(next.balanceApplied()).isEqualTo(Money.of(-25_000, "USD"));
        assertThat(gateway().retrieveCustomer(c.id()).balance()).isZero();
    }

    @Test
    void voidingACreditNoteGivesBackWhatItTookOff() {
        StripeModels.Customer c = customer("cnv");
        StripeModels.Invoice open = openInvoice(c, "cnv-a");
        StripeModels.InvoiceLine base = gateway().invoiceLines(open.id()).get(0);
        StripeModels.CreditNote all = gateway().createCreditNote(key("cnv-1", "create"), open.id(),
                List.of(new StripeModels.CreditLineSpec(base.id(), Money.of(60_000, "USD"), null),
                        new StripeModels.CreditLineSpec(null, Money.of(40_000, "USD"), "Goodwill")), "order_change", "Cancelled in October",
                new StripeModels.CreditSettlement(Money.of(0, "USD"), Money.of(0, "USD")), Map.of());
        // credited in full before payment: nothing is owed, so the invoice is paid
        assertThat(gateway().retrieveInvoice(open.id()).status()).isEqualTo("paid");
        assertThat(gateway().retrieveInvoice(open.id()).amountRemaining()).isEqualTo(Money.of(0, "USD"));
        StripeModels.CreditNote voided = gateway().voidCreditNote(key("cnv-1", "void"), all.id());
        assertThat(voided.status()).isEqualTo("void");
        assertThat(voided.voidedAt()).isNotNull();
        StripeModels.Invoice back = gateway().retrieveInvoice(open.id());
        assertThat(back.status()).isEqualTo("open");
        assertThat(back.amountRemaining()).isEqualTo(Money.of(100_000, "USD"));
        assertThat(back.prePaymentCredited()).isEqualTo(Money.of(0, "USD"));
        assertThatThrownBy(() -> gateway().voidCreditNote(key("cnv-1", "void-again"), all.id())).isInstanceOf(StripeFailure.class);
    }

    @Test
    void couponsAreListedLimitedAndDeletedAndPromotionCodesRedeemThemOnce() {
        String couponId = ("CN" + run).toUpperCase(java.util.Locale.ROOT);
        StripeModels.Coupon amount = gateway().createCoupon(key("coupon-amount", "create"), couponId, null, Money.of(25_000, "USD"),
                "once", null, "Launch $250 off", stripeNow().plusSeconds(30L * 86_400), 5L);
        assertThat(amount.amountOff()).isEqualTo(Money.of(25_000, "USD"));
        assertThat(amount.percentOff()).isNull();
        assertThat(amount.maxRedemptions()).isEqualTo(5L);
        assertThat(amount.valid()).isTrue();
        assertThat(gateway().listCoupons()).extracting(StripeModels.Coupon::id).contains(couponId);

        StripeModels.PromotionCode code = gateway().createPromotionCode(key("promo", "create"), couponId, "LAUNCH" + run.toUpperCase(java.util.Locale.ROOT),
                null, 1L);
        assertThat(code.active()).isTrue();
        assertThat(code.couponId()).isEqualTo(couponId);
        assertThat(gateway().listPromotionCodes(couponId)).extracting(StripeModels.PromotionCode::id).containsExactly(code.id());
        // the same code twice while the first is active is refused
        assertThatThrownBy(() -> gateway().createPromotionCode(key("promo-2", "create"), couponId, "launch" + run, null, null))
                .isInstanceOf(StripeFailure.class);
        assertThat(gateway().setPromotionCodeActive(key("promo", "deactivate"), code.id(), false).active()).isFalse();

        gateway().deleteCoupon(couponId);
        assertThat(gateway().listCoupons()).extracting(StripeModels.Coupon::id).doesNotContain(couponId);
        assertThatThrownBy(() -> gateway().retrieveCoupon(couponId)).isInstanceOf(StripeFailure.class)
                .satisfies(e -> assertThat(((StripeFailure) e).kind()).isEqualTo(StripeFailure.Kind.NOT_FOUND));
    }

    @Test
    void invoicesAreListedPageByPageAndFoundByMetadata() {
        StripeModels.Customer c = customer("list");
        for (int i = 0; i < 3; i++) {
            gateway().createInvoice(key("list-" + i, "create"), c.id(), 30, false, null, Map.of("run", run, "n", String.valueOf(i)));
        }
        StripeModels.Page<StripeModels.Invoice> first = gateway().listInvoices(c.id(), 2, null);
        assertThat(first.data()).hasSize(2);
        assertThat(first.hasMore()).isTrue();
        StripeModels.Page<StripeModels.Invoice> second = gateway().listInvoices(c.id(), 2, first.data().get(1).id());
        assertThat(second.data()).hasSize(1);
        assertThat(second.hasMore()).isFalse();
        assertThat(gateway().allInvoices(c.id())).hasSize(3);
        assertThat(gateway().allInvoices(c.id())).extracting(StripeModels.Invoice::id).doesNotHaveDuplicates();
    }

    @Test
    void objectsAreFoundByTheConsolesMetadata() throws Exception {
        StripeModels.Customer c = customer("search");
        StripeModels.Invoice inv = gateway().createInvoice(key("search", "create"), c.id(), 30, false, null,
                Map.of("invoice_run", run + "-search"));
        // Stripe's search index lags behind writes (under a minute, longer in incidents), and so does the sandbox's
        List<StripeModels.Invoice> found = onceSearchCaughtUp(() -> gateway().searchInvoicesByMetadata("invoice_run", run + "-search"),
                l -> !l.isEmpty());
        assertThat(found).extracting(StripeModels.Invoice::id).containsExactly(inv.id());
        assertThat(onceSearchCaughtUp(() -> gateway().findCustomerByMetadata("organization_id", run + "-search"),
                java.util.Optional::isPresent)).map(StripeModels.Customer::id).hasValue(c.id());
        assertThat(gateway().findCustomerByMetadata("organization_id", run + "-nobody")).isEmpty();
    }

    @Test
    void subscriptionsTakeCouponsChangePricesAndCancel() {
        StripeModels.Customer c = customer("sub");
        StripeModels.Product product = gateway().createProduct(key("sub-prod", "create"), "Team " + run, Map.of());
        StripeModels.Price team = gateway().createPrice(key("sub-team", "create"), product.id(), Money.of(400_000, "USD"), "month", null, Map.of());
        StripeModels.Price academic = gateway().createPrice(key("sub-team-academic", "create"), product.id(), Money.of(240_000, "USD"),
                "month", null, Map.of());
        StripeModels.Coupon coupon = gateway().createPercentCoupon(key("coupon", "create"), new BigDecimal("40"), "forever", null, "Academic 40%");
        assertThat(coupon.percentOff()).isEqualByComparingTo("40");
        StripeModels.Subscription sub = gateway().createSubscription(key("sub", "create"), c.id(),
                List.of(new StripeModels.ItemSpec(team.id(), 1)), List.of(coupon.id()), Map.of("organization_id", run + "-sub"));
        assertThat(sub.status()).isIn("active", "incomplete");
        assertThat(sub.discountIds()).hasSize(1);
        StripeModels.Subscription changed = gateway().changeSubscriptionPrice(key("sub", "academic-price"), sub.id(),
                sub.items().get(0).id(), academic.id());
        assertThat(changed.items()).singleElement().satisfies(i -> assertThat(i.priceId()).isEqualTo(academic.id()));
        assertThat(gateway().setSubscriptionCoupons(key("sub", "drop-coupon"), sub.id(), List.of()).discountIds()).isEmpty();
        assertThat(gateway().cancelSubscription(key("sub", "cancel"), sub.id()).status()).isEqualTo("canceled");
    }

    @Test
    void meterEventsAreRecordedForAMeter() {
        StripeModels.Customer c = customer("meter");
        String eventName = "console_events_" + run;
        StripeModels.Meter meter = gateway().createMeter(key("meter", "create"), "Events " + run, eventName);
        assertThat(meter.id()).startsWith("mtr_");
        StripeModels.MeterEvent e = gateway().recordMeterEvent(key("usage-1", "meter-event"), eventName, c.id(), 1_250,
                run + "-usage-1", stripeNow().minusSeconds(3600));
        assertThat(e.identifier()).isEqualTo(run + "-usage-1");
        assertThat(e.payload()).containsEntry("value", "1250").containsEntry("stripe_customer_id", c.id());
    }

    @Test
    void theEventsFeedRecordsStateChanges() {
        StripeModels.Customer c = customer("events");
        StripeModels.Page<StripeModels.Event> page = gateway().listEvents(null, null, 50);
        assertThat(page.data()).isNotEmpty();
        assertThat(page.data()).anyMatch(e -> e.type().equals("customer.created") && c.id().equals(e.objectId()));
        StripeModels.Event newest = page.data().get(0);
        assertThat(gateway().listEvents(newest.id(), null, 10).data()).isEmpty();
    }

    @Test
    void errorsNameTheParameterOrTheMissingObject() {
        assertThatThrownBy(() -> gateway().retrieveCustomer("cus_doesnotexist" + run))
                .isInstanceOf(StripeFailure.class)
                .satisfies(e -> assertThat(((StripeFailure) e).kind()).isEqualTo(StripeFailure.Kind.NOT_FOUND))
                .hasMessageContaining("cus_doesnotexist");
        StripeModels.Customer c = customer("err");
        assertThatThrownBy(() -> gateway().createInvoiceItemForPrice(key("err", "bad-price"), c.id(), "price_doesnotexist", 1, null,
                Map.of(), null))
                .isInstanceOf(StripeFailure.class)
                .satisfies(e -> assertThat(((StripeFailure) e).kind()).isIn(StripeFailure.Kind.INVALID_REQUEST, StripeFailure.Kind.NOT_FOUND));
    }
}
