package com.antevus.console.cli;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Database;
import com.antevus.console.demo.DemoData;
import com.antevus.console.db.Migrations;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "demo-data", description = {
        "Load a deterministic demo data set (catalog, organizations, usage, invoices, contracts, verifications).",
        "Refuses a database that already holds data unless --replace, and a configured shared database unless --allow-shared."})
final class DemoDataCommand implements Callable<Integer> {
    @ParentCommand
    ConsoleCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--orgs", paramLabel = "N", defaultValue = "300", description = "Organizations (default: ${DEFAULT-VALUE}).")
    int orgs;
    @Option(names = "--months", paramLabel = "M", defaultValue = "13", description = "Months of usage up to now on the console's clock (see --as-of; default: ${DEFAULT-VALUE}).")
    int months;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + DemoData.Options.DEFAULT_SEED,
            description = "Random seed; the same seed gives the same data (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--rows-per-day", paramLabel = "R", defaultValue = "2",
            description = "Usage rows per organization, day and summed metric (default: ${DEFAULT-VALUE}).")
    int rowsPerDay;
    @Option(names = "--replace", description = "Replace the billing data already in the database (the audit log is kept).")
    boolean replace;
    @Option(names = "--allow-shared", description = "Allow loading into a configured (non-embedded) database. Never on production.")
    boolean allowShared;

    @Override
    public Integer call() {
        ConsoleConfig config = root.global.resolve();
        DemoData.Options options;
        try {
            options = new DemoData.Options(orgs, months, seed, config.clock().instant(), rowsPerDay);
        } catch (UserFacingException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!config.embeddedDatabase() && !allowShared) {
            throw new UserFacingException("Refusing to load demo data into the configured database; demo data belongs "
                    + "in the embedded default. Pass --allow-shared if this really is a scratch server.");
        }
        try (Database db = Database.open(config)) {
            Migrations.migrate(db);
            DemoData.Counts c = DemoData.load(db, options, replace);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Loaded demo data (seed %d) into %s in %.1f s:%n", seed, db.target(), c.millis() / 1000.0);
            out.printf("  %-34s %,12d%n", "organizations", c.organizations());
            out.printf("  %-34s %,12d%n", "subscriptions", c.subscriptions());
            out.printf("  %-34s %,12d%n", "usage rows", c.usageRows());
            out.printf("  %-34s %,12d%n", "invoices", c.invoices());
            out.printf("  %-34s %,12d%n", "invoice lines", c.invoiceLines());
            out.printf("  %-34s %,12d%n", "enterprise contracts", c.contracts());
            out.printf("  %-34s %,12d%n", "pending academic verifications", c.pendingVerifications());
            out.printf("  %-34s %,12d%n", "over a quota last month", c.overQuotaLastMonth());
            out.flush();
            return 0;
        }
    }
}
