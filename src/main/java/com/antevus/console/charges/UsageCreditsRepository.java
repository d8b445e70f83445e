package com.antevus.console.charges;

import com.antevus.console.db.Sql;
import com.antevus.console.rating.RatingFacts;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The prepaid credits a month may spend on usage above the included amounts, as rating sees them: every lot granted
 * by the month's last moment and not expired then, less what earlier entries took from it, without the month's own
 * consumption (so a month rates the same before and after it is drawn, and later months' entries do not change it).
 * With what each metric's usage costs in credits. Invoices and the usage projections read the same figure.
 */
public final class UsageCreditsRepository {
    private UsageCreditsRepository() {
    }

    /** Per organization with credits to spend (one organization, or all when {@code org} is null). */
    public static Map<UUID, RatingFacts.UsageCredits> forMonth(Connection c, YearMonth period, UUID org) throws SQLException {
        Instant last = period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1000);
        Map<UUID, Long> available = new HashMap<>();
        Sql.list(c, """
                select g.organization_id, sum(greatest(0, g.credits + coalesce((select sum(d.credits) from credit_ledger d
                         where d.organization_id = g.organization_id and d.lot_id = g.id and d.id <> g.id and d.effective_at <= ?
                           and not (d.entry = 'consumption' and d.period_month = ?)), 0)))
                from credit_ledger g
                where (?::uuid is null or g.organization_id = ?) and g.lot_id = g.id and g.effective_at <= ?
                  and (g.expires_at is null or g.expires_at > ?)
                group by g.organization_id""", rs -> available.put(rs.getObject(1, UUID.class), rs.getLong(2)),
                last, period, org, org, last, last);
        available.values().removeIf(v -> v <= 0);
        if (available.isEmpty()) {
            return Map.of();
        }
        Map<String, RatingFacts.CreditCost> costs = new LinkedHashMap<>();
        Sql.list(c, "select metric, credits, per_units from credit_events where active", rs -> costs.put(rs.getString(1),
                new RatingFacts.CreditCost(rs.getLong(2), rs.getLong(3))));
        Map<UUID, RatingFacts.UsageCredits> out = new HashMap<>();
        available.forEach((o, n) -> out.put(o, new RatingFacts.UsageCredits(n, costs)));
        return out;
    }
}
