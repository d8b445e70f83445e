package com.antevus.console.invoicing;

import com.antevus.console.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Credit notes and what the invoice they correct still allows. */
final class CreditNoteRepository {
    private CreditNoteRepository() {
    }

    /** A finalized invoice as a credit note sees it: its lines, what is already credited, by line and in all. */
    record Creditable(UUID organizationId, UUID invoiceId, String organizationName, String number, String status, String currency,
                      String stripeInvoiceId, long totalMinor, long amountPaidMinor, long creditedMinor, long prePaymentMinor,
                      List<CreditNoteService.InvoiceLine> lines) {
    }

    static java.util.Optional<Creditable> creditable(Connection c, UUID invoiceId) throws SQLException {
        java.util.Optional<Creditable> head = Sql.first(c, "select i.organization_id, i.id, o.name, i.number, i.status, i.currency, "
                        + "i.stripe_invoice_id, i.total_minor, i.amount_paid_minor, "
                        + "coalesce((select sum(n.amount_minor) from credit_notes n where n.organization_id = i.organization_id "
                        + "and n.invoice_id = i.id and n.state <> 'void'), 0), "
                        + "coalesce((select sum(n.pre_payment_minor) from credit_notes n where n.organization_id = i.organization_id "
                        + "and n.invoice_id = i.id and n.state <> 'void'), 0) "
                        + "from invoices i join organizations o on o.id = i.organization_id where i.id = ?",
                rs -> new Creditable(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                        List.of()), invoiceId);
        if (head.isEmpty()) {
            return head;
        }
        Creditable h = head.get();
        List<CreditNoteService.InvoiceLine> lines = Sql.list(c, "select l.line_no, l.description, l.amount_minor, "
                        + "coalesce((select sum(cl.amount_minor) from credit_note_lines cl join credit_notes n "
                        + "on n.organization_id = cl.organization_id and n.id = cl.credit_note_id and n.state <> 'void' "
                        + "where cl.organization_id = l.organization_id and n.invoice_id = l.invoice_id and cl.invoice_line_no = l.line_no), 0) "
                        + "from invoice_lines l where l.organization_id = ? and l.invoice_id = ? order by l.line_no",
                rs -> new CreditNoteService.InvoiceLine(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4)),
                h.organizationId(), invoiceId);
        return java.util.Optional.of(new Creditable(h.organizationId(), h.invoiceId(), h.organizationName(), h.number(), h.status(),
                h.currency(), h.stripeInvoiceId(), h.totalMinor(), h.amountPaidMinor(), h.creditedMinor(), h.prePaymentMinor(), lines));
    }

    /** The invoice with this number (Stripe's), if the console knows it. */
    static java.util.Optional<UUID> invoiceByNumber(Connection c, String number) throws SQLException {
        return Sql.first(c, "select id from invoices where number = ? and status <> 'void' order by created_at desc limit 1",
                rs -> rs.getObject(1, UUID.class), number);
    }

    static void insert(Connection c, UUID id, CreditNoteService.Plan plan, CreditNoteService.Request r) throws SQLException {
        Sql.update(c, "insert into credit_notes (organization_id, id, invoice_id, state, reason, note, currency, amount_minor, "
                        + "pre_payment_minor, credit_balance_minor, out_of_band_minor) values (?, ?, ?, 'planned', ?, ?, ?, ?, ?, ?, ?)",
                plan.organizationId(), id, r.invoiceId(), r.reason(), r.note().strip(), plan.currency(), plan.amountMinor(),
                plan.prePaymentMinor(), plan.toBalanceMinor(), plan.outOfBandMinor());
        List<Object[]> rows = new ArrayList<>();
        int n = 1;
        for (CreditNoteService.LineCredit l : r.lines()) {
            rows.add(new Object[] {plan.organizationId(), id, n++, l.invoiceLineNo(), l.description().strip(), l.amountMinor()});
        }
        Sql.batch(c, "insert into credit_note_lines (organization_id, credit_note_id, line_no, invoice_line_no, description, amount_minor) "
                + "values (?, ?, ?, ?, ?, ?)", rows);
    }

    static int issued(Connection c, UUID org, UUID id, String stripeId, String number, Instant at, String requestId) throws SQLException {
        return Sql.update(c, "update credit_notes set state = 'issued', stripe_credit_note_id = ?, number = ?, issued_at = ?, "
                + "last_error = null, last_request_id = ?, version = version + 1 where organization_id = ? and id = ? and state = 'planned'",
                stripeId, number, at, requestId, org, id);
    }

    static int failed(Connection c, UUID org, UUID id, String error) throws SQLException {
        return Sql.update(c, "update credit_notes set last_error = ?, version = version + 1 where organization_id = ? and id = ? "
                + "and state = 'planned'", error, org, id);
    }

    static int voided(Connection c, UUID org, UUID id, Instant at, String reason, String requestId) throws SQLException {
        return Sql.update(c, "update credit_notes set state = 'void', voided_at = ?, void_reason = ?, last_request_id = coalesce(?, last_request_id), "
                + "version = version + 1 where organization_id = ? and id = ? and state <> 'void'", at, reason, requestId, org, id);
    }

    /** The mirror follows Stripe's invoice status after a credit note paid it in full, or its void made it owed again. */
    static int invoiceStatus(Connection c, UUID org, UUID invoice, String status, Instant at) throws SQLException {
        return Sql.update(c, "update invoices set status = ?, paid_at = case when ? = 'paid' then coalesce(paid_at, ?) else null end, "
                        + "updated_at = now(), version = version + 1 where organization_id = ? and id = ? and status in ('open', 'paid') "
                        + "and status <> ?", status, status, at, org, invoice, status);
    }

    private static final String SELECT = "select n.organization_id, n.id, n.invoice_id, o.name, i.number, n.state, n.number, "
            + "n.stripe_credit_note_id, n.reason, n.note, n.currency, n.amount_minor, n.pre_payment_minor, n.credit_balance_minor, "
            + "n.out_of_band_minor, n.created_by, n.created_at, n.issued_at, n.voided_at, n.void_reason, n.last_error, i.period_start "
            + "from credit_notes n join invoices i on i.organization_id = n.organization_id and i.id = n.invoice_id "
            + "join organizations o on o.id = n.organization_id ";

    static List<CreditNoteService.Note> forInvoice(Connection c, UUID invoice) throws SQLException {
        return withLines(c, Sql.list(c, SELECT + "where n.invoice_id = ? order by n.created_at desc, n.id", CreditNoteRepository::note, invoice));
    }

    static List<CreditNoteService.Note> forOrganization(Connection c, UUID org) throws SQLException {
        return withLines(c, Sql.list(c, SELECT + "where n.organization_id = ? order by n.created_at desc, n.id", CreditNoteRepository::note, org));
    }

    /** The credit notes of invoices of the period (the month the invoice bills). */
    static List<CreditNoteService.Note> forPeriod(Connection c, YearMonth period) throws SQLException {
        return withLines(c, Sql.list(c, SELECT + "where i.period_start = ? order by lower(o.name), n.created_at", CreditNoteRepository::note,
                period.atDay(1)));
    }

    static java.util.Optional<CreditNoteService.Note> one(Connection c, UUID id) throws SQLException {
        List<CreditNoteService.Note> found = withLines(c, Sql.list(c, SELECT + "where n.id = ?", CreditNoteRepository::note, id));
        return found.stream().findFirst();
    }

    static List<CreditNoteService.Note> planned(Connection c) throws SQLException {
        return withLines(c, Sql.list(c, SELECT + "where n.state = 'planned' order by n.created_at", CreditNoteRepository::note));
    }

    /** The invoice's notes left planned (written, not yet confirmed by Stripe), oldest first. */
    static List<CreditNoteService.Note> planned(Connection c, UUID invoice) throws SQLException {
        return withLines(c, Sql.list(c, SELECT + "where n.state = 'planned' and n.invoice_id = ? order by n.created_at",
                CreditNoteRepository::note, invoice));
    }

    private static CreditNoteService.Note note(ResultSet rs) throws SQLException {
        return new CreditNoteService.Note(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getString(16),
                rs.getObject(17, java.time.OffsetDateTime.class).toInstant(), instant(rs, 18), instant(rs, 19), rs.getString(20),
                rs.getString(21), rs.getDate(22) == null ? null : YearMonth.from(rs.getDate(22).toLocalDate()), List.of());
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        java.time.OffsetDateTime t = rs.getObject(i, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static List<CreditNoteService.Note> withLines(Connection c, List<CreditNoteService.Note> notes) throws SQLException {
        if (notes.isEmpty()) {
            return notes;
        }
        Map<UUID, List<CreditNoteService.LineCredit>> lines = Sql.list(c, "select credit_note_id, invoice_line_no, description, amount_minor "
                                + "from credit_note_lines where credit_note_id = any(?) order by credit_note_id, line_no",
                        rs -> Map.entry(rs.getObject(1, UUID.class), new CreditNoteService.LineCredit(
                                (Integer) rs.getObject(2), rs.getString(3), rs.getLong(4))),
                        Sql.array("uuid", notes.stream().map(CreditNoteService.Note::id).toList()))
                .stream().collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return notes.stream().map(n -> n.withLines(lines.getOrDefault(n.id(), List.of()))).toList();
    }
}
