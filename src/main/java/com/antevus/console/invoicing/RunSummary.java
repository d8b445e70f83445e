package com.antevus.console.invoicing;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * What an invoice run did (or, dry, would do).
 *
 * @param created  invoices finished in this run (created, finalized and sent), including ones resumed from an
 *                 earlier run that stopped part-way
 * @param skipped  organizations left alone, with why (already invoiced, nothing to bill)
 * @param failed   organizations whose invoice did not finish, with the reason; a later run resumes them
 */
public record RunSummary(YearMonth period, boolean dryRun, UUID runId, String status, List<Entry> created, List<Entry> skipped,
                         List<Entry> failed, long createdTotalMinor, String currency, long millis) {

    /** One organization's result. */
    public record Entry(UUID organizationId, String organizationName, UUID invoiceId, String stripeInvoiceId, String number,
                        long totalMinor, String reason) {
    }

    public RunSummary {
        created = List.copyOf(created);
        skipped = List.copyOf(skipped);
        failed = List.copyOf(failed);
    }

    public boolean ok() {
        return failed.isEmpty();
    }
}
