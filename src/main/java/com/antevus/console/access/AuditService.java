package com.antevus.console.access;

import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Jdbc;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
        if (f.from() != null && f.to() != null && !f.to().isAfter(f.from())) {
            throw new UserFacingException("The end of the time range must be after its start.");
        }
        return jdbc.read("reading the audit log", c -> AuditRepository.find(c, f, LIMIT));
    }

    /** The words the Activity view shows the log in (plan names for plan ids). */
    public AuditWords words() {
        return new AuditWords(jdbc.read("reading the plan names", AuditRepository::planNames));
    }

    /** The logins and console users that appear in the log, and its tables, for the filters' choices. */
    public record Choices(List<String> users, List<String> tables) {
    }

    public Choices choices() {
        return jdbc.read("reading the audit log", AuditRepository::choices);
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
