package com.antevus.console.invoicing;

import java.util.function.Predicate;

/**
 * The period review's filters; each one left off (false or null) lets every row through.
 *
 * @param amountAboveMinor only rows whose total is above this amount
 */
public record ReviewFilter(boolean overQuota, boolean academic, boolean enterprise, boolean noCustomer, boolean anomalies,
                           boolean toInvoice, Long amountAboveMinor, String text) implements Predicate<ReviewRow> {
    public static final ReviewFilter NONE = new ReviewFilter(false, false, false, false, false, false, null, null);

    @Override
    public boolean test(ReviewRow r) {
        return (!overQuota || r.overQuota())
                && (!academic || r.academic())
                && (!enterprise || r.enterprise())
                && (!noCustomer || !r.hasCustomer())
                && (!anomalies || !r.anomalies().isEmpty())
                && (!toInvoice || r.needsInvoicing())
                && (amountAboveMinor == null || r.totalMinor() > amountAboveMinor)
                && (text == null || text.isBlank() || r.organizationName().toLowerCase(java.util.Locale.ROOT)
                .contains(text.strip().toLowerCase(java.util.Locale.ROOT)));
    }
}
