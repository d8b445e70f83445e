package com.antevus.console.access;

import com.antevus.console.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The audit log's queries (the log is written only by the database's trigger). */
final class AuditRepository {
    private AuditRepository() {
    }

    static List<AuditEntry> find(Connection c, AuditService.Filter f, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("select a.id, a.at, a.db_user, a.app_user, a.table_name, a.operation, a.organization_id, "
                + "o.name, a.row_key::text, a.old_row::text, a.new_row::text, a.reason, a.stripe_request_id, a.tx_id "
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
            args.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" and a.at < ?");
            args.add(f.to());
        }
        sql.append(" order by a.id desc limit ").append(limit);
        return Sql.list(c, sql.toString(), rs -> new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), (Long) rs.getObject(14)), args.toArray());
    }

    /** Every plan by id, as "Team (catalog v2)". */
    static java.util.Map<Long, String> planNames(Connection c) throws SQLException {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        Sql.list(c, "select p.id, p.name, v.version_no from plans p join catalog_versions v on v.id = p.catalog_version_id",
                rs -> out.put(rs.getLong(1), rs.getString(2) + " (catalog v" + rs.getInt(3) + ")"));
        return out;
    }

    static AuditService.Choices choices(Connection c) throws SQLException {
        return new AuditService.Choices(
                Sql.list(c, "select distinct u from (select db_user as u from audit_log union select app_user from audit_log "
                        + "where app_user is not null) x order by 1", rs -> rs.getString(1)),
                Sql.list(c, "select distinct table_name from audit_log order by 1", rs -> rs.getString(1)));
    }
}
