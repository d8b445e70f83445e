package com.antevus.console.catalog;

import com.antevus.console.core.Money;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Jdbc;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Coupons and promotion codes: created in Stripe from the console's own record (key bc.coupon.&lt;id&gt;:create), listed
 * with what Stripe says of their redemptions, archived (Stripe deletes the coupon; discounts already applied stay),
 * and promotion codes for self-serve checkout, deactivated when a campaign ends. Finance and admins write them.
 */
public final class CouponService {
    private static final Pattern STRIPE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{3,50}");
    private final Jdbc jdbc;
    private final Supplier<StripeGateway> stripe;
    private final Clock clock;

    public CouponService(DataSource dataSource, Supplier<StripeGateway> stripe, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.stripe = stripe;
        this.clock = clock;
    }

    /** A coupon as typed: percent off or an amount off (exactly one), a duration, optional limits. */
    public record Draft(String stripeId, String name, BigDecimal percentOff, Long amountOffMinor, String currency, String duration,
                        Integer months, Instant redeemBy, Integer maxRedemptions) {
    }

    /** A coupon the console created, with how many of its promotion codes are active. */
    public record Coupon(UUID id, String stripeId, String name, BigDecimal percentOff, Long amountOffMinor, String currency, String duration,
                         Integer months, Instant redeemBy, Integer maxRedemptions, String createdBy, Instant createdAt, Instant archivedAt,
                         int version, int activeCodes) {
        public boolean archived() {
            return archivedAt != null;
        }

        /** "40% off" or "$250.00 off". */
        public String offWords() {
            return percentOff != null ? percentOff.stripTrailingZeros().toPlainString() + "% off" : Money.of(amountOffMinor, currency).format() + " off";
        }

        /** "once", "for 3 months", "forever". */
        public String durationWords() {
            return switch (duration) {
                case "repeating" -> "for " + months + (months == 1 ? " month" : " months");
                case "forever" -> "forever";
                default -> "once";
            };
        }
    }

    public record Code(UUID id, UUID couponId, String code, String stripeId, boolean active, Instant expiresAt, Integer maxRedemptions,
                       String createdBy) {
    }

    /** Problems of a draft by field (empty when it can be created). */
    public Map<String, String> problems(Draft d) {
        Map<String, String> out = new LinkedHashMap<>();
        if (d.stripeId() == null || !STRIPE_ID.matcher(d.stripeId()).matches()) {
            out.put("id", "Give the coupon an id of letters, digits, dashes or underscores (such as LAUNCH-250).");
        }
        if (d.name() == null || d.name().isBlank()) {
            out.put("name", "Give the coupon a name customers will see on the invoice.");
        }
        if ((d.percentOff() == null) == (d.amountOffMinor() == null)) {
            out.put("off", "Give a percent off or an amount off, one of the two.");
        } else if (d.percentOff() != null && (d.percentOff().signum() <= 0 || d.percentOff().compareTo(BigDecimal.valueOf(100)) > 0
                || d.percentOff().scale() > 2)) {
            out.put("off", "A percent off is above 0 and at most 100, with at most two decimals.");
        } else if (d.amountOffMinor() != null && d.amountOffMinor() <= 0) {
            out.put("off", "An amount off is above zero.");
        }
        if (!List.of("once", "repeating", "forever").contains(d.duration())) {
            out.put("duration", "Choose once, repeating or forever.");
        } else if (d.duration().equals("repeating") && (d.months() == null || d.months() < 1 || d.months() > 36)) {
            out.put("months", "A repeating coupon lasts 1 to 36 months.");
        }
        if (d.redeemBy() != null && !d.redeemBy().isAfter(clock.instant())) {
            out.put("redeemBy", "The last day to redeem it must be in the future.");
        }
        if (d.maxRedemptions() != null && d.maxRedemptions() < 1) {
            out.put("maxRedemptions", "At least one redemption, or leave it empty for no limit.");
        }
        return out;
    }

    public List<Coupon> list() {
        return jdbc.read("reading coupons", CouponRepository::all);
    }

    public List<Code> codes(UUID coupon) {
        return jdbc.read("reading promotion codes", c -> CouponRepository.codes(c, coupon));
    }

