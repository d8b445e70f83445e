package com.antevus.console.shell;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.db.Database;
import com.antevus.console.orgs.OrganizationService;
import org.hibernate.SessionFactory;

/** The services built once at start: the hand-written wiring of the console. Closing it stops the database. */
public record ConsoleContext(ConsoleConfig config, Database database, SessionFactory sessionFactory,
                             OrganizationService organizations) implements AutoCloseable {

    /** Where the console is connected, for the status bar. */
    public String databaseTarget() {
        return database.target();
    }

    /** The database login in use. */
    public String sessionUser() {
        return database.sessionUser();
    }

    /** Whether the database answers now (blocking: call off the FX thread). */
    public boolean isDatabaseReachable() {
        return database.isReachable();
    }

    @Override
    public void close() {
        try {
            sessionFactory.close();
        } finally {
            database.close();
        }
    }
}
