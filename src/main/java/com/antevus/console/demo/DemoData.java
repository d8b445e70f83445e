package com.antevus.console.demo;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.ShippedCatalogs;
import com.antevus.console.catalog.CatalogContentsRepository;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.CopyWriter;
import com.antevus.console.db.Database;
import com.antevus.console.db.Migrations;
import com.antevus.console.db.DbErrors;
import com.antevus.console.rating.RatedLine;
import com.antevus.console.rating.Rating;
import com.antevus.console.rating.RatingEngine;
import com.antevus.console.rating.RatingFacts;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Loads a deterministic demo data set: the seed 000 catalog, organizations across tiers (some academic,
 * some enterprise with contracts), months of usage with a weekly and seasonal shape in which about 15% of
 * organizations exceed a quota in the last full month, pending academic verifications and an invoice history.
 *
 * <p>The same options and seed always give the same rows. Everything is written in one transaction with
 * COPY; on failure nothing is left behind. Only for the embedded default or an explicitly allowed database.
 */
public final class DemoData {
    private static final String CURRENCY = "USD";
    private static final String[] METRICS = {"events", "ai_tokens", "storage_gb"};
    private static final String[] RESOURCES = {"instruments", "seats", "sites", "agents"};
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

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

    // ---- the demo catalog (seed 000) ----------------------------------------------------------
    private record Tier(String code, String name, long monthly, long events, long tokens, long storageGb,
                        int instruments, int seats, int sites, int agents) {
    }

    private static final Tier CORE = new Tier("core", "Core", 150_000, 1_000_000, 200_000, 1_000, 10, 10, 1, 1);
    private static final Tier TEAM = new Tier("team", "Team", 400_000, 3_000_000, 750_000, 3_000, 25, 25, 2, 3);
    private static final Tier SCALE = new Tier("scale", "Scale", 750_000, 8_000_000, 2_000_000, 5_000, 50, 50, 3, 6);
    private static final Tier[] TIERS = {CORE, TEAM, SCALE};

    private record AddOn(String code, String name, long monthly, String raises, int by) {
    }

    private static final AddOn[] ADD_ONS = {
            new AddOn("compliance-pack", "Compliance Pack", 150_000, null, 0),
            new AddOn("premium-connector", "Premium Connector", 50_000, null, 0),
            new AddOn("extra-agent", "Extra Edge Agent", 10_000, "agents", 1),
            new AddOn("extra-site", "Extra Site", 30_000, "sites", 1),
            new AddOn("priority-support", "Priority Support", 100_000, null, 0),
    };

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
                Counts counts = new Generator(c, o).run(replace);
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

    // ------------------------------------------------------------------------------------------
    private static final class Generator {
        private final Connection c;
        private final Options o;
        private final SplittableRandom rnd;
        private final LocalDate usageStart;
        private final LocalDate usageEnd; // exclusive for full days; its own usage runs to minuteOfToday
        private final int minuteOfToday;
        private final YearMonth referenceMonth;
        private final Map<String, Long> planIds = new HashMap<>();
        private Catalog catalog;
        private int invoiceSeq;

        Generator(Connection c, Options o) {
            this.c = c;
            this.o = o;
            this.rnd = new SplittableRandom(o.seed());
            this.usageStart = o.today().withDayOfMonth(1).minusMonths(o.months() - 1L);
            this.usageEnd = o.today();
            this.minuteOfToday = o.minuteOfDay();
            this.referenceMonth = YearMonth.from(o.today()).minusMonths(1);
        }

        private UUID uuid() {
            long hi = (rnd.nextLong() & ~0xF000L) | 0x4000L;
            long lo = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(hi, lo);
        }

        private double between(double lo, double hi) {
            return between(rnd, lo, hi);
        }

        private static double between(SplittableRandom r, double lo, double hi) {
            return lo + r.nextDouble() * (hi - lo);
        }

        private <T> T pick(T[] values) {
            return values[rnd.nextInt(values.length)];
        }

