package com.antevus.console.stripe;

import com.antevus.console.core.Money;
import com.antevus.console.core.Secret;
import com.antevus.console.core.StripeMode;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.StripeCollection;
import com.stripe.net.RequestOptions;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerRetrieveParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceItemCreateParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.InvoicePayParams;
import com.stripe.param.InvoiceSearchParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceUpdateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.ProductUpdateParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The console's only way to Stripe (and the only code that imports com.stripe). Every POST carries an
 * {@link IdempotencyKey} derived from the console's record and step; requests are rate limited and retried
 * by {@link RetryingHttpClient}; failures become {@link StripeFailure}s with plain messages that never contain
 * the key. Blocking: call it off the FX thread.
 */
public final class StripeGateway {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final StripeClient client;
    private final Secret key;
    private final boolean sandbox;

    private StripeGateway(StripeClient client, Secret key, boolean sandbox) {
        this.client = client;
        this.key = key;
        this.sandbox = sandbox;
    }

    /** @param apiBase null for Stripe itself, else another base URL (a proxy, the standalone sandbox) */
    public static StripeGateway create(Secret key, String apiBase, GatewayOptions options) {
        return build(key, apiBase, options, false);
    }

    /** A gateway to the console's own local sandbox: screens call it SANDBOX. */
    public static StripeGateway forSandbox(Secret key, String sandboxUrl, GatewayOptions options) {
        return build(key, sandboxUrl, options, true);
    }

    private static StripeGateway build(Secret key, String apiBase, GatewayOptions options, boolean sandbox) {
        RateLimiter limiter = new RateLimiter(options.requestsPerSecond(), (int) Math.max(1, Math.ceil(options.requestsPerSecond())),
                RateLimiter.Clock.SYSTEM);
        StripeClient.StripeClientBuilder b = StripeClient.builder()
                .setApiKey(key.reveal())
                .setHttpClient(new RetryingHttpClient(limiter, options))
                .setMaxNetworkRetries(0)
                .setConnectTimeout((int) options.connectTimeout().toMillis())
                .setReadTimeout((int) options.readTimeout().toMillis());
        if (apiBase != null) {
            b.setApiBase(apiBase);
        }
        return new StripeGateway(b.build(), key, sandbox);
    }

    /** "SANDBOX", "TEST ····4242" or "LIVE ····9876": the most any screen shows of the key. */
    public String describe() {
        return sandbox ? StripeMode.SANDBOX.label() : StripeMode.describe(key);
    }

    private static RequestOptions post(IdempotencyKey k) {
        return RequestOptions.builder().setIdempotencyKey(k.value()).build();
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws StripeException, java.io.IOException;
    }

    private <T> T call(String what, Call<T> c) {
        try {
            return c.run();
        } catch (StripeException e) {
            throw translate(what, e);
        } catch (java.io.IOException e) {
            throw new StripeFailure(StripeFailure.Kind.UNKNOWN, "Stripe's answer could not be read while " + what
                    + ". Retry; if it repeats, report it.", null, null, e);
        }
    }

    // ---- customers ---------------------------------------------------------------------------
    public StripeModels.Customer createCustomer(IdempotencyKey k, String name, String email, Map<String, String> metadata) {
        return call("creating the Stripe customer", () -> customer(client.v1().customers().create(
                CustomerCreateParams.builder().setName(name).setEmail(email).putAllMetadata(metadata).build(), post(k))));
    }

    public StripeModels.Customer updateCustomer(IdempotencyKey k, String id, String name, String email, Map<String, String> metadata) {
        return call("updating the Stripe customer", () -> customer(client.v1().customers().update(id,
                CustomerUpdateParams.builder().setName(name).setEmail(email).putAllMetadata(metadata).build(), post(k))));
    }

    public StripeModels.Customer retrieveCustomer(String id) {
        return call("reading the Stripe customer", () -> customer(client.v1().customers().retrieve(id,
                CustomerRetrieveParams.builder().build(), (RequestOptions) null)));
    }

    /** The customer whose metadata[key] is value, if any: how a step finds its object after keys expired. */
    public Optional<StripeModels.Customer> findCustomerByMetadata(String metadataKey, String value) {
        return call("searching Stripe customers", () -> client.v1().customers().search(CustomerSearchParams.builder()
                .setQuery("metadata['" + metadataKey + "']:'" + value + "'").setLimit(1L).build())
                .getData().stream().findFirst().map(StripeGateway::customer));
    }

    // ---- products and prices -------------------------------------------------------------------
    public StripeModels.Product createProduct(IdempotencyKey k, String name, Map<String, String> metadata) {
        return call("creating the Stripe product", () -> product(client.v1().products().create(
                ProductCreateParams.builder().setName(name).putAllMetadata(metadata).build(), post(k))));
    }

