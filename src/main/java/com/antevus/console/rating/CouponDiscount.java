package com.antevus.console.rating;

import com.antevus.console.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A coupon staff applied to an organization's subscription or to one of its invoices, as the rating takes it: a
 * percent off (rounded half up to the minor unit, once, on what the period comes to before it) or an amount off in the
 * period's currency, never more than the period comes to, so no total goes below zero.
 *
 * @param couponId the coupon's Stripe id, such as LAUNCH-250
 * @param onInvoice whether it was applied to this one invoice rather than to the subscription
 */
public record CouponDiscount(String couponId, String name, BigDecimal percentOff, Long amountOffMinor, String currency, boolean onInvoice) {
    /** The line code of a coupon's discount: {@code coupon:} and the coupon's Stripe id. */
    public static final String CODE = "coupon:";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public CouponDiscount {
        Objects.requireNonNull(couponId, "couponId");
        if ((percentOff == null) == (amountOffMinor == null)) {
            throw new IllegalArgumentException("A coupon takes a percent or an amount off, one of the two.");
        }
        if (percentOff != null && (percentOff.signum() <= 0 || percentOff.compareTo(HUNDRED) > 0)) {
            throw new IllegalArgumentException("A coupon's percent off is above 0 and at most 100, not " + percentOff.toPlainString() + ".");
        }
        if (amountOffMinor != null && (amountOffMinor <= 0 || currency == null)) {
            throw new IllegalArgumentException("A coupon's amount off is above zero, in a currency.");
        }
    }

    /** What it takes off a period that comes to {@code subtotalMinor}: 0 when that is nothing. */
    public long offMinor(long subtotalMinor) {
        if (subtotalMinor <= 0) {
            return 0;
        }
        if (percentOff != null) {
            // rounding: half up to the minor unit, once, on the period's amount before the coupon
            return BigDecimal.valueOf(subtotalMinor).multiply(percentOff).divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();
        }
        return Math.min(amountOffMinor, subtotalMinor);
    }

    /** "Coupon LAUNCH-250 (Launch week): 25% off" or "... $250.00 off". */
    public String description() {
        String off = percentOff != null ? percentOff.stripTrailingZeros().toPlainString() + "% off" : Money.of(amountOffMinor, currency).format() + " off";
        return "Coupon " + couponId + (name == null || name.isBlank() || name.equals(couponId) ? "" : " (" + name + ")") + ": " + off
                + (onInvoice ? " this invoice" : "");
    }

    /**
     * The rating with each coupon's discount as a line, the subscription's first and then the invoice's, each on what
     * is left after the ones before it. A coupon in another currency than the rating's is refused: it cannot be
     * applied to this period, and guessing a rate would bill the wrong amount.
     */
    public static Rating apply(Rating rating, List<CouponDiscount> coupons) {
        if (coupons.isEmpty()) {
            return rating;
        }
        List<RatedLine> lines = new ArrayList<>(rating.lines());
        long left = rating.totalMinor();
        List<CouponDiscount> ordered = new ArrayList<>(coupons);
        ordered.sort(java.util.Comparator.comparing(CouponDiscount::onInvoice));
        for (CouponDiscount d : ordered) {
            if (d.amountOffMinor() != null && !d.currency().equals(rating.currency())) {
                throw new IllegalArgumentException("Coupon " + d.couponId() + " takes " + d.currency() + " off, but the period is billed in "
                        + rating.currency() + ".");
            }
            long off = d.offMinor(left);
            if (off > 0) {
                lines.add(new RatedLine(RatedLine.Kind.DISCOUNT, CODE + d.couponId(), d.description(), 1, -off));
                left -= off;
            }
        }
        return new Rating(rating.currency(), lines);
    }
}
