package com.antevus.console.catalog;

import com.antevus.console.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The console's records of the coupons and promotion codes it created in Stripe. */
final class CouponRepository {
    private CouponRepository() {
    }

    static void insert(Connection c, UUID id, CouponService.Draft d) throws SQLException {
        Sql.update(c, "insert into coupons (id, stripe_coupon_id, name, percent_off, amount_off_minor, currency, duration, duration_months, "
                        + "redeem_by, max_redemptions) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, d.stripeId(), d.name().strip(), d.percentOff(),
                d.amountOffMinor(), d.amountOffMinor() == null ? null : d.currency(), d.duration(), d.months(),
                d.redeemBy() == null ? null : OffsetDateTime.ofInstant(d.redeemBy(), java.time.ZoneOffset.UTC), d.maxRedemptions());
    }

    static int archive(Connection c, UUID id, Instant at, int version) throws SQLException {
        return Sql.update(c, "update coupons set archived_at = ?, archived_by = session_user, version = version + 1 "
                + "where id = ? and archived_at is null and version = ?", OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC), id, version);
    }

    private static final String SELECT = "select k.id, k.stripe_coupon_id, k.name, k.percent_off, k.amount_off_minor, k.currency, k.duration, "
            + "k.duration_months, k.redeem_by, k.max_redemptions, k.created_by, k.created_at, k.archived_at, k.version, "
            + "(select count(*) from promotion_codes p where p.coupon_id = k.id and p.active), "
            + "(select count(*) from coupon_applications a where a.coupon_id = k.id) from coupons k ";

    static List<CouponService.Coupon> all(Connection c) throws SQLException {
        return Sql.list(c, SELECT + "order by k.archived_at nulls first, k.created_at desc", CouponRepository::coupon);
    }

    static java.util.Optional<CouponService.Coupon> one(Connection c, UUID id) throws SQLException {
        return Sql.first(c, SELECT + "where k.id = ?", CouponRepository::coupon, id);
    }

    private static CouponService.Coupon coupon(ResultSet rs) throws SQLException {
        return new CouponService.Coupon(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                (Long) rs.getObject(5), rs.getString(6) == null ? null : rs.getString(6).strip(), rs.getString(7), (Integer) rs.getObject(8),
                instant(rs, 9), (Integer) rs.getObject(10), rs.getString(11), instant(rs, 12), instant(rs, 13), rs.getInt(14), rs.getInt(15),
                rs.getInt(16));
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static void insertCode(Connection c, UUID id, UUID coupon, String code, Instant expiresAt, Integer max) throws SQLException {
        Sql.update(c, "insert into promotion_codes (id, coupon_id, code, expires_at, max_redemptions) values (?, ?, ?, ?, ?)", id, coupon,
                code, expiresAt == null ? null : OffsetDateTime.ofInstant(expiresAt, java.time.ZoneOffset.UTC), max);
    }

    static int codeCreated(Connection c, UUID id, String stripeId) throws SQLException {
        return Sql.update(c, "update promotion_codes set stripe_promotion_code_id = ?, version = version + 1 where id = ?", stripeId, id);
    }

    static int deactivate(Connection c, UUID id) throws SQLException {
        return Sql.update(c, "update promotion_codes set active = false, version = version + 1 where id = ? and active", id);
    }

    static List<CouponService.Code> codes(Connection c, UUID coupon) throws SQLException {
        return Sql.list(c, "select id, coupon_id, code, stripe_promotion_code_id, active, expires_at, max_redemptions, created_by "
                        + "from promotion_codes where coupon_id = ? order by active desc, created_at desc",
                rs -> new CouponService.Code(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), instant(rs, 6), (Integer) rs.getObject(7), rs.getString(8)), coupon);
    }

    // ---- applications: the console's redemptions of its coupons ---------------------------------------------

    private static final String APPLICATION = "select a.id, a.organization_id, o.name, a.coupon_id, k.stripe_coupon_id, k.name, k.percent_off, "
            + "k.amount_off_minor, k.currency, a.scope, a.first_month, a.months, a.reason, a.applied_by, a.applied_at, a.removed_at, "
            + "a.removed_by, a.removed_reason, a.version from coupon_applications a join coupons k on k.id = a.coupon_id "
            + "join organizations o on o.id = a.organization_id ";

    private static CouponService.Application application(ResultSet rs) throws SQLException {
        return new CouponService.Application(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getObject(4, UUID.class),
                rs.getString(5), offWords(rs.getBigDecimal(7), (Long) rs.getObject(8), rs.getString(9)), rs.getString(6),
                CouponService.Target.valueOf(rs.getString(10).toUpperCase(java.util.Locale.ROOT)),
                java.time.YearMonth.from(rs.getObject(11, java.time.LocalDate.class)), (Integer) rs.getObject(12), rs.getString(13),
                rs.getString(14), instant(rs, 15), instant(rs, 16), rs.getString(17), rs.getString(18), rs.getInt(19));
    }

    private static String offWords(java.math.BigDecimal pct, Long amount, String currency) {
        return pct != null ? pct.stripTrailingZeros().toPlainString() + "% off"
                : com.antevus.console.core.Money.of(amount, currency.strip()).format() + " off";
    }

    static List<CouponService.Application> applicationsOf(Connection c, UUID coupon) throws SQLException {
        return Sql.list(c, APPLICATION + "where a.coupon_id = ? order by a.removed_at nulls first, a.applied_at desc",
                CouponRepository::application, coupon);
    }

    static List<CouponService.Application> applicationsFor(Connection c, UUID org) throws SQLException {
        return Sql.list(c, APPLICATION + "where a.organization_id = ? order by a.removed_at nulls first, a.applied_at desc",
                CouponRepository::application, org);
    }

    static java.util.Optional<CouponService.Application> application(Connection c, UUID org, UUID id) throws SQLException {
        return Sql.first(c, APPLICATION + "where a.organization_id = ? and a.id = ?", CouponRepository::application, org, id);
    }

    /** The coupon, locked until the transaction ends, so two applications are counted one after the other. */
    static java.util.Optional<CouponService.Coupon> lockCoupon(Connection c, UUID id) throws SQLException {
        Sql.first(c, "select 1 from coupons where id = ? for update", rs -> 1, id);
        return one(c, id);
    }

    /** How many times the console applied the coupon, removed applications included (a redemption stays one). */
    static int applicationCount(Connection c, UUID coupon) throws SQLException {
        return Sql.first(c, "select count(*) from coupon_applications where coupon_id = ?", rs -> rs.getInt(1), coupon).orElse(0);
    }

    /** The organization's name and the currency its newest subscription's plan bills in; empty when it has no subscription. */
    static java.util.Optional<String[]> organizationCurrency(Connection c, UUID org) throws SQLException {
        return Sql.first(c, "select o.name, p.currency from organizations o join subscriptions s on s.organization_id = o.id "
                + "join plans p on p.id = s.plan_id where o.id = ? order by s.started_at desc limit 1",
                rs -> new String[]{rs.getString(1), rs.getString(2).strip()}, org);
    }

    static List<CouponService.OrganizationChoice> organizations(Connection c) throws SQLException {
        return Sql.list(c, "select id, name from organizations order by name, id",
                rs -> new CouponService.OrganizationChoice(rs.getObject(1, UUID.class), rs.getString(2)));
    }

    /** The month's invoice of the organization, locked: its id, whether it is in Stripe, its number, its version. */
    record MonthInvoice(UUID id, boolean inStripe, String number, int version, String currency) {
    }

    static java.util.Optional<MonthInvoice> monthInvoice(Connection c, UUID org, java.time.YearMonth month) throws SQLException {
        return Sql.first(c, "select id, stripe_invoice_id is not null or status <> 'draft', number, version, currency from invoices "
                        + "where organization_id = ? and period_start = ? and status <> 'void' order by created_at desc limit 1 for update",
                rs -> new MonthInvoice(rs.getObject(1, UUID.class), rs.getBoolean(2), rs.getString(3), rs.getInt(4), rs.getString(5).strip()),
                org, month.atDay(1));
    }

    static long draftSubtotal(Connection c, UUID org, UUID invoice) throws SQLException {
        return Sql.first(c, "select coalesce(sum(amount_minor), 0) from invoice_lines where organization_id = ? and invoice_id = ?",
                rs -> rs.getLong(1), org, invoice).orElse(0L);
    }

    /** Adds the coupon's line to a draft Stripe has not seen, retotals it and moves its version (an open editor then reloads). */
    static void addDraftLine(Connection c, UUID org, MonthInvoice draft, String description, long amountMinor) throws SQLException {
        Sql.update(c, "insert into invoice_lines (organization_id, invoice_id, line_no, kind, description, quantity, amount_minor, currency, "
                        + "rated_amount_minor, adjustment_reason) select ?, ?, coalesce(max(line_no), 0) + 1, 'adjustment', ?, 1, ?, ?, ?, ? "
                        + "from invoice_lines where organization_id = ? and invoice_id = ?",
                org, draft.id(), description, amountMinor, draft.currency(), amountMinor, description, org, draft.id());
        Sql.update(c, "update invoices set subtotal_minor = subtotal_minor + ?, total_minor = total_minor + ?, version = version + 1 "
                + "where organization_id = ? and id = ?", amountMinor, amountMinor, org, draft.id());
    }

    static java.util.Optional<UUID> activeOnSubscription(Connection c, UUID org) throws SQLException {
        return Sql.first(c, "select id from coupon_applications where organization_id = ? and scope = 'subscription' and removed_at is null",
                rs -> rs.getObject(1, UUID.class), org);
    }

    static void insertApplication(Connection c, UUID id, UUID org, UUID coupon, CouponService.Target target, java.time.YearMonth first,
                                  Integer months, String reason) throws SQLException {
        Sql.update(c, "insert into coupon_applications (organization_id, id, coupon_id, scope, first_month, months, reason) "
                + "values (?, ?, ?, ?, ?, ?, ?)", org, id, coupon, target.name().toLowerCase(java.util.Locale.ROOT), first.atDay(1), months, reason);
    }

    static int removeApplication(Connection c, UUID org, UUID id, Integer version, Instant at, String why) throws SQLException {
        return Sql.update(c, "update coupon_applications set removed_at = ?, removed_by = session_user, removed_reason = ?, version = version + 1 "
                        + "where organization_id = ? and id = ? and removed_at is null" + (version == null ? "" : " and version = " + version),
                OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC), why, org, id);
    }
}