    public StripeModels.Product archiveProduct(IdempotencyKey k, String id) {
        return call("archiving the Stripe product", () -> product(client.v1().products().update(id,
                ProductUpdateParams.builder().setActive(false).build(), post(k))));
    }

    /** A price; {@code interval} "month"/"year" for recurring, null for one-time. Prices are immutable once created. */
    public StripeModels.Price createPrice(IdempotencyKey k, String productId, Money unitAmount, String interval, String lookupKey,
                                          Map<String, String> metadata) {
        PriceCreateParams.Builder b = PriceCreateParams.builder().setProduct(productId)
                .setCurrency(unitAmount.currency().toLowerCase(Locale.ROOT)).setUnitAmount(com.antevus.console.core.StripeCurrencies.toStripe(unitAmount))
                .putAllMetadata(metadata);
        if (interval != null) {
            b.setRecurring(PriceCreateParams.Recurring.builder()
                    .setInterval(PriceCreateParams.Recurring.Interval.valueOf(interval.toUpperCase(Locale.ROOT))).build());
        }
        if (lookupKey != null) {
            b.setLookupKey(lookupKey).setTransferLookupKey(true);
        }
        return call("creating the Stripe price", () -> price(client.v1().prices().create(b.build(), post(k))));
    }

    public StripeModels.Price archivePrice(IdempotencyKey k, String priceId) {
        return call("archiving the Stripe price", () -> price(client.v1().prices().update(priceId,
                PriceUpdateParams.builder().setActive(false).build(), post(k))));
    }

    /** Moves a lookup key to this price (from whichever price held it): how a new catalog version takes over. */
    public StripeModels.Price moveLookupKey(IdempotencyKey k, String priceId, String lookupKey) {
        return call("moving the price's lookup key", () -> price(client.v1().prices().update(priceId,
                PriceUpdateParams.builder().setLookupKey(lookupKey).setTransferLookupKey(true).build(), post(k))));
    }

    /** The price holding a lookup key, active or not: how a publish finds a price it created before a crash. */
    public Optional<StripeModels.Price> findPriceByLookupKey(String lookupKey) {
        return call("looking up the Stripe price", () -> client.v1().prices().list(com.stripe.param.PriceListParams.builder()
                .addLookupKey(lookupKey).setLimit(1L).build()).getData().stream().findFirst().map(StripeGateway::price));
    }

    public StripeModels.Price retrievePrice(String id) {
        return call("retrieving the Stripe price", () -> price(client.v1().prices().retrieve(id)));
    }

    // ---- coupons -------------------------------------------------------------------------------
    /** @param duration "once", "repeating" (with months) or "forever" */
    public StripeModels.Coupon createPercentCoupon(IdempotencyKey k, BigDecimal percentOff, String duration, Long months, String name) {
        CouponCreateParams.Builder b = CouponCreateParams.builder().setPercentOff(percentOff).setName(name)
                .setDuration(CouponCreateParams.Duration.valueOf(duration.toUpperCase(Locale.ROOT)));
        if (months != null) {
            b.setDurationInMonths(months);
        }
        return call("creating the Stripe coupon", () -> coupon(client.v1().coupons().create(b.build(), post(k))));
    }

    /**
     * Creates a coupon: {@code percentOff} or {@code amountOff} (exactly one), a duration (once, repeating with
     * {@code months}, forever), and optional limits (the last moment it may be redeemed, how many times).
     */
    public StripeModels.Coupon createCoupon(IdempotencyKey k, String id, BigDecimal percentOff, Money amountOff, String duration, Long months,
                                            String name, Instant redeemBy, Long maxRedemptions) {
        CouponCreateParams.Builder b = CouponCreateParams.builder().setName(name)
                .setDuration(CouponCreateParams.Duration.valueOf(duration.toUpperCase(Locale.ROOT)));
        if (id != null) {
            b.setId(id);
        }
        if (percentOff != null) {
            b.setPercentOff(percentOff);
        } else {
            b.setAmountOff(amountOff.minor()).setCurrency(amountOff.currency().toLowerCase(Locale.ROOT));
        }
        if (months != null) {
            b.setDurationInMonths(months);
        }
        if (redeemBy != null) {
            b.setRedeemBy(redeemBy.getEpochSecond());
        }
        if (maxRedemptions != null) {
            b.setMaxRedemptions(maxRedemptions);
        }
        return call("creating the Stripe coupon", () -> coupon(client.v1().coupons().create(b.build(), post(k))));
    }

