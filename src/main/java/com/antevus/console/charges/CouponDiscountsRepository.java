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

    static List<CouponDiscount> forMonth(Connection c, UUID org, YearMonth period) throws SQLException {
        return Sql.list(c, "select k.stripe_coupon_id, k.name, k.percent_off, k.amount_off_minor, k.currency, a.scope = 'invoice' "
                        + "from coupon_applications a join coupons k on k.id = a.coupon_id "
                        + "where a.organization_id = ? and a.removed_at is null and a.first_month <= ? "
                        + "and (a.months is null or (a.first_month + make_interval(months => a.months))::date > ?) "
                        + "order by a.scope desc, a.applied_at",
                rs -> new CouponDiscount(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), (Long) rs.getObject(4),
                        rs.getString(5) == null ? null : rs.getString(5).strip(), rs.getBoolean(6)), org, period.atDay(1), period.atDay(1));
    }
}
