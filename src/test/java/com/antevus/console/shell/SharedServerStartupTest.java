package com.antevus.console.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.ConfigLoader;
import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.demo.DemoData;
import com.antevus.console.orgs.OrganizationSummary;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pointed at another PostgreSQL server by URL, the console migrates it and works the same, loading no demo data. */
class SharedServerStartupTest {
    @TempDir
    Path home;

    @Test
    void startsAgainstASecondServerByUrlWithoutStartingAnEmbeddedOne() throws Exception {
        try (EmbeddedPostgres shared = EmbeddedPostgres.builder().start()) {
            try (Connection c = shared.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database company");
                // the product's own table in public must not collide with the console's schema
            }
            String url = "jdbc:postgresql://127.0.0.1:" + shared.getPort() + "/company";
            try (Connection c = shared.getDatabase("postgres", "company").getConnection(); Statement s = c.createStatement()) {
                s.execute("create table public.organizations (id int primary key, product_name text)");
            }
            ConsoleConfig config = new ConfigLoader(Map.of(), Map.of("os.name", "Linux"))
                    .load(new ConfigLoader.Overrides(home, url, "postgres", null));
            List<String> progress = new ArrayList<>();
            try (ConsoleContext ctx = Startup.start(config, progress::add, Runnable::run)) {
                assertThat(ctx.database().isEmbedded()).isFalse();
                // Hibernate validated its mappings against the migrated schema
                assertThat(ctx.persistence().factory().isOpen()).isTrue();
                assertThat(ctx.database().target()).isEqualTo("127.0.0.1:" + shared.getPort() + "/company");
                assertThat(ctx.organizations().listOrganizations()).isEmpty(); // no demo data on a configured server
                assertThat(progress).noneMatch(p -> p.contains("demo data"));
                // data written there by others shows up the same way it does on the embedded default
                DemoData.load(ctx.database(), new DemoData.Options(15, 1, 3, java.time.Instant.parse("2026-11-20T12:00:00Z"), 1), false);
                List<OrganizationSummary> orgs = ctx.organizations().listOrganizations();
                assertThat(orgs).hasSize(15);
                assertThat(orgs).extracting(OrganizationSummary::name).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
            }
            assertThat(Files.exists(home.resolve("pgdata"))).isFalse();
            try (Connection c = shared.getDatabase("postgres", "company").getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from public.organizations")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
}