    /** Every coupon Stripe has (all pages), newest first. */
    public List<StripeModels.Coupon> listCoupons() {
        return call("listing coupons", () -> {
            List<StripeModels.Coupon> out = new ArrayList<>();
            for (com.stripe.model.Coupon c : client.v1().coupons().list(com.stripe.param.CouponListParams.builder().setLimit(100L).build())
                    .autoPagingIterable()) {
                out.add(coupon(c));
            }
            return out;
        });
    }

    /** Deletes a coupon (Stripe's archive): it can no longer be applied; discounts already applied stay. */
    public void deleteCoupon(String id) {
        call("deleting the coupon", () -> client.v1().coupons().delete(id));
    }

    public StripeModels.PromotionCode createPromotionCode(IdempotencyKey k, String couponId, String code, Instant expiresAt, Long maxRedemptions) {
        com.stripe.param.PromotionCodeCreateParams.Builder b = com.stripe.param.PromotionCodeCreateParams.builder()
                .setPromotion(com.stripe.param.PromotionCodeCreateParams.Promotion.builder()
                        .setType(com.stripe.param.PromotionCodeCreateParams.Promotion.Type.COUPON).setCoupon(couponId).build())
                .setCode(code);
        if (expiresAt != null) {
            b.setExpiresAt(expiresAt.getEpochSecond());
        }
        if (maxRedemptions != null) {
            b.setMaxRedemptions(maxRedemptions);
        }
        return call("creating the promotion code", () -> promotionCode(client.v1().promotionCodes().create(b.build(), post(k))));
    }

    /** The promotion codes of a coupon (or all when null), newest first. */
    public List<StripeModels.PromotionCode> listPromotionCodes(String couponId) {
        return call("listing promotion codes", () -> {
            com.stripe.param.PromotionCodeListParams.Builder b = com.stripe.param.PromotionCodeListParams.builder().setLimit(100L);
            if (couponId != null) {
                b.setCoupon(couponId);
            }
            List<StripeModels.PromotionCode> out = new ArrayList<>();
            for (com.stripe.model.PromotionCode p : client.v1().promotionCodes().list(b.build()).autoPagingIterable()) {
                out.add(promotionCode(p));
            }
            return out;
        });
    }

    public StripeModels.PromotionCode setPromotionCodeActive(IdempotencyKey k, String id, boolean active) {
        return call(active ? "activating the promotion code" : "deactivating the promotion code", () -> promotionCode(client.v1()
                .promotionCodes().update(id, com.stripe.param.PromotionCodeUpdateParams.builder().setActive(active).build(), post(k))));
    }

    public StripeModels.Coupon retrieveCoupon(String id) {
        return call("reading the Stripe coupon", () -> coupon(client.v1().coupons().retrieve(id)));
    }

    // ---- invoice items and invoices ---------------------------------------------------------------
    /** An invoice item of a fixed amount; pending (for the next invoice) when {@code invoiceId} is null. */
    public StripeModels.InvoiceItem createInvoiceItem(IdempotencyKey k, String customerId, Money amount, String description,
                                                      Map<String, String> metadata, String invoiceId) {
        InvoiceItemCreateParams.Builder b = InvoiceItemCreateParams.builder().setCustomer(customerId)
                .setAmount(com.antevus.console.core.StripeCurrencies.toStripe(amount)).setCurrency(amount.currency().toLowerCase(Locale.ROOT))
                .setDescription(description).putAllMetadata(metadata);
        if (invoiceId != null) {
            b.setInvoice(invoiceId);
        }
        return call("adding the invoice item", () -> invoiceItem(client.v1().invoiceItems().create(b.build(), post(k))));
    }

    /** An invoice item priced by a one-time price times a quantity. */
    public StripeModels.InvoiceItem createInvoiceItemForPrice(IdempotencyKey k, String customerId, String priceId, long quantity,
                                                              String description, Map<String, String> metadata, String invoiceId) {
        InvoiceItemCreateParams.Builder b = InvoiceItemCreateParams.builder().setCustomer(customerId)
                .setPricing(InvoiceItemCreateParams.Pricing.builder().setPrice(priceId).build()).setQuantity(quantity)
                .setDescription(description).putAllMetadata(metadata);
        if (invoiceId != null) {
            b.setInvoice(invoiceId);
        }
        return call("adding the invoice item", () -> invoiceItem(client.v1().invoiceItems().create(b.build(), post(k))));
    }

    /** A draft invoice sent by e-mail for payment within {@code daysUntilDue} (net terms), optionally taking pending items. */
    public StripeModels.Invoice createInvoice(IdempotencyKey k, String customerId, int daysUntilDue, boolean includePendingItems,
                                              String description, Map<String, String> metadata) {
        return call("creating the invoice", () -> invoice(client.v1().invoices().create(InvoiceCreateParams.builder()
                .setCustomer(customerId).setCollectionMethod(InvoiceCreateParams.CollectionMethod.SEND_INVOICE)
                .setDaysUntilDue((long) daysUntilDue).setAutoAdvance(false).setDescription(description)
                .setPendingInvoiceItemsBehavior(includePendingItems ? InvoiceCreateParams.PendingInvoiceItemsBehavior.INCLUDE
                        : InvoiceCreateParams.PendingInvoiceItemsBehavior.EXCLUDE)
                .putAllMetadata(metadata).build(), post(k))));
    }

