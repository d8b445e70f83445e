package com.antevus.console.usage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One organization's usage against its entitlements: what the organization view shows. */
public record OrgUsage(UUID id, String name, String planCode, String planName, int catalogVersion, List<String> addOns,
                       List<Entitlement> entitlements, List<MetricUsage> metrics, YearMonth month, java.time.Instant asOf, String currency,
                       long projectedOverageMinor, long previousOverageMinor, List<Alert> alerts) {

    /** A resource limit and what is used of it (limit null: unlimited). */
    public record Entitlement(String resource, Long limit, long used) {
    }

    /**
     * One metric: its daily values over the last months (a day's total, or its average for averaged metrics),
     * month totals, the included quota (null: unlimited) and thresholds, this month to date and projected, and
     * the previous month; readings this month, the latest reading (null: none in the last months) and what the
     * projection rests on.
     */
    public record MetricUsage(String metric, String name, String unit, String aggregation, Long included, List<Integer> thresholds,
                              List<LocalDate> days, List<Long> daily, Map<YearMonth, Long> monthly, long monthToDate, long projected,
                              long previousMonth, long samplesThisMonth, Long latestReading, String projectionBasis) {
        /** A gauge or average: its month figure is a level, not a running sum. */
        public boolean isLevel() {
            return !"sum".equals(aggregation);
        }
    }

    /** A threshold crossing this month, and its acknowledgement if any. */
    public record Alert(String metric, int thresholdPct, java.time.Instant firstCrossedAt, long usageAtCrossing, long included,
                        java.time.Instant acknowledgedAt, String acknowledgedBy, String note, int version) {
        /** Whether it says the organization's prepaid credits fell below the low-balance threshold (not a quota crossed). */
        public boolean lowCredits() {
            return UsageRepository.CREDITS_ALERT.equals(metric);
        }

        /** What crossed: the metric, or "Prepaid credits". */
        public String what() {
            return lowCredits() ? "Prepaid credits" : metric;
        }

        /** The line crossed: "80%" of the quota, or "below 1,000" credits. */
        public String line() {
            return lowCredits() ? String.format(java.util.Locale.US, "below %,d", included) : thresholdPct + "%";
        }

        /** "the 80% events alert", "the low prepaid credits alert". */
        public String words() {
            return lowCredits() ? "low prepaid credits alert" : thresholdPct + "% " + metric + " alert";
        }
    }
}
