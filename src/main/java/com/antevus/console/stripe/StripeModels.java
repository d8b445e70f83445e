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
    public record Customer(String id, String name, String email, Map<String, String> metadata, String requestId) {
    }

    public record Product(String id, String name, boolean active) {
    }

    /** @param interval "month", "year", or null for a one-time price */
    public record Price(String id, String productId, Money unitAmount, String interval, String lookupKey, boolean active) {
    }

    public record Coupon(String id, BigDecimal percentOff, String duration, Long durationInMonths, long timesRedeemed) {
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

    public record Invoice(String id, String customerId, String status, String number, Money subtotal, Money total,
                          Money amountDue, Money amountPaid, String hostedInvoiceUrl, Instant dueDate, String collectionMethod,
                          Map<String, String> metadata, String requestId) {
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
