package com.antevus.console.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.demo.DemoData;
import com.antevus.console.support.TestPostgres;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Demo data bulk load (COPY into the partitioned usage_records with its primary key), run with
 * {@code mvn -Pbench verify}. Sized by -Dbench.orgs (default 1000) and -Dbench.rowsPerDay (default 6: about 5M rows).
 */
@Tag("bench")
class DemoDataLoadBench {
    @Test
    void demoDataLoadRate() {
        int orgs = Integer.getInteger("bench.orgs", 1000);
        int perDay = Integer.getInteger("bench.rowsPerDay", 6);
        DataSource ds = TestPostgres.dataSource(TestPostgres.freshDatabase("bench_demo"), "postgres");
        DemoData.Counts c = DemoData.load(ds, new DemoData.Options(orgs, 13, DemoData.Options.DEFAULT_SEED,
                java.time.Instant.parse("2026-11-22T12:00:00Z"), perDay), false);
        assertThat(c.usageRows()).isPositive();
        double seconds = c.millis() / 1000.0;
        BenchResults.record("demo_data.load_seconds", seconds, "s",
                c.usageRows() + " usage rows, " + c.organizations() + " orgs, 13 months, one transaction");
        BenchResults.record("demo_data.usage_rows_per_second", c.usageRows() / seconds, "rows/s",
                "whole load incl. catalog, invoices, contracts");
    }
}
