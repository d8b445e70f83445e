package com.antevus.console.invoicing;

import com.antevus.console.db.Jdbc;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Pulls Stripe's events feed (/v1/events) from a stored cursor into stripe_events, logging each event before
 * doing anything with it (deduplicated by event id), then updates the invoice mirror from the invoice events.
 * Processing is idempotent and only moves an invoice forward (open → paid, void, uncollectible), so replaying an
 * event, or receiving events out of order, never undoes a later state. Failures stay visible and replayable.
 */
public final class StripeEventSync {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CURSOR = "events";
    private static final Map<String, Integer> RANK = Map.of("draft", 0, "open", 1, "uncollectible", 2, "paid", 3, "void", 3);

    private final Jdbc jdbc;
    private final Supplier<StripeGateway> stripe;
    private final java.time.Clock clock;

    public StripeEventSync(DataSource dataSource, Supplier<StripeGateway> stripe, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = new Jdbc(dataSource);
        this.stripe = stripe;
    }

    /** What one sync did. */
    public record SyncResult(int fetched, int stored, int processed, int ignored, int failed) {
    }

    /** One logged event, for the events view. */
    public record EventRow(String eventId, String type, String objectId, UUID organizationId, String organizationName,
                           OffsetDateTime createdAt, String status, int attempts, String error) {
    }

