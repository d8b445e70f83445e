package com.antevus.console.invoicing;

import com.antevus.console.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The invoice journal's statements (invoice_journal, V5): what the Stripe steps read before each step and record after it. */
final class InvoiceJournalRepository {
    private InvoiceJournalRepository() {
    }

    /**
     * The journal row and what the steps need. {@code lookupFirst}: the step was first tried before the cutoff, so
     * Stripe may have forgotten its idempotency key and the step looks its object up before creating it.
     */
    record JournalRow(String state, YearMonth period, String kind, String journalCustomer, String stripeInvoiceId,
                      boolean lookupFirst, String currency, int daysUntilDue, long subtotalMinor, String name, String email,
                      String orgCustomer, String number) {
    }

    /** One invoice line as Stripe gets it. */
    record Line(int lineNo, String description, long amountMinor) {
    }

    static Optional<JournalRow> read(Connection c, UUID org, UUID invoice, Instant lookUpIfStartedBefore) throws SQLException {
        return Sql.first(c, "select j.state, j.period_month, j.kind, j.stripe_customer_id, "
                        + "j.stripe_invoice_id, coalesce(j.step_started_at < ?, false), i.currency, "
                        + "coalesce(i.days_until_due, ?), i.subtotal_minor, o.name, o.billing_email, o.stripe_customer_id, i.number "
                        + "from invoice_journal j join invoices i on i.organization_id = j.organization_id and i.id = j.invoice_id "
                        + "join organizations o on o.id = j.organization_id where j.organization_id = ? and j.invoice_id = ?",
                rs -> new JournalRow(rs.getString(1), YearMonth.from(rs.getDate(2).toLocalDate()), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getInt(8), rs.getLong(9), rs.getString(10),
                        rs.getString(11), rs.getString(12), rs.getString(13)),
                lookUpIfStartedBefore, InvoiceRepository.DEFAULT_DAYS_UNTIL_DUE, org, invoice);
    }

    static String invoiceStatus(Connection c, UUID org, UUID invoice) throws SQLException {
        return Sql.first(c, "select status from invoices where organization_id = ? and id = ?", rs -> rs.getString(1), org, invoice)
                .orElseThrow(() -> new SQLException("invoice " + invoice + " is gone"));
    }

    static List<Line> lines(Connection c, UUID org, UUID invoice) throws SQLException {
        return Sql.list(c, "select line_no, description, amount_minor from invoice_lines "
                + "where organization_id = ? and invoice_id = ? order by line_no", rs -> new Line(rs.getInt(1), rs.getString(2), rs.getLong(3)), org, invoice);
    }

    /** Links the organization to its Stripe customer unless it already has one. */
    static void linkCustomer(Connection c, UUID org, String customerId) throws SQLException {
        Sql.update(c, "update organizations set stripe_customer_id = ?, updated_at = now(), "
                + "version = version + 1 where id = ? and stripe_customer_id is null", customerId, org);
    }

    static void setStripeInvoice(Connection c, UUID org, UUID invoice, String stripeInvoiceId) throws SQLException {
        Sql.update(c, "update invoices set stripe_invoice_id = ?, updated_at = now(), "
                + "version = version + 1 where organization_id = ? and id = ?", stripeInvoiceId, org, invoice);
    }

    /** Mirrors the invoice Stripe finalized: status, number, page, due date, what was paid (a paid one is paid now). */
    static void mirrorFinalized(Connection c, UUID org, UUID invoice, String status, String number, String hostedUrl, LocalDate due,
                                long amountPaidMinor) throws SQLException {
        Sql.update(c, "update invoices set status = ?, number = ?, hosted_invoice_url = ?, "
                + "finalized_at = coalesce(finalized_at, now()), due_date = ?::date, paid_at = case when ? = 'paid' then now() end, "
                + "amount_paid_minor = ?, updated_at = now(), version = version + 1 where organization_id = ? and id = ?",
                status, number, hostedUrl, due, status, amountPaidMinor, org, invoice);
    }

    /** Notes that a step is being tried, before Stripe hears of it (the first try's time is kept). */
    static void markStarted(Connection c, UUID org, UUID invoice, UUID runId, Instant now) throws SQLException {
        Sql.update(c, "update invoice_journal set step_started_at = coalesce(step_started_at, ?), "
                + "attempts = attempts + 1, run_id = coalesce(?::uuid, run_id), updated_at = now() where organization_id = ? and invoice_id = ?",
                now, runId, org, invoice);
    }

    /**
     * Moves the journal from {@code from} to {@code to}, keeping the Stripe ids it learned; refused (SQLSTATE 40001)
     * when the row is no longer at {@code from}, which the lock should make impossible.
     */
    static void advance(Connection c, UUID org, UUID invoice, String from, String to, String customerId, String stripeInvoiceId,
                        String requestId) throws SQLException {
        int n = Sql.update(c, "update invoice_journal set state = ?, "
                + "stripe_customer_id = coalesce(?, stripe_customer_id), stripe_invoice_id = coalesce(?, stripe_invoice_id), "
                + "step_started_at = null, attempts = 0, last_error = null, last_request_id = ?, updated_at = now() "
                + "where organization_id = ? and invoice_id = ? and state = ?", to, customerId, stripeInvoiceId, requestId, org, invoice, from);
        if (n != 1) {
            throw new SQLException("the journal of invoice " + invoice + " moved on under the lock", "40001");
        }
    }

    static void recordError(Connection c, UUID org, UUID invoice, String message, String requestId) throws SQLException {
        Sql.update(c, "update invoice_journal set last_error = ?, last_request_id = coalesce(?, "
                + "last_request_id), updated_at = now() where organization_id = ? and invoice_id = ?", message, requestId, org, invoice);
    }
}
