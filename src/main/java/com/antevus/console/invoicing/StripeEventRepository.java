package com.antevus.console.invoicing;

import com.antevus.console.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The Stripe events log (stripe_events), its cursor (stripe_sync_state), and the invoice mirror's moves the events make. */
final class StripeEventRepository {
    private StripeEventRepository() {
    }

    /** An event as it is logged, before anything is done with it. */
    record NewEvent(String id, String type, String objectId, UUID organizationId, Instant created, String objectJson) {
    }

    /** A logged event, locked for processing. */
    /** @param createdAt when Stripe created the event */
    record Logged(String type, String objectJson, Instant createdAt) {
    }

    /** The invoice an event is about, locked: its keys and mirrored status. */
    record Mirrored(UUID organizationId, UUID id, String status) {
    }

    static Optional<String> cursor(Connection c, String name) throws SQLException {
        return Sql.first(c, "select cursor from stripe_sync_state where name = ?", rs -> rs.getString(1), name);
    }

    /** Logs the events not logged yet and moves the cursor to {@code newest}; returns how many were new. */
    static int store(Connection c, List<NewEvent> events, String cursorName, String newest) throws SQLException {
        int n = 0;
        for (NewEvent e : events) {
            n += Sql.update(c, "insert into stripe_events (event_id, type, object_id, organization_id, "
                    + "api_created_at, payload) values (?, ?, ?, ?::uuid, ?, ?::jsonb) on conflict (event_id) do nothing",
                    e.id(), e.type(), e.objectId(), e.organizationId(), e.created(), e.objectJson());
        }
        Sql.update(c, "insert into stripe_sync_state (name, cursor, synced_at) values (?, ?, now()) "
                + "on conflict (name) do update set cursor = excluded.cursor, synced_at = now(), version = stripe_sync_state.version + 1",
                cursorName, newest);
        return n;
    }

    /** The events waiting to be processed, oldest first. */
    static List<String> pending(Connection c) throws SQLException {
        return Sql.list(c, "select event_id from stripe_events where status = 'pending' order by api_created_at, id", rs -> rs.getString(1));
    }

    static Optional<Logged> lock(Connection c, String eventId) throws SQLException {
        return Sql.first(c, "select type, payload::text, api_created_at from stripe_events where event_id = ? for update",
                rs -> new Logged(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()), eventId);
    }

    /**
     * Whether a credit note on the invoice was voided at or after {@code eventCreated}: the event may then describe an invoice
     * the void has since made owed again (a note that paid it in full, voided before the event was synced).
     */
    static boolean creditNoteVoidedSince(Connection c, Mirrored invoice, Instant eventCreated) throws SQLException {
        return Sql.first(c, "select 1 from credit_notes where organization_id = ? and invoice_id = ? and state = 'void' and voided_at >= ? limit 1",
                rs -> 1, invoice.organizationId(), invoice.id(), eventCreated).isPresent();
    }

    static void markPending(Connection c, String eventId) throws SQLException {
        Sql.update(c, "update stripe_events set status = 'pending' where event_id = ?", eventId);
    }

    /** Records what processing did: processed or ignored (with why), or failed (with the error). */
    static void markOutcome(Connection c, String eventId, String status, String note) throws SQLException {
        Sql.update(c, "update stripe_events set status = ?, attempts = attempts + 1, error = ?, processed_at = now() where event_id = ?",
                status, note, eventId);
    }

    static Optional<Mirrored> lockInvoice(Connection c, String stripeInvoiceId) throws SQLException {
        return Sql.first(c, "select organization_id, id, status from invoices where stripe_invoice_id = ? for update",
                rs -> new Mirrored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)), stripeInvoiceId);
    }

    /** Notes a failed payment on an open invoice; returns whether it was still open. */
    static boolean recordPaymentFailure(Connection c, Mirrored invoice, String error) throws SQLException {
        return Sql.update(c, "update invoices set payment_failed_at = now(), payment_error = ?, "
                + "updated_at = now(), version = version + 1 where organization_id = ? and id = ? and status = 'open'",
                error, invoice.organizationId(), invoice.id()) == 1;
    }

    /** The schema's void path: recorded in invoice_voids with the event as Stripe's evidence (V8). */
    static void voidInvoice(Connection c, Mirrored invoice, Instant voidedAt, String eventId) throws SQLException {
        Sql.first(c, "select void_invoice(?, ?, ?, ?)", rs -> null, invoice.organizationId(), invoice.id(), voidedAt, eventId);
    }

    /** Moves the mirror to {@code status} (open, paid, uncollectible), filling in what Stripe knows and the mirror lacks. */
    static void advance(Connection c, Mirrored invoice, String status, Instant paidAt, Instant voidedAt, long amountPaidMinor,
                        String number, String hostedUrl) throws SQLException {
        Sql.update(c, "update invoices set status = ?, "
                + "paid_at = case when ? = 'paid' then coalesce(paid_at, ?) else paid_at end, "
                + "voided_at = case when ? = 'void' then coalesce(voided_at, ?) else voided_at end, "
                + "amount_paid_minor = case when ? = 'paid' then ? else amount_paid_minor end, "
                + "number = coalesce(number, ?), hosted_invoice_url = coalesce(hosted_invoice_url, ?), "
                + "finalized_at = coalesce(finalized_at, now()), updated_at = now(), version = version + 1 "
                + "where organization_id = ? and id = ?", status, status, paidAt, status, voidedAt, status, amountPaidMinor,
                number, hostedUrl, invoice.organizationId(), invoice.id());
    }

    /** The newest events, only those with {@code status} unless it is null. */
    static List<StripeEventSync.EventRow> events(Connection c, String status, int limit) throws SQLException {
        return Sql.list(c, "select e.event_id, e.type, e.object_id, e.organization_id, o.name, "
                        + "e.api_created_at, e.status, e.attempts, e.error from stripe_events e left join organizations o on o.id = e.organization_id "
                        + "where (?::text is null or e.status = ?) order by e.api_created_at desc, e.id desc limit ?",
                rs -> new StripeEventSync.EventRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getInt(8), rs.getString(9)), status, status, limit);
    }
}
