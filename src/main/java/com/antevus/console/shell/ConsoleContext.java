package com.antevus.console.shell;

import com.antevus.console.contracts.ContractService;
import com.antevus.console.verification.VerificationService;
import com.antevus.console.invoicing.InvoicingService;
import com.antevus.console.invoicing.Reconciliation;
import com.antevus.console.invoicing.StripeEventSync;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.db.Database;
import com.antevus.console.catalog.CatalogService;
import com.antevus.console.orgs.OrganizationService;
import com.antevus.console.stripe.StripeAccess;
import com.antevus.console.usage.UsageService;
import com.antevus.console.db.Hibernate;

/**
 * The services built once at start: the hand-written wiring of the console. Closing it stops the database.
 *
 * @param persistence Hibernate, bootstrapped (and the schema validated) in parallel with the first screen,
 *                    which reads through plain JDBC
 */
public record ConsoleContext(ConsoleConfig config, Database database, Hibernate persistence,
                             StripeAccess stripe, OrganizationService organizations, CatalogService catalog,
                             UsageService usage, InvoicingService invoicing, StripeEventSync stripeEvents,
                             Reconciliation reconciliation, ContractService contracts, VerificationService verifications)
        implements AutoCloseable {

    /** Credit notes against finalized invoices, through the same Stripe gateway and clock. */
    public com.antevus.console.invoicing.CreditNoteService creditNotes() {
        return new com.antevus.console.invoicing.CreditNoteService(database.dataSource(), stripe::gateway, config.clock());
    }

    /** Where the console is connected, for the status bar. */
    public String databaseTarget() {
        return database.target();
    }

    /** The database login in use. */
    public String sessionUser() {
        return database.sessionUser();
    }

    /** The signed-in login and its roles, for screens that disable and explain what the role cannot do. Blocking. */
    public com.antevus.console.access.Access access() {
        return new com.antevus.console.access.Access(sessionUser(), roles());
    }

    /** The staff roles of the signed-in login ({@link com.antevus.console.access.RoleRepository}). Blocking. */
    public java.util.List<String> roles() {
        return com.antevus.console.access.RoleRepository.roles(database.dataSource());
    }

    /** Whether the database answers now (blocking: call off the FX thread). */
    public boolean isDatabaseReachable() {
        return database.isReachable();
    }

    @Override
    public void close() {
        try {
            // closes it now if it is ready, or as soon as its bootstrap finishes
            persistence.close();
            stripe.close();
        } finally {
            database.close();
        }
    }
}
