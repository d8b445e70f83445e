package com.antevus.console.support;

import com.antevus.console.core.ConfigLoader;
import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.db.DemoData;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.shell.Startup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/** Real console contexts for UI tests: a fresh database on the test server with demo data, started as the app starts. */
public final class TestContexts {
    private TestContexts() {
    }

    public static ConsoleConfig configFor(String database) {
        try {
            Path home = Files.createTempDirectory("console-home");
            return new ConfigLoader(Map.of(), Map.of("os.name", "Linux"))
                    .load(new ConfigLoader.Overrides(home, TestPostgres.jdbcUrl(database), "postgres", null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A started context over a new database holding {@code orgs} demo organizations. */
    public static ConsoleContext withDemoData(String hint, int orgs) {
        return withDemoData(hint, orgs, LocalDate.of(2026, 11, 22));
    }

    /** The same, with demo data up to {@code today} (screens that show "this month" need the real today). */
    public static ConsoleContext withDemoData(String hint, int orgs, LocalDate today) {
        String db = TestPostgres.freshDatabase(hint);
        DemoData.load(TestPostgres.dataSource(db, "postgres"), new DemoData.Options(orgs, 3, 42, today, 1), false);
        return Startup.start(configFor(db), msg -> { }, Runnable::run);
    }
}
