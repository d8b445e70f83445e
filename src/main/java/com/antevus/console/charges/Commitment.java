package com.antevus.console.charges;

import com.antevus.console.core.Money;
import com.antevus.console.rating.RatedLine;
import com.antevus.console.rating.Rating;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A contract's minimum commitment: {@code amountMinor} over the contract's term (trued up in its last month) or in
 * each month (trued up every month), counting the rated lines of the kinds it names. The term is the contract's:
 * {@code startsOn} to {@code endsOn}, exclusive (a contract runs whole months).
 */
public record Commitment(UUID organizationId, UUID contractId, long amountMinor, String currency, Basis basis, boolean countsUsage,
                         boolean countsAddOns, boolean countsFees, LocalDate startsOn, LocalDate endsOn, String note, int version) {
    public enum Basis {
        TERM("over the contract's term, trued up when it ends"), MONTH("each month, trued up every month");

        private final String words;

        Basis(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        public String db() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Basis of(String db) {
            return valueOf(db.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The code of the true-up line a rating carries. */
    public static final String TRUE_UP_CODE = "commitment:true-up";

    /** The rated kinds that count toward the commitment. */
    public Set<RatedLine.Kind> counted() {
        Set<RatedLine.Kind> k = EnumSet.noneOf(RatedLine.Kind.class);
        if (countsUsage) {
            k.add(RatedLine.Kind.OVERAGE);
            k.add(RatedLine.Kind.LATE_USAGE);
        }
        if (countsAddOns) {
            k.add(RatedLine.Kind.ADD_ON);
        }
        if (countsFees) {
            k.add(RatedLine.Kind.BASE);
            k.add(RatedLine.Kind.SEATS);
            k.add(RatedLine.Kind.CONTRACT);
        }
        return k;
    }

    /** What a month's rating counts toward the commitment (its true-up line never does). */
    public long countedIn(Rating r) {
        Set<RatedLine.Kind> k = counted();
        return r.lines().stream().filter(l -> k.contains(l.kind()) && !TRUE_UP_CODE.equals(l.code()))
                .mapToLong(RatedLine::amountMinor).reduce(0L, Math::addExact);
    }

    /** The months of the contract's term, first to last. */
    public List<YearMonth> termMonths() {
        List<YearMonth> out = new ArrayList<>();
        YearMonth last = YearMonth.from(endsOn.minusDays(1));
        for (YearMonth m = YearMonth.from(startsOn); !m.isAfter(last); m = m.plusMonths(1)) {
            out.add(m);
        }
        return out;
    }

    /** Whether {@code period}'s invoice carries a true-up: the term's last month, or every month of the term. */
    public boolean truesUpIn(YearMonth period) {
        List<YearMonth> term = termMonths();
        return basis == Basis.MONTH ? term.contains(period) : term.get(term.size() - 1).equals(period);
    }

    /** What counts, in words: "usage, add-ons and fees". */
    public String countsWords() {
        List<String> parts = new ArrayList<>();
        if (countsUsage) {
            parts.add("usage");
        }
        if (countsAddOns) {
            parts.add("add-ons");
        }
        if (countsFees) {
            parts.add("fees");
        }
        return parts.size() == 1 ? parts.get(0) : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** The true-up line for what the months counted: the shortfall, or nothing when the commitment was met. */
    public java.util.Optional<RatedLine> trueUp(long countedMinor, YearMonth period) {
        long shortfall = amountMinor - countedMinor;
        if (shortfall <= 0) {
            return java.util.Optional.empty();
        }
        String scope = basis == Basis.MONTH ? period.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                + " " + period.getYear() : "the term";
        return java.util.Optional.of(new RatedLine(RatedLine.Kind.COMMITMENT, TRUE_UP_CODE, "Minimum commitment true-up: "
                + Money.of(amountMinor, currency).format() + " committed for " + scope + ", " + Money.of(countedMinor, currency).format()
                + " of " + countsWords() + " counted", 1, shortfall));
    }
}
