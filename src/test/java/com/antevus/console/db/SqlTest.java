package com.antevus.console.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The parameter binding every plain-JDBC repository statement goes through, against the real server. */
class SqlTest {
    @Test
    void parametersAreBoundByTheirTypeAndRowsComeBackMapped() throws Exception {
        DataSource ds = TestPostgres.dataSource(TestPostgres.freshDatabase("sql_helper"), "postgres");
        UUID id = UUID.fromString("6f1c1d2e-0000-4000-8000-000000000017");
        try (Connection c = ds.getConnection()) {
            // each parameter arrives as the type the server expects: a date, the first day of a month, a UTC instant, a uuid, null
            List<String> row = Sql.list(c, "select ?::date + 1, ?::date::text, "
                            + "to_char(?::timestamptz at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'), ?::uuid::text, coalesce(?::text, 'null')",
                    rs -> rs.getObject(1, LocalDate.class) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getString(5),
                    LocalDate.of(2028, 2, 28), YearMonth.of(2027, 1),
                    Instant.parse("2027-01-31T23:52:00Z"), id, null);
            assertThat(row).containsExactly("2028-02-29|2027-01-01|2027-01-31 23:52:00|" + id + "|null");

            Sql.update(c, "create temporary table t (n int, at timestamptz)");
            assertThat(Sql.update(c, "insert into t values (?, ?), (?, ?)", 1, Instant.parse("2027-01-01T00:00:00Z"), 2, null)).isEqualTo(2);
            assertThat(Sql.first(c, "select n from t where at = ?", rs -> rs.getInt(1), Instant.parse("2027-01-01T00:00:00Z"))).contains(1);
            assertThat(Sql.first(c, "select n from t where n = ?", rs -> rs.getInt(1), 3)).isEmpty();
            assertThat(Sql.update(c, "delete from t where at is null")).isEqualTo(1);

            // a batch whose rows mix nulls and values in one column, and an array parameter for "= any (?)"
            assertThat(Sql.batch(c, "insert into t values (?, ?::timestamptz)", List.of(new Object[]{10, null},
                    new Object[]{11, Instant.parse("2027-02-01T00:00:00Z")}, new Object[]{12, null}))).containsExactly(1, 1, 1);
            assertThat(Sql.batch(c, "insert into t values (?, ?)", List.of())).isEmpty();
            assertThat(Sql.list(c, "select n from t where n = any (?) order by n", rs -> rs.getInt(1),
                    Sql.array("integer", List.of(1, 11, 12, 99)))).containsExactly(1, 11, 12);
            assertThat(Sql.first(c, "select count(*) from t where at is null", rs -> rs.getLong(1))).contains(2L);
        }
    }
}
