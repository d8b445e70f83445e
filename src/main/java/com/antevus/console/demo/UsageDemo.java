package com.antevus.console.demo;

import com.antevus.console.db.CopyWriter;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Months of usage with a weekly and seasonal shape, calibrated so that about 15% of organizations exceed a quota in
 * the last full month; today's usage runs up to the clock's minute.
 */
final class UsageDemo extends DemoFamily {
    UsageDemo(DemoRun run) {
        super(run);
    }

    /** Lab work dips in August and over the winter holidays. */
    private static double seasonal(int monthValue) {
        return switch (monthValue) {
            case 8 -> 0.78;
            case 12 -> 0.86;
            case 1 -> 0.94;
            case 7 -> 0.92;
            case 3, 4, 10 -> 1.06;
            default -> 1.0;
        };
    }

    private static double weekly(DayOfWeek d) {
        return switch (d) {
            case SATURDAY -> 0.38;
            case SUNDAY -> 0.27;
            case MONDAY -> 1.08;
            default -> 1.0;
        };
    }

    long write(List<DemoOrg> orgs) throws SQLException {
        // sum of the weekly shape over the reference month: calibrates a daily base so the reference
        // month's expected total is the organization's target utilization of its quota
        double refShape = 0;
        for (LocalDate d = referenceMonth.atDay(1); !d.isAfter(referenceMonth.atEndOfMonth()); d = d.plusDays(1)) {
            refShape += weekly(d.getDayOfWeek()) * seasonal(d.getMonthValue());
        }
        int perDay = o.rowsPerDay();
        try (CopyWriter w = new CopyWriter(c, "usage_records", "organization_id, metric, value, recorded_at")) {
            for (DemoOrg org : orgs) {
                long[] included = includedFor(org);
                LocalDate from = org.createdOn.isAfter(usageStart) ? org.createdOn : usageStart;
                LocalDate until = "canceled".equals(org.status) ? o.today().minusDays(70) : usageEnd;
                double[] dailyBase = new double[3];
                for (int m = 0; m < 2; m++) {
                    dailyBase[m] = included[m] * org.utilization[m] / refShape;
                }
                for (LocalDate d = from; d.isBefore(until); d = d.plusDays(1)) {
                    usageDay(w, org, d, dailyBase, included, perDay, rnd, 1440);
                }
                if (!until.isBefore(usageEnd) && !from.isAfter(usageEnd) && minuteOfToday > 0) {
                    // today, up to the clock's minute: month to date holds today's partial usage, as a live system does.
                    // Its own random stream, so the full days are the same whatever the time of day.
                    SplittableRandom today = new SplittableRandom(o.seed() ^ org.id.getLeastSignificantBits() ^ usageEnd.toEpochDay());
                    usageDay(w, org, usageEnd, dailyBase, included, perDay, today, minuteOfToday);
                }
            }
            return w.rows();
        }
    }


    /**
     * One day of an organization's usage: the summed metrics spread over the day, and storage's one snapshot at
     * 23:55. Only records before {@code untilMinute} (minutes into the day, 1440 for the whole day) are written;
     * a partial day scales the summed metrics by the share of the day that has passed.
     */
    private void usageDay(CopyWriter w, DemoOrg org, LocalDate d, double[] dailyBase, long[] included, int perDay,
                          SplittableRandom r, int untilMinute) throws SQLException {
        YearMonth ym = YearMonth.from(d);
        long monthsFromRef = referenceMonth.until(ym, java.time.temporal.ChronoUnit.MONTHS);
        double trend = Math.pow(1 + org.growth, monthsFromRef);
        long[] totals = org.monthTotals.computeIfAbsent(ym, k -> new long[4]);
        double shape = weekly(d.getDayOfWeek()) * seasonal(d.getMonthValue()) * trend;
        for (int m = 0; m < 2; m++) {
            long day = Math.max(0, Math.round(dailyBase[m] * shape * between(r, 0.8, 1.2)));
            if (m == 1 && org.byoLlm) {
                day = day / 5; // BYO-LLM customers send little token usage through the platform
            }
            long each = day / perDay;
            for (int k = 0; k < perDay; k++) {
                long v = k == perDay - 1 ? day - each * (perDay - 1) : each;
                int minuteOfDay = Math.min((int) ((k + 0.5) * 1440 / perDay) + r.nextInt(Math.max(1, 1440 / perDay / 2)), 1439);
                if (minuteOfDay >= untilMinute) {
                    continue;
                }
                totals[m] += v;
                w.value(org.id).value(METRICS[m]).value(v).value(d.atStartOfDay().plusMinutes(minuteOfDay).atOffset(ZoneOffset.UTC));
                w.endRow();
            }
        }
        // storage: one snapshot a day of GB stored, growing slowly
        long gb = Math.max(1, Math.round(included[2] * org.utilization[2] * trend * between(r, 0.985, 1.015)));
        if (23 * 60 + 55 < untilMinute) {
            totals[2] += gb;
            totals[3] += 1;
            w.value(org.id).value(METRICS[2]).value(gb).value(d.atTime(23, 55).atOffset(ZoneOffset.UTC));
            w.endRow();
        }
    }


    /** Organizations whose usage of the reference month (the last full one) exceeded an included quota. */
    static int overQuota(List<DemoOrg> orgs, YearMonth referenceMonth) {
        int over = 0;
        for (DemoOrg org : orgs) {
            long[] inc = includedFor(org);
            long[] t = org.monthTotals.get(referenceMonth);
            if (t != null && !org.enterprise && (t[0] > inc[0] || t[1] > inc[1] || (t[3] > 0 && t[2] / t[3] > inc[2]))) {
                over++;
            }
        }
        return over;
    }
}
