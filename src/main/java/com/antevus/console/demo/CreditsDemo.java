package com.antevus.console.demo;

import com.antevus.console.credits.CreditLedger.Bucket;
import com.antevus.console.credits.CreditLedger.Entry;
import com.antevus.console.credits.CreditLedger.Kind;
import com.antevus.console.db.CopyWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Prepaid credits for about a third of the self-serve organizations: a block of purchased credits and, on Team and
 * Scale, the month's allocation. Drawn from its own random stream, so the other families' rows are the same with or
 * without it.
 */
final class CreditsDemo extends DemoFamily {
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

    /**
     * Writes the ledgers; returns how many organizations have credits. The credits start this month (a block bought
     * in its first days, and the month's allocation), so the months already invoiced are rated as they were billed;
     * this month's rating spends them on usage above the included amounts.
     */
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
                Instant bought = start(current).plusSeconds(3_600L * r.nextInt(24 * 5) + 36_000);
                if (bought.isAfter(now)) {
                    bought = start(current);
                }
                boolean big = r.nextDouble() < 0.3;
                UUID lot = id();
                write(w, org.id, new Entry(lot, lot, Kind.GRANT, Bucket.PURCHASED, big ? 250_000 : 50_000, bought, null, null,
                        "Bought " + (big ? "250,000" : "50,000") + " credits", null), big ? "credits-250k" : "credits-50k", null);
                long allocation = org.tier == TEAM ? 20_000 : org.tier == SCALE ? 40_000 : 0;
                if (allocation > 0) {
                    UUID a = id();
                    write(w, org.id, new Entry(a, a, Kind.GRANT, Bucket.SUBSCRIPTION, allocation, start(current), start(current.plusMonths(1)),
                            current, org.tier.name() + " plan allocation", null), null, "allocation:" + current);
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
