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
            + "(select count(*) from promotion_codes p where p.coupon_id = k.id and p.active) from coupons k ";

    static List<CouponService.Coupon> all(Connection c) throws SQLException {
        return Sql.list(c, SELECT + "order by k.archived_at nulls first, k.created_at desc", CouponRepository::coupon);
    }

    static java.util.Optional<CouponService.Coupon> one(Connection c, UUID id) throws SQLException {
        return Sql.first(c, SELECT + "where k.id = ?", CouponRepository::coupon, id);
    }

    private static CouponService.Coupon coupon(ResultSet rs) throws SQLException {
        return new CouponService.Coupon(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                (Long) rs.getObject(5), rs.getString(6) == null ? null : rs.getString(6).strip(), rs.getString(7), (Integer) rs.getObject(8),
                instant(rs, 9), (Integer) rs.getObject(10), rs.getString(11), instant(rs, 12), instant(rs, 13), rs.getInt(14), rs.getInt(15));
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
}
