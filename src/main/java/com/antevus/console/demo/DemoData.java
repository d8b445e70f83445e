package com.antevus.console.demo;

import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Database;
import com.antevus.console.db.Migrations;
import com.antevus.console.db.DbErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Loads a deterministic demo data set: the seed 000 catalog, organizations across tiers (some academic,
 * some enterprise with contracts), months of usage with a weekly and seasonal shape in which about 15% of
 * organizations exceed a quota in the last full month, pending academic verifications and an invoice history.
 *
 * <p>One generator per table family writes its rows ({@link CatalogDemo}, {@link OrganizationsDemo}, {@link ContractsDemo},
 * {@link SubscriptionsDemo}, {@link UsageDemo}, {@link InvoicesDemo}, {@link VerificationsDemo}), in the order
 * {@link DemoRun} calls them; the demo logins are db.DemoLogins, which the embedded server creates before any data.
 *
 * <p>The same options and seed always give the same rows. Everything is written in one transaction with
 * COPY; on failure nothing is left behind. Only for the embedded default or an explicitly allowed database.
 */
public final class DemoData {
    /**
     * @param orgs        organizations to create (at least 10)
     * @param months      months of usage, ending with the current month (1 to 60)
     * @param seed        random seed; the same seed gives the same data
     * @param asOf        the instant the data ends, from the console's clock: full days of usage up to its day, then
     *                    that day's usage up to its minute (so month to date is never empty in the first minutes of a month)
     * @param rowsPerDay  usage rows per organization, day and summed metric (storage is one daily snapshot at 23:55)
     */
    public record Options(int orgs, int months, long seed, java.time.Instant asOf, int rowsPerDay) {
        public static final long DEFAULT_SEED = 20261122L;

        /** The UTC day of {@code asOf}. */
        public LocalDate today() {
            return LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        }

        /** Minutes of {@code asOf}'s day that have passed. */
        int minuteOfDay() {
            return (int) (asOf.getEpochSecond() - today().atStartOfDay().toEpochSecond(ZoneOffset.UTC)) / 60;
        }

        public Options {
            if (orgs < 10 || orgs > 200_000) {
                throw new UserFacingException("--orgs must be between 10 and 200000, got " + orgs + ".");
            }
            if (months < 1 || months > 60) {
                throw new UserFacingException("--months must be between 1 and 60, got " + months + ".");
            }
            if (rowsPerDay < 1 || rowsPerDay > 96) {
                throw new UserFacingException("--rows-per-day must be between 1 and 96, got " + rowsPerDay + ".");
            }
        }

        public static Options defaults(java.time.Instant asOf) {
            return new Options(300, 13, DEFAULT_SEED, asOf, 2);
        }
    }

    /** What was loaded. */
    public record Counts(int organizations, int subscriptions, long usageRows, int invoices, int invoiceLines,
                         int contracts, int pendingVerifications, int overQuotaLastMonth, long millis) {
    }

    private DemoData() {
    }

    /** True when the database already holds organizations or a catalog. */
    /**
     * Makes an embedded database ready the way the window's first start does: migrated, and holding the demo
     * data when it is empty. Returns the counts when it loaded them, else null. A configured database is only migrated.
     */
    public static Counts prepare(Database database, java.time.Clock clock) {
        Migrations.migrate(database);
        if (database.isEmbedded() && !hasData(database.ownerDataSource())) {
            return load(database.ownerDataSource(), Options.defaults(clock.instant()), false);
        }
        return null;
    }

    public static boolean hasData(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select exists (select 1 from organizations) or exists (select 1 from catalog_versions)")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw DbErrors.queryFailure(e, "checking for existing data");
        }
    }

    /**
     * Loads the data set. With {@code replace}, existing billing data (not the audit log) is removed first,
     * in the same transaction; without it, a database that already holds data is refused.
     */
    public static Counts load(Database database, Options o, boolean replace) {
        return load(database.dataSource(), o, replace);
    }

    public static Counts load(DataSource ds, Options o, boolean replace) {
        long started = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                Counts counts = new DemoRun(c, o).run(replace);
                c.commit();
                long millis = (System.nanoTime() - started) / 1_000_000;
                try (Statement s = c.createStatement()) {
                    s.execute("analyze");
                }
                c.setAutoCommit(true);
                return new Counts(counts.organizations, counts.subscriptions, counts.usageRows, counts.invoices,
                        counts.invoiceLines, counts.contracts, counts.pendingVerifications, counts.overQuotaLastMonth,
                        millis);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw DbErrors.queryFailure(e, "loading the demo data");
        }
    }
}