    public StripeModels.Invoice retrieveInvoice(String id) {
        return call("reading the invoice", () -> invoice(client.v1().invoices().retrieve(id)));
    }

    public List<StripeModels.InvoiceLine> invoiceLines(String invoiceId) {
        return call("reading the invoice lines", () -> {
            List<StripeModels.InvoiceLine> out = new ArrayList<>();
            StripeCollection<InvoiceLineItem> lines = client.v1().invoices().lineItems().list(invoiceId);
            for (InvoiceLineItem l : lines.autoPagingIterable()) {
                String priceId = l.getPricing() == null || l.getPricing().getPriceDetails() == null ? null
                        : l.getPricing().getPriceDetails().getPrice();
                out.add(new StripeModels.InvoiceLine(l.getId(), l.getDescription(), money(l.getAmount(), l.getCurrency()),
                        l.getQuantity() == null ? 1 : l.getQuantity(), priceId, l.getMetadata() == null ? Map.of() : l.getMetadata()));
            }
            return out;
        });
    }

    /** Adds all lines to a draft invoice in one request (POST /v1/invoices/{id}/add_lines): one call per invoice. */
    public StripeModels.Invoice addInvoiceLines(IdempotencyKey k, String invoiceId, List<StripeModels.LineSpec> lines) {
        com.stripe.param.InvoiceAddLinesParams.Builder b = com.stripe.param.InvoiceAddLinesParams.builder();
        for (StripeModels.LineSpec l : lines) {
            b.addLine(com.stripe.param.InvoiceAddLinesParams.Line.builder().setAmount(com.antevus.console.core.StripeCurrencies.toStripe(l.amount()))
                    .setDescription(l.description()).putAllMetadata(l.metadata()).build());
        }
        return call("adding the invoice lines", () -> invoice(client.v1().invoices().addLines(invoiceId, b.build(), post(k))));
    }

    public StripeModels.Invoice finalizeInvoice(IdempotencyKey k, String id) {
        return call("finalizing the invoice", () -> invoice(client.v1().invoices().finalizeInvoice(id,
                com.stripe.param.InvoiceFinalizeInvoiceParams.builder().build(), post(k))));
    }

    public StripeModels.Invoice sendInvoice(IdempotencyKey k, String id) {
        return call("sending the invoice", () -> invoice(client.v1().invoices().sendInvoice(id,
                com.stripe.param.InvoiceSendInvoiceParams.builder().build(), post(k))));
    }

    public StripeModels.Invoice voidInvoice(IdempotencyKey k, String id) {
        return call("voiding the invoice", () -> invoice(client.v1().invoices().voidInvoice(id,
                com.stripe.param.InvoiceVoidInvoiceParams.builder().build(), post(k))));
    }

    public StripeModels.Invoice markUncollectible(IdempotencyKey k, String id) {
        return call("marking the invoice uncollectible", () -> invoice(client.v1().invoices().markUncollectible(id,
                com.stripe.param.InvoiceMarkUncollectibleParams.builder().build(), post(k))));
    }

    /** Records a payment received outside Stripe (wire, ACH, check). */
    public StripeModels.Invoice payOutOfBand(IdempotencyKey k, String id) {
        return call("marking the invoice paid", () -> invoice(client.v1().invoices().pay(id,
                InvoicePayParams.builder().setPaidOutOfBand(true).build(), post(k))));
    }

