package com.antevus.console.shell;

import com.antevus.console.contracts.ContractService;
import com.antevus.console.verification.VerificationService;
import com.antevus.console.invoicing.InvoicingService;
import com.antevus.console.invoicing.Reconciliation;
import com.antevus.console.invoicing.StripeEventSync;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Database;
import com.antevus.console.catalog.CatalogService;
import com.antevus.console.orgs.OrganizationService;
import com.antevus.console.stripe.StripeAccess;
import com.antevus.console.usage.UsageService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.hibernate.SessionFactory;

/**
 * The services built once at start: the hand-written wiring of the console. Closing it stops the database.
 *
 * @param sessionFactory Hibernate, bootstrapped (and the schema validated) in parallel with the first screen,
 *                       which reads through plain JDBC
 */
public record ConsoleContext(ConsoleConfig config, Database database, CompletableFuture<SessionFactory> sessionFactory,
                             StripeAccess stripe, OrganizationService organizations, CatalogService catalog,
                             UsageService usage, InvoicingService invoicing, StripeEventSync stripeEvents,
                             Reconciliation reconciliation, ContractService contracts, VerificationService verifications)
        implements AutoCloseable {

    /** The SessionFactory, waiting for its bootstrap if needed (call off the FX thread). */
    public SessionFactory hibernate() {
        try {
            return sessionFactory.join();
        } catch (CompletionException e) {
            throw new UserFacingException("The database schema does not match what this console expects ("
                    + e.getCause().getMessage() + "). Update the console or the schema.", e.getCause());
        }
    }

    /** Where the console is connected, for the status bar. */
    public String databaseTarget() {
        return database.target();
    }

    /** The database login in use. */
    public String sessionUser() {
        return database.sessionUser();
    }

    /**
     * The staff roles the signed-in login is a member of, without the {@code billing_} prefix ("finance", "sales" …);
     * "owner" for the server's owner. The console adapts its screens to them; the grants are what stop a write.
     * Blocking: call off the FX thread.
     */
    /** The signed-in login and its roles, for screens that disable and explain what the role cannot do. Blocking. */
    public com.antevus.console.access.Access access() {
        return new com.antevus.console.access.Access(sessionUser(), roles());
    }

    public java.util.List<String> roles() {
        try (java.sql.Connection c = database.dataSource().getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select r.rolname, (select rolsuper from pg_roles where rolname = session_user) "
                     + "from pg_roles r where r.rolname like 'billing\\_%' and pg_has_role(session_user, r.oid, 'member') order by r.rolname")) {
            java.util.List<String> out = new java.util.ArrayList<>();
            boolean owner = false;
            while (rs.next()) {
                owner = rs.getBoolean(2);
                out.add(rs.getString(1).substring("billing_".length()));
            }
            if (out.size() > 1) {
                out.remove("readonly"); // every staff role includes read-only; name the one that matters
            }
            return owner ? java.util.List.of("owner") : out;
        } catch (java.sql.SQLException e) {
            return java.util.List.of();
        }
    }

    /** Whether the database answers now (blocking: call off the FX thread). */
    public boolean isDatabaseReachable() {
        return database.isReachable();
    }

    @Override
    public void close() {
        try {
            // closes it now if it is ready, or as soon as its bootstrap finishes
            sessionFactory.thenAccept(SessionFactory::close);
            stripe.close();
        } finally {
            database.close();
        }
    }
}
