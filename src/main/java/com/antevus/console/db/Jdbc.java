package com.antevus.console.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Plain JDBC units of work for repositories: one connection, read-only, failures turned into plain messages. */
public final class Jdbc {
    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work on one connection that may throw SQLException. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs a read; {@code what} completes "while ..." in an error message. */
    public <T> T read(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return work.apply(c);
        } catch (SQLException e) {
            throw DbErrors.queryFailure(e, what);
        }
    }
}
