package com.antevus.console.credits;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.credits.CreditLedger.Bucket;
import com.antevus.console.credits.CreditLedger.Entry;
import com.antevus.console.credits.CreditLedger.Kind;
import com.antevus.console.credits.CreditLedger.Precedence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The ledger's invariants over random histories: grants of every kind, draws of any size in either precedence,
 * expiries when their time comes. The balance is always the sum of the entries, no lot goes below zero, a draw takes
 * exactly what was asked or everything spendable, and expired or future credits are never spent.
 */
class CreditLedgerPropertiesTest {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 300)
    void balancesAreSumsAndDrawsStayWithinWhatIsSpendable(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int steps,
                                                          @ForAll Precedence precedence) {
        Random rnd = new Random(seed);
        List<Entry> entries = new ArrayList<>();
        Instant now = START;
        for (int i = 0; i < steps; i++) {
            now = now.plus(Duration.ofHours(1 + rnd.nextInt(24 * 20)));
            CreditLedger ledger = CreditLedger.of(entries);
            int op = rnd.nextInt(4);
            if (op == 0 || entries.isEmpty()) {
                Bucket b = Bucket.values()[rnd.nextInt(3)];
                UUID id = UUID.randomUUID();
                Instant expires = b == Bucket.PURCHASED ? null : now.plus(Duration.ofDays(1 + rnd.nextInt(60)));
                entries.add(new Entry(id, id, Kind.GRANT, b, 1 + rnd.nextInt(5000), now, expires, null, "grant", null));
            } else if (op == 1 || op == 2) {
                long want = rnd.nextInt(8000);
                long spendable = ledger.available(now).total();
                List<CreditLedger.Draw> draws = ledger.draw(want, now, precedence);
                assertThat(draws.stream().mapToLong(CreditLedger.Draw::credits).sum()).isEqualTo(Math.min(want, spendable));
                for (CreditLedger.Draw d : draws) {
                    CreditLedger.Lot lot = ledger.lots().stream().filter(l -> l.id().equals(d.lot())).findFirst().orElseThrow();
                    assertThat(lot.expiredAt(now)).as("never from an expired lot").isFalse();
                    assertThat(lot.grantedAt()).isBeforeOrEqualTo(now);
                    assertThat(d.credits()).isPositive().isLessThanOrEqualTo(lot.remaining());
                    entries.add(new Entry(UUID.randomUUID(), d.lot(), Kind.CONSUMPTION, d.bucket(), -d.credits(), now, null,
                            java.time.YearMonth.from(now.atZone(java.time.ZoneOffset.UTC)), "use", null));
                }
            } else {
                for (CreditLedger.Lot l : ledger.expiring(now)) {
                    entries.add(new Entry(UUID.randomUUID(), l.id(), Kind.EXPIRY, l.bucket(), -l.remaining(), l.expiresAt(), null, null,
                            "expired", null));
                }
            }
            CreditLedger after = CreditLedger.of(entries);
            assertThat(after.balance().total()).isEqualTo(entries.stream().mapToLong(Entry::credits).sum());
            long byKind = 0;
            for (Bucket b : Bucket.values()) {
                byKind += after.balance().of(b);
            }
            assertThat(byKind).isEqualTo(after.balance().total());
            assertThat(after.lots()).allSatisfy(l -> assertThat(l.remaining()).isNotNegative());
            assertThat(after.lots().stream().mapToLong(CreditLedger.Lot::remaining).sum()).isEqualTo(after.balance().total());
            assertThat(after.available(now).total()).isLessThanOrEqualTo(after.balance().total());
        }
    }

    @Property(tries = 200)
    void purchasedFirstTakesNoSubscriptionCreditWhilePurchasedOnesRemain(@ForAll @LongRange(min = 1, max = 10_000) long purchased,
                                                                        @ForAll @LongRange(min = 1, max = 10_000) long subscription,
                                                                        @ForAll @LongRange(min = 0, max = 25_000) long want) {
        UUID p = UUID.randomUUID();
        UUID s = UUID.randomUUID();
        Instant at = START.plus(Duration.ofDays(10));
        CreditLedger ledger = CreditLedger.of(List.of(new Entry(p, p, Kind.GRANT, Bucket.PURCHASED, purchased, START, null, null, "p", null),
                new Entry(s, s, Kind.GRANT, Bucket.SUBSCRIPTION, subscription, START, START.plus(Duration.ofDays(30)), null, "s", null)));
        List<CreditLedger.Draw> first = ledger.draw(want, at, Precedence.PURCHASED_FIRST);
        long fromPurchased = first.stream().filter(d -> d.lot().equals(p)).mapToLong(CreditLedger.Draw::credits).sum();
        long fromSubscription = first.stream().filter(d -> d.lot().equals(s)).mapToLong(CreditLedger.Draw::credits).sum();
        assertThat(fromPurchased).isEqualTo(Math.min(want, purchased));
        assertThat(fromSubscription).isEqualTo(Math.min(Math.max(0, want - purchased), subscription));
        List<CreditLedger.Draw> expiring = ledger.draw(want, at, Precedence.EXPIRING_FIRST);
        assertThat(expiring.stream().filter(d -> d.lot().equals(s)).mapToLong(CreditLedger.Draw::credits).sum()).isEqualTo(Math.min(want, subscription));
    }
}
