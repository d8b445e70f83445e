package com.antevus.console.shell;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.db.Database;
import com.antevus.console.demo.DemoData;
import com.antevus.console.db.Hibernate;
import com.antevus.console.db.Migrations;
import com.antevus.console.catalog.CatalogService;
import com.antevus.console.contracts.ContractService;
import com.antevus.console.orgs.OrganizationService;
import com.antevus.console.stripe.StripeAccess;
import com.antevus.console.usage.UsageService;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.concurrent.Executor;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start flow: connect (starting the embedded database if none is configured), migrate, load demo data
 * on the first start of the embedded default (never on a configured database), then build the services.
 */
public final class Startup {
    private static final Logger LOG = LoggerFactory.getLogger(Startup.class);

    private Startup() {
    }

    /** All Hibernate entities of the console, by feature. */
    public static List<Class<?>> entities() {
        List<Class<?>> all = new ArrayList<>(OrganizationService.entities());
        all.addAll(ContractService.entities());
        all.addAll(com.antevus.console.verification.VerificationService.entities());
        all.addAll(com.antevus.console.invoicing.InvoicingService.entities());
        return all;
    }

    public static ConsoleContext start(ConsoleConfig config, Consumer<String> progress, Executor background) {
        long t0 = System.nanoTime();
        progress.accept(config.embeddedDatabase() ? "Starting the embedded database\u2026" : "Connecting to the database\u2026");
        Database db = Database.open(config);
        long t1 = System.nanoTime();
        try {
            progress.accept("Checking the database schema\u2026");
            Migrations.migrate(db.ownerDataSource());
            long t2 = System.nanoTime();
            if (db.isEmbedded() && !DemoData.hasData(db.ownerDataSource())) {
                progress.accept("First start: loading demo data\u2026");
                DemoData.Counts c = DemoData.load(db.ownerDataSource(), DemoData.Options.defaults(config.clock().instant()), false);
                LOG.info("Loaded demo data: {} organizations, {} usage rows in {} ms", c.organizations(), c.usageRows(), c.millis());
            }
            progress.accept("Opening\u2026");
            long t3 = System.nanoTime();
            // the first screen reads over plain JDBC; Hibernate builds and validates its mappings once that screen has its
            // data (the organization list starts it), or at the first save, whichever comes first
            Hibernate hibernate = Hibernate.deferred(db.dataSource(), entities(), background);
            LOG.info("Started in {} ms on {} (database {} ms, schema check {} ms, demo data {} ms)",
                    (t3 - t0) / 1_000_000, db.target(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000);
            StripeAccess stripe = StripeAccess.open(config, db.ownerDataSource());
            java.time.Clock clock = config.clock(); // the one clock, handed to every service
            CatalogService catalog = new CatalogService(db.dataSource(), stripe::gateway, clock);
            return new ConsoleContext(config, db, hibernate, stripe, new OrganizationService(db.dataSource(), hibernate, stripe.gateway()),
                    catalog, new UsageService(db.dataSource(), clock),
                    new com.antevus.console.invoicing.InvoicingService(db.dataSource(), hibernate, catalog, stripe::gateway).grace(config.invoiceGrace()),
                    new com.antevus.console.invoicing.StripeEventSync(db.dataSource(), stripe::gateway, clock),
                    new com.antevus.console.invoicing.Reconciliation(db.dataSource(), catalog, stripe::gateway),
                    new ContractService(db.dataSource(), hibernate, stripe::gateway, clock),
                    new com.antevus.console.verification.VerificationService(db.dataSource(), hibernate, stripe::gateway, clock));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }
}
