package com.antevus.console.invoicing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * An invoice as the console holds it: its lines, where it stands in Stripe and in the journal.
 *
 * @param status       the mirror's status: draft, open, paid, void, uncollectible
 * @param journalState the last Stripe step done (planned, customer_ready, invoice_created, lines_added,
 *                     finalized, sent), or null for an invoice the console did not create
 * @param version      for optimistic locking of edits
 */
public record InvoiceDraft(UUID organizationId, UUID invoiceId, String organizationName, String billingEmail, String kind,
                           String status, YearMonth period, String currency, int daysUntilDue, List<DraftLine> lines,
                           String journalState, String stripeCustomerId, String stripeInvoiceId, String number,
                           String hostedInvoiceUrl, LocalDate dueDate, String lastError, String memo, int version) {
    public InvoiceDraft {
        lines = List.copyOf(lines);
    }

    public long subtotalMinor() {
        return lines.stream().mapToLong(DraftLine::amountMinor).sum();
    }

    /** Lines can change until the invoice exists in Stripe. */
    public boolean editable() {
        return "draft".equals(status) && stripeInvoiceId == null;
    }

    public boolean inStripe() {
        return stripeInvoiceId != null;
    }
}
