package com.antevus.console.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One connection held across several transactions, for work that needs the same database session throughout: a
 * session advisory lock taken at the start and released at the end (the invoice steps), which a crash releases with
 * the session. Autocommit is on between transactions. A database failure comes out as {@link Failure}, unchecked, so
 * the feature code that drives the steps handles it without touching JDBC.
 */
public final class HeldConnection implements AutoCloseable {
    private final Connection connection;

    private HeldConnection(Connection connection) {
        this.connection = connection;
    }

    /** A database failure on a held connection: the driver's exception, and whether the connection itself was lost. */
    public static final class Failure extends RuntimeException {
        Failure(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        private SQLException sql() {
            return (SQLException) getCause();
        }

        /** The server went away or the connection broke (SQLSTATE 08…, 57P…), as opposed to a refused statement. */
        public boolean connectionLost() {
            return DbErrors.isConnectionLoss(sql());
        }

        /** The sentence people read; {@code what} completes "while …". */
        public com.antevus.console.core.UserFacingException words(String what) {
            return DbErrors.queryFailure(sql(), what);
        }
    }

    /** Statements run for their effect. */
    @FunctionalInterface
    public interface Writes {
        void run(Connection c) throws SQLException;
    }

    /** Takes a connection from the pool, autocommit on. */
    public static HeldConnection open(DataSource dataSource) {
        try {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(true);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new HeldConnection(c);
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /** Runs {@code work} on the session as it is: each statement commits on its own. */
    public <T> T run(Jdbc.Work<T> work) {
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /** Runs {@code work} as one audited transaction (the reason and Stripe request id go with every row it changes). */
    public <T> T transaction(String reason, String stripeRequestId, Jdbc.Work<T> work) {
        try {
            return Jdbc.audited(connection, reason, stripeRequestId, work);
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /** Tries the session advisory lock {@code key} once. */
    public boolean tryLock(long key) {
        return run(c -> Sql.first(c, "select pg_try_advisory_lock(?)", rs -> rs.getBoolean(1), key).orElse(false));
    }

    /** Releases the session advisory lock {@code key}; a session already gone took its lock with it. */
    public void unlock(long key) {
        try {
            Sql.first(connection, "select pg_advisory_unlock(?)", rs -> rs.getBoolean(1), key);
        } catch (SQLException ignored) {
            // the session is gone, and its lock with it
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a broken connection is discarded by the pool
        }
    }
}
