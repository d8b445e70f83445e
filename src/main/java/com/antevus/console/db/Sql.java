package com.antevus.console.db;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one helper for the plain-JDBC statements repositories keep: positional parameters bound by their type (a
 * {@link LocalDate} as a date, an {@link Instant} as a timestamp, a {@link YearMonth} as its first day, null as an
 * untyped null), so no statement sets its parameters by hand. Chosen over Jdbi: a page of code, no reflection, and
 * repositories keep reading rows with the ResultSet getters they already use.
 */
public final class Sql {
    private Sql() {
    }

    /** Maps the current row. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    /** The first row, if there is one. */
    public static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
        }
    }

    /** A SQL array parameter: {@code values} as {@code type[]} (uuid, text, …), for {@code = any (?)}. */
    public record ArrayOf(String type, java.util.Collection<?> values) {
    }

    public static ArrayOf array(String type, java.util.Collection<?> values) {
        return new ArrayOf(type, values);
    }

    /** Runs one statement for each row of parameters, as one batch; returns the rows each changed. */
    public static int[] batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] args : rows) {
                bind(c, ps, args);
                ps.addBatch();
            }
            return rows.isEmpty() ? new int[0] : ps.executeBatch();
        }
    }

    /** Runs an insert, update or delete; returns the rows it changed. */
    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            bind(c, ps, args);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static void bind(Connection c, PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof ArrayOf a) {
                ps.setArray(i + 1, c.createArrayOf(a.type(), a.values().toArray()));
            } else {
                ps.setObject(i + 1, jdbcValue(args[i]));
            }
        }
    }

    static Object jdbcValue(Object v) {
        if (v instanceof LocalDate d) {
            return Date.valueOf(d);
        }
        if (v instanceof YearMonth m) {
            return Date.valueOf(m.atDay(1));
        }
        if (v instanceof Instant t) {
            return Timestamp.from(t);
        }
        return v;
    }
}
