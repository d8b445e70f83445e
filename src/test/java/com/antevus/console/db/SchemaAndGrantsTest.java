package com.antevus.console.db;

import com.antevus.console.demo.DemoData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.core.UserFacingException;
import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema's own guarantees, checked on a real PostgreSQL with the real role grants. */
class SchemaAndGrantsTest {
    static String db;
    static DataSource owner;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("grants");
        owner = TestPostgres.dataSource(db, "postgres");
        DemoData.load(owner, new DemoData.Options(60, 3, 1, java.time.Instant.parse("2026-11-15T12:00:00Z"), 1), false);
        TestPostgres.createLogins(owner, "sg_");
    }

    private static void exec(String user, String sql) throws SQLException {
        try (Connection c = TestPostgres.dataSource(db, user).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = owner.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void migratingAgainAppliesNothing() {
        Migrations.Result again = Migrations.migrate(owner);
        assertThat(again.applied()).isZero();
        assertThat(again.schemaVersion()).isEqualTo(Migrations.latestKnownVersion(owner));
    }

    @Test
    void aPublishedCatalogIsImmutableForAdminsTooWhicheverRowTheyTouch() throws SQLException {
        long published = count("select id from catalog_versions where status = 'published' order by version_no limit 1");
        if (count("select count(*) from catalog_versions where status = 'draft'") == 0) {
            exec("postgres", "insert into catalog_versions (version_no, status, notes) "
                    + "select max(version_no) + 1, 'draft', 'scratch draft' from catalog_versions");
        }
        long draft = count("select id from catalog_versions where status = 'draft'");
        long plan = count("select min(id) from plans where catalog_version_id = " + published);
        String prices = String.valueOf(count("select sum(monthly_price_minor) from plans where catalog_version_id = " + published));
        String[] attempts = {
                // move a plan out of the published version into the draft (V3 looked only at the new row)
                "update plans set catalog_version_id = " + draft + " where id = " + plan,
                // unpublish, so that its prices could be changed and republished
                "update catalog_versions set status = 'draft' where id = " + published,
                "update catalog_versions set effective_from = date '2030-01-01' where id = " + published,
                "delete from catalog_versions where id = " + published,
                "delete from plans where id = " + plan,
                "update plans set monthly_price_minor = monthly_price_minor * 10 where id = " + plan};
        for (String sql : attempts) {
            assertThatThrownBy(() -> exec("sg_admin", sql)).as(sql).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).as("refused by the trigger, not a missing grant: " + sql)
                    .isEqualTo("55000");
        }
        assertThat(count("select count(*) from plans where id = " + plan + " and catalog_version_id = " + published)).isOne();
        assertThat(count("select count(*) from catalog_versions where id = " + published + " and status = 'published'")).isOne();
        assertThat(String.valueOf(count("select sum(monthly_price_minor) from plans where catalog_version_id = " + published))).isEqualTo(prices);
        // what stays possible on a published version: recording its Stripe sync; and a draft changes freely
        exec("sg_admin", "update catalog_versions set stripe_synced_at = stripe_synced_at where id = " + published);
        exec("sg_admin", "update catalog_versions set notes = notes where id = " + draft);
    }

    @Test
    void supportCannotChangePlansInvoicesOrContracts() throws SQLException {
        String before = String.valueOf(count("select sum(monthly_price_minor) from plans"));
        assertThatThrownBy(() -> exec("sg_support", "update plans set monthly_price_minor = 1"))
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
        assertThatThrownBy(() -> exec("sg_support", "update invoices set status = 'void'"))
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
        assertThatThrownBy(() -> exec("sg_support", "update contracts set annual_value_minor = 0"))
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
        assertThat(String.valueOf(count("select sum(monthly_price_minor) from plans"))).isEqualTo(before);
        // what support may do: decide verifications and flag an organization academic
        exec("sg_support", "update academic_verifications set decision_reason = 'checked' where status = 'approved'");
        exec("sg_support", "update organizations set academic_domain = academic_domain where is_academic");
    }

    @Test
    void salesCannotVoidInvoicesButCanEditContracts() throws SQLException {
        assertThatThrownBy(() -> exec("sg_sales", "update invoices set status = 'void', voided_at = now()"))
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
        assertThat(count("select count(*) from contracts")).isPositive();
        exec("sg_sales", "update contracts set notes = 'renewal call booked'");
        assertThat(count("select count(*) from contracts where notes = 'renewal call booked'"))
                .isEqualTo(count("select count(*) from contracts"));
    }

    @Test
    void financeCannotEditTheCatalogButCanWriteInvoices() throws SQLException {
        assertThatThrownBy(() -> exec("sg_finance", "update plans set name = 'x'"))
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
        assertThatThrownBy(() -> exec("sg_finance", "insert into add_ons (catalog_version_id, code, name, monthly_price_minor) "
                + "select id, 'free-lunch', 'Free lunch', 0 from catalog_versions limit 1"))
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
        exec("sg_finance", "update invoices set out_of_band_reference = 'WIRE-1' where status = 'paid' and number is not null "
                + "and id = (select id from invoices where status = 'paid' order by number limit 1)");
        assertThat(count("select count(*) from invoices where out_of_band_reference = 'WIRE-1'")).isEqualTo(1);
    }

    @Test
    void readOnlyCanOnlyReadAndNobodyWritesTheAuditLogDirectly() throws SQLException {
        assertThat(count("select count(*) from organizations")).isEqualTo(60);
        exec("sg_readonly", "select count(*) from organizations");
        assertThatThrownBy(() -> exec("sg_readonly", "update organizations set name = 'x'"))
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
        for (String role : new String[]{"sg_admin", "sg_finance", "sg_readonly"}) {
            assertThatThrownBy(() -> exec(role, "insert into audit_log (table_name, operation) values ('x', 'FAKE')"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
            assertThatThrownBy(() -> exec(role, "delete from audit_log"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
        }
        // admin may edit the catalog (as a draft: a published version refuses every change, admin's included)
        exec("sg_admin", "insert into catalog_versions (version_no, status, notes) values (99, 'draft', 'admin edit')");
        assertThatThrownBy(() -> exec("sg_admin", "update plans set name = name || ' x' where code = 'core'"))
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("55000");
    }

    @Test
    void everyWriteIsAuditedWithSessionUserReasonAndBeforeAfter() throws SQLException {
        long before = count("select count(*) from audit_log where table_name = 'organizations'");
        try (Connection c = TestPostgres.dataSource(db, "sg_sales").getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set local console.reason = 'customer renamed after acquisition'");
            s.execute("set local console.app_user = 'dana.sales'");
            s.execute("update organizations set name = 'Renamed Labs', version = version + 1 "
                    + "where id = (select id from organizations order by name limit 1)");
            c.commit();
        }
        assertThat(count("select count(*) from audit_log where table_name = 'organizations'")).isEqualTo(before + 1);
        try (Connection c = owner.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select db_user, app_user, operation, reason, old_row->>'name', new_row->>'name', "
                     + "organization_id::text = row_key->>'id' from audit_log where table_name = 'organizations' order by id desc limit 1")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("sg_sales");
            assertThat(rs.getString(2)).as("a name the session claims is not the person (V8): the login is").isNull();
            assertThat(rs.getString(3)).isEqualTo("UPDATE");
            assertThat(rs.getString(4)).isEqualTo("customer renamed after acquisition");
            assertThat(rs.getString(5)).isNotEqualTo("Renamed Labs");
            assertThat(rs.getString(6)).isEqualTo("Renamed Labs");
            assertThat(rs.getBoolean(7)).isTrue();
        }
    }

    @Test
    void anInvoiceWhoseLinesDoNotAddUpIsRefusedAtCommit() throws SQLException {
        long invoicesBefore = count("select count(*) from invoices");
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("insert into invoices (organization_id, id, kind, status, currency, subtotal_minor, total_minor) "
                    + "select id, '00000000-0000-4000-8000-000000000001', 'one_off', 'draft', 'USD', 1000, 1000 from organizations limit 1");
            s.execute("insert into invoice_lines (organization_id, invoice_id, line_no, kind, description, amount_minor, currency) "
                    + "select organization_id, id, 1, 'one_off', 'Setup', 999, 'USD' from invoices where id = '00000000-0000-4000-8000-000000000001'");
            assertThatThrownBy(c::commit).isInstanceOf(SQLException.class).hasMessageContaining("does not equal the sum of its lines");
            c.rollback();
        }
        assertThat(count("select count(*) from invoices")).isEqualTo(invoicesBefore);
    }

    @Test
    void aSchemaNewerThanTheConsoleIsRefusedAndNothingIsWritten() throws SQLException {
        String newer = TestPostgres.freshDatabase("newer");
        DataSource ds = TestPostgres.dataSource(newer, "postgres");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, execution_time, success) values (999, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'x', 1, true)");
        }
        long rowsBefore = countIn(ds, "select count(*) from flyway_schema_history");
        assertThatThrownBy(() -> Migrations.migrate(ds)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("version 999").hasMessageContaining("newer than this console")
                .hasMessageContaining("nothing was changed");
        assertThat(countIn(ds, "select count(*) from flyway_schema_history")).isEqualTo(rowsBefore);
    }

    private static long countIn(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