    // ---- credit notes and the customer balance -----------------------------------------------------
    /**
     * Issues a credit note against a finalized invoice: lines (an invoice line and how much of it, or a line of its
     * own), reason (one of Stripe's four), memo, and how what exceeds the amount still owed is settled.
     */
    public StripeModels.CreditNote createCreditNote(IdempotencyKey k, String invoiceId, List<StripeModels.CreditLineSpec> lines,
                                                    String reason, String memo, StripeModels.CreditSettlement settlement,
                                                    Map<String, String> metadata) {
        com.stripe.param.CreditNoteCreateParams.Builder b = com.stripe.param.CreditNoteCreateParams.builder().setInvoice(invoiceId)
                .setReason(com.stripe.param.CreditNoteCreateParams.Reason.valueOf(reason.toUpperCase(Locale.ROOT))).setMemo(memo)
                .putAllMetadata(metadata);
        for (StripeModels.CreditLineSpec l : lines) {
            com.stripe.param.CreditNoteCreateParams.Line.Builder lb = com.stripe.param.CreditNoteCreateParams.Line.builder();
            if (l.invoiceLineId() != null) {
                lb.setType(com.stripe.param.CreditNoteCreateParams.Line.Type.INVOICE_LINE_ITEM).setInvoiceLineItem(l.invoiceLineId())
                        .setAmount(l.amount().minor());
            } else {
                lb.setType(com.stripe.param.CreditNoteCreateParams.Line.Type.CUSTOM_LINE_ITEM).setDescription(l.description())
                        .setQuantity(1L).setUnitAmount(l.amount().minor());
            }
            b.addLine(lb.build());
        }
        if (settlement.toBalance().minor() > 0) {
            b.setCreditAmount(settlement.toBalance().minor());
        }
        if (settlement.outOfBand().minor() > 0) {
            b.setOutOfBandAmount(settlement.outOfBand().minor());
        }
        return call("issuing the credit note", () -> creditNote(client.v1().creditNotes().create(b.build(), post(k))));
    }

    public StripeModels.CreditNote voidCreditNote(IdempotencyKey k, String creditNoteId) {
        return call("voiding the credit note", () -> creditNote(client.v1().creditNotes().voidCreditNote(creditNoteId,
                com.stripe.param.CreditNoteVoidCreditNoteParams.builder().build(), post(k))));
    }

    public StripeModels.CreditNote retrieveCreditNote(String id) {
        return call("reading the credit note", () -> creditNote(client.v1().creditNotes().retrieve(id)));
    }

    /** The invoice's credit notes, newest first (all pages). */
    public List<StripeModels.CreditNote> creditNotes(String invoiceId) {
        return call("listing the invoice's credit notes", () -> {
            List<StripeModels.CreditNote> out = new ArrayList<>();
            for (com.stripe.model.CreditNote n : client.v1().creditNotes().list(com.stripe.param.CreditNoteListParams.builder()
                    .setInvoice(invoiceId).setLimit(100L).build()).autoPagingIterable()) {
                out.add(creditNote(n));
            }
            return out;
        });
    }

    /** The customer's balance changes, newest first (at most {@code limit}). */
    public List<StripeModels.BalanceTransaction> balanceTransactions(String customerId, int limit) {
        return call("reading the customer's balance", () -> client.v1().customers().balanceTransactions().list(customerId,
                com.stripe.param.CustomerBalanceTransactionListParams.builder().setLimit((long) limit).build()).getData().stream()
                .map(t -> new StripeModels.BalanceTransaction(t.getId(), t.getType(), money(t.getAmount(), t.getCurrency()),
                        money(t.getEndingBalance(), t.getCurrency()), t.getCreditNote(), t.getInvoice(), t.getDescription(),
                        t.getCreated() == null ? null : Instant.ofEpochSecond(t.getCreated()))).toList());
    }

    public StripeModels.Page<StripeModels.Invoice> listInvoices(String customerId, int limit, String startingAfter) {
        return call("listing invoices", () -> {
            InvoiceListParams.Builder b = InvoiceListParams.builder().setLimit((long) limit);
            if (customerId != null) {
                b.setCustomer(customerId);
            }
            if (startingAfter != null) {
                b.setStartingAfter(startingAfter);
            }
            StripeCollection<com.stripe.model.Invoice> page = client.v1().invoices().list(b.build());
            return new StripeModels.Page<>(page.getData().stream().map(StripeGateway::invoice).toList(), page.getHasMore());
        });
    }

    /** Every invoice of a customer (or all), following the pages. */
    public List<StripeModels.Invoice> allInvoices(String customerId) {
        return call("listing invoices", () -> {
            InvoiceListParams.Builder b = InvoiceListParams.builder().setLimit(100L);
            if (customerId != null) {
                b.setCustomer(customerId);
            }
            List<StripeModels.Invoice> out = new ArrayList<>();
            client.v1().invoices().list(b.build()).autoPagingIterable().forEach(i -> out.add(invoice(i)));
            return out;
        });
    }

    /** Invoices whose metadata[key] is value: how an invoice run finds what it created before a crash. */
    public List<StripeModels.Invoice> searchInvoicesByMetadata(String metadataKey, String value) {
        return call("searching invoices", () -> client.v1().invoices().search(InvoiceSearchParams.builder()
                .setQuery("metadata['" + metadataKey + "']:'" + value + "'").setLimit(100L).build())
                .getData().stream().map(StripeGateway::invoice).toList());
    }

