package com.antevus.console.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a finished run reads on the Invoice run tab: in words, with its money, never "Run nothing to do: 0 created". */
class RunWordsTest {
    private static RunSummary.Entry entry(long total) {
        return new RunSummary.Entry(UUID.randomUUID(), "Org", UUID.randomUUID(), "in_1", "AV-1", total, null);
    }

    @Test
    void aRunSaysWhatItDid() {
        YearMonth oct = YearMonth.of(2026, 10);
        assertThat(InvoiceRunViewModel.runWords(new RunSummary(oct, false, null, "nothing to do", List.of(), List.of(entry(0), entry(0)),
                List.of(), 0, "USD", 5))).isEqualTo("Nothing to invoice: every organization of October 2026 is invoiced already or has "
                + "nothing to bill (2 skipped).");
        assertThat(InvoiceRunViewModel.runWords(new RunSummary(oct, false, UUID.randomUUID(), "completed", List.of(entry(150_000), entry(2_500)),
                List.of(), List.of(), 152_500, "USD", 5))).isEqualTo("Run completed: 2 invoices created and sent for $1,525.00 · 0 skipped · 0 failed");
        assertThat(InvoiceRunViewModel.runWords(new RunSummary(oct, false, UUID.randomUUID(), "paused", List.of(entry(100)), List.of(),
                List.of(entry(200)), 100, "EUR", 5))).isEqualTo("Run paused (run the period again to resume): 1 invoice created and sent for "
                + "€1.00 · 0 skipped · 1 failed");
    }

    @Test
    void aSyncSaysWhatCameInAndWhyMostOfItNeededNothing() {
        assertThat(EventsViewModel.syncWords(new StripeEventSync.SyncResult(0, 0, 0, 0, 0)))
                .isEqualTo("Stripe sync: nothing new since the last sync.");
        assertThat(EventsViewModel.syncWords(new StripeEventSync.SyncResult(1724, 1724, 0, 1724, 0))).isEqualTo("Stripe sync: 1,724 new "
                + "events logged; 0 moved an invoice (paid, voided, payment failed…), 1,724 needed nothing (about customers, prices or "
                + "invoices the console does not bill, or already applied).");
        assertThat(EventsViewModel.syncWords(new StripeEventSync.SyncResult(1, 1, 0, 0, 1))).endsWith("needed nothing (about customers, "
                + "prices or invoices the console does not bill, or already applied), 1 failed and can be replayed from the list.")
                .startsWith("Stripe sync: 1 new event logged;");
    }
}
