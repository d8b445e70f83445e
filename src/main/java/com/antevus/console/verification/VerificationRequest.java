package com.antevus.console.verification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One academic verification request with what deciding it needs: the organization, its live plan and the academic
 * plan it would move to (with their monthly prices in minor units), whether it has a Stripe customer and subscription,
 * and the domain check. {@code version} is the optimistic lock: a decision names it and is refused if someone decided first.
 */
public record VerificationRequest(UUID organizationId, UUID id, String organizationName, String requesterEmail, String institution,
                                  String emailDomain, Method method, String sheeridReference, String notes, List<String> links,
                                  Status status, Instant submittedAt, Instant decidedAt, String decidedBy, String decisionReason,
                                  LocalDate reverifyDue, int version, String planCode, String planName, Long planMonthlyMinor,
                                  String academicPlanCode, String academicPlanName, Long academicMonthlyMinor, String currency, boolean alreadyAcademic,
                                  String stripeCustomerId, String stripeSubscriptionId, AcademicDomains.Check check) {

    public VerificationRequest {
        links = links == null ? List.of() : List.copyOf(links);
    }

    public enum Method {
        AUTO("Auto"), MANUAL("Manual"), SHEERID("SheerID");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String db() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Method fromDb(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public enum Status {
        PENDING("Pending"), INFO_REQUESTED("Info requested"), APPROVED("Approved"), REJECTED("Rejected");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String db() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromDb(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }

        public boolean open() {
            return this == PENDING || this == INFO_REQUESTED;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Whole days since it was submitted. */
    public long ageDays(Instant now) {
        return Duration.between(submittedAt, now).toDays();
    }

    /** Still open more than three days after it was submitted: the queue highlights it. */
    public boolean overdue(Instant now) {
        return status.open() && Duration.between(submittedAt, now).compareTo(Duration.ofDays(3)) > 0;
    }

    /** Approved, and its 12-month re-verification falls within {@code days} of today (or has passed). */
    public boolean reverificationDue(LocalDate today, int days) {
        return status == Status.APPROVED && reverifyDue != null && !reverifyDue.isAfter(today.plusDays(days));
    }
}
