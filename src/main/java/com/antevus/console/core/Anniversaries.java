package com.antevus.console.core;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Renewal dates counted from their anchor, never from the previous renewal: a term that started on 31 January renews
 * monthly on 28 (or 29) February and then on 31 March again, and a yearly term that started on 29 February 2028
 * renews on 28 February 2029 and on 29 February 2032. Stepping from the previous date instead would drift to the 28th
 * for good.
 */
public final class Anniversaries {
    private Anniversaries() {
    }

    /** The n-th monthly anniversary of {@code anchor} (n = 0 is the anchor itself). */
    public static LocalDate monthly(LocalDate anchor, long n) {
        return anchor.plusMonths(n);
    }

    /** The n-th yearly anniversary of {@code anchor}. */
    public static LocalDate yearly(LocalDate anchor, long n) {
        return anchor.plusYears(n);
    }

    /** The start of the yearly term that contains {@code day}: the latest anniversary on or before it (the anchor if none). */
    public static LocalDate yearlyTermStart(LocalDate anchor, LocalDate day) {
        return yearly(anchor, yearlyTerm(anchor, day));
    }

    /** Which yearly term (0 for the first) contains {@code day}; its end is {@code yearly(anchor, n + 1)}. */
    public static long yearlyTerm(LocalDate anchor, LocalDate day) {
        if (!day.isAfter(anchor)) {
            return 0;
        }
        long n = ChronoUnit.YEARS.between(anchor, day);
        while (yearly(anchor, n + 1).compareTo(day) <= 0) {
            n++;
        }
        while (n > 0 && yearly(anchor, n).isAfter(day)) {
            n--;
        }
        return n;
    }

    /** The start of the monthly term that contains {@code day}. */
    public static LocalDate monthlyTermStart(LocalDate anchor, LocalDate day) {
        if (!day.isAfter(anchor)) {
            return anchor;
        }
        long n = ChronoUnit.MONTHS.between(anchor, day);
        while (monthly(anchor, n + 1).compareTo(day) <= 0) {
            n++;
        }
        while (n > 0 && monthly(anchor, n).isAfter(day)) {
            n--;
        }
        return monthly(anchor, n);
    }
}
