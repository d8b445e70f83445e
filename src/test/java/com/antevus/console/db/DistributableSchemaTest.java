package com.antevus.console.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.support.TestPostgres;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema can be distributed by organization with Citus (issue 16, item 9), read from the migrated database's own
 * catalog: every unique key and primary key of a per-organization table holds {@code organization_id}, and every
 * foreign key between two per-organization tables carries it too (Citus refuses both otherwise).
 */
class DistributableSchemaTest {
    static DataSource owner;

    /**
     * Tables whose every row belongs to one organization (organization_id not null), distributed by it; organizations
     * itself is distributed by id. audit_log and stripe_events, whose rows may belong to none, stay local.
     */
    static final String PER_ORGANIZATION = "select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            + "where n.nspname = 'billing' and c.relkind in ('r', 'p') and not c.relispartition and exists ("
            + "select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organization_id' and a.attnotnull)";

    @BeforeAll
    static void setUp() {
        owner = TestPostgres.dataSource(TestPostgres.freshDatabase("citus"), "postgres");
        Migrations.migrate(owner);
    }

    static List<String> names(String sql) throws SQLException {
        return TestPostgres.rows(owner, sql).stream().map(r -> String.valueOf(r[0])).toList();
    }

    @Test
    void thereArePerOrganizationTablesToCheck() throws SQLException {
        assertThat(names("select oid::regclass::text from (" + PER_ORGANIZATION + ") t order by 1"))
                .contains("invoices", "invoice_lines", "subscriptions", "usage_records", "invoice_journal", "invoice_voids")
                .doesNotContain("audit_log", "stripe_events", "plans");
        System.out.println("Distributed by organization_id: " + names("select oid::regclass::text from (" + PER_ORGANIZATION + ") t order by 1"));
    }

    @Test
    void everyUniqueKeyOfAPerOrganizationTableHoldsTheOrganization() throws SQLException {
        List<String> missing = names("select pg_get_indexdef(x.indexrelid) from pg_index x "
                + "where x.indisunique and x.indrelid in (" + PER_ORGANIZATION + ") and not exists ("
                + "select 1 from unnest(x.indkey) k join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k "
                + "where a.attname = 'organization_id') order by 1");
        assertThat(missing).as("unique indexes Citus would refuse").isEmpty();
    }

    @Test
    void everyForeignKeyBetweenPerOrganizationTablesCarriesTheOrganization() throws SQLException {
        List<String> missing = names("select f.conrelid::regclass || ': ' || pg_get_constraintdef(f.oid) from pg_constraint f "
                + "where f.contype = 'f' and f.conrelid in (" + PER_ORGANIZATION + ") and f.confrelid in (" + PER_ORGANIZATION + ") "
                + "and not exists (select 1 from unnest(f.conkey) k join pg_attribute a on a.attrelid = f.conrelid "
                + "and a.attnum = k where a.attname = 'organization_id') order by 1");
        assertThat(missing).as("foreign keys Citus would refuse").isEmpty();
    }
}
