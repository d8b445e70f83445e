package com.antevus.console.credits;

import com.antevus.console.charges.PeriodCharges;
import com.antevus.console.rating.RatedLine;
import com.antevus.console.rating.RatingEngine;
import com.antevus.console.core.Dates;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.credits.CreditLedger.Bucket;
import com.antevus.console.credits.CreditLedger.Entry;
import com.antevus.console.credits.CreditLedger.Kind;
import com.antevus.console.credits.CreditLedger.Precedence;
import com.antevus.console.db.Jdbc;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Prepaid credits: grants (purchased, a period's subscription allocation, promotional), adjustments with a reason, a
 * period's consumption from its usage, and expiry, each written once to the organization's append-only ledger in one
 * audited transaction. Balances come from the ledger. "Now" is the console's clock.
 */
public final class CreditService {
    /** The most credits one entry may move: far above any real grant, far below where sums could overflow. */
    public static final long MAX_CREDITS = 1_000_000_000_000L;

    private final Jdbc jdbc;
    private final PeriodCharges charges;
    private final Clock clock;

    public CreditService(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.charges = new PeriodCharges(dataSource);
        this.clock = clock;
    }

    /** Which credits go first, and the balance below which an organization is low on credits. */
    public record Settings(Precedence precedence, long lowBalanceThreshold, int version) {
    }

    /** Usage of a metric that consumes credits: {@code credits} per {@code perUnits} units above the included amount. */
    public record CreditEvent(String metric, String name, long credits, long perUnits) {
    }

    /** Credits sold on their own. */
    public record CreditProduct(String code, String name, long credits, long priceMinor, String currency) {
    }

    /** One organization's credits: the ledger, what can be spent now, and whether that is below the threshold. */
    public record Account(UUID organizationId, String organizationName, CreditLedger ledger, CreditLedger.Balance available,
                          Settings settings, Instant at) {
        /** Has credits (or had them) and what is left is below the threshold. */
        public boolean low() {
            return !ledger.entries().isEmpty() && available.total() < settings.lowBalanceThreshold();
        }
    }

    /** What granting writes: the kind, how many (or a product's block), the expiry or period where the kind needs one, and why. */
    public record Grant(Bucket bucket, Long credits, String productCode, Instant expiresAt, YearMonth period, String reason) {
    }

    /**
     * A period settled: the credits its rating spent, those drawn now or with its invoice draft (short only when its
     * lots were emptied meanwhile), and those that expired.
     */
    public record Settlement(UUID organizationId, YearMonth period, long cost, long consumed, long expired, boolean alreadySettled,
                             List<Entry> written) {
        public long shortfall() {
            return cost - consumed;
        }
    }

    public Instant now() {
        return clock.instant();
    }

    public Settings settings() {
        return jdbc.read("reading the credit settings", CreditRepository::settings);
    }

    public List<CreditEvent> events() {
        return jdbc.read("reading what consumes credits", CreditRepository::events);
    }

    public List<CreditProduct> products() {
        return jdbc.read("reading the credit products", CreditRepository::products);
    }

    public Account account(UUID org) {
        Instant now = now();
        return jdbc.read("reading the organization's credits", c -> {
            String name = CreditRepository.organizationName(c, org).orElseThrow(() -> noSuch(org));
            CreditLedger ledger = CreditLedger.of(CreditRepository.entries(c, org));
            return new Account(org, name, ledger, ledger.available(now), CreditRepository.settings(c), now);
        });
    }

    /** Sets which credits are consumed first and the low-balance threshold (optimistic: refused if someone changed them). */
    public Settings saveSettings(Settings s, String reason) {
        if (s.lowBalanceThreshold() < 0) {
            throw new UserFacingException("The low-balance threshold is a number of credits, zero or more.");
        }
        return jdbc.write("saving the credit settings", reason(reason), null, c -> {
            if (!CreditRepository.saveSettings(c, s)) {
                throw new UserFacingException("Someone else changed the credit settings meanwhile; nothing was saved. Reload and try again.");
            }
            return CreditRepository.settings(c);
        });
    }

    // ---- grants and adjustments ---------------------------------------------------------------------------------
    /** Opens a lot: purchased (never expires), a period's subscription allocation (expires at its end), promotional (with an expiry). */
    public Entry grant(UUID org, Grant g) {
        String why = reason(g.reason());
        Instant now = now();
        return jdbc.write("granting credits", why, null, c -> {
            CreditRepository.lock(c, org);
            String name = CreditRepository.organizationName(c, org).orElseThrow(() -> noSuch(org));
            long credits;
            String product = g.productCode() == null || g.productCode().isBlank() ? null : g.productCode().strip();
            if (product != null) {
                CreditProduct p = CreditRepository.product(c, product).orElseThrow(() -> new UserFacingException(
                        "There is no credit product '" + product + "' on sale; see 'credits products'. Nothing was granted."));
                if (g.bucket() != Bucket.PURCHASED) {
                    throw new UserFacingException("A credit product is bought: its credits are purchased ones. Nothing was granted.");
                }
                if (g.credits() != null && g.credits() != p.credits()) {
                    throw new UserFacingException(p.name() + " is " + String.format(Locale.US, "%,d", p.credits())
                            + " credits; give the product or a number of credits, not both. Nothing was granted.");
                }
                credits = p.credits();
            } else {
                credits = checkedCredits(g.credits(), "A grant");
            }
            Instant effective = micros(now);
            Instant expires;
            String source = null;
            switch (g.bucket()) {
                case PURCHASED -> {
                    if (g.expiresAt() != null) {
                        throw new UserFacingException("Purchased credits never expire; leave the expiry out. Nothing was granted.");
                    }
                    expires = null;
                }
                case PROMOTIONAL -> {
                    if (g.expiresAt() == null || !g.expiresAt().isAfter(now)) {
                        throw new UserFacingException("Promotional credits need an expiry after now (" + Dates.minute(now)
                                + "). Nothing was granted.");
                    }
                    expires = micros(g.expiresAt());
                }
                default -> {
                    if (g.period() == null) {
                        throw new UserFacingException("Subscription credits belong to a period: give the month (YYYY-MM). Nothing was granted.");
                    }
                    expires = periodEnd(g.period());
                    if (!expires.isAfter(now)) {
                        throw new UserFacingException(month(g.period()) + " has ended: its subscription credits would expire at once. "
                                + "Nothing was granted.");
                    }
                    Instant start = g.period().atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                    effective = start.isAfter(effective) ? start : effective;
                    source = "allocation:" + g.period();
                    if (g.expiresAt() != null) {
                        throw new UserFacingException("Subscription credits expire at the end of their period; leave the expiry out. "
                                + "Nothing was granted.");
                    }
                }
            }
            UUID id = UUID.randomUUID();
            Entry e = new Entry(id, id, Kind.GRANT, g.bucket(), credits, effective, expires,
                    g.bucket() == Bucket.SUBSCRIPTION ? g.period() : null, why, null);
            if (!CreditRepository.insert(c, org, e, product, source)) {
                throw new UserFacingException(name + " already has its subscription credits for " + month(g.period())
                        + "; nothing was changed.");
            }
            return e;
        });
    }

    /**
     * A correction with a reason: up opens a lot of the kind given (purchased unless said otherwise), down takes the
     * credits from the lots in the settings' precedence. Down is refused, whole, when there are not that many to take.
     */
    public List<Entry> adjust(UUID org, long credits, Bucket bucket, Instant expiresAt, String reason) {
        String why = reason(reason);
        Instant now = micros(now());
        if (credits == 0) {
            throw new UserFacingException("An adjustment moves at least one credit (negative to take credits away). Nothing was changed.");
        }
        checkedCredits(Math.abs(credits), "An adjustment");
        return jdbc.write("adjusting credits", why, null, c -> {
            CreditRepository.lock(c, org);
            String name = CreditRepository.organizationName(c, org).orElseThrow(() -> noSuch(org));
            if (credits > 0) {
                Bucket b = bucket == null ? Bucket.PURCHASED : bucket;
                if (b == Bucket.SUBSCRIPTION) {
                    throw new UserFacingException("Subscription credits come with a period: grant them for the month instead. Nothing was changed.");
                }
                if ((b == Bucket.PURCHASED) != (expiresAt == null) || expiresAt != null && !expiresAt.isAfter(now)) {
                    throw new UserFacingException(b == Bucket.PURCHASED ? "Purchased credits never expire; leave the expiry out. Nothing was changed."
                            : "Promotional credits need an expiry after now. Nothing was changed.");
                }
                UUID id = UUID.randomUUID();
                Entry e = new Entry(id, id, Kind.ADJUSTMENT, b, credits, now, expiresAt == null ? null : micros(expiresAt), null, why, null);
                CreditRepository.insert(c, org, e, null, null);
                return List.of(e);
            }
            CreditLedger ledger = CreditLedger.of(CreditRepository.entries(c, org));
            Settings s = CreditRepository.settings(c);
            long have = ledger.available(now).total();
            if (have < -credits) {
                throw new UserFacingException(String.format(Locale.US, "%s has %,d credits to take, not %,d; nothing was changed.", name, have, -credits));
            }
            List<Entry> out = new ArrayList<>();
            for (CreditLedger.Draw d : ledger.draw(-credits, now, s.precedence())) {
                Entry e = new Entry(UUID.randomUUID(), d.lot(), Kind.ADJUSTMENT, d.bucket(), -d.credits(), now, null, null, why, null);
                CreditRepository.insert(c, org, e, null, null);
                out.add(e);
            }
            return out;
        });
    }

    // ---- a period's consumption and expiry ------------------------------------------------------------------------
    /**
     * Settles an ended month: the credits its rating spent on usage above the included amounts (the invoice's
     * "paid with prepaid credits" lines) are drawn from the lots in the settings' precedence as they stood in the
     * month's last moment, then every lot that expired by the month's end gives up what it has left. Writes once:
     * settling again writes nothing new. An organization without a subscription in the month spends nothing.
     */
    public Settlement settle(UUID org, YearMonth period) {
        Instant end = periodEnd(period);
        if (now().isBefore(end)) {
            throw new UserFacingException(month(period) + " is still running; settle its credits once it has ended (from "
                    + Dates.day(period.plusMonths(1).atDay(1)) + ").");
        }
        long spent = spentByRating(org, period);
        return jdbc.write("settling credits", "Credits settled for " + period, null, settling(org, period, spent));
    }

    /** Settles the month for every organization with a credit ledger, each in its own transaction. */
    public List<Settlement> settleAll(YearMonth period) {
        List<UUID> orgs = jdbc.read("listing organizations with credits", CreditRepository::organizationsWithCredits);
        List<Settlement> out = new ArrayList<>();
        for (UUID org : orgs) {
            out.add(settle(org, period));
        }
        return out;
    }

    /** The credits a rating paid usage with: the quantities of its prepaid-credit lines. */
    public static long spent(List<RatedLine> lines) {
        return lines.stream().filter(l -> l.kind() == RatedLine.Kind.CREDIT && l.code().startsWith(RatingEngine.CREDITS_CODE))
                .mapToLong(RatedLine::quantity).sum();
    }

    /** The credits the month's rating paid usage with. */
    private long spentByRating(UUID org, YearMonth period) {
        PeriodCharges.OrganizationRating r;
        try {
            r = charges.rateOrganization(org, period);
        } catch (UserFacingException noSubscription) {
            return 0;
        }
        return spent(r.rating().lines());
    }

    /** The settling of one organization's month, as one unit of work on the caller's transaction. */
    private Jdbc.Work<Settlement> settling(UUID org, YearMonth period, long spent) {
        return c -> {
            CreditRepository.lock(c, org);
            CreditRepository.organizationName(c, org).orElseThrow(() -> noSuch(org));
            Instant end = periodEnd(period);
            boolean already = CreditRepository.written(c, org, "consumption:" + period);
            long cost = 0;
            List<Entry> written = new ArrayList<>();
            CreditLedger ledger = CreditLedger.of(CreditRepository.entries(c, org));
            long consumed = 0;
            if (!already) {
                cost = spent;
                consumed = CreditRepository.drawForPeriod(c, org, period, spent);
                written.addAll(CreditRepository.entries(c, org).stream().filter(e -> e.kind() == Kind.CONSUMPTION && period.equals(e.period()))
                        .toList());
                ledger = CreditLedger.of(CreditRepository.entries(c, org));
            } else {
                consumed = -ledger.entries().stream().filter(e -> e.kind() == Kind.CONSUMPTION && period.equals(e.period()))
                        .mapToLong(Entry::credits).sum();
                cost = consumed;
            }
            long expired = 0;
            for (CreditLedger.Lot l : ledger.expiring(end)) {
                Entry e = new Entry(UUID.randomUUID(), l.id(), Kind.EXPIRY, l.bucket(), -l.remaining(), l.expiresAt(), null, null,
                        "Expired unused at " + Dates.minute(l.expiresAt()), null);
                if (CreditRepository.insert(c, org, e, null, "expiry")) {
                    written.add(e);
                    expired += l.remaining();
                }
            }
            return new Settlement(org, period, cost, consumed, expired, already, written);
        };
    }

    // ---- helpers ---------------------------------------------------------------------------------------------
    /** The first instant after the month, in UTC: when its subscription credits expire. */
    public static Instant periodEnd(YearMonth period) {
        return period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static String month(YearMonth period) {
        return period.getMonth().getDisplayName(TextStyle.FULL, Dates.locale()) + " " + period.getYear();
    }

    private static Instant micros(Instant at) {
        return CreditRepository.micros(at);
    }

    private static long checkedCredits(Long credits, String what) {
        if (credits == null || credits <= 0) {
            throw new UserFacingException(what + " is a whole number of credits above zero. Nothing was changed.");
        }
        if (credits > MAX_CREDITS) {
            throw new UserFacingException(String.format(Locale.US, "%,d credits is more than one entry may move (at most %,d). Nothing was changed.",
                    credits, MAX_CREDITS));
        }
        return credits;
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new UserFacingException("Say why: the reason goes to the audit log with the entry. Nothing was changed.");
        }
        return reason.strip();
    }

    private static UserFacingException noSuch(UUID org) {
        return new UserFacingException("There is no organization " + org + ". Nothing was changed.");
    }
}
