package com.antevus.console.stripe.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * The sandbox's state in PostgreSQL (schema stripe_sandbox): objects as JSON, idempotency records, events.
 * Each request runs in one transaction; writes are serialized by an advisory lock, so a request's objects,
 * its events and its idempotency record commit together or not at all.
 */
final class SandboxStore {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final long WRITE_LOCK = 0x5712_1BE5L;
    private final DataSource dataSource;
    private final java.time.Clock clock;

    SandboxStore(DataSource dataSource, java.time.Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    <T> T write(Work<T> work) {
        return run(work, true);
    }

    <T> T read(Work<T> work) {
        return run(work, false);
    }

    private <T> T run(Work<T> work, boolean write) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (write) {
                    try (Statement s = c.createStatement()) {
                        s.execute("select pg_advisory_xact_lock(" + WRITE_LOCK + ")");
                    }
                }
                T result = work.run(new Tx(c, clock));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sandbox store: " + e.getMessage(), e);
        }
    }

    /** Drops every stored idempotency key (what Stripe does to keys older than 24 hours). */
    void forgetIdempotencyKeys() {
        write(tx -> {
            try (Statement s = tx.connection().createStatement()) {
                return s.executeUpdate("delete from stripe_sandbox.idempotency");
            }
        });
    }

    /** A page of objects in Stripe's list order (newest first). */
    record Page(List<ObjectNode> data, boolean hasMore) {
    }

    /** Stripe's {@code created} filter as an inclusive range of epoch seconds; null ends are open. */
    record Created(Long from, Long to) {
        static final Created ANY = new Created(null, null);

        void append(StringBuilder sql, List<Object> args) {
            if (from != null) {
                sql.append(" and created >= ?");
                args.add(from);
            }
            if (to != null) {
                sql.append(" and created <= ?");
                args.add(to);
            }
        }
    }

    record StoredResponse(String fingerprint, int status, String body) {
    }

    static final class Tx {
        private final Connection c;
        private final java.time.Clock clock;
        private java.sql.Savepoint mark;

        /** Remembers this point; {@link #rollbackToMark} undoes what the request did after it. */
        void mark() throws SQLException {
            mark = c.setSavepoint();
        }

        void rollbackToMark() throws SQLException {
            c.rollback(mark);
        }

        Tx(Connection c, java.time.Clock clock) {
            this.c = c;
            this.clock = clock;
        }

        Connection connection() {
            return c;
        }

        ObjectNode get(String id) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select data from stripe_sandbox.objects where id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? parse(rs.getString(1)) : null;
                }
            }
        }

        /** The object with this id and type, or Stripe's 404 "No such ...". */
        ObjectNode require(String id, String type, String kind, String param) throws SQLException {
            ObjectNode o = null;
            if (id != null) {
                // by the stored type, so a deleted object (retyped) is gone, as in Stripe
                try (PreparedStatement ps = c.prepareStatement("select data from stripe_sandbox.objects where id = ? and type = ?")) {
                    ps.setString(1, id);
                    ps.setString(2, type);
                    try (ResultSet rs = ps.executeQuery()) {
                        o = rs.next() ? parse(rs.getString(1)) : null;
                    }
                }
            }
            if (o == null || !type.equals(o.path("object").asText())) {
                throw SandboxError.noSuch(kind, id, param);
            }
            return o;
        }

        void insert(ObjectNode o, String customer) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into stripe_sandbox.objects (id, type, customer, created, data) values (?, ?, ?, ?, ?::jsonb)")) {
                ps.setString(1, o.get("id").asText());
                ps.setString(2, o.get("object").asText());
                ps.setString(3, customer);
                ps.setLong(4, o.path("created").asLong(clock.instant().getEpochSecond()));
                ps.setString(5, o.toString());
                ps.executeUpdate();
            }
        }

        /** Changes an object's stored type: a deleted coupon becomes invisible to retrieve and list, as in Stripe. */
        void retype(String id, String type) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("update stripe_sandbox.objects set type = ? where id = ?")) {
                ps.setString(1, type);
                ps.setString(2, id);
                ps.executeUpdate();
            }
        }

        void update(ObjectNode o) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("update stripe_sandbox.objects set data = ?::jsonb where id = ?")) {
                ps.setString(1, o.toString());
                ps.setString(2, o.get("id").asText());
                ps.executeUpdate();
            }
        }

        /**
         * Objects of a type, newest first, optionally for one customer and containing {@code contains}
         * (jsonb containment), paged by Stripe's starting_after / ending_before cursors.
         */
        Page list(String type, String customer, ObjectNode contains, int limit, String startingAfter, String endingBefore)
                throws SQLException {
            return list(type, customer, contains, Created.ANY, limit, startingAfter, endingBefore);
        }

        Page list(String type, String customer, ObjectNode contains, Created created, int limit, String startingAfter,
                  String endingBefore) throws SQLException {
            StringBuilder sql = new StringBuilder("select data from stripe_sandbox.objects where type = ?");
            List<Object> args = new ArrayList<>(List.of(type));
            created.append(sql, args);
            if (customer != null) {
                sql.append(" and customer = ?");
                args.add(customer);
            }
            if (contains != null && contains.size() > 0) {
                sql.append(" and data @> ?::jsonb");
                args.add(contains.toString());
            }
            boolean backwards = endingBefore != null;
            String cursor = backwards ? endingBefore : startingAfter;
            if (cursor != null) {
                Long seq = seqOf(cursor);
                if (seq == null) {
                    throw SandboxError.noSuch("object", cursor, backwards ? "ending_before" : "starting_after");
                }
                sql.append(backwards ? " and seq > ?" : " and seq < ?");
                args.add(seq);
            }
            return page(sql, args, limit, backwards);
        }

        private Long seqOf(String id) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select seq from stripe_sandbox.objects where id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        }

        /** Runs a list query in Stripe's order: newest first, or oldest first when paging backwards, then reversed. */
        private Page page(StringBuilder sql, List<Object> args, int limit, boolean backwards) throws SQLException {
            sql.append(backwards ? " order by seq asc" : " order by seq desc").append(" limit ?");
            args.add(limit + 1);
            List<ObjectNode> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(parse(rs.getString(1)));
                    }
                }
            }
            boolean more = rows.size() > limit;
            if (more) {
                rows = rows.subList(0, limit);
            }
            if (backwards) {
                rows = new ArrayList<>(rows);
                Collections.reverse(rows);
            }
            return new Page(rows, more);
        }

        long next(String counter) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("insert into stripe_sandbox.counters (name, value) values (?, 1) "
                    + "on conflict (name) do update set value = counters.value + 1 returning value")) {
                ps.setString(1, counter);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        StoredResponse idempotent(String key) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select fingerprint, status, body from stripe_sandbox.idempotency where key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new StoredResponse(rs.getString(1), rs.getInt(2), rs.getString(3)) : null;
                }
            }
        }

        void remember(String key, String fingerprint, int status, String body) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into stripe_sandbox.idempotency (key, fingerprint, status, body) values (?, ?, ?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, fingerprint);
                ps.setInt(3, status);
                ps.setString(4, body);
                ps.executeUpdate();
            }
        }

        void event(ObjectNode event) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into stripe_sandbox.events (id, type, created, data) values (?, ?, ?, ?::jsonb)")) {
                ps.setString(1, event.get("id").asText());
                ps.setString(2, event.get("type").asText());
                ps.setLong(3, event.get("created").asLong());
                ps.setString(4, event.toString());
                ps.executeUpdate();
            }
        }

        ObjectNode event(String id) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select data from stripe_sandbox.events where id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? parse(rs.getString(1)) : null;
                }
            }
        }

        /** Events newest first, optionally of one type, paged like any list. */
        Page events(String type, Created created, int limit, String startingAfter, String endingBefore) throws SQLException {
            StringBuilder sql = new StringBuilder("select data from stripe_sandbox.events where true");
            List<Object> args = new ArrayList<>();
            created.append(sql, args);
            if (type != null) {
                sql.append(" and type = ?");
                args.add(type);
            }
            boolean backwards = endingBefore != null;
            String cursor = backwards ? endingBefore : startingAfter;
            if (cursor != null) {
                sql.append(backwards ? " and seq > " : " and seq < ")
                        .append("(select seq from stripe_sandbox.events where id = ?)");
                args.add(cursor);
            }
            return page(sql, args, limit, backwards);
        }

        /** False when a meter event with this identifier was already recorded (Stripe deduplicates them). */
        boolean claimMeterIdentifier(String identifier, long created) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("insert into stripe_sandbox.meter_event_identifiers (identifier, created) "
                    + "values (?, ?) on conflict do nothing")) {
                ps.setString(1, identifier);
                ps.setLong(2, created);
                return ps.executeUpdate() == 1;
            }
        }

        private static ObjectNode parse(String json) {
            try {
                return (ObjectNode) JSON.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
