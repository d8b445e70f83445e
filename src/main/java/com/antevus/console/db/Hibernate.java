package com.antevus.console.db;

import com.antevus.console.core.UserFacingException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StaleStateException;
import org.hibernate.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hibernate units of work for the repositories of the records staff edit (contracts, organizations). The
 * SessionFactory is bootstrapped (and the schema validated against the mappings; Flyway owns the schema) in the
 * background, so it is never on the first screen's path; the first unit of work waits for it.
 *
 * <p>Every write is one transaction whose first statement sets the audit context ({@code console.reason}, the Stripe
 * request id): this is the one place Hibernate work gets it. A save whose {@code @Version} moved on raises
 * {@link StaleException}, which the feature turns into "who changed what"; any other database failure becomes the
 * same plain sentence {@link Jdbc} gives.
 */
public final class Hibernate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hibernate.class);
    private final DataSource dataSource;
    private final List<Class<?>> entities;
    private final Executor background;
    private CompletableFuture<SessionFactory> factory; // guarded by this; null until the bootstrap starts

    private Hibernate(DataSource dataSource, List<Class<?>> entities, Executor background) {
        this.dataSource = dataSource;
        this.entities = List.copyOf(entities);
        this.background = background;
    }

    /** Starts the bootstrap of {@code entities} over {@code dataSource} on {@code background} now. */
    public static Hibernate start(DataSource dataSource, List<Class<?>> entities, Executor background) {
        Hibernate h = deferred(dataSource, entities, background);
        h.warmUp();
        return h;
    }

    /**
     * A bootstrap that starts on the first unit of work or {@link #warmUp()}, whichever comes first: the window
     * defers it until the first screen has its data, so the two never compete for the processor.
     */
    public static Hibernate deferred(DataSource dataSource, List<Class<?>> entities, Executor background) {
        return new Hibernate(dataSource, entities, background);
    }

    /** Starts the bootstrap in the background if it has not started; returns at once. */
    public synchronized void warmUp() {
        if (factory == null) {
            factory = bootstrap(dataSource, entities, background);
        }
    }

    private synchronized CompletableFuture<SessionFactory> future() {
        warmUp();
        return factory;
    }

    private static CompletableFuture<SessionFactory> bootstrap(DataSource dataSource, List<Class<?>> entities, Executor background) {
        CompletableFuture<SessionFactory> f = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            SessionFactory sf = HibernateBootstrap.build(dataSource, entities);
            LOG.info("Hibernate ready, {} entities validated against the schema, in {} ms", entities.size(),
                    (System.nanoTime() - t0) / 1_000_000);
            return sf;
        }, background);
        f.exceptionally(e -> {
            LOG.error("Hibernate could not validate the schema", e);
            return null;
        });
        return f;
    }

    /** The save was refused because the record changed (or went away) since it was read. Nothing was written. */
    public static final class StaleException extends RuntimeException {
        public StaleException(Throwable cause) {
            super("The record changed since it was read", cause);
        }
    }

    /** Hibernate work on one session. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Session session) throws SQLException;
    }

    /** The SessionFactory, waiting for its bootstrap if needed (call off the FX thread). */
    public SessionFactory factory() {
        try {
            return future().join();
        } catch (CompletionException e) {
            throw new UserFacingException("The database schema does not match what this console expects ("
                    + e.getCause().getMessage() + "). Update the console or the schema.", e.getCause());
        }
    }

    /** Runs {@code work} in one audited transaction; {@code what} completes "while ..." in an error message. */
    public <T> T write(String what, String reason, String stripeRequestId, Work<T> work) {
        return inTransaction(what, false, session -> {
            session.doWork(c -> Jdbc.setAuditContext(c, reason, stripeRequestId));
            return work.apply(session);
        });
    }

    /** Runs a read: entities come back read-only and the transaction is rolled back. */
    public <T> T read(String what, Work<T> work) {
        return inTransaction(what, true, work);
    }

    private <T> T inTransaction(String what, boolean readOnly, Work<T> work) {
        SessionFactory sf = factory();
        try (Session session = sf.openSession()) {
            session.setDefaultReadOnly(readOnly);
            Transaction tx = session.beginTransaction();
            try {
                T result = work.apply(session);
                if (readOnly) {
                    tx.rollback();
                } else {
                    tx.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (tx.isActive()) {
                    try {
                        tx.rollback();
                    } catch (RuntimeException ignored) {
                        // the connection may be gone; nothing was committed either way
                    }
                }
                throw translate(e, what, !readOnly);
            }
        } catch (StaleException | UserFacingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e, what, !readOnly); // opening or closing the session failed
        }
    }

    /** Stale version to {@link StaleException}; a database failure to its plain sentence; anything else as it was. */
    private static RuntimeException translate(Exception e, String what, boolean write) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StaleException s) {
                return s;
            }
            if (t instanceof UserFacingException u) {
                return u;
            }
            if (t instanceof StaleStateException || t instanceof jakarta.persistence.OptimisticLockException) {
                return new StaleException(e);
            }
            if (t instanceof SQLException s) {
                return write ? DbErrors.queryFailure(s, what) : DbErrors.readFailure(s, what);
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }

    @Override
    public synchronized void close() {
        if (factory == null) {
            return; // never started: nothing to close
        }
        // closes it now if it is ready, or as soon as its bootstrap finishes
        factory.thenAccept(sf -> {
            if (sf != null) {
                sf.close();
            }
        });
    }
}