    // ---- subscriptions -------------------------------------------------------------------------
    public StripeModels.Subscription createSubscription(IdempotencyKey k, String customerId, List<StripeModels.ItemSpec> items,
                                                        List<String> couponIds, Map<String, String> metadata) {
        SubscriptionCreateParams.Builder b = SubscriptionCreateParams.builder().setCustomer(customerId).putAllMetadata(metadata);
        items.forEach(i -> b.addItem(SubscriptionCreateParams.Item.builder().setPrice(i.priceId()).setQuantity(i.quantity()).build()));
        couponIds.forEach(c -> b.addDiscount(SubscriptionCreateParams.Discount.builder().setCoupon(c).build()));
        return call("creating the subscription", () -> subscription(client.v1().subscriptions().create(b.build(), post(k))));
    }

    /** Moves one subscription item to another price (a plan change, an academic price). */
    public StripeModels.Subscription changeSubscriptionPrice(IdempotencyKey k, String subscriptionId, String itemId, String newPriceId) {
        return call("changing the subscription's price", () -> subscription(client.v1().subscriptions().update(subscriptionId,
                SubscriptionUpdateParams.builder().addItem(SubscriptionUpdateParams.Item.builder().setId(itemId)
                        .setPrice(newPriceId).build()).build(), post(k))));
    }

    public StripeModels.Subscription setSubscriptionCoupons(IdempotencyKey k, String subscriptionId, List<String> couponIds) {
        SubscriptionUpdateParams.Builder b = SubscriptionUpdateParams.builder();
        if (couponIds.isEmpty()) {
            b.setDiscounts(com.stripe.param.common.EmptyParam.EMPTY);
        }
        couponIds.forEach(c -> b.addDiscount(SubscriptionUpdateParams.Discount.builder().setCoupon(c).build()));
        return call("changing the subscription's discounts", () -> subscription(client.v1().subscriptions().update(subscriptionId,
                b.build(), post(k))));
    }

    public StripeModels.Subscription cancelSubscription(IdempotencyKey k, String subscriptionId) {
        return call("canceling the subscription", () -> subscription(client.v1().subscriptions().cancel(subscriptionId,
                com.stripe.param.SubscriptionCancelParams.builder().build(), post(k))));
    }

    public StripeModels.Subscription retrieveSubscription(String id) {
        return call("reading the subscription", () -> subscription(client.v1().subscriptions().retrieve(id)));
    }

    // ---- billing meters ------------------------------------------------------------------------
    public StripeModels.Meter createMeter(IdempotencyKey k, String displayName, String eventName) {
        return call("creating the billing meter", () -> {
            com.stripe.model.billing.Meter m = client.v1().billing().meters().create(MeterCreateParams.builder()
                    .setDisplayName(displayName).setEventName(eventName)
                    .setDefaultAggregation(MeterCreateParams.DefaultAggregation.builder()
                            .setFormula(MeterCreateParams.DefaultAggregation.Formula.SUM).build()).build(), post(k));
            return new StripeModels.Meter(m.getId(), m.getEventName(), m.getStatus());
        });
    }

    /** One meter event; {@code identifier} deduplicates it at Stripe (derive it from the usage record). */
    public StripeModels.MeterEvent recordMeterEvent(IdempotencyKey k, String eventName, String customerId, long value,
                                                    String identifier, Instant timestamp) {
        return call("recording the meter event", () -> {
            com.stripe.model.billing.MeterEvent e = client.v1().billing().meterEvents().create(MeterEventCreateParams.builder()
                    .setEventName(eventName).putPayload("stripe_customer_id", customerId).putPayload("value", Long.toString(value))
                    .setIdentifier(identifier).setTimestamp(timestamp.getEpochSecond()).build(), post(k));
            return new StripeModels.MeterEvent(e.getIdentifier(), e.getEventName(), Instant.ofEpochSecond(e.getTimestamp()),
                    e.getPayload());
        });
    }

    // ---- events --------------------------------------------------------------------------------
    /** Events newer than {@code after} (an event id, or null for the newest page), newest first. */
    public StripeModels.Page<StripeModels.Event> listEvents(String endingBefore, String startingAfter, int limit) {
        return call("reading Stripe events", () -> {
            EventListParams.Builder b = EventListParams.builder().setLimit((long) limit);
            if (endingBefore != null) {
                b.setEndingBefore(endingBefore);
            }
            if (startingAfter != null) {
                b.setStartingAfter(startingAfter);
            }
            StripeCollection<com.stripe.model.Event> page = client.v1().events().list(b.build());
            List<StripeModels.Event> out = new ArrayList<>();
            for (com.stripe.model.Event e : page.getData()) {
                String raw = e.getDataObjectDeserializer().getRawJson();
                com.fasterxml.jackson.databind.JsonNode obj = JSON.readTree(raw);
                out.add(new StripeModels.Event(e.getId(), e.getType(), Instant.ofEpochSecond(e.getCreated()),
                        obj.path("id").asText(null), obj.path("object").asText(null), raw));
            }
            return new StripeModels.Page<>(out, page.getHasMore());
        });
    }