        Counts run(boolean replace) throws SQLException {
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
                    s.execute("truncate stripe_events, stripe_sync_state, invoice_journal, invoice_runs, invoice_voids, invoice_lines, invoices, academic_verifications, contract_documents, "
                            + "subscription_add_ons, subscription_items, entitlements, usage_adjustments, usage_records, "
                            + "console_meta, metered_prices, plan_quotas, add_ons, subscriptions, contracts, plans, "
                            + "usage_alerts, usage_daily, usage_monthly, catalog_stripe_prices, catalog_stripe_products, catalog_versions, organizations");
                }
                for (LocalDate m = usageStart.withDayOfMonth(1); m.isBefore(usageEnd.plusMonths(1)); m = m.plusMonths(1)) {
                    s.execute("select ensure_usage_partition(date '" + m + "')");
                }
            }
            insertCatalog();
            List<Org> orgs = makeOrganizations();
            Counts usage = writeOrganizationsAndUsage(orgs);
            int[] inv = writeInvoices(orgs);
            int pending = writeVerifications(orgs);
            int contracts = (int) orgs.stream().filter(x -> x.enterprise).count();
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into console_meta (key, value) values ('demo_data', ?::jsonb)")) {
                ps.setString(1, "{\"seed\": " + o.seed() + ", \"orgs\": " + o.orgs() + ", \"months\": " + o.months()
                        + ", \"through\": \"" + usageEnd + "\", \"rows_per_day\": " + o.rowsPerDay() + "}");
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into audit_log (table_name, operation, new_row, reason) values ('*', 'DEMO_DATA', ?::jsonb, ?)")) {
                ps.setString(1, "{\"organizations\": " + orgs.size() + ", \"usage_rows\": " + usage.usageRows
                        + ", \"invoices\": " + inv[0] + "}");
                ps.setString(2, "demo-data --orgs " + o.orgs() + " --months " + o.months() + " --seed " + o.seed());
                ps.executeUpdate();
            }
            return new Counts(orgs.size(), (int) orgs.stream().filter(x -> x.subscriptionId != null).count(),
                    usage.usageRows, inv[0], inv[1], contracts, pending, usage.overQuotaLastMonth, 0);
        }

        // ---- catalog -------------------------------------------------------------------------
        /** The demo catalog is the shipped file catalogs/antevus.yaml, read the way an admin's import reads it. */
        private void insertCatalog() throws SQLException {
            long versionId;
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into catalog_versions (version_no, status, notes) values (1, 'draft', "
                            + "'Antevus catalog from the billing guide: Core, Team, Scale, academic variants, add-ons') returning id")) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    versionId = rs.getLong(1);
                }
            }
            catalog = ShippedCatalogs.read(ShippedCatalogs.ANTEVUS);
            planIds.putAll(CatalogContentsRepository.insert(c, versionId, catalog));
            try (PreparedStatement ps = c.prepareStatement("update catalog_versions set status = 'published', "
                    + "effective_from = date '2024-01-01', published_at = now(), published_by = 'demo-data' where id = ?")) {
                ps.setLong(1, versionId);
                ps.executeUpdate(); // published once complete: a published version's contents are immutable
            }
        }

        // ---- organizations ------------------------------------------------------------------
        private static final class Org {
            UUID id;
            String name;
            String domain;
            String email;
            String country;
            Tier tier; // null for enterprise
            boolean academic;
            boolean enterprise;
            boolean healthData;
            boolean byoLlm;
            LocalDate createdOn;
            String status;
            String interval;
            UUID subscriptionId;
            UUID contractId;
            long contractAnnual;
            String contractSchedule;
            String paymentTerms;
            LocalDate contractStart;
            final List<AddOn> addOns = new ArrayList<>();
            /** How many of each add-on the subscription has (an organization may buy two Extra Edge Agents). */
            final Map<String, Integer> addOnQuantity = new HashMap<>();
            final double[] utilization = new double[3];
            double growth;
            final Map<YearMonth, long[]> monthTotals = new HashMap<>(); // sum, sum, (sum of daily GB, days)
        }

        private static final String[] PREFIX = {"Northwind", "Helix", "Cobalt", "Meridian", "Aurora", "Quantum", "Vireo",
                "Lumen", "Sable", "Granite", "Atlas", "Beacon", "Cedar", "Delta", "Ember", "Fathom", "Harbor", "Iris",
                "Juniper", "Keystone", "Larch", "Mosaic", "Nimbus", "Onyx", "Pioneer", "Quartz", "Redwood", "Summit",
                "Tidal", "Umber", "Vector", "Willow", "Zenith", "Alder", "Basalt", "Crescent", "Driftwood", "Evergreen",
                "Foundry", "Glacier", "Halcyon", "Indigo", "Kestrel", "Lattice", "Magnolia", "Northstar", "Obsidian", "Paragon",
                "Quill", "Riverbend", "Sequoia", "Tamarack", "Upland", "Verdant", "Westfield", "Yarrow", "Amberline",
                "Bluefin", "Copperleaf", "Dunmore", "Elmstead", "Fairhaven", "Greyfield", "Hawthorne", "Ironwood",
                "Jasper", "Kingsbridge", "Lodestar", "Marlow", "Newhaven", "Oakridge", "Pembroke", "Ridgeline",
                "Silverlake", "Thornbury", "Vantage", "Windmere", "Ashgrove"};
        private static final String[] SUFFIX = {"Labs", "Biosciences", "Diagnostics", "Therapeutics", "Analytics",
                "Genomics", "Instruments", "BioWorks", "Research", "Pharma", "Materials", "Clinical", "Sciences",
                "Biologics", "Chemistry", "Bio", "Laboratories", "Life Sciences", "Proteomics", "Biotech", "Labworks",
                "Scientific", "Medical", "Cell Systems", "Molecular"};
        private static final String[][] UNIVERSITIES = {
                {"Stanford University", "stanford.edu", "US"}, {"University of Oxford", "ox.ac.uk", "GB"},
                {"ETH Zurich", "ethz.ch", "CH"}, {"University of Toronto", "utoronto.ca", "CA"},
                {"MIT", "mit.edu", "US"}, {"University of Cambridge", "cam.ac.uk", "GB"},
                {"Karolinska Institutet", "ki.se", "SE"}, {"University of Melbourne", "unimelb.edu.au", "AU"},
                {"TU Munich", "tum.de", "DE"}, {"University of Michigan", "umich.edu", "US"},
                {"Imperial College London", "imperial.ac.uk", "GB"}, {"National University of Singapore", "nus.edu.sg", "SG"},
                {"University of Washington", "uw.edu", "US"}, {"McGill University", "mcgill.ca", "CA"},
                {"Kyoto University", "kyoto-u.ac.jp", "JP"}, {"Johns Hopkins University", "jhu.edu", "US"}};
        private static final String[] SURNAMES = {"Chen", "Okafor", "Nakamura", "Schmidt", "Patel", "Garcia", "Kowalski",
                "Andersson", "Haddad", "Moreau", "Rossi", "Kim", "Novak", "Oduya", "Fischer", "Silva", "Ivanova", "Murphy",
                "Tanaka", "Dubois", "Lindqvist", "Mensah", "Alvarez", "Singh", "Cohen", "Bauer", "Yilmaz", "Park", "Walsh", "Costa"};
        private static final String[] COUNTRIES = {"US", "US", "US", "US", "GB", "DE", "CA", "FR", "NL", "CH", "SE", "AU"};

        private List<Org> makeOrganizations() {
            List<Org> orgs = new ArrayList<>(o.orgs());
            Map<String, Integer> seen = new HashMap<>();
            LocalDate earliest = usageStart.minusMonths(18);
            for (int i = 0; i < o.orgs(); i++) {
                Org org = new Org();
                org.id = uuid();
                double tierDraw = rnd.nextDouble();
                org.enterprise = tierDraw >= 0.92;
                org.tier = org.enterprise ? null : tierDraw < 0.50 ? CORE : tierDraw < 0.78 ? TEAM : SCALE;
                org.academic = !org.enterprise && org.tier != SCALE ? rnd.nextDouble() < 0.22 : !org.enterprise && rnd.nextDouble() < 0.08;
                if (org.academic) {
                    String[] uni = pick(UNIVERSITIES);
                    String base = pick(SURNAMES) + " Lab, " + uni[0];
                    org.name = unique(seen, base);
                    org.domain = uni[1];
                    org.country = uni[2];
                } else {
                    String base = pick(PREFIX) + " " + pick(SUFFIX);
                    org.name = unique(seen, base);
                    org.domain = org.name.toLowerCase().replaceAll("[^a-z0-9]+", "") + (rnd.nextInt(5) == 0 ? ".io" : ".com");
                    org.country = pick(COUNTRIES);
                }
                org.email = (org.academic ? "lab-admin" : "billing") + "@" + org.domain;
                org.healthData = rnd.nextDouble() < (org.enterprise ? 0.45 : 0.12);
                org.byoLlm = rnd.nextDouble() < 0.1;
                // most customers predate the usage window; about one in eight joined during it
                org.createdOn = rnd.nextDouble() < 0.12
                        ? usageStart.plusDays(rnd.nextInt((int) Math.max(1, usageStart.until(usageEnd.minusDays(20), java.time.temporal.ChronoUnit.DAYS))))
                        : earliest.plusDays(rnd.nextInt((int) earliest.until(usageStart, java.time.temporal.ChronoUnit.DAYS)));
                double statusDraw = rnd.nextDouble();
                org.status = statusDraw < 0.03 ? "canceled" : statusDraw < 0.06 ? "past_due"
                        : statusDraw < 0.08 && org.createdOn.isAfter(usageEnd.minusDays(45)) ? "trialing" : "active";
                org.interval = org.enterprise || rnd.nextDouble() < 0.22 ? "year" : "month";
                org.growth = between(-0.02, 0.06);
                boolean over = !org.enterprise && !"canceled".equals(org.status) && rnd.nextDouble() < 0.165;
                int overMetric = rnd.nextDouble() < 0.6 ? 0 : rnd.nextDouble() < 0.6 ? 1 : 2;
                for (int m = 0; m < 3; m++) {
                    org.utilization[m] = over && m == overMetric ? between(1.08, 1.9) : between(0.2, 0.9);
                }
                if (org.enterprise) {
                    org.contractId = uuid();
                    org.contractAnnual = (100 + rnd.nextInt(400)) * 120_000L; // multiples of $1,200, $120k to $600k
                    org.contractSchedule = pick(new String[]{"annual_upfront", "quarterly", "monthly"});
                    org.paymentTerms = pick(new String[]{"net30", "net45", "net60"});
                    org.contractStart = o.today().minusMonths(1 + rnd.nextInt(30)).withDayOfMonth(1);
                }
                for (AddOn a : ADD_ONS) {
                    double p = switch (a.code) {
                        case "compliance-pack" -> org.enterprise || org.tier == SCALE ? 0.45 : 0.1;
                        case "premium-connector" -> 0.2;
                        case "extra-agent" -> 0.12;
                        case "extra-site" -> 0.08;
                        default -> org.tier == CORE ? 0.04 : 0.15;
                    };
                    if (rnd.nextDouble() < p) {
                        org.addOns.add(a);
                    }
                }
                orgs.add(org);
            }
            return orgs;
        }

        private static String unique(Map<String, Integer> seen, String base) {
            int n = seen.merge(base, 1, Integer::sum);
            if (n == 1) {
                return base;
            }
            // a second company of the same name is told apart by its city, as people do
            String[] cities = {"Boston", "Basel", "San Diego", "Cambridge", "Munich", "Austin", "Leiden", "Toronto",
                    "Durham", "Lyon", "Oslo", "Denver"};
            String candidate = base + " " + cities[(n - 2) % cities.length];
            return n - 2 < cities.length ? candidate : candidate + " " + ((n - 2) / cities.length + 1);
        }

        private String planCode(Org org) {
            if (org.enterprise) {
                return "enterprise";
            }
            return org.academic ? org.tier.code + "-academic" : org.tier.code;
        }

        private long[] includedFor(Org org) {
            if (org.enterprise) {
                // custom contract quotas: sized like a large Scale customer
                return new long[]{20_000_000, 5_000_000, 12_000};
            }
            return new long[]{org.tier.events, org.tier.tokens, org.tier.storageGb};
        }

        private Counts writeOrganizationsAndUsage(List<Org> orgs) throws SQLException {
            try (CopyWriter w = new CopyWriter(c, "organizations", "id, name, billing_email, domain, country, is_academic, "
                    + "academic_verified_at, academic_domain, is_enterprise, handles_health_data, byo_llm, created_at, updated_at")) {
                for (Org org : orgs) {
                    OffsetDateTime created = org.createdOn.atTime(9 + rnd.nextInt(8), rnd.nextInt(60)).atOffset(ZoneOffset.UTC);
                    w.value(org.id).value(org.name).value(org.email).value(org.domain).value(org.country)
                            .value(org.academic);
                    if (org.academic) {
                        w.value(created.plusDays(1 + rnd.nextInt(4))).value(org.domain);
                    } else {
                        w.nullValue().nullValue();
                    }
                    w.value(org.enterprise).value(org.healthData).value(org.byoLlm).value(created).value(created);
                    w.endRow();
                }
            }
            writeContracts(orgs);
            writeSubscriptions(orgs);
            long rows = writeUsage(orgs);
            int over = 0;
            for (Org org : orgs) {
                long[] inc = includedFor(org);
                long[] t = org.monthTotals.get(referenceMonth);
                if (t != null && !org.enterprise && (t[0] > inc[0] || t[1] > inc[1] || (t[3] > 0 && t[2] / t[3] > inc[2]))) {
                    over++;
                }
            }
            return new Counts(orgs.size(), 0, rows, 0, 0, 0, 0, over, 0);
        }

        private void writeContracts(List<Org> orgs) throws SQLException {
            try (CopyWriter w = new CopyWriter(c, "contracts", "organization_id, id, status, currency, annual_value_minor, "
                    + "billing_schedule, payment_terms, starts_on, ends_on, auto_renew, notice_days, discount_pct, overrides")) {
                for (Org org : orgs) {
                    if (!org.enterprise) {
                        continue;
                    }
                    int years = 1 + rnd.nextInt(3);
                    LocalDate ends = org.contractStart.plusYears(years);
                    while (!ends.isAfter(o.today())) {
                        ends = ends.plusYears(1); // renewed for whole years, as the contract rules require
                    }
                    w.value(org.id).value(org.contractId).value("active").value(CURRENCY).value(org.contractAnnual)
                            .value(org.contractSchedule).value(org.paymentTerms).value(org.contractStart).value(ends)
                            .value(rnd.nextDouble() < 0.6).value(pick(new String[]{"30", "60", "90"}))
                            .value(pick(new String[]{"0", "5", "10", "15"}))
                            .value("{\"quotas\": {\"instruments\": 200, \"seats\": 150, \"sites\": 6, \"agents\": 12, "
                                    + "\"events\": 20000000, \"ai_tokens\": 5000000, \"storage_gb\": 12000}}");
                    w.endRow();
                }
            }
            try (CopyWriter w = new CopyWriter(c, "contract_documents", "organization_id, id, contract_id, kind, status, "
                    + "signed_on, expires_on, url")) {
                for (Org org : orgs) {
                    if (!org.enterprise) {
                        continue;
                    }
                    List<String> kinds = new ArrayList<>(List.of("msa", "order_form", "dpa"));
                    if (org.healthData) {
                        kinds.add("baa");
                    }
                    for (String kind : kinds) {
                        boolean signed = switch (kind) {
                            case "msa", "order_form" -> true;
                            case "dpa" -> rnd.nextDouble() < 0.9;
                            default -> rnd.nextDouble() < 0.7; // some health-data customers lack a signed BAA
                        };
                        LocalDate signedOn = org.contractStart.minusDays(rnd.nextInt(20));
                        w.value(org.id).value(uuid()).value(org.contractId).value(kind)
                                .value(signed ? "signed" : rnd.nextBoolean() ? "sent" : "draft");
                        if (signed) {
                            w.value(signedOn).value(kind.equals("msa") ? signedOn.plusYears(5) : null);
                        } else {
                            w.nullValue().nullValue();
                        }
                        w.value("https://contracts.example.com/" + org.domain + "/" + kind + ".pdf");
                        w.endRow();
                    }
                }
            }
        }

        private void writeSubscriptions(List<Org> orgs) throws SQLException {
            try (CopyWriter subs = new CopyWriter(c, "subscriptions", "organization_id, id, plan_id, status, billing_interval, "
                    + "current_period_start, current_period_end, cancel_at_period_end, contract_id, started_at, canceled_at")) {
                for (Org org : orgs) {
                    org.subscriptionId = uuid();
                    LocalDate periodStart;
                    LocalDate periodEnd;
                    if (org.interval.equals("year")) {
                        LocalDate anchor = org.enterprise ? org.contractStart : org.createdOn.withDayOfMonth(1);
                        periodStart = anchor;
                        while (!periodStart.plusYears(1).isAfter(o.today())) {
                            periodStart = periodStart.plusYears(1);
                        }
                        periodEnd = periodStart.plusYears(1);
                    } else {
                        periodStart = o.today().withDayOfMonth(1);
                        periodEnd = periodStart.plusMonths(1);
                    }
                    subs.value(org.id).value(org.subscriptionId).value(planIds.get(planCode(org))).value(org.status)
                            .value(org.interval).value(periodStart).value(periodEnd)
                            .value(!"canceled".equals(org.status) && rnd.nextDouble() < 0.04)
                            .value(org.contractId).value(org.createdOn.atStartOfDay().atOffset(ZoneOffset.UTC))
                            .value("canceled".equals(org.status) ? o.today().minusDays(5 + rnd.nextInt(60)).atStartOfDay().atOffset(ZoneOffset.UTC) : null);
                    subs.endRow();
                }
            }
            try (CopyWriter w = new CopyWriter(c, "subscription_add_ons", "organization_id, id, subscription_id, add_on_code, quantity, active")) {
                for (Org org : orgs) {
                    for (AddOn a : org.addOns) {
                        int quantity = a.raises != null && rnd.nextDouble() < 0.3 ? 2 : 1;
                        org.addOnQuantity.put(a.code, quantity);
                        w.value(org.id).value(uuid()).value(org.subscriptionId).value(a.code)
                                .value(quantity).value(!"canceled".equals(org.status));
                        w.endRow();
                    }
                }
            }
            try (CopyWriter w = new CopyWriter(c, "entitlements", "organization_id, resource, limit_value, current_usage")) {
                for (Org org : orgs) {
                    long[] limits = org.enterprise ? new long[]{200, 150, 6, 12}
                            : new long[]{org.tier.instruments, org.tier.seats, org.tier.sites, org.tier.agents};
                    for (AddOn a : org.addOns) {
                        if (a.raises != null) {
                            limits[a.raises.equals("sites") ? 2 : 3] += (long) a.by * org.addOnQuantity.getOrDefault(a.code, 1);
                        }
                    }
                    for (int r = 0; r < RESOURCES.length; r++) {
                        long used = Math.min(limits[r], Math.max(0, Math.round(limits[r] * between(0.35, 1.0))));
                        w.value(org.id).value(RESOURCES[r]).value(limits[r]).value(used);
                        w.endRow();
                    }
                }
            }
        }

        // ---- usage ---------------------------------------------------------------------------
        /** Lab work dips in August and over the winter holidays. */
        private static double seasonal(int monthValue) {
            return switch (monthValue) {
                case 8 -> 0.78;
                case 12 -> 0.86;
                case 1 -> 0.94;
                case 7 -> 0.92;
                case 3, 4, 10 -> 1.06;
                default -> 1.0;
            };
        }

        private static double weekly(DayOfWeek d) {
            return switch (d) {
                case SATURDAY -> 0.38;
                case SUNDAY -> 0.27;
                case MONDAY -> 1.08;
                default -> 1.0;
            };
        }

        private long writeUsage(List<Org> orgs) throws SQLException {
            // sum of the weekly shape over the reference month: calibrates a daily base so the reference
            // month's expected total is the organization's target utilization of its quota
            double refShape = 0;
            for (LocalDate d = referenceMonth.atDay(1); !d.isAfter(referenceMonth.atEndOfMonth()); d = d.plusDays(1)) {
                refShape += weekly(d.getDayOfWeek()) * seasonal(d.getMonthValue());
            }
            int perDay = o.rowsPerDay();
            try (CopyWriter w = new CopyWriter(c, "usage_records", "organization_id, metric, value, recorded_at")) {
                for (Org org : orgs) {
                    long[] included = includedFor(org);
                    LocalDate from = org.createdOn.isAfter(usageStart) ? org.createdOn : usageStart;
                    LocalDate until = "canceled".equals(org.status) ? o.today().minusDays(70) : usageEnd;
                    double[] dailyBase = new double[3];
                    for (int m = 0; m < 2; m++) {
                        dailyBase[m] = included[m] * org.utilization[m] / refShape;
                    }
                    for (LocalDate d = from; d.isBefore(until); d = d.plusDays(1)) {
                        usageDay(w, org, d, dailyBase, included, perDay, rnd, 1440);
                    }
                    if (!until.isBefore(usageEnd) && !from.isAfter(usageEnd) && minuteOfToday > 0) {
                        // today, up to the clock's minute: month to date holds today's partial usage, as a live system does.
                        // Its own random stream, so the full days are the same whatever the time of day.
                        SplittableRandom today = new SplittableRandom(o.seed() ^ org.id.getLeastSignificantBits() ^ usageEnd.toEpochDay());
                        usageDay(w, org, usageEnd, dailyBase, included, perDay, today, minuteOfToday);
                    }
                }
                return w.rows();
            }
        }


        /**
         * One day of an organization's usage: the summed metrics spread over the day, and storage's one snapshot at
         * 23:55. Only records before {@code untilMinute} (minutes into the day, 1440 for the whole day) are written;
         * a partial day scales the summed metrics by the share of the day that has passed.
         */
        private void usageDay(CopyWriter w, Org org, LocalDate d, double[] dailyBase, long[] included, int perDay,
                              SplittableRandom r, int untilMinute) throws SQLException {
            YearMonth ym = YearMonth.from(d);
            long monthsFromRef = referenceMonth.until(ym, java.time.temporal.ChronoUnit.MONTHS);
            double trend = Math.pow(1 + org.growth, monthsFromRef);
            long[] totals = org.monthTotals.computeIfAbsent(ym, k -> new long[4]);
            double shape = weekly(d.getDayOfWeek()) * seasonal(d.getMonthValue()) * trend;
            for (int m = 0; m < 2; m++) {
                long day = Math.max(0, Math.round(dailyBase[m] * shape * between(r, 0.8, 1.2)));
                if (m == 1 && org.byoLlm) {
                    day = day / 5; // BYO-LLM customers send little token usage through the platform
                }
                long each = day / perDay;
                for (int k = 0; k < perDay; k++) {
                    long v = k == perDay - 1 ? day - each * (perDay - 1) : each;
                    int minuteOfDay = Math.min((int) ((k + 0.5) * 1440 / perDay) + r.nextInt(Math.max(1, 1440 / perDay / 2)), 1439);
                    if (minuteOfDay >= untilMinute) {
                        continue;
                    }
                    totals[m] += v;
                    w.value(org.id).value(METRICS[m]).value(v).value(d.atStartOfDay().plusMinutes(minuteOfDay).atOffset(ZoneOffset.UTC));
                    w.endRow();
                }
            }
            // storage: one snapshot a day of GB stored, growing slowly
            long gb = Math.max(1, Math.round(included[2] * org.utilization[2] * trend * between(r, 0.985, 1.015)));
            if (23 * 60 + 55 < untilMinute) {
                totals[2] += gb;
                totals[3] += 1;
                w.value(org.id).value(METRICS[2]).value(gb).value(d.atTime(23, 55).atOffset(ZoneOffset.UTC));
                w.endRow();
            }
        }

        // ---- invoices ------------------------------------------------------------------------
        private record Line(String kind, String description, String metric, long quantity, Long unitMinor, long amount) {
        }

        private int[] writeInvoices(List<Org> orgs) throws SQLException {
            int invoices = 0;
            int lines = 0;
            // one COPY at a time per connection: invoices first, their lines buffered and copied after
            List<Object[]> lineRows = new ArrayList<>();
            try (CopyWriter inv = new CopyWriter(c, "invoices", "organization_id, id, number, kind, status, currency, "
                    + "period_start, period_end, subtotal_minor, discount_minor, tax_minor, total_minor, amount_paid_minor, "
                    + "days_until_due, due_date, finalized_at, paid_at, voided_at, payment_method, created_at")) {
                for (Org org : orgs) {
                    YearMonth first = YearMonth.from(org.createdOn.isAfter(usageStart) ? org.createdOn : usageStart);
                    // the last full month is left for finance to invoice (the demo's invoice run)
                    YearMonth lastInvoiced = YearMonth.from(o.today()).minusMonths(2);
                    for (YearMonth ym = first; !ym.isAfter(lastInvoiced); ym = ym.plusMonths(1)) {
                        List<Line> ls = new ArrayList<>();
                        String kind;
                        if (org.enterprise) {
                            kind = "contract";
                            long installment = contractInstallment(org, ym);
                            if (installment > 0) {
                                ls.add(new Line("contract", "Enterprise agreement, " + org.contractSchedule.replace('_', ' ')
                                        + " installment", null, 1, installment, installment));
                            }
                        } else {
                            kind = "subscription";
                            long monthly = org.academic ? org.tier.monthly * 6 / 10 : org.tier.monthly;
                            boolean annualDue = org.interval.equals("year") && ym.getMonthValue() == org.createdOn.getMonthValue();
                            if (org.interval.equals("month")) {
                                ls.add(new Line("base_fee", planName(org) + " (monthly)", null, 1, monthly, monthly));
                            } else if (annualDue) {
                                long annual = monthly * 12 * 8 / 10;
                                ls.add(new Line("base_fee", planName(org) + " (annual, 20% off)", null, 1, annual, annual));
                            }
                            if (org.interval.equals("month") || annualDue) {
                                int months = org.interval.equals("month") ? 1 : 12;
                                for (AddOn a : org.addOns) {
                                    int qty = org.addOnQuantity.getOrDefault(a.code, 1);
                                    ls.add(new Line("add_on", a.name + (qty > 1 ? " × " + qty : "") + (months == 12 ? " (12 months)" : ""),
                                            null, (long) qty * months, a.monthly, a.monthly * qty * months));
                                }
                            }
                            ls.addAll(overageLines(org, ym));
                            if (ls.isEmpty()) {
                                continue;
                            }
                            if (ls.stream().allMatch(l -> l.kind.equals("overage"))) {
                                kind = "overage";
                            }
                        }
                        if (ls.isEmpty()) {
                            continue;
                        }
                        long subtotal = ls.stream().mapToLong(Line::amount).sum();
                        LocalDate issued = ym.plusMonths(1).atDay(1);
                        int days = org.enterprise ? Integer.parseInt(org.paymentTerms.substring(3)) : 30;
                        LocalDate due = issued.plusDays(days);
                        String status;
                        double draw = rnd.nextDouble();
                        boolean overdue = due.isBefore(o.today());
                        if (!overdue) {
                            status = draw < 0.35 ? "paid" : "open";
                        } else if ("past_due".equals(org.status) && ym.equals(lastInvoiced)) {
                            status = "open";
                        } else {
                            status = draw < 0.955 ? "paid" : draw < 0.975 ? "open" : draw < 0.99 ? "void" : "uncollectible";
                        }
                        UUID id = uuid();
                        OffsetDateTime finalized = issued.atTime(6, 0).atOffset(ZoneOffset.UTC);
                        long daysSinceIssue = java.time.temporal.ChronoUnit.DAYS.between(issued, o.today());
                        if (daysSinceIssue < 1) {
                            status = "open"; // issued today: nobody has paid yet
                        }
                        OffsetDateTime paidAt = null;
                        if (status.equals("paid")) {
                            long window = Math.max(1, Math.min(days + 5L, daysSinceIssue - 1));
                            paidAt = finalized.plusDays(rnd.nextInt((int) window) + 1L).withHour(8 + rnd.nextInt(9));
                            if (!paidAt.toLocalDate().isBefore(o.today())) {
                                paidAt = finalized.plusHours(4);
                            }
                        }
                        String number = "AV-" + ym.format(MONTH) + "-" + String.format("%05d", ++invoiceSeq);
                        inv.value(org.id).value(id).value(number).value(kind).value(status).value(CURRENCY)
                                .value(ym.atDay(1)).value(ym.plusMonths(1).atDay(1))
                                .value(subtotal).value(0L).value(0L).value(subtotal).value(status.equals("paid") ? subtotal : 0L)
                                .value(days).value(due).value(finalized).value(paidAt)
                                .value(status.equals("void") ? finalized.plusDays(3) : null)
                                .value(status.equals("paid") ? (org.enterprise ? pick(new String[]{"wire", "ach"}) : pick(new String[]{"card", "card", "ach"})) : null)
                                .value(finalized);
                        inv.endRow();
                        invoices++;
                        int no = 0;
                        for (Line l : ls) {
                            lineRows.add(new Object[]{org.id, id, ++no, l.kind, l.description, l.metric, l.quantity,
                                    l.unitMinor, l.amount, CURRENCY});
                        }
                    }
                }
            }
            try (CopyWriter ln = new CopyWriter(c, "invoice_lines", "organization_id, invoice_id, line_no, kind, description, "
                    + "metric, quantity, unit_amount_minor, amount_minor, currency")) {
                for (Object[] row : lineRows) {
                    for (Object v : row) {
                        ln.value(v);
                    }
                    ln.endRow();
                    lines++;
                }
            }
            return new int[]{invoices, lines};
        }

        private String planName(Org org) {
            return org.academic ? org.tier.name + " Academic" : org.tier.name;
        }

        private long contractInstallment(Org org, YearMonth ym) {
            YearMonth start = YearMonth.from(org.contractStart);
            if (ym.isBefore(start)) {
                return 0;
            }
            long monthsIn = start.until(ym, java.time.temporal.ChronoUnit.MONTHS);
            return switch (org.contractSchedule) {
                case "annual_upfront" -> monthsIn % 12 == 0 ? org.contractAnnual : 0;
                case "quarterly" -> monthsIn % 3 == 0 ? org.contractAnnual / 4 : 0;
                default -> org.contractAnnual / 12;
            };
        }

        /** Overage lines for the demo's invoice history, priced by the rating engine from the demo catalog. */
        private List<Line> overageLines(Org org, YearMonth ym) {
            long[] t = org.monthTotals.get(ym);
            List<Line> out = new ArrayList<>();
            if (t == null) {
                return out;
            }
            Map<String, Long> usage = new HashMap<>();
            usage.put("events", t[0]);
            usage.put("ai_tokens", t[1]);
            if (t[3] > 0) {
                usage.put("storage_gb", t[2] / t[3]); // the month's average of daily snapshots, whole GB
            }
            RatingFacts facts = new RatingFacts(RatingFacts.Interval.MONTH, null, Map.of(), org.byoLlm, null, BigDecimal.ZERO, 0);
            Rating r = RatingEngine.rate(catalog.plan(planCode(org)).orElseThrow(), catalog.addOnsByCode(), facts, usage);
            for (RatedLine l : r.lines()) {
                if (l.kind() == RatedLine.Kind.OVERAGE && l.amountMinor() > 0) {
                    out.add(new Line("overage", l.description(), l.code(), l.quantity(), null, l.amountMinor()));
                }
            }
            return out;
        }

        // ---- academic verifications ------------------------------------------------------------
        private static final String[][] PENDING_DOMAINS = {
                {"Harvard University", "harvard.edu"}, {"University of Edinburgh", "ed.ac.uk"},
                {"Universidade de São Paulo", "usp.br"}, {"Seoul National University", "snu.ac.kr"},
                {"University of Cape Town", "uct.ac.za"}, {"Universität Heidelberg", "uni-heidelberg.de"},
                {"UC Berkeley", "berkeley.edu"}, {"Monash University", "monash.edu"},
                {null, "gmail.com"}, {null, "outlook.com"}, {"Institute of Technology (unverified)", "biolab-research.org"}};

        private int writeVerifications(List<Org> orgs) throws SQLException {
            int pending = 0;
            try (CopyWriter w = new CopyWriter(c, "academic_verifications", "organization_id, id, requester_email, institution, "
                    + "email_domain, method, sheerid_reference, evidence, status, submitted_at, decided_at, decided_by, "
                    + "decision_reason, reverify_due")) {
                for (Org org : orgs) {
                    if (org.academic) {
                        OffsetDateTime submitted = org.createdOn.atTime(10, 0).atOffset(ZoneOffset.UTC);
                        String method = pick(new String[]{"auto", "auto", "manual", "sheerid"});
                        w.value(org.id).value(uuid()).value("pi@" + org.domain).value(org.name.substring(org.name.lastIndexOf(", ") + 2))
                                .value(org.domain).value(method)
                                .value(method.equals("sheerid") ? "SID-" + Long.toHexString(rnd.nextLong()).substring(0, 10) : null)
                                .value("{\"notes\": \"Verified against the institution's domain\"}")
                                .value("approved").value(submitted).value(submitted.plusDays(1))
                                .value(method.equals("auto") ? "auto-domain-match" : pick(new String[]{"maya.support", "li.support", "sam.support"}))
                                .nullValue().value(submitted.toLocalDate().plusMonths(12));
                        w.endRow();
                    } else if (!org.enterprise && (org.tier == CORE || org.tier == TEAM) && rnd.nextDouble() < 0.07) {
                        String[] d = pick(PENDING_DOMAINS);
                        String method = d[0] == null ? "manual" : pick(new String[]{"auto", "manual", "sheerid"});
                        OffsetDateTime submitted = o.asOf().atOffset(ZoneOffset.UTC).minusHours(6 + rnd.nextInt(24 * 9));
                        boolean info = rnd.nextDouble() < 0.2;
                        w.value(org.id).value(uuid()).value(pick(new String[]{"pi", "lab.manager", "research.admin", "j.doe"}) + "@" + d[1])
                                .value(d[0]).value(d[1]).value(method)
                                .value(method.equals("sheerid") ? "SID-" + Long.toHexString(rnd.nextLong()).substring(0, 10) : null)
                                .value(d[0] == null ? "{\"notes\": \"Requester used a personal address\"}"
                                        : "{\"links\": [\"https://" + d[1] + "/research\"]}")
                                .value(info ? "info_requested" : "pending").value(submitted)
                                .nullValue().nullValue().value(info ? "Please send a faculty page that lists you" : null).nullValue();
                        w.endRow();
                        pending++;
                    }
                }
            }
            return pending;
        }
    }
}