    /** Fetches every event newer than the cursor, stores the new ones, and processes what is pending. */
    public SyncResult sync() {
        String cursor = jdbc.read("reading the events cursor", c -> {
            try (PreparedStatement ps = c.prepareStatement("select cursor from stripe_sync_state where name = ?")) {
                ps.setString(1, CURSOR);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        List<StripeModels.Event> fetched = new ArrayList<>();
        if (cursor == null) {
            // first sync: the whole feed, oldest first
            String after = null;
            while (true) {
                StripeModels.Page<StripeModels.Event> page = stripe.get().listEvents(null, after, 100);
                fetched.addAll(page.data());
                if (!page.hasMore() || page.data().isEmpty()) {
                    break;
                }
                after = page.data().get(page.data().size() - 1).id();
            }
            java.util.Collections.reverse(fetched);
        } else {
            String before = cursor;
            while (true) {
                StripeModels.Page<StripeModels.Event> page = stripe.get().listEvents(before, null, 100);
                List<StripeModels.Event> newestFirst = page.data();
                for (int i = newestFirst.size() - 1; i >= 0; i--) {
                    fetched.add(newestFirst.get(i));
                }
                if (!page.hasMore() || newestFirst.isEmpty()) {
                    break;
                }
                before = newestFirst.get(0).id();
            }
        }
        int stored = 0;
        for (int from = 0; from < fetched.size(); from += 500) {
            List<StripeModels.Event> batch = fetched.subList(from, Math.min(fetched.size(), from + 500));
            String newest = batch.get(batch.size() - 1).id();
            stored += jdbc.write("storing Stripe events", "Stripe events sync", null, c -> {
                int n = 0;
                try (PreparedStatement ps = c.prepareStatement("insert into stripe_events (event_id, type, object_id, organization_id, "
                        + "api_created_at, payload) values (?, ?, ?, ?, ?, ?::jsonb) on conflict (event_id) do nothing")) {
                    for (StripeModels.Event e : batch) {
                        ps.setString(1, e.id());
                        ps.setString(2, e.type());
                        ps.setString(3, e.objectId());
                        ps.setObject(4, organizationOf(e.objectJson()));
                        ps.setTimestamp(5, Timestamp.from(e.created()));
                        ps.setString(6, e.objectJson());
                        n += ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("insert into stripe_sync_state (name, cursor, synced_at) values (?, ?, now()) "
                        + "on conflict (name) do update set cursor = excluded.cursor, synced_at = now(), version = stripe_sync_state.version + 1")) {
                    ps.setString(1, CURSOR);
                    ps.setString(2, newest);
                    ps.executeUpdate();
                }
                return n;
            });
        }
        int[] counts = processPending();
        return new SyncResult(fetched.size(), stored, counts[0], counts[1], counts[2]);
    }

    private static UUID organizationOf(String objectJson) {
        try {
            String id = JSON.readTree(objectJson).path("metadata").path("console_organization_id").asText(null);
            return id == null ? null : UUID.fromString(id);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Processes every pending event, oldest first; returns processed, ignored, failed. */
    int[] processPending() {
        List<String> pending = jdbc.read("reading pending events", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select event_id from stripe_events where status = 'pending' "
                    + "order by api_created_at, id")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
        int[] counts = new int[3];
        for (String id : pending) {
            String status = process(id);
            counts[switch (status) {
                case "processed" -> 0;
                case "ignored" -> 1;
                default -> 2;
            }]++;
        }
        return counts;
    }

    /** Processes one event again (the events view's Replay). */
    public String replay(String eventId) {
        jdbc.write("replaying the event", "Replay of Stripe event " + eventId, null, c -> {
            try (PreparedStatement ps = c.prepareStatement("update stripe_events set status = 'pending' where event_id = ?")) {
                ps.setString(1, eventId);
                return ps.executeUpdate();
            }
        });
        return process(eventId);
    }

    private String process(String eventId) {
        try {
            return jdbc.write("processing the Stripe event", "Stripe event " + eventId, null, c -> apply(c, eventId));
        } catch (RuntimeException e) {
            jdbc.write("recording the event's failure", "Stripe event " + eventId + " failed", null, c -> {
                try (PreparedStatement ps = c.prepareStatement("update stripe_events set status = 'failed', attempts = attempts + 1, "
                        + "error = ?, processed_at = now() where event_id = ?")) {
                    ps.setString(1, e.getMessage());
                    ps.setString(2, eventId);
                    return ps.executeUpdate();
                }
            });
            return "failed";
        }
    }

    private String apply(Connection c, String eventId) throws SQLException {
        String type;
        JsonNode object;
        try (PreparedStatement ps = c.prepareStatement("select type, payload::text from stripe_events where event_id = ? for update")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "ignored";
                }
                type = rs.getString(1);
                try {
                    object = JSON.readTree(rs.getString(2));
                } catch (IOException e) {
                    throw new SQLException("the event's object is not JSON: " + e.getMessage());
                }
            }
        }
        String outcome = "ignored";
        String note = null;
        if (type.startsWith("invoice.") && "invoice".equals(object.path("object").asText())) {
            String target = switch (type) {
                case "invoice.paid", "invoice.payment_succeeded" -> "paid";
                case "invoice.voided" -> "void";
                case "invoice.marked_uncollectible" -> "uncollectible";
                case "invoice.finalized" -> "open";
                case "invoice.payment_failed" -> "payment_failed";
                default -> null;
            };
            if (target != null) {
                note = applyToInvoice(c, object, target, eventId);
                outcome = note == null ? "processed" : "ignored";
            }
        }
        try (PreparedStatement ps = c.prepareStatement("update stripe_events set status = ?, attempts = attempts + 1, error = ?, "
                + "processed_at = now() where event_id = ?")) {
            ps.setString(1, outcome);
            ps.setString(2, note);
            ps.setString(3, eventId);
            ps.executeUpdate();
        }
        return outcome;
    }

    /** Moves the mirror forward; returns why nothing changed, or null when it applied. */
    private String applyToInvoice(Connection c, JsonNode invoice, String target, String eventId) throws SQLException {
        String stripeId = invoice.path("id").asText();
        String current;
        UUID org;
        UUID id;
        try (PreparedStatement ps = c.prepareStatement("select organization_id, id, status from invoices where stripe_invoice_id = ? for update")) {
            ps.setString(1, stripeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "not an invoice the console knows";
                }
                org = (UUID) rs.getObject(1);
                id = (UUID) rs.getObject(2);
                current = rs.getString(3);
            }
        }
        if (target.equals("payment_failed")) {
            try (PreparedStatement ps = c.prepareStatement("update invoices set payment_failed_at = now(), payment_error = ?, "
                    + "updated_at = now(), version = version + 1 where organization_id = ? and id = ? and status = 'open'")) {
                ps.setString(1, invoice.path("last_finalization_error").path("message").asText("The payment failed"));
                ps.setObject(2, org);
                ps.setObject(3, id);
                return ps.executeUpdate() == 1 ? null : "the invoice is no longer open";
            }
        }
        if (RANK.get(target) <= RANK.get(current) && !("uncollectible".equals(current) && "paid".equals(target))) {
            return "already " + current;
        }
        JsonNode transitions = invoice.path("status_transitions");
        if (target.equals("void")) {
            // the schema's void path: recorded in invoice_voids with the event as Stripe's evidence (V8)
            try (PreparedStatement ps = c.prepareStatement("select void_invoice(?, ?, ?, ?)")) {
                ps.setObject(1, org);
                ps.setObject(2, id);
                ps.setTimestamp(3, seconds(transitions.path("voided_at")));
                ps.setString(4, eventId);
                ps.execute();
            }
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("update invoices set status = ?, "
                + "paid_at = case when ? = 'paid' then coalesce(paid_at, ?) else paid_at end, "
                + "voided_at = case when ? = 'void' then coalesce(voided_at, ?) else voided_at end, "
                + "amount_paid_minor = case when ? = 'paid' then ? else amount_paid_minor end, "
                + "number = coalesce(number, ?), hosted_invoice_url = coalesce(hosted_invoice_url, ?), "
                + "finalized_at = coalesce(finalized_at, now()), updated_at = now(), version = version + 1 "
                + "where organization_id = ? and id = ?")) {
            ps.setString(1, target);
            ps.setString(2, target);
            ps.setTimestamp(3, seconds(transitions.path("paid_at")));
            ps.setString(4, target);
            ps.setTimestamp(5, seconds(transitions.path("voided_at")));
            ps.setString(6, target);
            ps.setLong(7, invoice.path("amount_paid").asLong());
            ps.setString(8, invoice.path("number").asText(null));
            ps.setString(9, invoice.path("hosted_invoice_url").asText(null));
            ps.setObject(10, org);
            ps.setObject(11, id);
            ps.executeUpdate();
        }
        return null;
    }

    private Timestamp seconds(JsonNode n) {
        return Timestamp.from(n.isNumber() ? Instant.ofEpochSecond(n.asLong()) : clock.instant());
    }

    /** The newest events, optionally only those with one status. */
    public List<EventRow> events(String status, int limit) {
        return jdbc.read("reading Stripe events", c -> {
            List<EventRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select e.event_id, e.type, e.object_id, e.organization_id, o.name, "
                    + "e.api_created_at, e.status, e.attempts, e.error from stripe_events e left join organizations o on o.id = e.organization_id "
                    + "where (?::text is null or e.status = ?) order by e.api_created_at desc, e.id desc limit ?")) {
                ps.setString(1, status);
                ps.setString(2, status);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new EventRow(rs.getString(1), rs.getString(2), rs.getString(3), (UUID) rs.getObject(4), rs.getString(5),
                                rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getInt(8), rs.getString(9)));
                    }
                }
            }
            return out;
        });
    }
}