    // ---- mapping -------------------------------------------------------------------------------
    private static Money money(Long minor, String currency) {
        return com.antevus.console.core.StripeCurrencies.fromStripe(minor == null ? 0 : minor, currency == null ? "USD" : currency);
    }

    private static String requestId(com.stripe.model.StripeObject o) {
        return o.getLastResponse() == null ? null : o.getLastResponse().requestId();
    }

    private static StripeModels.Customer customer(com.stripe.model.Customer c) {
        return new StripeModels.Customer(c.getId(), c.getName(), c.getEmail(), c.getMetadata() == null ? Map.of() : c.getMetadata(),
                requestId(c), c.getBalance() == null ? 0 : c.getBalance());
    }

    private static StripeModels.Product product(com.stripe.model.Product p) {
        return new StripeModels.Product(p.getId(), p.getName(), Boolean.TRUE.equals(p.getActive()));
    }

    private static StripeModels.Price price(com.stripe.model.Price p) {
        return new StripeModels.Price(p.getId(), p.getProduct(), money(p.getUnitAmount(), p.getCurrency()),
                p.getRecurring() == null ? null : p.getRecurring().getInterval(), p.getLookupKey(), Boolean.TRUE.equals(p.getActive()));
    }

    private static StripeModels.Coupon coupon(com.stripe.model.Coupon c) {
        return new StripeModels.Coupon(c.getId(), c.getPercentOff(), c.getDuration(), c.getDurationInMonths(),
                c.getTimesRedeemed() == null ? 0 : c.getTimesRedeemed(), c.getAmountOff() == null ? null : money(c.getAmountOff(), c.getCurrency()),
                c.getName(), c.getMaxRedemptions(), c.getRedeemBy() == null ? null : Instant.ofEpochSecond(c.getRedeemBy()),
                Boolean.TRUE.equals(c.getValid()));
    }

    private static StripeModels.PromotionCode promotionCode(com.stripe.model.PromotionCode p) {
        return new StripeModels.PromotionCode(p.getId(), p.getCode(), p.getPromotion() == null ? null : p.getPromotion().getCoupon(),
                Boolean.TRUE.equals(p.getActive()), p.getCustomer(), p.getExpiresAt() == null ? null : Instant.ofEpochSecond(p.getExpiresAt()),
                p.getMaxRedemptions(), p.getTimesRedeemed() == null ? 0 : p.getTimesRedeemed());
    }

    private static StripeModels.InvoiceItem invoiceItem(com.stripe.model.InvoiceItem i) {
        String priceId = i.getPricing() == null || i.getPricing().getPriceDetails() == null ? null
                : i.getPricing().getPriceDetails().getPrice();
        return new StripeModels.InvoiceItem(i.getId(), i.getCustomer(), money(i.getAmount(), i.getCurrency()),
                i.getQuantity() == null ? 1 : i.getQuantity(), i.getDescription(), i.getInvoice(), priceId);
    }

    private static StripeModels.Invoice invoice(com.stripe.model.Invoice i) {
        String requestId = requestId(i);
        return new StripeModels.Invoice(i.getId(), i.getCustomer(), i.getStatus(), i.getNumber(),
                money(i.getSubtotal(), i.getCurrency()), money(i.getTotal(), i.getCurrency()),
                money(i.getAmountDue(), i.getCurrency()), money(i.getAmountPaid(), i.getCurrency()), i.getHostedInvoiceUrl(),
                i.getDueDate() == null ? null : Instant.ofEpochSecond(i.getDueDate()), i.getCollectionMethod(),
                i.getMetadata() == null ? Map.of() : i.getMetadata(), requestId, money(i.getAmountRemaining(), i.getCurrency()),
                money(i.getPrePaymentCreditNotesAmount(), i.getCurrency()), money(i.getPostPaymentCreditNotesAmount(), i.getCurrency()),
                money(i.getStartingBalance() == null ? 0 : i.getStartingBalance() - (i.getEndingBalance() == null ? i.getStartingBalance()
                        : i.getEndingBalance()), i.getCurrency()));
    }

    private static StripeModels.CreditNote creditNote(com.stripe.model.CreditNote n) {
        String cur = n.getCurrency();
        List<StripeModels.CreditNoteLine> lines = n.getLines() == null ? List.of() : n.getLines().getData().stream()
                .map(l -> new StripeModels.CreditNoteLine(l.getId(), l.getInvoiceLineItem(), l.getDescription(), money(l.getAmount(), cur)))
                .toList();
        return new StripeModels.CreditNote(n.getId(), n.getNumber(), n.getInvoice(), n.getStatus(), n.getType(), money(n.getTotal(), cur),
                money(n.getPrePaymentAmount(), cur), money(n.getPostPaymentAmount(), cur), money(n.getOutOfBandAmount(), cur),
                n.getReason(), n.getMemo(), n.getCustomerBalanceTransaction(),
                n.getVoidedAt() == null ? null : Instant.ofEpochSecond(n.getVoidedAt()), lines,
                n.getMetadata() == null ? Map.of() : n.getMetadata(), requestId(n));
    }

