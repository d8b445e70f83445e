package com.antevus.console.invoicing;

import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.OrgScopedKey;
import com.antevus.console.db.Sql;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;
import java.sql.Connection;
import java.sql.SQLException;
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
        LocalDate start = period.atDay(1);
        // periods are UTC months, whatever the machine's time zone
        List<Object> args = new ArrayList<>(List.of(period.plusMonths(1).atDay(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                start.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), period.minusMonths(1), start));
        if (!only.isEmpty()) {
            args.add(Sql.array("uuid", only));
        }
        for (ReviewFacts f : Sql.list(c, sql, rs -> {
            UUID id = rs.getObject(1, UUID.class);
            long prev = rs.getLong(8);
            Long previous = rs.wasNull() ? null : prev;
            return new ReviewFacts(id, rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), rs.getString(5),
                    rs.getBoolean(6), daysFor(rs.getString(7)), previous, rs.getObject(9, UUID.class), rs.getString(10),
                    rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14));
        }, args.toArray())) {
            out.put(f.organizationId(), f);
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
        Optional<UUID> inserted = Sql.first(c, "insert into invoices (organization_id, kind, status, currency, "
                + "period_start, period_end, subtotal_minor, total_minor, days_until_due, run_id, memo) "
                + "values (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?::uuid, ?) "
                + "on conflict (organization_id, period_start, kind) where status <> 'void' do nothing returning id",
                rs -> rs.getObject(1, UUID.class), org, kind, currency, period, period.plusMonths(1), subtotal, subtotal, daysUntilDue, runId, memo);
        if (inserted.isEmpty()) {
            return Optional.empty();
        }
        UUID id = inserted.get();
        insertLines(c, org, id, currency, lines);
        Sql.update(c, "insert into invoice_journal (organization_id, invoice_id, period_month, kind, state, run_id) "
                + "values (?, ?, ?, ?, 'planned', ?::uuid)", org, id, period, kind, runId);
        return Optional.of(id);
    }

    private void insertLines(Connection c, UUID org, UUID invoice, String currency, List<DraftLine> lines) throws SQLException {
        Sql.batch(c, "insert into invoice_lines (organization_id, invoice_id, line_no, kind, "
                + "description, metric, quantity, amount_minor, currency, rated_amount_minor, adjustment_reason, adjusts_period) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::bigint, ?, ?::date)", lines.stream().map(l -> new Object[]{org, invoice, l.lineNo(),
                l.kind(), l.description(), l.metric(), l.quantity(), l.amountMinor(), currency, l.ratedAmountMinor(), l.adjustmentReason(),
                l.adjustsPeriod()}).toList());
    }

    /** The entities a draft is edited through. */
    static final List<Class<?>> ENTITIES = List.of(InvoiceDraftRow.class, InvoiceLineRow.class);

    /**
     * Replaces a draft's lines and totals if it is still a draft Stripe has not seen, at {@code version}; false when
     * it is not. The header is locked for the check, and its version moves on with the save.
     */
    boolean replaceLines(Session s, UUID org, UUID invoice, int version, List<DraftLine> lines, String memo) {
        InvoiceDraftRow row = s.find(InvoiceDraftRow.class, new OrgScopedKey(org, invoice), LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !row.editableAt(version)) {
            return false;
        }
        row.retotal(lines.stream().mapToLong(DraftLine::amountMinor).sum(), memo);
        s.createMutationQuery("delete from InvoiceLineRow l where l.organizationId = :org and l.invoiceId = :invoice")
                .setParameter("org", org).setParameter("invoice", invoice).executeUpdate();
        for (DraftLine l : lines) {
            s.persist(InvoiceLineRow.of(org, invoice, row.currency(), l));
        }
        return true;
    }

    /** Deletes a draft that never reached Stripe (its journal row goes with it); false when it changed meanwhile. */
    boolean deleteDraft(Connection c, UUID org, UUID invoice, int version) throws SQLException {
        // invoices are never deleted directly (V8): the schema's discard path deletes only a draft Stripe never saw
        return Sql.first(c, "select discard_invoice_draft(?, ?, ?)", rs -> rs.getBoolean(1), org, invoice, version).orElse(false);
    }

    /** A finalized console invoice whose month received usage (rows or adjustments) after it was finalized. */
    record LateUsage(UUID org, YearMonth month, UUID invoice, String number) {
    }

    /** Invoices the console finalized for months in [from, before) whose usage grew after they were finalized. */
    List<LateUsage> lateUsage(Connection c, List<UUID> orgs, YearMonth from, YearMonth before) throws SQLException {
        return Sql.list(c, "select i.organization_id, i.period_start, i.id, i.number from invoices i "
                + "join invoice_journal j on j.organization_id = i.organization_id and j.invoice_id = i.id "
                + "where i.organization_id = any (?) and i.period_start >= ? and i.period_start < ? "
                + "and i.status in ('open', 'paid', 'uncollectible') and i.finalized_at is not null "
                + "and (exists (select 1 from usage_records u where u.organization_id = i.organization_id "
                + "             and u.recorded_at >= i.period_start and u.recorded_at < i.period_end and u.ingested_at > i.finalized_at) "
                + "  or exists (select 1 from usage_adjustments a where a.organization_id = i.organization_id "
                + "             and a.period_month = i.period_start and a.created_at > i.finalized_at)) "
                + "order by i.period_start",
                rs -> new LateUsage(rs.getObject(1, UUID.class), YearMonth.from(rs.getDate(2).toLocalDate()), rs.getObject(3, UUID.class),
                        rs.getString(4)), Sql.array("uuid", orgs), from, before);
    }

    /** Per metric, the amount and quantity billed for the month: its invoice's overage and any later late-usage lines. */
    Map<String, long[]> billedOverage(Connection c, UUID org, UUID invoice, YearMonth month) throws SQLException {
        Map<String, long[]> out = new java.util.HashMap<>();
        for (Map.Entry<String, long[]> e : Sql.list(c, "select l.metric, sum(l.amount_minor), sum(l.quantity) from invoice_lines l "
                + "join invoices i on i.organization_id = l.organization_id and i.id = l.invoice_id "
                + "where l.organization_id = ? and l.metric is not null and i.status <> 'void' "
                + "and ((l.invoice_id = ? and l.kind = 'overage') or l.adjusts_period = ?) group by l.metric",
                rs -> Map.entry(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)}), org, invoice, month)) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    Optional<InvoiceDraft> draft(Connection c, UUID invoice) throws SQLException {
        List<DraftLine> lines = Sql.list(c, "select line_no, kind, description, metric, quantity, amount_minor, "
                + "rated_amount_minor, adjustment_reason, adjusts_period from invoice_lines where organization_id = "
                + "(select organization_id from invoices where id = ?) and invoice_id = ? order by line_no",
                rs -> new DraftLine(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getLong(6), rs.getObject(7, Long.class), rs.getString(8), rs.getObject(9, LocalDate.class)), invoice, invoice);
        return Sql.first(c, "select i.organization_id, i.id, o.name, o.billing_email, i.kind, i.status, "
                + "i.period_start, i.currency, coalesce(i.days_until_due, ?), j.state, coalesce(j.stripe_customer_id, o.stripe_customer_id), "
                + "i.stripe_invoice_id, i.number, i.hosted_invoice_url, i.due_date, j.last_error, i.memo, i.version "
                + "from invoices i join organizations o on o.id = i.organization_id "
                + "left join invoice_journal j on j.organization_id = i.organization_id and j.invoice_id = i.id where i.id = ?",
                rs -> new InvoiceDraft(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), YearMonth.from(rs.getDate(7).toLocalDate()), rs.getString(8), rs.getInt(9),
                        lines, rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                        rs.getObject(15, LocalDate.class), rs.getString(16), rs.getString(17), rs.getInt(18)),
                DEFAULT_DAYS_UNTIL_DUE, invoice);
    }

    UUID organizationOf(Connection c, UUID invoice) throws SQLException {
        return Sql.first(c, "select organization_id from invoices where id = ?", rs -> rs.getObject(1, UUID.class), invoice)
                .orElseThrow(() -> new UserFacingException("The invoice no longer exists; someone may have discarded the draft."));
    }

    /** Each of the period's invoices that is not void, with its total. */
    Map<UUID, Long> invoiceTotals(Connection c, YearMonth period) throws SQLException {
        Map<UUID, Long> out = new java.util.HashMap<>();
        for (Map.Entry<UUID, Long> e : Sql.list(c, "select id, total_minor from invoices where period_start = ? and status <> 'void'",
                rs -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2)), period)) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** The schema's void path (V8): the void is recorded in invoice_voids with Stripe's request id as its evidence. */
    boolean voidRow(Connection c, UUID org, UUID invoice, java.time.Instant at, String evidence) throws SQLException {
        return Sql.first(c, "select void_invoice(?, ?, ?, ?)", rs -> rs.getBoolean(1), org, invoice, at, evidence).orElse(false);
    }

    /** Adds a sentence to a draft's memo (an early close and its reason). */
    int appendToDraftMemo(Connection c, UUID org, UUID invoice, String text) throws SQLException {
        return Sql.update(c, "update invoices set memo = coalesce(memo || ' · ', '') || ?, updated_at = now(), "
                + "version = version + 1 where organization_id = ? and id = ? and status = 'draft'", text, org, invoice);
    }

    /** Records a payment received outside Stripe on the mirror: paid in full, how, and its reference. */
    int markPaidOutOfBand(Connection c, UUID org, UUID invoice, String method, String reference) throws SQLException {
        return Sql.update(c, "update invoices set status = 'paid', paid_at = coalesce(paid_at, now()), "
                + "amount_paid_minor = total_minor - coalesce((select sum(n.pre_payment_minor) from credit_notes n "
                + "where n.organization_id = invoices.organization_id and n.invoice_id = invoices.id and n.state <> 'void'), 0), "
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

    /**
     * A draft that pays usage with prepaid credits takes them from the ledger in the transaction that records it, so
     * the credits cannot be spent twice (by this period's next draft, or by the next period's rating).
     */
    static java.util.Optional<UUID> drawCredits(java.sql.Connection c, UUID org, java.time.YearMonth period,
                                                java.util.List<com.antevus.console.rating.RatedLine> lines, java.util.Optional<UUID> draft)
            throws java.sql.SQLException {
        if (draft.isPresent()) {
            com.antevus.console.credits.CreditRepository.drawForPeriod(c, org, period, com.antevus.console.credits.CreditService.spent(lines));
        }
        return draft;
    }
}
