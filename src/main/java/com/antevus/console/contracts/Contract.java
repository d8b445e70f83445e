package com.antevus.console.contracts;

import com.antevus.console.rating.ContractOverrides;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * An enterprise agreement as one record: the organization, its commercial terms, custom overrides and signed
 * documents. Amounts are minor units of {@code currency}. {@code version} is the optimistic lock: a save names the
 * version it was read at and is refused when someone saved in between. {@code id} is null until first saved.
 */
public record Contract(UUID id, UUID organizationId, String organizationName, boolean handlesHealthData, Status status,
                       String currency, long annualValueMinor, Schedule schedule, PaymentTerms paymentTerms,
                       LocalDate startsOn, LocalDate endsOn, boolean autoRenew, int noticeDays, BigDecimal discountPct,
                       ContractOverrides overrides, String notes, List<ContractDocument> documents, int version) {

    public Contract {
        documents = List.copyOf(documents);
        overrides = overrides == null ? ContractOverrides.NONE : overrides;
        discountPct = discountPct == null ? BigDecimal.ZERO : discountPct.stripTrailingZeros();
        notes = notes == null ? "" : notes;
    }

    public enum Status {
        DRAFT, ACTIVE, EXPIRED, TERMINATED;

        public String db() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String label() {
            return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        }
    }

    /** How the annual value is invoiced: the rating engine turns it into each month's installment. */
    public enum Schedule {
        ANNUAL_UPFRONT("Annual upfront", 12), QUARTERLY("Quarterly", 3), MONTHLY("Monthly", 1);

        private final String label;
        private final int months;

        Schedule(String label, int months) {
            this.label = label;
            this.months = months;
        }

        public String db() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String label() {
            return label;
        }

        /** Months between two invoices. */
        public int months() {
            return months;
        }

        public static Schedule fromDb(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public enum PaymentTerms {
        NET30(30), NET45(45), NET60(60);

        private final int days;

        PaymentTerms(int days) {
            this.days = days;
        }

        public int days() {
            return days;
        }

        public String db() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static PaymentTerms fromDb(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return "Net " + days;
        }
    }

    /** A new, unsaved contract for an organization, with the usual defaults. */
    public static Contract blank(UUID organizationId, String organizationName, boolean handlesHealthData, LocalDate today) {
        LocalDate start = today.withDayOfMonth(1).plusMonths(today.getDayOfMonth() == 1 ? 0 : 1);
        return new Contract(null, organizationId, organizationName, handlesHealthData, Status.DRAFT, "USD", 0,
                Schedule.ANNUAL_UPFRONT, PaymentTerms.NET30, start, start.plusYears(1), true, 60, BigDecimal.ZERO,
                ContractOverrides.NONE, "", List.of(), 0);
    }

    public boolean isNew() {
        return id == null;
    }

    public Optional<ContractDocument> document(ContractDocument.Kind kind) {
        return documents.stream().filter(d -> d.kind() == kind).findFirst();
    }

    public boolean signed(ContractDocument.Kind kind) {
        return documents.stream().anyMatch(d -> d.kind() == kind && d.status() == ContractDocument.Status.SIGNED);
    }

    /** The last day the customer (or we) can give notice not to renew. */
    public LocalDate noticeDeadline() {
        return endsOn.minusDays(noticeDays);
    }

    public long daysLeft(LocalDate today) {
        return ChronoUnit.DAYS.between(today, endsOn);
    }

    public Contract withVersion(int newVersion) {
        return new Contract(id, organizationId, organizationName, handlesHealthData, status, currency, annualValueMinor, schedule,
                paymentTerms, startsOn, endsOn, autoRenew, noticeDays, discountPct, overrides, notes, documents, newVersion);
    }
}
