package com.antevus.console.invoicing;

import com.antevus.console.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The reconciliation's and the dunning list's reads. */
final class ReconciliationRepository {
    private ReconciliationRepository() {
    }

    /** An organization and its invoice of the period (the invoice's fields are null when it has none). */
    /** @param credited what the invoice's issued credit notes credit */
    record Local(UUID org, String name, UUID id, String number, String status, String stripeId, long total, int lines, String currency,
                 long credited) {
    }

    /** Every organization, by name, with its period invoice that is not void. */
    static List<Local> period(Connection c, YearMonth period) throws SQLException {
        return Sql.list(c, "select o.id, o.name, i.id, i.number, i.status, i.stripe_invoice_id, i.total_minor, "
                        + "(select count(*) from invoice_lines l where l.organization_id = i.organization_id and l.invoice_id = i.id), "
                        + "i.currency, coalesce((select sum(n.amount_minor) from credit_notes n where n.organization_id = i.organization_id "
                        + "and n.invoice_id = i.id and n.state = 'issued'), 0) "
                        + "from organizations o left join invoices i on i.organization_id = o.id and i.period_start = ? "
                        + "and i.status <> 'void' order by lower(o.name), o.id",
                rs -> new Local(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getInt(8), rs.getString(9), rs.getLong(10)), period);
    }

    /** Open invoices past due on {@code today}, most overdue first, with the plan's grace period (7 days without one). */
    static List<Reconciliation.DunningRow> pastDue(Connection c, LocalDate today) throws SQLException {
        return Sql.list(c, "select i.organization_id, i.id, o.name, i.number, i.total_minor - i.amount_paid_minor - coalesce((select sum(n.pre_payment_minor) from credit_notes n "
                        + "where n.organization_id = i.organization_id and n.invoice_id = i.id and n.state <> 'void'), 0), i.currency, "
                        + "i.due_date, coalesce((select p.grace_days from subscriptions s join plans p on p.id = s.plan_id "
                        + "where s.organization_id = i.organization_id order by s.started_at desc limit 1), 7), i.payment_error "
                        + "from invoices i join organizations o on o.id = i.organization_id "
                        + "where i.status = 'open' and i.due_date < ? order by i.due_date, lower(o.name)",
                rs -> {
                    LocalDate due = rs.getDate(7).toLocalDate();
                    return new Reconciliation.DunningRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getLong(5), rs.getString(6), due, ChronoUnit.DAYS.between(due, today), rs.getInt(8),
                            rs.getString(9));
                }, today);
    }
}
