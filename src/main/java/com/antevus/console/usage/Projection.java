package com.antevus.console.usage;

import com.antevus.console.pricing.Catalog;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * A month-end projection of one metric and what it rests on, in words a person can check.
 *
 * <ul>
 *   <li>A summed metric (events, tokens) continues at its month-to-date rate: month to date × days in the month ÷ days
 *       elapsed, counted to the minute, rounded half up to a whole unit. In the first day of a month a few hours say
 *       little, so until a whole day has passed it adds last month's average day for each day still to come.</li>
 *   <li>A gauge (max, e.g. storage, seats) stays at its latest reading: the month's peak so far, or the last reading
 *       before the month when none has arrived yet this month.</li>
 *   <li>An averaged metric stays at its average so far, or at the latest reading when the month has none.</li>
 * </ul>
 *
 * @param value the projected month-end figure
 * @param basis what it rests on ("the rate of 14.5 days so far", "the latest reading"), for the screens
 */
public record Projection(long value, String basis) {

    /**
     * @param monthToDate   the metric's level this month so far (sum, peak or average)
     * @param samples       readings this month so far
     * @param latestReading the most recent reading, this month or before (null: never)
     * @param previousMonth last month's level (for the first day's fallback)
     * @param now           the console's clock
     */
    public static Projection of(Catalog.Aggregation aggregation, long monthToDate, long samples, Long latestReading,
                                long previousMonth, Instant now) {
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        return switch (aggregation) {
            case SUM -> sum(monthToDate, previousMonth, month, now);
            case MAX -> samples > 0 || latestReading == null
                    ? new Projection(Math.max(monthToDate, latestReading == null ? 0 : latestReading), "the latest reading")
                    : new Projection(latestReading, "the latest reading (none yet this month)");
            case AVERAGE -> samples > 0 || latestReading == null
                    ? new Projection(monthToDate, "the average so far")
                    : new Projection(latestReading, "the latest reading (none yet this month)");
        };
    }

    /** What a summed metric's projection rests on at {@code now} (the same for every organization). */
    public static String sumBasis(Instant now) {
        return sum(0, 0, YearMonth.from(now.atOffset(ZoneOffset.UTC)), now).basis();
    }

    private static Projection sum(long monthToDate, long previousMonth, YearMonth month, Instant now) {
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        long minutes = Math.max(0, Duration.between(start, now).toMinutes());
        int days = month.lengthOfMonth();
        long monthMinutes = days * 1440L;
        if (minutes >= monthMinutes) {
            return new Projection(monthToDate, "the whole month");
        }
        if (minutes < 1440) {
            // less than a day: this month's usage so far plus last month's average day for the rest of the month
            YearMonth last = month.minusMonths(1);
            double perMinute = previousMonth / (last.lengthOfMonth() * 1440.0);
            long rest = Math.round(perMinute * (monthMinutes - minutes));
            return new Projection(monthToDate + rest, "less than a day so far: last month's daily rate for the rest");
        }
        long value = Math.round(monthToDate * ((double) monthMinutes / minutes));
        return new Projection(value, "the rate of the " + String.format(Locale.US, "%.1f", minutes / 1440.0) + " days so far");
    }
}
