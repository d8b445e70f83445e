package com.antevus.console.credits;

import com.antevus.console.credits.CreditLedger.Bucket;
import com.antevus.console.credits.CreditLedger.Entry;
import com.antevus.console.credits.CreditLedger.Kind;
import com.antevus.console.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The credit ledger's rows, the settings, what consumes credits and what is sold; every statement scoped to one organization.
 * The ledger and the settings are public for the pages that show them on their own connection (the organization page).
 */
public final class CreditRepository {
    private CreditRepository() {
    }

    private static final String ENTRY_COLUMNS = "id, lot_id, entry, bucket, credits, effective_at, expires_at, period_month, reason, created_by";

    private static Entry entry(ResultSet rs) throws SQLException {
        LocalDate month = rs.getObject(8, LocalDate.class);
        java.sql.Timestamp expires = rs.getTimestamp(7);
        return new Entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), Kind.of(rs.getString(3)), Bucket.of(rs.getString(4)),
                rs.getLong(5), rs.getTimestamp(6).toInstant(), expires == null ? null : expires.toInstant(),
                month == null ? null : YearMonth.from(month), rs.getString(9), rs.getString(10));
    }

    /** The organization's whole ledger, in the order it was written. */
    public static List<Entry> entries(Connection c, UUID org) throws SQLException {
        return Sql.list(c, "select " + ENTRY_COLUMNS + " from credit_ledger where organization_id = ? order by effective_at, created_at, id",
                CreditRepository::entry, org);
    }

    /** Decides one organization's credits at a time: held until the transaction ends. */
    static void lock(Connection c, UUID org) throws SQLException {
        Sql.list(c, "select pg_advisory_xact_lock(hashtextextended('credits:' || ?::text, 0))", rs -> 1, org);
    }

    static List<UUID> organizationsWithCredits(Connection c) throws SQLException {
        return Sql.list(c, "select distinct organization_id from credit_ledger order by organization_id", rs -> rs.getObject(1, UUID.class));
    }

    static Optional<String> organizationName(Connection c, UUID org) throws SQLException {
        return Sql.first(c, "select name from organizations where id = ?", rs -> rs.getString(1), org);
    }

    /** Writes an entry; false when its source already wrote it (the row is then left as it was). */
    static boolean insert(Connection c, UUID org, Entry e, String productCode, String sourceKey) throws SQLException {
        String conflict = sourceKey == null ? "" : e.opensLot()
                ? " on conflict (organization_id, source_key) where source_key is not null and lot_id = id do nothing"
                : " on conflict (organization_id, source_key, lot_id) where source_key is not null and lot_id <> id do nothing";
        return Sql.update(c, "insert into credit_ledger (organization_id, " + ENTRY_COLUMNS.replace(", created_by", "")
                        + ", product_code, source_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" + conflict,
                org, e.id(), e.lot(), e.kind().db(), e.bucket().db(), e.credits(), e.effectiveAt(), e.expiresAt(), e.period(), e.reason(),
                productCode, sourceKey) == 1;
    }

    /**
     * Draws the credits a period's rating spent, on the caller's transaction (the one that records the invoice draft
     * carrying the "paid with prepaid credits" lines), in the settings' precedence, from the lots as they stand at the
     * period's last moment. Once per period: a period already drawn is left as it is. Returns the credits drawn.
     */
    public static long drawForPeriod(Connection c, UUID org, YearMonth period, long credits) throws SQLException {
        if (credits <= 0) {
            return 0;
        }
        lock(c, org);
        String source = "consumption:" + period;
        if (written(c, org, source)) {
            return 0;
        }
        Instant last = CreditService.periodEnd(period).minusNanos(1000);
        CreditLedger ledger = CreditLedger.of(entries(c, org));
        long drawn = 0;
        for (CreditLedger.Draw d : ledger.draw(credits, last, settings(c).precedence())) {
            insert(c, org, new Entry(UUID.randomUUID(), d.lot(), Kind.CONSUMPTION, d.bucket(), -d.credits(), last, null, period,
                    "Usage of " + period.getMonth().getDisplayName(java.time.format.TextStyle.FULL, com.antevus.console.core.Dates.locale())
                            + " " + period.getYear(), null), null, source);
            drawn += d.credits();
        }
        return drawn;
    }

    /**
     * Grants a product's block of purchased credits (never expiring) on the caller's transaction, once per source: a
     * sale paid twice over (Stripe's event and a replay) grants once. Returns whether this call granted them.
     */
    public static boolean grantPurchased(Connection c, UUID org, String productCode, long credits, Instant at, String reason, String sourceKey)
            throws SQLException {
        lock(c, org);
        UUID id = UUID.randomUUID();
        return insert(c, org, new Entry(id, id, Kind.GRANT, Bucket.PURCHASED, credits, micros(at), null, null, reason, null), productCode,
                sourceKey);
    }

    /** Whether a source has written for the organization already (a period's consumption, say). */
    static boolean written(Connection c, UUID org, String sourceKey) throws SQLException {
        return Sql.first(c, "select 1 from credit_ledger where organization_id = ? and source_key = ? limit 1", rs -> 1, org, sourceKey)
                .isPresent();
    }

    public static CreditService.Settings settings(Connection c) throws SQLException {
        return Sql.first(c, "select precedence, low_balance_threshold, version from credit_settings",
                rs -> new CreditService.Settings(CreditLedger.Precedence.of(rs.getString(1)), rs.getLong(2), rs.getInt(3)))
                .orElse(new CreditService.Settings(CreditLedger.Precedence.PURCHASED_FIRST, 1000, 0));
    }

    /** Sets the precedence and threshold if nobody changed them since {@code version}; false when someone did. */
    static boolean saveSettings(Connection c, CreditService.Settings s) throws SQLException {
        return Sql.update(c, "update credit_settings set precedence = ?, low_balance_threshold = ?, version = version + 1, updated_at = now() "
                + "where version = ?", s.precedence().db(), s.lowBalanceThreshold(), s.version()) == 1;
    }

    static List<CreditService.CreditEvent> events(Connection c) throws SQLException {
        return Sql.list(c, "select e.metric, m.name, e.credits, e.per_units from credit_events e join metrics m on m.code = e.metric "
                + "where e.active order by m.position, e.metric", rs -> new CreditService.CreditEvent(rs.getString(1), rs.getString(2),
                rs.getLong(3), rs.getLong(4)));
    }

    static Optional<CreditService.CreditProduct> product(Connection c, String code) throws SQLException {
        return Sql.first(c, "select code, name, credits, price_minor, currency from credit_products where code = ? and active",
                rs -> new CreditService.CreditProduct(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5).strip()), code);
    }

    static List<CreditService.CreditProduct> products(Connection c) throws SQLException {
        return Sql.list(c, "select code, name, credits, price_minor, currency from credit_products where active order by credits",
                rs -> new CreditService.CreditProduct(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5).strip()));
    }

    /** Instants as the database keeps them (to the microsecond), so what is planned is what is stored. */
    static Instant micros(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
