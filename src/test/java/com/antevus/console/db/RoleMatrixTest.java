package com.antevus.console.db;

import com.antevus.console.demo.DemoData;
import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grants mean what the README says (issue 16, item 4): each login connects and tries each write directly in SQL,
 * the way someone with psql and the login's password would. Every attempt runs in a transaction that is rolled back,
 * so the allowed ones prove a rule is not a blanket refusal without changing the data the others look at.
 */
class RoleMatrixTest {
    static final String[] ROLES = {"readonly", "support", "sales", "finance", "admin"};
    static String db;
    static DataSource owner;
    static final Map<String, DataSource> LOGINS = new LinkedHashMap<>();

    /** What one attempt is expected to do, and what it did. */
    record Attempt(String login, String sql, boolean allowed, String sqlState) {
    }

    static final List<Attempt> TRIED = new ArrayList<>();

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("rolematrix");
        owner = TestPostgres.dataSource(db, "postgres");
        DemoData.load(owner, new DemoData.Options(40, 3, 7, java.time.Instant.parse("2026-11-15T12:00:00Z"), 1), false);
        TestPostgres.createLogins(owner, "rm_");
        for (String role : ROLES) {
            LOGINS.put(role, TestPostgres.dataSource(db, "rm_" + role));
        }
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            // one open invoice that is in Stripe, and one draft that never reached it
            s.execute("update invoices set stripe_invoice_id = 'in_matrix_open' where id = (select id from invoices "
                    + "where status = 'open' order by number limit 1)");
            s.execute("insert into invoices (organization_id, id, kind, status, currency, period_start, period_end, "
                    + "subtotal_minor, discount_minor, tax_minor, total_minor) select o.id, gen_random_uuid(), 'one_off', 'draft', "
                    + "'USD', date '2030-01-01', date '2030-02-01', 0, 0, 0, 0 from organizations o order by o.name limit 1");
        }
    }

    /** Runs the statements as {@code login} in one transaction, rolls it back; null when it went through. */
    static String tryAs(String login, String... sql) {
        try (Connection c = LOGINS.get(login).getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String q : sql) {
                    s.execute(q);
                }
                return null;
            } catch (SQLException e) {
                return e.getSQLState();
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new AssertionError("could not connect as " + login, e);
        }
    }

    static void refused(String login, String... sql) {
        String state = tryAs(login, sql);
        TRIED.add(new Attempt(login, String.join("; ", sql), false, state));
        assertThat(state).as(login + " must be refused: " + String.join("; ", sql)).isNotNull();
        assertThat(state).as("refused for want of a grant or by a rule, not by accident: " + String.join("; ", sql))
                .isIn("42501", "55000", "23514");
    }

    static void allowed(String login, String... sql) {
        String state = tryAs(login, sql);
        TRIED.add(new Attempt(login, String.join("; ", sql), true, state));
        assertThat(state).as(login + " may: " + String.join("; ", sql)).isNull();
    }

    static String one(String sql) throws SQLException {
        try (Connection c = owner.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static List<String> tables(String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = owner.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                     + "where n.nspname = '" + schema + "' and c.relkind in ('r', 'p') and not c.relispartition order by 1")) {
            while (rs.next()) {
                out.add(schema + "." + rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void readonlyWritesNothingAnywhereTheSandboxIncluded() throws SQLException {
        List<String> all = new ArrayList<>(tables("billing"));
        all.addAll(tables("stripe_sandbox"));
        assertThat(all).contains("billing.invoices", "stripe_sandbox.objects", "stripe_sandbox.idempotency");
        for (String t : all) {
            refused("readonly", "insert into " + t + " default values");
            refused("readonly", "update " + t + " set " + firstColumn(t) + " = " + firstColumn(t) + " where false");
            refused("readonly", "delete from " + t + " where false");
        }
        allowed("readonly", "select count(*) from stripe_sandbox.objects", "select count(*) from billing.invoices");
        // the roles that act in Stripe write the sandbox
        for (String role : new String[]{"support", "sales", "finance", "admin"}) {
            allowed(role, "insert into stripe_sandbox.counters (name, value) values ('matrix', 1)");
        }
    }

    static String firstColumn(String table) throws SQLException {
        String[] p = table.split("\\.");
        return one("select column_name from information_schema.columns where table_schema = '" + p[0] + "' and table_name = '"
                + p[1] + "' and is_identity = 'NO' and is_generated = 'NEVER' order by column_default is null desc, ordinal_position limit 1");
    }

    @Test
    void nobodyButTheMigrationOwnerTouchesTheMigrationHistoryOrTheAuditLog() {
        for (String role : ROLES) {
            for (String t : new String[]{"flyway_schema_history", "audit_log"}) {
                refused(role, "update " + t + " set " + (t.equals("audit_log") ? "reason = 'x'" : "checksum = 0"));
                refused(role, "delete from " + t);
                refused(role, "insert into " + t + " default values");
                refused(role, "truncate " + t);
            }
        }
    }

    @Test
    void invoicesAreNeverDeletedAndAreVoidedOnlyThroughTheVoidPath() throws SQLException {
        String open = one("select organization_id || ',' || id from invoices where stripe_invoice_id = 'in_matrix_open'");
        String draft = one("select organization_id || ',' || id || ',' || version from invoices where period_start = date '2030-01-01'");
        String[] o = open.split(",");
        String[] d = draft.split(",");
        String where = " where organization_id = '" + o[0] + "' and id = '" + o[1] + "'";
        for (String role : ROLES) {
            refused(role, "delete from invoices" + where);
            refused(role, "update invoices set status = 'void', voided_at = now()" + where);
            refused(role, "truncate invoices cascade");
            refused(role, "insert into invoice_voids (organization_id, invoice_id, voided_at, reason, stripe_evidence) values ('"
                    + o[0] + "', '" + o[1] + "', now(), 'x', 'req_forged')");
        }
        // forging the discard path's own setting does not help: nobody holds the delete grant
        refused("finance", "select set_config('billing.discarding_draft', '" + d[1] + "', true)",
                "delete from invoices where id = '" + d[1] + "'");
        String voidCall = "select void_invoice('" + o[0] + "', '" + o[1] + "', now(), 'req_matrix')";
        String reason = "select set_config('console.reason', 'customer cancelled the order', true)";
        for (String role : new String[]{"readonly", "support", "sales"}) {
            refused(role, reason, voidCall);
        }
        refused("finance", voidCall); // no reason
        refused("finance", reason, "select void_invoice('" + o[0] + "', '" + o[1] + "', now(), 'because I said so')"); // no evidence
        refused("finance", reason, "select void_invoice('" + d[0] + "', '" + d[1] + "', now(), 'req_matrix')"); // never in Stripe
        allowed("finance", reason, voidCall);
        allowed("admin", reason, voidCall);
        // once void, it stays void
        refused("finance", reason, voidCall, "update invoices set status = 'open'" + where);
        // the discard path: finance throws away a draft that Stripe never saw, and nothing else
        allowed("finance", reason, "select discard_invoice_draft('" + d[0] + "', '" + d[1] + "', " + d[2] + ")");
        assertThat(discard("finance", o[0], o[1])).as("an invoice that is in Stripe is not discarded").isFalse();
        refused("sales", reason, "select discard_invoice_draft('" + d[0] + "', '" + d[1] + "', " + d[2] + ")");
        assertThat(one("select count(*) from invoices where period_start = date '2030-01-01'")).isEqualTo("1");
    }

    static boolean discard(String login, String org, String id) throws SQLException {
        try (Connection c = LOGINS.get(login).getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select discard_invoice_draft('" + org + "', '" + id + "', "
                         + "(select version from invoices where id = '" + id + "'))")) {
                rs.next();
                return rs.getBoolean(1);
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void supportMovesASubscriptionOnlyBetweenAPlanAndItsAcademicTwinOfTheSameVersion() throws SQLException {
        String sub = one("select s.organization_id || ',' || s.id || ',' || p.id || ',' || ap.id from subscriptions s "
                + "join plans p on p.id = s.plan_id join plans ap on ap.academic_of_plan_id = p.id "
                + "where s.status <> 'canceled' order by s.id limit 1");
        assertThat(sub).as("the demo data has a subscription on a plan with an academic twin").isNotNull();
        String[] s = sub.split(",");
        String where = " where organization_id = '" + s[0] + "' and id = '" + s[1] + "'";
        String other = one("select id from plans where catalog_version_id = (select catalog_version_id from plans where id = " + s[2]
                + ") and id not in (" + s[2] + ", " + s[3] + ") and academic_of_plan_id is null order by id limit 1");
        allowed("support", "update subscriptions set plan_id = " + s[3] + where);
        allowed("support", "update subscriptions set plan_id = " + s[3] + where, "update subscriptions set plan_id = " + s[2] + where);
        refused("support", "update subscriptions set plan_id = " + other + where);
        // an unpublished $0 plan in a draft version
        refused("support", "update subscriptions set plan_id = (select id from plans where catalog_version_id = "
                + "(select id from catalog_versions where status = 'draft' order by id limit 1) order by monthly_price_minor nulls first limit 1)" + where);
        allowed("sales", "update subscriptions set plan_id = " + other + where);
        refused("support", "update subscriptions set status = 'canceled'" + where);
    }

    /** Coupons on organizations and credit sales are finance's (and admins'); an application changes only by its removal. */
    @Test
    void couponApplicationsAndCreditSalesAreFinancesAndNeverDeleted() {
        String coupon = "insert into coupons (stripe_coupon_id, name, percent_off, duration) values ('RM-10', 'Matrix', 10, 'once')";
        String apply = "insert into coupon_applications (organization_id, coupon_id, scope, first_month, months, reason) "
                + "select (select id from organizations order by name limit 1), id, 'invoice', date '2026-12-01', 1, 'matrix' "
                + "from coupons where stripe_coupon_id = 'RM-10'";
        String sell = "insert into credit_sales (organization_id, product_code, credits, price_minor, currency, reason) "
                + "select id, 'credits-10k', 10000, 10000, 'USD', 'matrix' from organizations order by name limit 1";
        for (String role : new String[]{"finance", "admin"}) {
            allowed(role, coupon, apply);
            allowed(role, sell);
            allowed(role, coupon, apply, "update coupon_applications set removed_at = now(), removed_by = session_user, "
                    + "removed_reason = 'matrix' where reason = 'matrix'");
            refused(role, coupon, apply, "update coupon_applications set reason = 'rewritten' where reason = 'matrix'");
            refused(role, coupon, apply, "delete from coupon_applications where reason = 'matrix'");
            refused(role, sell, "delete from credit_sales where reason = 'matrix'");
        }
        for (String role : new String[]{"support", "sales", "readonly"}) {
            refused(role, apply);
            refused(role, sell);
        }
    }

    @Test
    void theAuditLogRecordsTheLoginWhateverNameTheSessionClaims() throws SQLException {
        String id = one("select id from invoices where status = 'paid' order by number limit 1");
        try (Connection c = LOGINS.get("finance").getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set local console.app_user = 'the-ceo'");
            s.execute("set local console.reason = 'matrix: who am I'");
            s.execute("update invoices set memo = 'matrix' where id = '" + id + "'");
            try (ResultSet rs = s.executeQuery("select db_user, coalesce(app_user, '-') from audit_log "
                    + "where reason = 'matrix: who am I' order by id desc limit 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("rm_finance");
                assertThat(rs.getString(2)).as("a name the session claims is not recorded").isEqualTo("-");
            }
            c.rollback();
        }
        TRIED.add(new Attempt("finance", "set console.app_user then write", true, null));
    }

    @org.junit.jupiter.api.AfterAll
    static void report() {
        long refused = TRIED.stream().filter(a -> !a.allowed()).count();
        System.out.printf("Role matrix: %d attempts as %d logins, %d refused as expected, %d allowed as expected%n",
                TRIED.size(), ROLES.length, refused, TRIED.size() - refused);
    }
}
