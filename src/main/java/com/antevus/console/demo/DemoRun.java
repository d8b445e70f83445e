package com.antevus.console.demo;

import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** One load of the demo data: the connection, the options, the seeded random stream and what the families share. */
final class DemoRun {
    final java.sql.Connection connection;
    final DemoData.Options options;
    final SplittableRandom rnd;
    final LocalDate usageStart;
    final LocalDate usageEnd;
    final int minuteOfToday;
    final YearMonth referenceMonth;
    final Map<String, Long> planIds = new HashMap<>();
    com.antevus.console.pricing.Catalog catalog;

    DemoRun(java.sql.Connection c, DemoData.Options o) {
        this.connection = c;
        this.options = o;
        this.rnd = new SplittableRandom(o.seed());
        this.usageStart = o.today().withDayOfMonth(1).minusMonths(o.months() - 1L);
        this.usageEnd = o.today();
        this.minuteOfToday = o.minuteOfDay();
        this.referenceMonth = YearMonth.from(o.today()).minusMonths(1);
    }

    /** Writes every table family in a fixed order: the random stream is drawn in that order, so a seed gives the same rows. */
    DemoData.Counts run(boolean replace) throws SQLException {
        java.sql.Connection c = connection;
        DemoData.Options o = options;
        try (Statement s = c.createStatement()) {
            boolean superuser;
            try (ResultSet rs = s.executeQuery("select rolsuper from pg_roles where rolname = current_user")) {
                superuser = rs.next() && rs.getBoolean(1);
            }
            boolean existing;
            try (ResultSet rs = s.executeQuery("select exists (select 1 from organizations) or exists (select 1 from catalog_versions)")) {
                rs.next();
                existing = rs.getBoolean(1);
            }
            if (existing && !replace) {
                throw new UserFacingException("The database already holds billing data; demo data is only loaded "
                        + "into an empty database. Pass --replace to replace it (the audit log is kept).");
            }
            s.execute("set local console.reason = 'demo-data'");
            if (superuser) {
                // bulk load: row triggers (audit, per-row checks) off for this transaction only;
                // one summary audit row is written at the end instead of one per demo row
                s.execute("set local session_replication_role = replica");
            }
            if (existing) {
                s.execute("truncate credit_sales, coupon_applications, credit_note_lines, credit_notes, contract_commitments, credit_ledger, stripe_events, stripe_sync_state, invoice_journal, invoice_runs, invoice_voids, invoice_lines, invoices, academic_verifications, contract_documents, "
                        + "subscription_add_ons, subscription_items, entitlements, usage_adjustments, usage_records, "
                        + "console_meta, metered_prices, plan_quotas, add_ons, subscriptions, contracts, plans, "
                        + "usage_alerts, usage_daily, usage_monthly, catalog_stripe_prices, catalog_stripe_products, catalog_versions, organizations");
            }
            for (LocalDate m = usageStart.withDayOfMonth(1); m.isBefore(usageEnd.plusMonths(1)); m = m.plusMonths(1)) {
                s.execute("select ensure_usage_partition(date '" + m + "')");
            }
        }
        new CatalogDemo(this).write();
        OrganizationsDemo organizations = new OrganizationsDemo(this);
        List<DemoOrg> orgs = organizations.makeOrganizations();
        organizations.write(orgs);
        new ContractsDemo(this).write(orgs);
        new SubscriptionsDemo(this).write(orgs);
        long usageRows = new UsageDemo(this).write(orgs);
        int overQuota = UsageDemo.overQuota(orgs, referenceMonth);
        int[] inv = new InvoicesDemo(this).write(orgs);
        int pending = new VerificationsDemo(this).write(orgs);
        new CreditsDemo(this).write(orgs);
        int contracts = (int) orgs.stream().filter(x -> x.enterprise).count();
        Sql.update(c, "insert into console_meta (key, value) values ('demo_data', ?::jsonb)", "{\"seed\": " + o.seed()
                + ", \"orgs\": " + o.orgs() + ", \"months\": " + o.months() + ", \"through\": \"" + usageEnd + "\", \"rows_per_day\": "
                + o.rowsPerDay() + "}");
        Sql.update(c, "insert into audit_log (table_name, operation, new_row, reason) values ('*', 'DEMO_DATA', ?::jsonb, ?)",
                "{\"organizations\": " + orgs.size() + ", \"usage_rows\": " + usageRows + ", \"invoices\": " + inv[0] + "}",
                "demo-data --orgs " + o.orgs() + " --months " + o.months() + " --seed " + o.seed());
        return new DemoData.Counts(orgs.size(), (int) orgs.stream().filter(x -> x.subscriptionId != null).count(),
                usageRows, inv[0], inv[1], contracts, pending, overQuota, 0);
    }
}
