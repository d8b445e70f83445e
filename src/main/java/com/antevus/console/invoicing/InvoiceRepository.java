package com.antevus.console.invoicing;

import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Sql;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL for invoices, their lines and the invoice journal. Every method works inside the caller's transaction. */
final class InvoiceRepository {
    /** Net terms when no contract says otherwise. */
    static final int DEFAULT_DAYS_UNTIL_DUE = 30;

    /** What the review needs to know about an organization besides its rating. */
    record ReviewFacts(UUID organizationId, String name, boolean academic, boolean enterprise, String stripeCustomerId,
                       boolean billedBySubscription, int daysUntilDue, Long previousMinor, UUID invoiceId, String invoiceKind,
                       String invoiceStatus, String invoiceNumber, String journalState, String lastError) {
    }

    /** Every organization with a subscription live during the period, with its current invoice for it. */
    Map<UUID, ReviewFacts> reviewFacts(Connection c, YearMonth period, List<UUID> only) throws SQLException {
        String sql = "select o.id, o.name, o.is_academic, o.is_enterprise, o.stripe_customer_id, "
                + "s.stripe_subscription_id is not null, ct.payment_terms, prev.total, inv.id, inv.kind, inv.status, inv.number, "
                + "j.state, j.last_error "
                + "from organizations o "
                + "join lateral (select s.* from subscriptions s where s.organization_id = o.id and s.started_at < ? "
                + "  and (s.canceled_at is null or s.canceled_at >= ?) order by s.started_at desc limit 1) s on true "
                + "left join contracts ct on ct.organization_id = o.id and ct.id = s.contract_id "
                + "left join lateral (select sum(i.total_minor) as total from invoices i where i.organization_id = o.id "
                + "  and i.period_start = ? and i.status <> 'void') prev on true "
                + "left join lateral (select i.* from invoices i where i.organization_id = o.id and i.period_start = ? "
                + "  and i.status <> 'void' order by i.created_at desc limit 1) inv on true "
                + "left join invoice_journal j on j.organization_id = inv.organization_id and j.invoice_id = inv.id "
                + (only.isEmpty() ? "" : "where o.id = any (?) ")
                + "order by lower(o.name), o.id";
        Map<UUID, ReviewFacts> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            LocalDate start = period.atDay(1);
            // periods are UTC months, whatever the machine's time zone
            ps.setTimestamp(1, Timestamp.from(period.plusMonths(1).atDay(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
            ps.setTimestamp(2, Timestamp.from(start.atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
            ps.setDate(3, Date.valueOf(period.minusMonths(1).atDay(1)));
            ps.setDate(4, Date.valueOf(start));
            if (!only.isEmpty()) {
                ps.setArray(5, c.createArrayOf("uuid", only.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = (UUID) rs.getObject(1);
                    String terms = rs.getString(7);
                    long prev = rs.getLong(8);
                    Long previous = rs.wasNull() ? null : prev;
                    out.put(id, new ReviewFacts(id, rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), rs.getString(5),
                            rs.getBoolean(6), daysFor(terms), previous, (UUID) rs.getObject(9), rs.getString(10),
                            rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14)));
                }
            }
        }
        return out;
    }

    /** net30/net45/net60 → days until due. */
    static int daysFor(String paymentTerms) {
        if (paymentTerms == null) {
            return DEFAULT_DAYS_UNTIL_DUE;
        }
        return Integer.parseInt(paymentTerms.substring(3));
    }

    /**
     * Inserts a draft invoice, its lines and its journal row (planned). Empty when the organization already has a
     * live invoice of this kind for the period (another console or person planned it first).
     */
    Optional<UUID> insertDraft(Connection c, UUID org, YearMonth period, String kind, String currency, int daysUntilDue,
                               List<DraftLine> lines, UUID runId, String memo) throws SQLException {
        long subtotal = lines.stream().mapToLong(DraftLine::amountMinor).sum();
        UUID id;
        try (PreparedStatement ps = c.prepareStatement("insert into invoices (organization_id, kind, status, currency, "
                + "period_start, period_end, subtotal_minor, total_minor, days_until_due, run_id, memo) "
                + "values (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (organization_id, period_start, kind) where status <> 'void' do nothing returning id")) {
            ps.setObject(1, org);
            ps.setString(2, kind);
            ps.setString(3, currency);
            ps.setDate(4, Date.valueOf(period.atDay(1)));
            ps.setDate(5, Date.valueOf(period.plusMonths(1).atDay(1)));
            ps.setLong(6, subtotal);
            ps.setLong(7, subtotal);
            ps.setInt(8, daysUntilDue);
            ps.setObject(9, runId);
            ps.setString(10, memo);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                id = (UUID) rs.getObject(1);
            }
        }
        insertLines(c, org, id, currency, lines);
        try (PreparedStatement ps = c.prepareStatement("insert into invoice_journal (organization_id, invoice_id, period_month, "
                + "kind, state, run_id) values (?, ?, ?, ?, 'planned', ?)")) {
            ps.setObject(1, org);
            ps.setObject(2, id);
            ps.setDate(3, Date.valueOf(period.atDay(1)));
            ps.setString(4, kind);
            ps.setObject(5, runId);
            ps.executeUpdate();
        }
        return Optional.of(id);
    }

    private void insertLines(Connection c, UUID org, UUID invoice, String currency, List<DraftLine> lines) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into invoice_lines (organization_id, invoice_id, line_no, kind, "
                + "description, metric, quantity, amount_minor, currency, rated_amount_minor, adjustment_reason, adjusts_period) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (DraftLine l : lines) {
                ps.setObject(1, org);
                ps.setObject(2, invoice);
                ps.setInt(3, l.lineNo());
                ps.setString(4, l.kind());
                ps.setString(5, l.description());
                ps.setString(6, l.metric());
                ps.setLong(7, l.quantity());
                ps.setLong(8, l.amountMinor());
                ps.setString(9, currency);
                ps.setObject(10, l.ratedAmountMinor());
                ps.setString(11, l.adjustmentReason());
                ps.setObject(12, l.adjustsPeriod());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Replaces a draft's lines if nobody changed it since {@code version}; false when someone did. */
    boolean replaceLines(Connection c, UUID org, UUID invoice, int version, List<DraftLine> lines, String memo) throws SQLException {
        long subtotal = lines.stream().mapToLong(DraftLine::amountMinor).sum();
        String currency;
        try (PreparedStatement ps = c.prepareStatement("update invoices set subtotal_minor = ?, total_minor = ?, memo = ?, "
                + "updated_at = now(), version = version + 1 where organization_id = ? and id = ? and version = ? "
                + "and status = 'draft' and stripe_invoice_id is null returning currency")) {
            ps.setLong(1, subtotal);
            ps.setLong(2, subtotal);
            ps.setString(3, memo);
            ps.setObject(4, org);
            ps.setObject(5, invoice);
            ps.setInt(6, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                currency = rs.getString(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("delete from invoice_lines where organization_id = ? and invoice_id = ?")) {
            ps.setObject(1, org);
            ps.setObject(2, invoice);
            ps.executeUpdate();
        }
        insertLines(c, org, invoice, currency, lines);
        return true;
    }

    /** Deletes a draft that never reached Stripe (its journal row goes with it); false when it changed meanwhile. */
    boolean deleteDraft(Connection c, UUID org, UUID invoice, int version) throws SQLException {
        // invoices are never deleted directly (V8): the schema's discard path deletes only a draft Stripe never saw
        try (PreparedStatement ps = c.prepareStatement("select discard_invoice_draft(?, ?, ?)")) {
            ps.setObject(1, org);
            ps.setObject(2, invoice);
            ps.setInt(3, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** A finalized console invoice whose month received usage (rows or adjustments) after it was finalized. */
    record LateUsage(UUID org, YearMonth month, UUID invoice, String number) {
    }

    /** Invoices the console finalized for months in [from, before) whose usage grew after they were finalized. */
    List<LateUsage> lateUsage(Connection c, List<UUID> orgs, YearMonth from, YearMonth before) throws SQLException {
        List<LateUsage> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select i.organization_id, i.period_start, i.id, i.number from invoices i "
                + "join invoice_journal j on j.organization_id = i.organization_id and j.invoice_id = i.id "
                + "where i.organization_id = any (?) and i.period_start >= ? and i.period_start < ? "
                + "and i.status in ('open', 'paid', 'uncollectible') and i.finalized_at is not null "
                + "and (exists (select 1 from usage_records u where u.organization_id = i.organization_id "
                + "             and u.recorded_at >= i.period_start and u.recorded_at < i.period_end and u.ingested_at > i.finalized_at) "
                + "  or exists (select 1 from usage_adjustments a where a.organization_id = i.organization_id "
                + "             and a.period_month = i.period_start and a.created_at > i.finalized_at)) "
                + "order by i.period_start")) {
            ps.setArray(1, c.createArrayOf("uuid", orgs.toArray()));
            ps.setDate(2, Date.valueOf(from.atDay(1)));
            ps.setDate(3, Date.valueOf(before.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LateUsage((UUID) rs.getObject(1), YearMonth.from(rs.getDate(2).toLocalDate()), (UUID) rs.getObject(3),
                            rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** Per metric, the amount and quantity billed for the month: its invoice's overage and any later late-usage lines. */
    Map<String, long[]> billedOverage(Connection c, UUID org, UUID invoice, YearMonth month) throws SQLException {
        Map<String, long[]> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select l.metric, sum(l.amount_minor), sum(l.quantity) from invoice_lines l "
                + "join invoices i on i.organization_id = l.organization_id and i.id = l.invoice_id "
                + "where l.organization_id = ? and l.metric is not null and i.status <> 'void' "
                + "and ((l.invoice_id = ? and l.kind = 'overage') or l.adjusts_period = ?) group by l.metric")) {
            ps.setObject(1, org);
            ps.setObject(2, invoice);
            ps.setDate(3, Date.valueOf(month.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        return out;
    }

    Optional<InvoiceDraft> draft(Connection c, UUID invoice) throws SQLException {
        List<DraftLine> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select line_no, kind, description, metric, quantity, amount_minor, "
                + "rated_amount_minor, adjustment_reason, adjusts_period from invoice_lines where organization_id = "
                + "(select organization_id from invoices where id = ?) and invoice_id = ? order by line_no")) {
            ps.setObject(1, invoice);
            ps.setObject(2, invoice);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long rated = rs.getLong(7);
                    boolean noRating = rs.getObject(7) == null;
                    lines.add(new DraftLine(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getLong(6), noRating ? null : rated, rs.getString(8), rs.getObject(9, java.time.LocalDate.class)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select i.organization_id, i.id, o.name, o.billing_email, i.kind, i.status, "
                + "i.period_start, i.currency, coalesce(i.days_until_due, ?), j.state, coalesce(j.stripe_customer_id, o.stripe_customer_id), "
                + "i.stripe_invoice_id, i.number, i.hosted_invoice_url, i.due_date, j.last_error, i.memo, i.version "
                + "from invoices i join organizations o on o.id = i.organization_id "
                + "left join invoice_journal j on j.organization_id = i.organization_id and j.invoice_id = i.id where i.id = ?")) {
            ps.setInt(1, DEFAULT_DAYS_UNTIL_DUE);
            ps.setObject(2, invoice);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Date due = rs.getDate(15);
                return Optional.of(new InvoiceDraft((UUID) rs.getObject(1), (UUID) rs.getObject(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), YearMonth.from(rs.getDate(7).toLocalDate()), rs.getString(8), rs.getInt(9),
                        lines, rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                        due == null ? null : due.toLocalDate(), rs.getString(16), rs.getString(17), rs.getInt(18)));
            }
        }
    }

    UUID organizationOf(Connection c, UUID invoice) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select organization_id from invoices where id = ?")) {
            ps.setObject(1, invoice);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UserFacingException("The invoice no longer exists; someone may have discarded the draft.");
                }
                return (UUID) rs.getObject(1);
            }
        }
    }

    /** Each of the period's invoices that is not void, with its total. */
    Map<UUID, Long> invoiceTotals(Connection c, YearMonth period) throws SQLException {
        Map<UUID, Long> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select id, total_minor from invoices where period_start = ? and status <> 'void'")) {
            ps.setDate(1, Date.valueOf(period.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put((UUID) rs.getObject(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** The schema's void path (V8): the void is recorded in invoice_voids with Stripe's request id as its evidence. */
    boolean voidRow(Connection c, UUID org, UUID invoice, java.time.Instant at, String evidence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select void_invoice(?, ?, ?, ?)")) {
            ps.setObject(1, org);
            ps.setObject(2, invoice);
            ps.setTimestamp(3, java.sql.Timestamp.from(at));
            ps.setString(4, evidence);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Adds a sentence to a draft's memo (an early close and its reason). */
    int appendToDraftMemo(Connection c, UUID org, UUID invoice, String text) throws SQLException {
        return Sql.update(c, "update invoices set memo = coalesce(memo || ' · ', '') || ?, updated_at = now(), "
                + "version = version + 1 where organization_id = ? and id = ? and status = 'draft'", text, org, invoice);
    }

    /** Records a payment received outside Stripe on the mirror: paid in full, how, and its reference. */
    int markPaidOutOfBand(Connection c, UUID org, UUID invoice, String method, String reference) throws SQLException {
        return Sql.update(c, "update invoices set status = 'paid', paid_at = coalesce(paid_at, now()), amount_paid_minor = total_minor, "
                + "payment_method = ?, out_of_band_reference = ?, updated_at = now(), version = version + 1 "
                + "where organization_id = ? and id = ?", method, reference, org, invoice);
    }

    /** A new run of the period over {@code organizations} organizations, running; returns its id. */
    UUID startRun(Connection c, YearMonth period, int organizations) throws SQLException {
        return Sql.first(c, "insert into invoice_runs (period_month, status, organizations) values (?, 'running', ?) returning id",
                rs -> rs.getObject(1, UUID.class), period, organizations).orElseThrow();
    }

    int finishRun(Connection c, UUID runId, String status) throws SQLException {
        return Sql.update(c, "update invoice_runs set status = ?, finished_at = now(), version = version + 1 where id = ?", status, runId);
    }

    List<InvoicingService.RunRecord> runs(Connection c, int limit) throws SQLException {
        return Sql.list(c, "select r.id, r.period_month, r.status, r.organizations, r.started_by, r.started_at, r.finished_at, "
                        + "count(*) filter (where j.state = 'sent'), count(*) filter (where j.state <> 'sent') from invoice_runs r "
                        + "left join invoice_journal j on j.run_id = r.id group by r.id order by r.started_at desc limit ?",
                rs -> new InvoicingService.RunRecord(rs.getObject(1, UUID.class), YearMonth.from(rs.getDate(2).toLocalDate()),
                        rs.getString(3), rs.getInt(4), rs.getString(5), rs.getObject(6, java.time.OffsetDateTime.class),
                        rs.getObject(7, java.time.OffsetDateTime.class), rs.getInt(8), rs.getInt(9)), limit);
    }
}