    /** What Stripe says of the console's coupons now: times redeemed and whether each is still valid, by Stripe id. */
    public Map<String, StripeModels.Coupon> inStripe() {
        Map<String, StripeModels.Coupon> out = new LinkedHashMap<>();
        stripe.get().listCoupons().forEach(c -> out.put(c.id(), c));
        return out;
    }

    /** Creates the coupon: recorded here (the grants stop a role that may not), then in Stripe with the record's key. */
    public Coupon create(Draft d, String reason) {
        Map<String, String> wrong = problems(d);
        if (!wrong.isEmpty()) {
            throw new UserFacingException(wrong.values().iterator().next() + " Nothing was created.");
        }
        requireReason(reason);
        UUID id = UUID.randomUUID();
        jdbc.probe("recording the coupon", c -> {
            CouponRepository.insert(c, id, d);
            return null;
        });
        StripeModels.Coupon made = stripe.get().createCoupon(IdempotencyKey.of("coupon", id, "create"), d.stripeId(), d.percentOff(),
                d.amountOffMinor() == null ? null : Money.of(d.amountOffMinor(), d.currency()), d.duration(),
                d.months() == null ? null : d.months().longValue(), d.name().strip(), d.redeemBy(),
                d.maxRedemptions() == null ? null : d.maxRedemptions().longValue());
        jdbc.write("recording the coupon", reason.strip(), null, c -> {
            CouponRepository.insert(c, id, d);
            return null;
        });
        return jdbc.read("reading the coupon", c -> CouponRepository.one(c, id)).orElseThrow(() -> new IllegalStateException(made.id()));
    }

    /** Archives the coupon: Stripe deletes it (no new discounts; applied ones stay), its promotion codes are deactivated. */
    public void archive(Coupon k, String reason) {
        requireReason(reason);
        if (k.archived()) {
            throw new UserFacingException("That coupon is already archived.");
        }
        Instant at = clock.instant();
        jdbc.probe("archiving the coupon", c -> CouponRepository.archive(c, k.id(), at, k.version()));
        try {
            stripe.get().deleteCoupon(k.stripeId());
        } catch (com.antevus.console.stripe.StripeFailure f) {
            if (f.kind() != com.antevus.console.stripe.StripeFailure.Kind.NOT_FOUND) {
                throw f; // a coupon Stripe no longer has is archived here all the same
            }
        }
        int n = jdbc.write("archiving the coupon", reason.strip(), null, c -> {
            for (Code code : CouponRepository.codes(c, k.id())) {
                CouponRepository.deactivate(c, code.id());
            }
            return CouponRepository.archive(c, k.id(), at, k.version());
        });
        if (n == 0) {
            throw new UserFacingException("Someone changed this coupon since you opened it; nothing more was changed here.");
        }
    }

    /** A promotion code for self-serve checkout: recorded here, then created in Stripe with the record's key. */
    public Code createCode(Coupon k, String code, Instant expiresAt, Integer maxRedemptions, String reason) {
        requireReason(reason);
        if (k.archived()) {
            throw new UserFacingException("An archived coupon takes no new promotion codes.");
        }
        if (code == null || !CODE.matcher(code.strip()).matches()) {
            throw new UserFacingException("A promotion code is 3 to 50 letters, digits, dashes or underscores (such as SPRING25).");
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw new UserFacingException("A promotion code's end must be in the future.");
        }
        UUID id = UUID.randomUUID();
        String typed = code.strip();
        jdbc.write("recording the promotion code", reason.strip(), null, c -> {
            CouponRepository.insertCode(c, id, k.id(), typed, expiresAt, maxRedemptions);
            return null;
        });
        StripeModels.PromotionCode made = stripe.get().createPromotionCode(IdempotencyKey.of("promotion_code", id, "create"), k.stripeId(),
                typed, expiresAt, maxRedemptions == null ? null : maxRedemptions.longValue());
        jdbc.write("recording the promotion code", reason.strip(), null, c -> CouponRepository.codeCreated(c, id, made.id()));
        return codes(k.id()).stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    public void deactivate(Code code, String reason) {
        requireReason(reason);
        if (code.stripeId() != null) {
            stripe.get().setPromotionCodeActive(IdempotencyKey.of("promotion_code", code.id(), "deactivate"), code.stripeId(), false);
        }
        jdbc.write("deactivating the promotion code", reason.strip(), null, c -> CouponRepository.deactivate(c, code.id()));
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new UserFacingException("Give a reason; it goes to the audit log with the change.");
        }
    }
}
