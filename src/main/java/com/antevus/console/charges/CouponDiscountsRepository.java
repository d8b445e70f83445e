package com.antevus.console.charges;

import com.antevus.console.db.Sql;
import com.antevus.console.rating.CouponDiscount;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * The coupons that apply to one organization's month: on its subscription for the months the application covers, or
 * on that month's invoice, and not removed. A coupon archived since keeps the discounts it was applied with (as in
 * Stripe, where deleting a coupon leaves the discounts already applied).
 */
final class CouponDiscountsRepository {
    private CouponDiscountsRepository() {
    }

    private static final String SELECT = "select a.organization_id, k.stripe_coupon_id, k.name, k.percent_off, k.amount_off_minor, k.currency, "
            + "a.scope = 'invoice' from coupon_applications a join coupons k on k.id = a.coupon_id "
            + "where a.removed_at is null and a.first_month <= ? "
            + "and (a.months is null or (a.first_month + make_interval(months => a.months))::date > ?) ";

    static List<CouponDiscount> forMonth(Connection c, UUID org, YearMonth period) throws SQLException {
        return forMonth(c, List.of(org), period).getOrDefault(org, List.of());
    }

    /** The month's coupons of each organization given that has any, in one statement (an invoice run's thousands). */
    static java.util.Map<UUID, List<CouponDiscount>> forMonth(Connection c, java.util.Collection<UUID> orgs, YearMonth period) throws SQLException {
        java.util.Map<UUID, List<CouponDiscount>> out = new java.util.HashMap<>();
        Sql.list(c, SELECT + "and a.organization_id = any (?) order by a.scope desc, a.applied_at",
                rs -> out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new java.util.ArrayList<>()).add(new CouponDiscount(rs.getString(2),
                        rs.getString(3), rs.getBigDecimal(4), (Long) rs.getObject(5), rs.getString(6) == null ? null : rs.getString(6).strip(),
                        rs.getBoolean(7))), period.atDay(1), period.atDay(1), Sql.array("uuid", orgs));
        return out;
    }
}
