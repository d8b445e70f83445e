package com.antevus.console.invoicing;

import com.antevus.console.rating.RatedLine;
import java.util.List;
import java.util.UUID;

/**
 * One organization's period in the review: what the rating engine charges it, what is already invoiced, and
 * what looks wrong.
 *
 * @param kind          the invoice kind the period gets: contract (enterprise), overage (base fees already billed
 *                      by a Stripe subscription) or subscription (everything)
 * @param lines         the chargeable lines (zero-amount lines are left out)
 * @param previousMinor the previous period's invoiced total, or null when it had none
 * @param billing       where the period's invoice stands
 */
public record ReviewRow(UUID organizationId, String organizationName, String planCode, boolean academic, boolean enterprise,
                        String stripeCustomerId, boolean billedBySubscription, String kind, String currency, List<RatedLine> lines,
                        long totalMinor, long overageMinor, Long previousMinor, List<String> anomalies, Billing billing,
                        UUID invoiceId, String invoiceNumber, String journalState, String lastError, int daysUntilDue) {

    public enum Billing {
        /** Nothing invoiced yet; a run would create the invoice. */
        TO_INVOICE("To invoice"),
        /** A draft exists in the console; a run (or "Create in Stripe") sends it. */
        DRAFT("Draft"),
        /** Stripe steps started and have not finished; a run resumes it. */
        IN_PROGRESS("In progress"),
        /** Invoiced: finalized in Stripe, or invoiced before the console (history). */
        INVOICED("Invoiced"),
        /** The rating comes to zero. */
        NOTHING_TO_BILL("Nothing to bill");

        private final String label;

        Billing(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public ReviewRow {
        lines = List.copyOf(lines);
        anomalies = List.copyOf(anomalies);
    }

    public boolean overQuota() {
        return overageMinor > 0;
    }

    public boolean hasCustomer() {
        return stripeCustomerId != null;
    }

    /** Whether an invoice run would create or resume this organization's invoice. */
    public boolean needsInvoicing() {
        return billing == Billing.TO_INVOICE || billing == Billing.DRAFT || billing == Billing.IN_PROGRESS;
    }
}
