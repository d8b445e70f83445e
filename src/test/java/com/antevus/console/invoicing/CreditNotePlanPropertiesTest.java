package com.antevus.console.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Credit notes over random invoices and random series of requests, each issued when its plan says it may be: the
 * parts of every note add up to it, nothing owed goes below zero, no line is credited beyond what it charged, and the
 * invoice is never credited beyond its total, whatever the mix of lines, amounts of their own, and payment.
 */
class CreditNotePlanPropertiesTest {
    @Property(tries = 400)
    void issuedNotesNeverCreditMoreThanTheInvoiceAndTheirPartsAddUp(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int requests) {
        Random rnd = new Random(seed);
        int lineCount = 1 + rnd.nextInt(6);
        long[] charged = new long[lineCount];
        long total = 0;
        for (int i = 0; i < lineCount; i++) {
            charged[i] = 1 + rnd.nextInt(500_000);
            total += charged[i];
        }
        long[] credited = new long[lineCount];
        boolean paid = rnd.nextBoolean();
        long amountPaid = paid ? total : 0;
        long owed = paid ? 0 : total;
        long creditedTotal = 0;
        long prePaid = 0;
        for (int n = 0; n < requests; n++) {
            List<CreditNoteService.InvoiceLine> lines = new ArrayList<>();
            for (int i = 0; i < lineCount; i++) {
                lines.add(new CreditNoteService.InvoiceLine(i + 1, "Line " + (i + 1), charged[i], credited[i]));
            }
            CreditNoteRepository.Creditable inv = new CreditNoteRepository.Creditable(UUID.randomUUID(), UUID.randomUUID(), "Org", "INV-0001",
                    paid || owed == 0 ? "paid" : "open", "USD", "in_test", total, amountPaid, creditedTotal, prePaid, lines);
            List<CreditNoteService.LineCredit> ask = new ArrayList<>();
            int picks = 1 + rnd.nextInt(3);
            for (int p = 0; p < picks; p++) {
                if (rnd.nextInt(4) == 0) {
                    ask.add(new CreditNoteService.LineCredit(null, rnd.nextBoolean() ? "Goodwill" : "", rnd.nextInt(200_000) - 1_000));
                } else {
                    int i = rnd.nextInt(lineCount);
                    ask.add(new CreditNoteService.LineCredit(i + 1, "Line " + (i + 1), rnd.nextInt(3) == 0 ? charged[i] : rnd.nextInt(300_000)));
                }
            }
            CreditNoteService.Settlement settle = rnd.nextBoolean() ? CreditNoteService.Settlement.CUSTOMER_BALANCE
                    : rnd.nextInt(5) == 0 ? null : CreditNoteService.Settlement.OUT_OF_BAND;
            CreditNoteService.Plan plan = CreditNoteService.plan(new CreditNoteService.Request(inv.invoiceId(), ask, "order_change",
                    "Random correction", settle), inv, owed);
            if (!plan.ok()) {
                continue;
            }
            // what PostgreSQL also checks at commit
            assertThat(plan.prePaymentMinor() + plan.toBalanceMinor() + plan.outOfBandMinor()).isEqualTo(plan.amountMinor());
            assertThat(plan.amountMinor()).isPositive();
            assertThat(plan.prePaymentMinor()).isBetween(0L, owed);
            assertThat(plan.owedAfterMinor()).isNotNegative();
            for (CreditNoteService.LineCredit l : ask) {
                if (l.invoiceLineNo() != null) {
                    credited[l.invoiceLineNo() - 1] += l.amountMinor();
                }
            }
            owed -= plan.prePaymentMinor();
            prePaid += plan.prePaymentMinor();
            creditedTotal += plan.amountMinor();
            for (int i = 0; i < lineCount; i++) {
                assertThat(credited[i]).as("line %d", i + 1).isLessThanOrEqualTo(charged[i]);
            }
            assertThat(creditedTotal).isLessThanOrEqualTo(total);
            assertThat(prePaid + amountPaid).isLessThanOrEqualTo(total);
        }
    }
}
