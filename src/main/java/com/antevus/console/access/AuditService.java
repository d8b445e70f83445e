package com.antevus.console.access;

import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Jdbc;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the audit log (written only by the database's trigger) for the Activity view and its CSV export. */
public final class AuditService {
    /** At most this many rows per query, newest first; narrow the filters to see older ones. */
    public static final int LIMIT = 2_000;
    private final Jdbc jdbc;

    public AuditService(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /**
     * The filters; null or blank means any. {@code user} matches the login or the console user, {@code organization}
     * an organization's name (part of it) or its id, {@code from} inclusive and {@code to} exclusive.
     */
    public record Filter(String user, String table, String organization, Instant from, Instant to) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    public List<AuditEntry> find(Filter f) {
        StringBuilder sql = new StringBuilder("select a.id, a.at, a.db_user, a.app_user, a.table_name, a.operation, a.organization_id, "
                + "o.name, a.row_key::text, a.old_row::text, a.new_row::text, a.reason, a.stripe_request_id "
                + "from audit_log a left join organizations o on o.id = a.organization_id where true");
        List<Object> args = new ArrayList<>();
        if (f.user() != null && !f.user().isBlank()) {
            sql.append(" and (a.db_user = ? or a.app_user = ?)");
            args.add(f.user().strip());
            args.add(f.user().strip());
        }
        if (f.table() != null && !f.table().isBlank()) {
            sql.append(" and a.table_name = ?");
            args.add(f.table().strip());
        }
        if (f.organization() != null && !f.organization().isBlank()) {
            String q = f.organization().strip();
            UUID id = null;
            try {
                id = UUID.fromString(q);
            } catch (IllegalArgumentException notAnId) {
                // a name, or part of one
            }
            if (id != null) {
                sql.append(" and a.organization_id = ?");
                args.add(id);
            } else {
                sql.append(" and o.name ilike ?");
                args.add("%" + q.replace("%", "\\%").replace("_", "\\_") + "%");
            }
        }
        if (f.from() != null) {
            sql.append(" and a.at >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            sql.append(" and a.at < ?");
            args.add(Timestamp.from(f.to()));
        }
        if (f.from() != null && f.to() != null && !f.to().isAfter(f.from())) {
            throw new UserFacingException("The end of the time range must be after its start.");
        }
        sql.append(" order by a.id desc limit ").append(LIMIT);
        return jdbc.read("reading the audit log", c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class), rs.getString(8), rs.getString(9),
                                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)));
                    }
                }
            }
            return out;
        });
    }

    /** The logins and console users that appear in the log, and its tables, for the filters' choices. */
    public record Choices(List<String> users, List<String> tables) {
    }

    public Choices choices() {
        return jdbc.read("reading the audit log", c -> {
            List<String> users = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select distinct u from (select db_user as u from audit_log union "
                    + "select app_user from audit_log where app_user is not null) x order by 1"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    users.add(rs.getString(1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select distinct table_name from audit_log order by 1"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            return new Choices(users, tables);
        });
    }

    /** Writes the entries as CSV (one row per changed column, so before and after stay readable in a spreadsheet). */
    public static void exportCsv(List<AuditEntry> entries, Path file) {
        List<List<?>> rows = new java.util.ArrayList<>();
        for (AuditEntry e : entries) {
            List<AuditEntry.Change> changes = e.changes();
            if (changes.isEmpty()) {
                changes = List.of(new AuditEntry.Change("", "", ""));
            }
            for (AuditEntry.Change ch : changes) {
                rows.add(java.util.Arrays.asList(e.id(), e.at().toString(), e.user(), e.table(), e.operation(), e.organizationId(),
                        e.organizationName(), e.rowKey(), ch.field(), ch.before(), ch.after(), e.reason(), e.stripeRequestId()));
            }
        }
        com.antevus.console.core.SafeFiles.writeAtomically(file, w -> com.antevus.console.core.Csv.write(w, List.of("id", "at", "user",
                "table", "operation", "organization_id", "organization", "row_key", "field", "before", "after", "reason",
                "stripe_request_id"), rows));
    }
}