    private static StripeModels.Subscription subscription(com.stripe.model.Subscription s) {
        List<StripeModels.SubscriptionItem> items = s.getItems() == null ? List.of() : s.getItems().getData().stream()
                .map(i -> new StripeModels.SubscriptionItem(i.getId(), i.getPrice() == null ? null : i.getPrice().getId(),
                        i.getQuantity() == null ? 1 : i.getQuantity())).toList();
        List<String> discounts = s.getDiscounts() == null ? List.of() : s.getDiscounts();
        return new StripeModels.Subscription(s.getId(), s.getCustomer(), s.getStatus(), items, discounts,
                Boolean.TRUE.equals(s.getCancelAtPeriodEnd()));
    }

    /** One plain sentence per kind of failure. Stripe's own text is kept only where it names a parameter or state. */
    private StripeFailure translate(String what, StripeException e) {
        String requestId = e.getRequestId();
        String stripeMessage = e.getStripeError() == null ? null : e.getStripeError().getMessage();
        String param = e.getStripeError() == null ? null : e.getStripeError().getParam();
        String keyShown = describe();
        if (e instanceof PermissionException) {
            return new StripeFailure(StripeFailure.Kind.PERMISSION, "The Stripe key (" + keyShown + ") is not allowed to do this ("
                    + what + "). Use a key with write access for it, or ask an admin; nothing was changed.", null, requestId, null);
        }
        if (e instanceof AuthenticationException) {
            return new StripeFailure(StripeFailure.Kind.AUTHENTICATION, "Stripe did not accept the API key (" + keyShown
                    + "): it is wrong, expired or revoked. Set a valid key in STRIPE_API_KEY or console.properties; "
                    + "nothing was sent.", null, requestId, null);
        }
        if (e instanceof IdempotencyException) {
            return new StripeFailure(StripeFailure.Kind.IDEMPOTENCY_CONFLICT, "Stripe already received this step with different "
                    + "details while " + what + ": the console's record changed since the first attempt. Review the record "
                    + "before retrying; nothing was duplicated.", null, requestId, null);
        }
        if (e instanceof RateLimitException) {
            return new StripeFailure(StripeFailure.Kind.RATE_LIMITED, "Stripe kept rate limiting the console while " + what
                    + ", even after retries. Wait a minute and retry; retrying is safe, nothing is duplicated.", null, requestId, null);
        }
        if (e instanceof ApiConnectionException) {
            return new StripeFailure(StripeFailure.Kind.UNAVAILABLE, "Could not reach Stripe while " + what + ", even after "
                    + "retries. Check the network and retry; retrying is safe, nothing is duplicated.", null, requestId, null);
        }
        if (e instanceof ApiException || (e.getStatusCode() != null && e.getStatusCode() >= 500)) {
            return new StripeFailure(StripeFailure.Kind.UNAVAILABLE, "Stripe had an error while " + what + ", even after retries. "
                    + "Retry in a few minutes; retrying is safe, nothing is duplicated.", null, requestId, null);
        }
        if (e instanceof CardException) {
            return new StripeFailure(StripeFailure.Kind.PAYMENT, "Stripe could not take the payment while " + what + ": "
                    + stripeMessage, param, requestId, null);
        }
        if (e instanceof InvalidRequestException) {
            if (Integer.valueOf(404).equals(e.getStatusCode())) {
                return new StripeFailure(StripeFailure.Kind.NOT_FOUND, "Stripe does not know this object (" + stripeMessage
                        + ") while " + what + ". It may have been deleted, or belong to another Stripe account or mode.",
                        param, requestId, null);
            }
            if (param == null) {
                return new StripeFailure(StripeFailure.Kind.INVALID_STATE, "Stripe refused " + what + ": " + stripeMessage,
                        null, requestId, null);
            }
            return new StripeFailure(StripeFailure.Kind.INVALID_REQUEST, "Stripe refused " + what + " because of the parameter '"
                    + param + "': " + stripeMessage + " Nothing was changed.", param, requestId, null);
        }
        return new StripeFailure(StripeFailure.Kind.UNKNOWN, "Stripe failed while " + what + " (" + e.getClass().getSimpleName()
                + "). Retry; if it repeats, send support the request id " + requestId + ".", param, requestId, null);
    }
}
