package com.antevus.console.catalog;

import com.antevus.console.core.Reasons;
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

    /** A coupon the console created, with how many of its promotion codes are active and how often staff applied it. */
    public record Coupon(UUID id, String stripeId, String name, BigDecimal percentOff, Long amountOffMinor, String currency, String duration,
                         Integer months, Instant redeemBy, Integer maxRedemptions, String createdBy, Instant createdAt, Instant archivedAt,
                         int version, int activeCodes, int timesApplied) {
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
        Reasons.require(reason);
        // the record's id follows from the coupon's Stripe id (unique here): a retry after Stripe created it but the
        // record was lost sends the same idempotency key, or, past Stripe's 24 hours, finds the coupon there and adopts it
        UUID id = UUID.nameUUIDFromBytes(("coupon:" + d.stripeId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        jdbc.probe("recording the coupon", c -> {
            CouponRepository.insert(c, id, d);
            return null;
        });
        StripeModels.Coupon made;
        try {
            made = stripe.get().createCoupon(IdempotencyKey.of("coupon", id, "create"), d.stripeId(), d.percentOff(),
                    d.amountOffMinor() == null ? null : Money.of(d.amountOffMinor(), d.currency()), d.duration(),
                    d.months() == null ? null : d.months().longValue(), d.name().strip(), d.redeemBy(),
                    d.maxRedemptions() == null ? null : d.maxRedemptions().longValue());
        } catch (com.antevus.console.stripe.StripeFailure f) {
            if (f.kind() != com.antevus.console.stripe.StripeFailure.Kind.INVALID_REQUEST || !"id".equals(f.param())) {
                throw f;
            }
            made = stripe.get().listCoupons().stream().filter(x -> x.id().equals(d.stripeId()) && sameTerms(x, d)).findFirst()
                    .orElseThrow(() -> new UserFacingException("Stripe already has a coupon " + d.stripeId() + " with other terms; "
                            + "choose another id. Nothing was created.", f));
        }
        jdbc.write("recording the coupon", reason.strip(), null, c -> {
            CouponRepository.insert(c, id, d);
            return null;
        });
        String inStripe = made.id();
        return jdbc.read("reading the coupon", c -> CouponRepository.one(c, id)).orElseThrow(() -> new IllegalStateException(inStripe));
    }

    /** Whether Stripe's coupon is the one the draft describes (the one an earlier attempt created). */
    private static boolean sameTerms(StripeModels.Coupon x, Draft d) {
        boolean off = d.percentOff() != null ? x.percentOff() != null && x.percentOff().compareTo(d.percentOff()) == 0
                : x.amountOff() != null && x.amountOff().minor() == d.amountOffMinor() && x.amountOff().currency().equals(d.currency());
        return off && x.duration().equals(d.duration()) && java.util.Objects.equals(x.durationInMonths(),
                d.months() == null ? null : d.months().longValue())
                && java.util.Objects.equals(x.maxRedemptions(), d.maxRedemptions() == null ? null : d.maxRedemptions().longValue())
                && java.util.Objects.equals(x.redeemBy(), d.redeemBy());
    }

    /** Archives the coupon: Stripe deletes it (no new discounts; applied ones stay), its promotion codes are deactivated. */
    public void archive(Coupon k, String reason) {
        Reasons.require(reason);
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
        Reasons.require(reason);
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
        Reasons.require(reason);
        if (code.stripeId() != null) {
            stripe.get().setPromotionCodeActive(IdempotencyKey.of("promotion_code", code.id(), "deactivate"), code.stripeId(), false);
        }
        jdbc.write("deactivating the promotion code", reason.strip(), null, c -> CouponRepository.deactivate(c, code.id()));
    }


    // ---- applying coupons to an organization ----------------------------------------------------------------

    /** Where a coupon applies: the subscription (from a month, as long as the coupon lasts) or one month's invoice. */
    public enum Target {
        SUBSCRIPTION, INVOICE
    }

    public record OrganizationChoice(UUID id, String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One application of a coupon to an organization, as staff read it. */
    public record Application(UUID id, UUID organizationId, String organizationName, UUID couponId, String couponStripeId, String offWords,
                              String couponName, Target target, java.time.YearMonth firstMonth, Integer months, String reason,
                              String appliedBy, Instant appliedAt, Instant removedAt, String removedBy, String removedReason, int version) {
        public boolean active() {
            return removedAt == null;
        }

        /** "The subscription, December 2026 to February 2027", "The subscription from December 2026, until removed", "The invoice of December 2026". */
        public String coversWords() {
            String from = com.antevus.console.core.Dates.month(firstMonth);
            if (target == Target.INVOICE) {
                return "The invoice of " + from;
            }
            if (months == null) {
                return "The subscription from " + from + ", until removed";
            }
            return months == 1 ? "The subscription's invoice of " + from
                    : "The subscription, " + from + " to " + com.antevus.console.core.Dates.month(firstMonth.plusMonths(months - 1L));
        }

        /** The same, short, for a list: "Subscription, Nov 2026 – Jan 2027", "Subscription from Nov 2026 on", "Invoice of Nov 2026". */
        public String coversShort() {
            java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", com.antevus.console.core.Dates.locale());
            if (target == Target.INVOICE) {
                return "Invoice of " + f.format(firstMonth);
            }
            if (months == null) {
                return "Subscription from " + f.format(firstMonth) + " on";
            }
            return months == 1 ? "Subscription, invoice of " + f.format(firstMonth)
                    : "Subscription, " + f.format(firstMonth) + " – " + f.format(firstMonth.plusMonths(months - 1L));
        }

        /** Whether it covers {@code month}. */
        public boolean covers(java.time.YearMonth month) {
            return active() && !month.isBefore(firstMonth) && (months == null || month.isBefore(firstMonth.plusMonths(months)));
        }
    }

    /** What applying did: the application, and the line it added to the month's open draft (null when there was none). */
    public record Applied(Application application, Long draftLineMinor, String currency, Application replaced) {
    }

    public List<Application> applicationsOf(UUID coupon) {
        return jdbc.read("reading where the coupon applies", c -> CouponRepository.applicationsOf(c, coupon));
    }

    public List<Application> applicationsFor(UUID organization) {
        return jdbc.read("reading the organization's coupons", c -> CouponRepository.applicationsFor(c, organization));
    }

    public List<OrganizationChoice> organizations() {
        return jdbc.read("reading organizations", CouponRepository::organizations);
    }

    /** The coupon now on the organization's subscription, which applying another one would replace. */
    public java.util.Optional<Application> onSubscription(UUID organization) {
        return applicationsFor(organization).stream().filter(a -> a.active() && a.target() == Target.SUBSCRIPTION).findFirst();
    }

    /** The month the console's clock is in (UTC), the first an application may usually start. */
    public java.time.YearMonth thisMonth() {
        return java.time.YearMonth.from(clock.instant().atZone(java.time.ZoneOffset.UTC));
    }

    /**
     * Applies the coupon to the organization: on its subscription from {@code firstMonth} for as long as the coupon
     * lasts (replacing the coupon on it now), or on that month's invoice. The coupon must still be redeemable (not
     * archived, before its redeem-by, under its limit counting Stripe's redemptions and the console's), an amount off
     * must be in the organization's currency, and the month must not be invoiced in Stripe yet. When the month's draft
     * exists, it gains the discount line in the same transaction, on what it comes to now and never below zero.
     */
    public Applied apply(UUID couponId, UUID organization, Target target, java.time.YearMonth firstMonth, String reason) {
        return applying(couponId, organization, target, firstMonth, reason, false);
    }

    /**
     * What {@link #apply} would do, done in a transaction that is rolled back: the same checks (grants included) and
     * the same amounts, so the confirmation says exactly what applying will.
     */
    public Applied preview(UUID couponId, UUID organization, Target target, java.time.YearMonth firstMonth, String reason) {
        return applying(couponId, organization, target, firstMonth, reason, true);
    }

    /** In words and amounts, what an application (or its preview) does: for the confirmation and the notice after. */
    public static String words(Applied a) {
        Application x = a.application();
        StringBuilder s = new StringBuilder(x.couponStripeId() + " (" + x.offWords() + ") on " + x.organizationName() + ": "
                + Character.toLowerCase(x.coversWords().charAt(0)) + x.coversWords().substring(1) + ".");
        if (a.replaced() != null) {
            s.append(" It replaces ").append(a.replaced().couponStripeId()).append(" (").append(a.replaced().offWords()).append(") on the subscription.");
        }
        if (a.draftLineMinor() != null) {
            s.append(" The open draft of ").append(com.antevus.console.core.Dates.month(x.firstMonth())).append(" gains a line of ")
                    .append(Money.of(a.draftLineMinor(), a.currency()).format()).append(".");
        } else {
            s.append(x.target() == Target.INVOICE || Integer.valueOf(1).equals(x.months())
                    ? " That invoice carries it as a discount line when it is drafted, never below zero."
                    : " Each invoice it covers carries it as a discount line when it is drafted, never below zero.");
        }
        return s.toString();
    }

    private Applied applying(UUID couponId, UUID organization, Target target, java.time.YearMonth firstMonth, String reason, boolean dry) {
        String why = Reasons.require(reason);
        if (firstMonth == null) {
            throw new UserFacingException("Choose the month the coupon starts with. Nothing was applied.");
        }
        Coupon k = jdbc.read("reading the coupon", c -> CouponRepository.one(c, couponId))
                .orElseThrow(() -> new UserFacingException("That coupon no longer exists. Nothing was applied."));
        Long stripeRedeemed = k.maxRedemptions() == null ? null
                : inStripe().entrySet().stream().filter(e -> e.getKey().equals(k.stripeId())).map(e -> e.getValue().timesRedeemed()).findFirst().orElse(0L);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        Jdbc.Work<Object[]> work = c -> {
            Coupon locked = CouponRepository.lockCoupon(c, couponId).orElseThrow();
            refuseIfNotRedeemable(locked, now, stripeRedeemed == null ? 0 : stripeRedeemed, CouponRepository.applicationCount(c, couponId));
            String[] org = CouponRepository.organizationCurrency(c, organization).orElseThrow(() -> new UserFacingException(
                    "That organization has no subscription, so there is nothing to discount. Nothing was applied."));
            if (locked.amountOffMinor() != null && !locked.currency().equals(org[1])) {
                throw new UserFacingException(locked.stripeId() + " takes " + locked.currency() + " off, but " + org[0] + " is billed in "
                        + org[1] + ". Nothing was applied.");
            }
            java.util.Optional<CouponRepository.MonthInvoice> invoice = CouponRepository.monthInvoice(c, organization, firstMonth);
            if (invoice.isPresent() && invoice.get().inStripe()) {
                throw new UserFacingException(org[0] + "'s invoice of " + com.antevus.console.core.Dates.month(firstMonth) + " is already in Stripe ("
                        + (invoice.get().number() == null ? "being created" : invoice.get().number()) + "); "
                        + (target == Target.INVOICE ? "credit it with a credit note instead." : "start the coupon with the next month.")
                        + " Nothing was applied.");
            }
            if (target == Target.INVOICE) {
                java.util.Optional<Application> taken = CouponRepository.applicationsFor(c, organization).stream()
                        .filter(x -> x.active() && x.target() == Target.INVOICE && x.firstMonth().equals(firstMonth)).findFirst();
                if (taken.isPresent()) {
                    throw new UserFacingException(org[0] + "'s invoice of " + com.antevus.console.core.Dates.month(firstMonth) + " already carries "
                            + taken.get().couponStripeId() + "; remove it first to apply another. Nothing was applied.");
                }
            }
            Application replaced = null;
            if (target == Target.SUBSCRIPTION) {
                java.util.Optional<UUID> old = CouponRepository.activeOnSubscription(c, organization);
                if (old.isPresent()) {
                    replaced = CouponRepository.application(c, organization, old.get()).orElseThrow();
                    CouponRepository.removeApplication(c, organization, old.get(), null, now, "Replaced by " + locked.stripeId() + ": " + why);
                }
            }
            Integer months = target == Target.INVOICE ? Integer.valueOf(1) : switch (locked.duration()) {
                case "once" -> 1;
                case "repeating" -> locked.months();
                default -> null;
            };
            CouponRepository.insertApplication(c, id, organization, couponId, target, firstMonth, months, why);
            Long line = null;
            if (invoice.isPresent()) {
                com.antevus.console.rating.CouponDiscount d = new com.antevus.console.rating.CouponDiscount(locked.stripeId(), locked.name(),
                        locked.percentOff(), locked.amountOffMinor(), locked.currency(), target == Target.INVOICE);
                long off = d.offMinor(CouponRepository.draftSubtotal(c, organization, invoice.get().id()));
                if (off > 0) {
                    CouponRepository.addDraftLine(c, organization, invoice.get(), d.description(), -off);
                    line = -off;
                }
            }
            return new Object[]{CouponRepository.application(c, organization, id).orElseThrow(), line, org[1], replaced};
        };
        Object[] outcome = dry ? jdbc.probe("checking the coupon", work) : jdbc.write("applying the coupon", why, null, work);
        return new Applied((Application) outcome[0], (Long) outcome[1], (String) outcome[2], (Application) outcome[3]);
    }

    private static void refuseIfNotRedeemable(Coupon k, Instant now, long stripeRedeemed, int consoleApplied) {
        if (k.archived()) {
            throw new UserFacingException(k.stripeId() + " is archived and can no longer be applied. Nothing was applied.");
        }
        if (k.redeemBy() != null && !now.isBefore(k.redeemBy())) {
            throw new UserFacingException(k.stripeId() + " could be redeemed until " + com.antevus.console.core.Dates.minute(k.redeemBy())
                    + "; that has passed. Nothing was applied.");
        }
        if (k.maxRedemptions() != null && stripeRedeemed + consoleApplied >= k.maxRedemptions()) {
            throw new UserFacingException(k.stripeId() + " has reached its limit of " + k.maxRedemptions() + " redemption"
                    + (k.maxRedemptions() == 1 ? "" : "s") + " (" + stripeRedeemed + " at checkout, " + consoleApplied + " here). Nothing was applied.");
        }
    }

    /**
     * Removes an application: months not drafted yet are no longer discounted. Drafts that already carry its line
     * keep it (edit the draft to take it off); invoiced months stay as they were billed.
     */
    public void remove(Application a, String reason) {
        String why = Reasons.require(reason);
        int n = jdbc.write("removing the coupon", why, null,
                c -> CouponRepository.removeApplication(c, a.organizationId(), a.id(), a.version(), clock.instant(), why));
        if (n == 0) {
            throw new UserFacingException("That coupon was removed or changed since you opened it; nothing more was changed.");
        }
    }
}
