package com.antevus.console.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.credits.CreditLedger.Bucket;
import com.antevus.console.credits.CreditLedger.Entry;
import com.antevus.console.credits.CreditLedger.Kind;
import com.antevus.console.credits.CreditLedger.Precedence;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Seed 004's precedence on the ledger alone, and the ledger's own rules. */
class CreditLedgerTest {
    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    static final Instant NOV_1 = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant DEC_1 = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant NOV_30_LAST = Instant.parse("2026-11-30T23:59:59.999999Z");

    static Entry grant(Bucket b, long credits, Instant at, Instant expires) {
        UUID id = UUID.randomUUID();
        return new Entry(id, id, Kind.GRANT, b, credits, at, expires, b == Bucket.SUBSCRIPTION ? NOVEMBER : null, "grant", null);
    }

    /** 500 purchased and 1,000 subscription credits; 1,200 consumed in November; then the month ends. */
    static List<Entry> monthOf(Precedence p) {
        List<Entry> entries = new ArrayList<>(List.of(grant(Bucket.PURCHASED, 500, NOV_1, null), grant(Bucket.SUBSCRIPTION, 1000, NOV_1, DEC_1)));
        for (CreditLedger.Draw d : CreditLedger.of(entries).draw(1200, NOV_30_LAST, p)) {
            entries.add(new Entry(UUID.randomUUID(), d.lot(), Kind.CONSUMPTION, d.bucket(), -d.credits(), NOV_30_LAST, null, NOVEMBER, "usage", null));
        }
        return entries;
    }

    @Test
    void purchasedCreditsGoFirstThenSubscriptionCreditsWhichExpireAtThePeriodsEnd() {
        List<Entry> entries = monthOf(Precedence.PURCHASED_FIRST);
        CreditLedger ledger = CreditLedger.of(entries);
        assertThat(ledger.available(NOV_30_LAST).of(Bucket.PURCHASED)).isZero();
        assertThat(ledger.available(NOV_30_LAST).of(Bucket.SUBSCRIPTION)).isEqualTo(300);

        List<CreditLedger.Lot> expiring = ledger.expiring(DEC_1);
        assertThat(expiring).singleElement().satisfies(l -> {
            assertThat(l.bucket()).isEqualTo(Bucket.SUBSCRIPTION);
            assertThat(l.remaining()).isEqualTo(300);
        });
        assertThat(ledger.available(DEC_1).total()).as("expired credits cannot be spent").isZero();
        entries.add(new Entry(UUID.randomUUID(), expiring.get(0).id(), Kind.EXPIRY, Bucket.SUBSCRIPTION, -300, DEC_1, null, null, "expired", null));
        CreditLedger after = CreditLedger.of(entries);
        assertThat(after.balance().total()).isZero();
        assertThat(after.balance().of(Bucket.SUBSCRIPTION)).isZero();
        assertThat(after.expiring(DEC_1)).isEmpty();
    }

    @Test
    void expiringFirstSpendsTheSubscriptionCreditsAndKeepsThePurchasedOnes() {
        CreditLedger ledger = CreditLedger.of(monthOf(Precedence.EXPIRING_FIRST));
        assertThat(ledger.available(NOV_30_LAST).of(Bucket.PURCHASED)).isEqualTo(300);
        assertThat(ledger.available(NOV_30_LAST).of(Bucket.SUBSCRIPTION)).isZero();
        assertThat(ledger.expiring(DEC_1)).as("nothing is left to expire").isEmpty();
        assertThat(ledger.available(DEC_1).total()).isEqualTo(300);
    }

    @Test
    void aDrawNeverTakesMoreThanThereIsAndNeverFromCreditsNotYetGrantedOrExpired() {
        Entry purchased = grant(Bucket.PURCHASED, 100, NOV_1, null);
        Entry promo = grant(Bucket.PROMOTIONAL, 50, NOV_1, Instant.parse("2026-11-15T00:00:00Z"));
        Entry later = grant(Bucket.PURCHASED, 1000, DEC_1, null);
        CreditLedger ledger = CreditLedger.of(List.of(purchased, promo, later));
        assertThat(ledger.draw(10_000, NOV_30_LAST, Precedence.PURCHASED_FIRST)).extracting(CreditLedger.Draw::credits)
                .as("only November's unexpired purchased lot is spendable on November 30").containsExactly(100L);
        assertThat(ledger.draw(120, Instant.parse("2026-11-10T00:00:00Z"), Precedence.EXPIRING_FIRST))
                .extracting(CreditLedger.Draw::lot, CreditLedger.Draw::credits)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(promo.id(), 50L), org.assertj.core.groups.Tuple.tuple(purchased.id(), 70L));
        assertThat(ledger.draw(0, NOV_30_LAST, Precedence.PURCHASED_FIRST)).isEmpty();
    }

    @Test
    void entriesThatBreakTheLedgersShapeAreRefused() {
        UUID id = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        assertThatThrownBy(() -> new Entry(id, id, Kind.GRANT, Bucket.PURCHASED, -5, NOV_1, null, null, "x", null))
                .hasMessageContaining("cannot move -5");
        assertThatThrownBy(() -> new Entry(id, other, Kind.GRANT, Bucket.PURCHASED, 5, NOV_1, null, null, "x", null))
                .hasMessageContaining("its own lot");
        assertThatThrownBy(() -> new Entry(id, id, Kind.CONSUMPTION, Bucket.PURCHASED, -5, NOV_1, null, NOVEMBER, "x", null))
                .hasMessageContaining("its own lot");
        assertThatThrownBy(() -> new Entry(id, other, Kind.EXPIRY, Bucket.PURCHASED, 0, NOV_1, null, null, "x", null))
                .hasMessageContaining("at least one credit");
        assertThatThrownBy(() -> CreditLedger.of(List.of(new Entry(id, other, Kind.CONSUMPTION, Bucket.PURCHASED, -5, NOV_1, null, NOVEMBER, "x", null))))
                .hasMessageContaining("does not hold");
    }
}
