package com.antevus.console.support;

import com.antevus.console.core.ConfigLoader;
import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.demo.DemoData;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.shell.Startup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Real console contexts for UI tests: a fresh database on the test server with demo data, started as the app starts. */
public final class TestContexts {
    private TestContexts() {
    }

    /** A configuration for the test database, on a clock fixed at {@code now}. */
    public static ConsoleConfig configFor(String database, java.time.Instant now) {
        try {
            Path home = Files.createTempDirectory("console-home");
            return new ConfigLoader(Map.of(), Map.of("os.name", "Linux"))
                    .load(new ConfigLoader.Overrides(home, TestPostgres.jdbcUrl(database), "postgres", null))
                    .withClock(TestClocks.at(now));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A started context over a new database holding {@code orgs} demo organizations, at noon on 22 November 2026. */
    public static ConsoleContext withDemoData(String hint, int orgs) {
        return withDemoData(hint, orgs, TestClocks.NOV_22_2026_NOON);
    }

    /** The same, with demo data up to {@code now}, and the console's clock fixed there. */
    public static ConsoleContext withDemoData(String hint, int orgs, java.time.Instant now) {
        String db = TestPostgres.freshDatabase(hint);
        DemoData.load(TestPostgres.dataSource(db, "postgres"), new DemoData.Options(orgs, 3, 42, now, 1), false);
        return Startup.start(configFor(db, now), msg -> { }, Runnable::run);
    }
}
