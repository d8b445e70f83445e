package com.antevus.console.orgs;

import com.antevus.console.core.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the console holds about one organization, for its page: the list row, its subscription and add-ons,
 * entitlements against use, invoices with their balance, contracts with their documents, academic verifications and
 * the latest changes to any of it, and its credit ledger with the threshold below which it is low on credits.
 */
public record OrganizationProfile(OrganizationSummary summary, String billingEmail, String stripeCustomerId, Subscription subscription,
                                  List<Entitlement> entitlements, List<Invoice> invoices, List<Contract> contracts,
                                  List<Document> documents, List<Verification> verifications, List<Change> activity,
                                  com.antevus.console.credits.CreditLedger credits, long lowBalanceThreshold) {
    public OrganizationProfile {
        entitlements = List.copyOf(entitlements);
        invoices = List.copyOf(invoices);
        contracts = List.copyOf(contracts);
        documents = List.copyOf(documents);
        verifications = List.copyOf(verifications);
        activity = List.copyOf(activity);
    }

    /** The live subscription (null when there is none). */
    /** @param coupons the coupons staff applied and not removed, in words: "WINBACK-25, 25% off: subscription, Nov 2026 – Jan 2027" */
    public record Subscription(String planName, String interval, String status, LocalDate periodStart, LocalDate periodEnd,
                               String stripeSubscriptionId, List<String> addOns, List<String> coupons) {
    }

    public record Entitlement(String resource, Long limit, long used) {
    }

    /** @param credited what the invoice's issued credit notes credit */
    public record Invoice(String number, LocalDate periodStart, String kind, String status, Money total, Money balance, LocalDate due,
                          Money credited) {
    }

    public record Contract(String status, Money annualValue, String schedule, String paymentTerms, LocalDate startsOn, LocalDate endsOn) {
    }

    public record Document(String kind, String status, LocalDate signedOn, LocalDate expiresOn) {
    }

    public record Verification(String requester, String domain, String method, String status, Instant submittedAt, String decidedBy) {
    }

    /** One change from the audit log: when, who, what kind of record, the action, and why. */
    public record Change(Instant at, String user, String table, String operation, String reason) {
    }
}
