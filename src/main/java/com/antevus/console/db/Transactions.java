package com.antevus.console.db;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StaleStateException;
import org.hibernate.Transaction;

/** Runs a unit of work in one Hibernate transaction and turns failures into plain messages. */
public final class Transactions {
    private final SessionFactory sessionFactory;

    public Transactions(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /** A read-only unit of work; {@code what} completes "while ..." in an error message. */
    public <T> T read(String what, Function<Session, T> work) {
        return run(what, true, work);
    }

    public <T> T write(String what, Function<Session, T> work) {
        return run(what, false, work);
    }

    private <T> T run(String what, boolean readOnly, Function<Session, T> work) {
        try (Session session = sessionFactory.openSession()) {
            session.setDefaultReadOnly(readOnly);
            Transaction t = session.beginTransaction();
            try {
                T result = work.apply(session);
                t.commit();
                return result;
            } catch (RuntimeException e) {
                if (t.isActive()) {
                    try {
                        t.rollback();
                    } catch (RuntimeException ignored) {
                        // the connection may be gone; the original failure is what matters
                    }
                }
                throw e;
            }
        } catch (OptimisticLockException | StaleStateException e) {
            throw new com.antevus.console.core.UserFacingException("Someone else changed this record since you opened it. "
                    + "Reload to see their change; nothing of yours was saved.", e);
        } catch (RuntimeException e) {
            SQLException sql = findSql(e);
            if (sql != null) {
                throw DbErrors.queryFailure(sql, what);
            }
            throw e;
        }
    }

    private static SQLException findSql(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }
}
