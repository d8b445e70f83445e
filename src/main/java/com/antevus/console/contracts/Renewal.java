package com.antevus.console.contracts;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A contract in the renewal pipeline: days until it ends, the notice deadline and days until it, its bucket
 * (30, 60 or 90 days, or later) and its warnings.
 */
public record Renewal(Contract contract, long daysLeft, LocalDate noticeDeadline, long daysToNotice, int bucket,
                      List<String> warnings) {

    public static Renewal of(Contract k, LocalDate today) {
        long left = k.daysLeft(today);
        int bucket = left <= 30 ? 30 : left <= 60 ? 60 : left <= 90 ? 90 : 0;
        return new Renewal(k, left, k.noticeDeadline(), ChronoUnit.DAYS.between(today, k.noticeDeadline()), bucket,
                ContractRules.warnings(k, today));
    }

    /** "30 days", "60 days", "90 days", or "Later". */
    public String bucketLabel() {
        return bucket == 0 ? "Later" : "≤ " + bucket + " days";
    }
}
