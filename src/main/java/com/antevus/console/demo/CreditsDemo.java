package com.antevus.console.demo;

import com.antevus.console.credits.CreditLedger;
import com.antevus.console.credits.CreditLedger.Bucket;
import com.antevus.console.credits.CreditLedger.Entry;
import com.antevus.console.credits.CreditLedger.Kind;
import com.antevus.console.credits.CreditService;
import com.antevus.console.db.CopyWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Prepaid credits for about a third of the self-serve organizations: a block of purchased credits bought during the
 * demo's months, a monthly allocation for Team and Scale plans, each closed month's usage drawn in seed 004's order, and
 * what expired unused. Drawn from its own random stream, so the other families' rows are the same with or without it;
 * the rows are planned with {@link CreditLedger}, as the console writes them, so they pass the ledger's own checks.
 */
final class CreditsDemo extends DemoFamily {
    /** What consumes credits in V14's defaults: a credit per thousand events, 25 per million tokens, 10 per GB-month. */
    private static final CreditService.CreditEvent EVENTS = new CreditService.CreditEvent("events", "Events", 1, 1000);
    private static final CreditService.CreditEvent TOKENS = new CreditService.CreditEvent("ai_tokens", "AI tokens", 25, 1_000_000);
    private static final CreditService.CreditEvent STORAGE = new CreditService.CreditEvent("storage_gb", "Storage", 10, 1);

    private final SplittableRandom r;

    CreditsDemo(DemoRun run) {
        super(run);
        this.r = new SplittableRandom(o.seed() ^ 0x0C4ED175L);
    }

    private UUID id() {
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    private static Instant start(YearMonth m) {
        return m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static String month(YearMonth m) {
        return m.getMonth().getDisplayName(TextStyle.FULL, Locale.US) + " " + m.getYear();
    }

    /** Writes the ledgers; returns how many organizations have credits. */
    int write(List<DemoOrg> orgs) throws SQLException {
        Instant now = o.asOf();
        YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
        int with = 0;
        try (CopyWriter w = new CopyWriter(c, "credit_ledger", "organization_id, id, entry, lot_id, bucket, credits, effective_at, "
                + "expires_at, period_month, product_code, source_key, reason")) {
            for (DemoOrg org : orgs) {
                if (org.enterprise || org.subscriptionId == null || r.nextDouble() >= 0.35) {
                    continue;
                }
                with++;
                List<Entry> entries = new ArrayList<>();
                YearMonth first = YearMonth.from(org.createdOn.isAfter(usageStart) ? org.createdOn : usageStart);
                // a block of purchased credits, bought some day of the first month
                Instant bought = start(first).plusSeconds(86_400L * r.nextInt(20) + 36_000);
                if (bought.isAfter(now)) {
                    bought = now.minusSeconds(60);
                }
                boolean big = r.nextDouble() < 0.3;
                UUID lot = id();
                Entry purchase = new Entry(lot, lot, Kind.GRANT, Bucket.PURCHASED, big ? 250_000 : 50_000, bought, null, null,
                        "Bought " + (big ? "250,000" : "50,000") + " credits", null);
                entries.add(purchase);
                write(w, org.id, purchase, big ? "credits-250k" : "credits-50k", null);
                long allocation = org.tier == TEAM ? 20_000 : org.tier == SCALE ? 40_000 : 0;
                for (YearMonth m = first; !m.isAfter(current); m = m.plusMonths(1)) {
                    if (allocation > 0) {
                        UUID a = id();
                        Instant from = start(m).isBefore(start(first)) ? start(first) : start(m);
                        Entry grant = new Entry(a, a, Kind.GRANT, Bucket.SUBSCRIPTION, allocation, from, start(m.plusMonths(1)), m,
                                org.tier.name() + " plan allocation", null);
                        entries.add(grant);
                        write(w, org.id, grant, null, "allocation:" + m);
                    }
                    if (!m.isBefore(current)) {
                        break; // the month still running is settled once it ends
                    }
                    long[] t = org.monthTotals.get(m);
                    long cost = t == null ? 0 : EVENTS.cost(t[0]) + TOKENS.cost(t[1]) + (t[3] > 0 ? STORAGE.cost(t[2] / t[3]) : 0);
                    Instant last = start(m.plusMonths(1)).minusNanos(1000);
                    for (CreditLedger.Draw d : CreditLedger.of(entries).draw(cost, last, CreditLedger.Precedence.PURCHASED_FIRST)) {
                        Entry e = new Entry(id(), d.lot(), Kind.CONSUMPTION, d.bucket(), -d.credits(), last, null, m, "Usage of " + month(m), null);
                        entries.add(e);
                        write(w, org.id, e, null, "consumption:" + m);
                    }
                    for (CreditLedger.Lot l : CreditLedger.of(entries).expiring(start(m.plusMonths(1)))) {
                        Entry e = new Entry(id(), l.id(), Kind.EXPIRY, l.bucket(), -l.remaining(), l.expiresAt(), null, null,
                                "Expired unused at the end of " + month(m), null);
                        entries.add(e);
                        write(w, org.id, e, null, "expiry");
                    }
                }
            }
        }
        return with;
    }

    private static void write(CopyWriter w, UUID org, Entry e, String product, String source) throws SQLException {
        w.value(org).value(e.id()).value(e.kind().db()).value(e.lot()).value(e.bucket().db()).value(e.credits()).value(e.effectiveAt())
                .value(e.expiresAt()).value(e.period() == null ? null : e.period().atDay(1)).value(product).value(source).value(e.reason());
        w.endRow();
    }
}
