package com.antevus.console.credits;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One organization's credits as an append-only ledger, and everything derived from it. A grant opens a lot (purchased:
 * never expires; subscription: one period's allocation, expiring at its end; promotional: with an expiry); consumption,
 * expiry and downward adjustments each draw from one lot. A lot's remaining credits, the balance and its breakdown by
 * kind are sums of entries and are never stored anywhere else. Pure: no database, no clock (instants are given).
 */
public final class CreditLedger {
    /** The kind of credits a lot holds. */
    public enum Bucket {
        PURCHASED("purchased"), SUBSCRIPTION("subscription"), PROMOTIONAL("promotional");

        private final String db;

        Bucket(String db) {
            this.db = db;
        }

        public String db() {
            return db;
        }

        public static Bucket of(String db) {
            for (Bucket b : values()) {
                if (b.db.equals(db)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("'" + db + "' is not a kind of credits (purchased, subscription or promotional)");
        }
    }

    /** Which lots consumption draws from first. */
    public enum Precedence {
        /** Seed 004: purchased credits (no expiry) first, then subscription credits, then promotional ones. */
        PURCHASED_FIRST("purchased_first", "purchased credits first, then subscription, then promotional"),
        /** The credits that expire soonest first; those that never expire last. */
        EXPIRING_FIRST("expiring_first", "the credits that expire soonest first");

        private final String db;
        private final String words;

        Precedence(String db, String words) {
            this.db = db;
            this.words = words;
        }

        public String db() {
            return db;
        }

        public String words() {
            return words;
        }

        public static Precedence of(String db) {
            for (Precedence p : values()) {
                if (p.db.equals(db)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("'" + db + "' is not a precedence (purchased_first or expiring_first)");
        }
    }

    /** What an entry records. */
    public enum Kind {
        GRANT, CONSUMPTION, EXPIRY, ADJUSTMENT;

        public String db() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind of(String db) {
            return valueOf(db.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One line of the ledger. A grant, and an adjustment up, opens a lot: it is its own lot ({@code lot == id},
     * {@code credits > 0}, its expiry if any). Every other entry (consumption, expiry, an adjustment down) names the lot
     * it draws from. {@code period} is the month a subscription allocation or a consumption
     * belongs to.
     */
    public record Entry(UUID id, UUID lot, Kind kind, Bucket bucket, long credits, Instant effectiveAt, Instant expiresAt,
                        YearMonth period, String reason, String by) {
        public Entry {
            Objects.requireNonNull(id);
            Objects.requireNonNull(lot);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(bucket);
            Objects.requireNonNull(effectiveAt);
            if (credits == 0) {
                throw new IllegalArgumentException("an entry moves at least one credit");
            }
            boolean opens = kind == Kind.GRANT || kind == Kind.ADJUSTMENT && credits > 0; // the fields are not set yet
            if (opens != id.equals(lot)) {
                throw new IllegalArgumentException("a grant or an adjustment up is its own lot, and nothing else is");
            }
            if (kind == Kind.GRANT && credits < 0 || (kind == Kind.CONSUMPTION || kind == Kind.EXPIRY) && credits > 0) {
                throw new IllegalArgumentException(kind.db() + " cannot move " + credits + " credits");
            }
        }

        /** True for the entries that open a lot: grants and adjustments up. */
        public boolean opensLot() {
            return kind == Kind.GRANT || kind == Kind.ADJUSTMENT && credits > 0;
        }
    }

    /** A grant with what is left of it. */
    public record Lot(UUID id, Bucket bucket, Instant grantedAt, Instant expiresAt, long granted, long remaining) {
        /** Expired at {@code at}: its expiry has come (the instant itself counts as expired). */
        public boolean expiredAt(Instant at) {
            return expiresAt != null && !at.isBefore(expiresAt);
        }
    }

    /** Credits taken from one lot. */
    public record Draw(UUID lot, Bucket bucket, long credits) {
    }

    /** The balance, and how much of it is of each kind. */
    public record Balance(long total, Map<Bucket, Long> byBucket) {
        public long of(Bucket b) {
            return byBucket.getOrDefault(b, 0L);
        }
    }

    private final List<Entry> entries;
    private final Map<UUID, Lot> lots;

    private CreditLedger(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        Map<UUID, Lot> byId = new LinkedHashMap<>();
        for (Entry e : this.entries) {
            if (e.opensLot()) {
                byId.put(e.id(), new Lot(e.id(), e.bucket(), e.effectiveAt(), e.expiresAt(), e.credits(), e.credits()));
            }
        }
        for (Entry e : this.entries) {
            if (!e.opensLot()) {
                Lot l = byId.get(e.lot());
                if (l == null) {
                    throw new IllegalArgumentException("entry " + e.id() + " draws from a lot the ledger does not hold");
                }
                byId.put(l.id(), new Lot(l.id(), l.bucket(), l.grantedAt(), l.expiresAt(), l.granted(), l.remaining() + e.credits()));
            }
        }
        this.lots = byId;
    }

    public static CreditLedger of(List<Entry> entries) {
        return new CreditLedger(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Every lot, oldest grant first, with what is left of it. */
    public List<Lot> lots() {
        return List.copyOf(lots.values());
    }

    /** The sum of every entry, by kind of credits. */
    public Balance balance() {
        Map<Bucket, Long> by = new EnumMap<>(Bucket.class);
        long total = 0;
        for (Entry e : entries) {
            by.merge(e.bucket(), e.credits(), Long::sum);
            total += e.credits();
        }
        return new Balance(total, by);
    }

    /** What can be spent at {@code at}: the lots with credits left that have not expired. */
    public Balance available(Instant at) {
        Map<Bucket, Long> by = new EnumMap<>(Bucket.class);
        long total = 0;
        for (Lot l : lots.values()) {
            if (l.remaining() > 0 && !l.expiredAt(at) && !l.grantedAt().isAfter(at)) {
                by.merge(l.bucket(), l.remaining(), Long::sum);
                total += l.remaining();
            }
        }
        return new Balance(total, by);
    }

    /** The order consumption takes lots in under {@code p}. */
    static Comparator<Lot> order(Precedence p) {
        Comparator<Lot> byExpiry = Comparator.comparing(Lot::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()));
        Comparator<Lot> byKind = Comparator.comparing(Lot::bucket);
        Comparator<Lot> tie = Comparator.comparing(Lot::grantedAt).thenComparing(Lot::id);
        return (p == Precedence.PURCHASED_FIRST ? byKind.thenComparing(byExpiry) : byExpiry.thenComparing(byKind)).thenComparing(tie);
    }

    /**
     * Takes up to {@code credits} from the lots spendable at {@code at}, in {@code p}'s order. Never more than there is:
     * what is short is simply not drawn (usage is never blocked by a balance), so the draws may add up to less.
     */
    public List<Draw> draw(long credits, Instant at, Precedence p) {
        if (credits < 0) {
            throw new IllegalArgumentException("cannot draw a negative number of credits");
        }
        List<Draw> out = new ArrayList<>();
        long left = credits;
        for (Lot l : lots.values().stream().filter(l -> l.remaining() > 0 && !l.expiredAt(at) && !l.grantedAt().isAfter(at))
                .sorted(order(p)).toList()) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, l.remaining());
            out.add(new Draw(l.id(), l.bucket(), take));
            left -= take;
        }
        return out;
    }

    /** The lots that have expired by {@code at} with credits left: each is one expiry entry of what is left. */
    public List<Lot> expiring(Instant at) {
        return lots.values().stream().filter(l -> l.remaining() > 0 && l.expiredAt(at)).toList();
    }
}
