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

    /**
     * Runs a write in one transaction; {@code reason} goes to the audit log with every row it changes
     * (console.reason), as does the Stripe request id when there is one.
     */
    public <T> T write(String what, String reason, String stripeRequestId, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return audited(c, reason, stripeRequestId, work);
        } catch (SQLException e) {
            throw DbErrors.queryFailure(e, what);
        }
    }

    /**
     * Runs {@code work} as one transaction on a connection the caller holds (and keeps): the audit log gets
     * {@code reason} and the Stripe request id with every row it changes; a failure rolls everything back.
     */
    public static <T> T audited(Connection c, String reason, String stripeRequestId, Work<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            setAuditContext(c, reason, stripeRequestId);
            T result = work.apply(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection may be gone; nothing was committed either way
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // a broken connection is closed by its owner
            }
        }
    }

    /** Sets the current transaction's audit reason and Stripe request id (console.reason, console.stripe_request_id). */
    public static void setAuditContext(Connection c, String reason, String stripeRequestId) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "select set_config('console.reason', ?, true), set_config('console.stripe_request_id', ?, true)")) {
            ps.setString(1, reason);
            ps.setString(2, stripeRequestId == null ? "" : stripeRequestId);
            ps.execute();
        }
    }

    /**
     * Tries a write under the signed-in role's real grants and rolls it back, whatever happens. Call it before a Stripe
     * step whose result is then recorded by the same write: a role the database would refuse ("Your role cannot …")
     * is stopped before anything happens in Stripe, so the grants guard Stripe as well as the database.
     */
    public <T> T probe(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                return work.apply(c);
            } finally {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // nothing was committed either way
                }
            }
        } catch (SQLException e) {
            throw DbErrors.queryFailure(e, what);
        }
    }

    /** Runs a read; {@code what} completes "while ..." in an error message. */
    public <T> T read(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return work.apply(c);
        } catch (SQLException e) {
            throw DbErrors.readFailure(e, what);
        }
    }
}
