package com.antevus.console.usage;

/** The usage SQL the views and benchmarks share. */
public final class UsageQueries {
    private UsageQueries() {
    }

    /**
     * One organization's daily series from a month on: one row per metric and month, its days as arrays (element d
     * is day d), so a year is 36 rows. Parameters: organization, first month (a first day of month).
     */
    public static final String DAILY_SERIES = "select metric, month, daily_totals, daily_samples from usage_monthly "
            + "where organization_id = ? and month >= ? order by metric, month";

    /** The same, with each month's total, record count and peak. */
    public static final String DAILY_SERIES_WITH_TOTALS = "select metric, month, daily_totals, daily_samples, total, samples, peak "
            + "from usage_monthly where organization_id = ? and month >= ? order by metric, month";
}
