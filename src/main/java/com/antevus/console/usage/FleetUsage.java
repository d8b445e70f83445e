package com.antevus.console.usage;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The fleet's month at a glance: what the dashboard shows. */
public record FleetUsage(String currency, long mrrMinor, int liveOrganizations, int overQuota, long projectedOverageMinor,
                         int pendingVerifications, int overdueInvoices, long overdueMinor, List<String> metrics, List<OrgMonth> organizations,
                         java.time.Instant usageAsOf, java.time.Instant asOf, String projectionBasis, int overQuotaLastMonth,
                         FleetTrends trends, int lowOnCredits, long lowBalanceThreshold) {

    /**
     * One organization's month: usage and utilization per metric (usage ÷ included; null when unlimited or not
     * included), projected month-end usage and the overage it would cost.
     */
    public record OrgMonth(UUID id, String name, String planCode, String planName, Map<String, Long> usage, Map<String, Double> utilization,
                           Map<String, Long> projected, long projectedOverageMinor) {
        /** The highest utilization over the metrics (0 when none is limited). */
        public double maxUtilization() {
            return utilization.values().stream().filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(0);
        }

        public boolean overQuota() {
            return maxUtilization() > 1.0;
        }
    }
}
