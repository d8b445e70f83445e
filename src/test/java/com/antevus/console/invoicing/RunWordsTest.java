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
        assertThat(InvoicesViewModel.runWords(new RunSummary(oct, false, null, "nothing to do", List.of(), List.of(entry(0), entry(0)),
                List.of(), 0, "USD", 5))).isEqualTo("Nothing to invoice: every organization of October 2026 is invoiced already or has "
                + "nothing to bill (2 skipped).");
        assertThat(InvoicesViewModel.runWords(new RunSummary(oct, false, UUID.randomUUID(), "completed", List.of(entry(150_000), entry(2_500)),
                List.of(), List.of(), 152_500, "USD", 5))).isEqualTo("Run completed: 2 invoices created and sent for $1,525.00 · 0 skipped · 0 failed");
        assertThat(InvoicesViewModel.runWords(new RunSummary(oct, false, UUID.randomUUID(), "paused", List.of(entry(100)), List.of(),
                List.of(entry(200)), 100, "EUR", 5))).isEqualTo("Run paused (run the period again to resume): 1 invoice created and sent for "
                + "€1.00 · 0 skipped · 1 failed");
    }
}
