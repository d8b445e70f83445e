package com.antevus.console.usage;

import java.time.YearMonth;
import java.util.List;

/**
 * The fleet over the last 13 months and its overdue money by age, for the dashboard's trend tiles. Every figure is a
 * record the database holds (invoices issued, usage rolled up), never a figure rebuilt under today's prices.
 *
 * @param invoiced     per month, oldest first: what was invoiced (open or paid, USD) for periods starting that month
 * @param usage        per month, oldest first: the fleet's total of {@code usageMetric}
 * @param usageMetric  the metric the usage trend counts (the catalog's first summed metric, "events" in the demo)
 * @param overdue      open invoices past due by how long: 1–30, 31–60, 61–90 and over 90 days
 */
public record FleetTrends(List<Month> invoiced, List<Month> usage, String usageMetric, List<Overdue> overdue) {
    public FleetTrends {
        invoiced = List.copyOf(invoiced);
        usage = List.copyOf(usage);
        overdue = List.copyOf(overdue);
    }

    /** One month's figure (money in minor units, or a usage count). */
    public record Month(YearMonth month, long value) {
    }

    /** One age band of overdue invoices: how many, and what is still owed on them (USD minor units). */
    public record Overdue(String band, int invoices, long owedMinor) {
    }

    /** The bands, youngest first; each is listed even when empty, so the bar keeps its shape. */
    public static final List<String> BANDS = List.of("1–30 days", "31–60 days", "61–90 days", "over 90 days");
}
