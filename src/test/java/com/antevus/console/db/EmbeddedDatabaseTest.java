package com.antevus.console.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.core.ConfigLoader;
import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {
    @TempDir
    Path home;

    private ConsoleConfig config() {
        return new ConfigLoader(Map.of(), Map.of("os.name", "Linux")).load(new ConfigLoader.Overrides(home, null, null, null));
    }

    @Test
    void dataPersistsAcrossRestartsOfTheSameHome() throws Exception {
        try (Database db = Database.open(config())) {
            assertThat(db.isEmbedded()).isTrue();
            assertThat(db.isNewEmbeddedCluster()).isTrue();
            assertThat(db.target()).startsWith("embedded (127.0.0.1:");
            Migrations.migrate(db);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("insert into organizations (name, billing_email) values ('Persisted Labs', 'ap@persisted.example')");
                // durable: a committed write reaches the disk before the commit returns
                for (String setting : new String[]{"fsync", "synchronous_commit", "full_page_writes"}) {
                    try (ResultSet rs = s.executeQuery("show " + setting)) {
                        rs.next();
                        assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                    }
                }
            }
        }
        assertThat(home.resolve("pgdata/postmaster.pid")).doesNotExist(); // stopped cleanly
        try (Database db = Database.open(config())) {
            assertThat(db.isNewEmbeddedCluster()).isFalse();
            assertThat(Migrations.migrate(db).applied()).isZero();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select name from organizations")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Persisted Labs");
            }
        }
    }

    @Test
    void aSecondConsoleOnTheSameHomeGetsAPlainMessageAndTheFirstKeepsWorking() throws Exception {
        try (Database first = Database.open(config())) {
            assertThatThrownBy(() -> Database.open(config()))
                    .isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("Another Billing Console is already using " + home)
                    .hasMessageContaining("--home");
            assertThat(first.isReachable()).isTrue();
        }
        // after the first one closed, the home is free again
        try (Database again = Database.open(config())) {
            assertThat(again.isReachable()).isTrue();
        }
        assertThat(Files.exists(home.resolve("pgdata/PG_VERSION"))).isTrue();
    }
}
