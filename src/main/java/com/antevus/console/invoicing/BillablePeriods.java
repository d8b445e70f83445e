package com.antevus.console.invoicing;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Which months an invoice run may bill, as of the console's clock. A month (a UTC calendar month) is billable once it
 * has ended and the grace for late usage has passed ({@code invoicing.grace_hours}, default 24). Before that a run is
 * refused with one sentence, unless finance closes the month early with a reason, which the run's audit row keeps. A
 * month that has not begun is never billable.
 */
public final class BillablePeriods {
    /** Usage may arrive late: by default a month is billed one day after it ends. */
    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);

    private BillablePeriods() {
    }

    /** The instant a month ends: the first moment of the next one, UTC. */
    public static Instant end(YearMonth period) {
        return period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The first instant at which a run may bill the month without closing it early. */
    public static Instant billableFrom(YearMonth period, Duration grace) {
        return end(period).plus(grace);
    }

    /**
     * Why a run may not bill {@code period} now, in one sentence; null when it may.
     *
     * @param closeEarly whether finance gave a reason to bill before the month ended or its grace passed
     */
    public static String refusal(YearMonth period, Instant now, Duration grace, boolean closeEarly) {
        Instant start = period.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        if (now.isBefore(start)) {
            return period + " has not begun (it starts " + com.antevus.console.core.Dates.minute(start) + "); nothing was created. "
                    + "A run bills a month once it has ended.";
        }
        if (closeEarly) {
            return null;
        }
        Instant end = end(period);
        if (now.isBefore(end)) {
            return period + " is not over: it ends " + com.antevus.console.core.Dates.minute(end) + ", and its usage is still coming in; "
                    + "nothing was created. To bill it before then, close it early with a reason (--close-early).";
        }
        Instant from = billableFrom(period, grace);
        if (now.isBefore(from)) {
            return period + " ended " + com.antevus.console.core.Dates.minute(end) + "; runs wait " + hours(grace) + " for usage that "
                    + "arrives late, so it can be invoiced from " + com.antevus.console.core.Dates.minute(from) + ". Nothing was created. "
                    + "To bill it now, close it early with a reason (--close-early).";
        }
        return null;
    }

    private static String hours(Duration d) {
        long h = d.toHours();
        return h == 1 ? "1 hour" : h + " hours";
    }
}
