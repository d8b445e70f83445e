package com.antevus.console.stripe;

import com.antevus.console.core.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the gateway returns: plain records, so no Stripe type leaves the stripe package. */
public final class StripeModels {
    private StripeModels() {
    }

    /** @param requestId Stripe's request id of the call that returned it, for the audit log (null when unknown) */
    /** @param balance the customer's Stripe balance in minor units (negative: credit for their next invoices) */
    public record Customer(String id, String name, String email, Map<String, String> metadata, String requestId, long balance) {
    }

    public record Product(String id, String name, boolean active) {
    }

    /** @param interval "month", "year", or null for a one-time price */
    public record Price(String id, String productId, Money unitAmount, String interval, String lookupKey, boolean active) {
    }

    /**
     * @param percentOff null for an amount-off coupon
     * @param amountOff  null for a percent-off coupon
     * @param valid      false once its redeem_by has passed, it reached its max redemptions, or it was deleted
     */
    public record Coupon(String id, BigDecimal percentOff, String duration, Long durationInMonths, long timesRedeemed, Money amountOff,
                         String name, Long maxRedemptions, Instant redeemBy, boolean valid) {
    }

    /** A customer-facing code for a coupon, for self-serve checkout. */
    public record PromotionCode(String id, String code, String couponId, boolean active, String customerId, Instant expiresAt,
                                Long maxRedemptions, long timesRedeemed) {
    }

    public record InvoiceItem(String id, String customerId, Money amount, long quantity, String description, String invoiceId,
                              String priceId) {
    }

    public record InvoiceLine(String id, String description, Money amount, long quantity, String priceId,
                              Map<String, String> metadata) {
    }

    /** One line to add to a draft invoice: its amount (negative for a credit), text and metadata. */
    public record LineSpec(Money amount, String description, Map<String, String> metadata) {
    }

    /**
     * @param amountRemaining what is still owed
     * @param prePaymentCredited what credit notes took off the amount due
     * @param postPaymentCredited what credit notes credited after payment (to the balance, or outside Stripe)
     * @param balanceApplied the customer's balance applied at finalization (negative: a credit that lowered the amount due)
     */
    public record Invoice(String id, String customerId, String status, String number, Money subtotal, Money total,
                          Money amountDue, Money amountPaid, String hostedInvoiceUrl, Instant dueDate, String collectionMethod,
                          Map<String, String> metadata, String requestId, Money amountRemaining, Money prePaymentCredited,
                          Money postPaymentCredited, Money balanceApplied) {
    }

    /** A Stripe credit note. */
    public record CreditNote(String id, String number, String invoiceId, String status, String type, Money amount,
                             Money prePayment, Money postPayment, Money outOfBand, String reason, String memo,
                             String customerBalanceTransactionId, Instant voidedAt, List<CreditNoteLine> lines,
                             Map<String, String> metadata, String requestId) {
    }

    /** @param invoiceLineId the invoice line it credits, or null for a line of its own */
    public record CreditNoteLine(String id, String invoiceLineId, String description, Money amount) {
    }

    /** One line of a credit note to issue: an invoice line (or null) and how much of it, with a description for its own. */
    public record CreditLineSpec(String invoiceLineId, Money amount, String description) {
    }

    /**
     * How a credit note's amount is settled beyond what it takes off the amount due: credited to the customer's
     * balance, or recorded as refunded outside Stripe.
     */
    public record CreditSettlement(Money toBalance, Money outOfBand) {
    }

    /** A change of a customer's Stripe balance (negative: credit the customer can spend). */
    public record BalanceTransaction(String id, String type, Money amount, Money endingBalance, String creditNoteId,
                                     String invoiceId, String description, Instant created) {
    }

    public record SubscriptionItem(String id, String priceId, long quantity) {
    }

    public record Subscription(String id, String customerId, String status, List<SubscriptionItem> items,
                               List<String> discountIds, boolean cancelAtPeriodEnd) {
    }

    public record Meter(String id, String eventName, String status) {
    }

    public record MeterEvent(String identifier, String eventName, Instant timestamp, Map<String, String> payload) {
    }

    /** One entry of Stripe's events feed, with the changed object as JSON for the sync to read. */
    public record Event(String id, String type, Instant created, String objectId, String objectType, String objectJson) {
    }

    public record Page<T>(List<T> data, boolean hasMore) {
    }

    /** One item of a new subscription. */
    public record ItemSpec(String priceId, long quantity) {
    }
}
