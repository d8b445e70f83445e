package com.antevus.console.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.core.ConfigLoader;
import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.UserFacingException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad connection settings give one plain sentence naming the problem, and never start or write anything. */
class ConnectionFailureTest {
    @TempDir
    Path home;

    private ConsoleConfig config(String url, String user, String password) {
        return new ConfigLoader(Map.of(), Map.of("os.name", "Linux")).load(new ConfigLoader.Overrides(home, url, user, password));
    }

    @Test
    void anUnreachableServerNamesHostAndPortAndStartsNoEmbeddedDatabase() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        assertThatThrownBy(() -> Database.open(config("jdbc:postgresql://127.0.0.1:" + freePort + "/billing?password=topsecret", "fin", null)))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("Cannot reach the database server at 127.0.0.1:" + freePort + "/billing (connection refused). "
                        + "Check the URL in --db-url or CONSOLE_DB_URL and that the server is running.")
                .hasMessageNotContaining("topsecret");
        assertThat(Files.exists(home.resolve("pgdata"))).isFalse();
    }

    @Test
    void aPasswordWrittenIntoTheUrlIsNeverEchoed() {
        assertThatThrownBy(() -> Database.open(config("jdbc:postgresql://fin:Hunter2Secret@db.example.com/billing", null, null)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("has a login before '@'")
                .hasMessageNotContaining("Hunter2Secret").hasMessageNotContaining("fin:");
        assertThat(Files.exists(home.resolve("pgdata"))).isFalse();
    }

    @Test
    void aMalformedUrlSaysWhatAUrlLooksLike() {
        assertThatThrownBy(() -> Database.open(config("postgres://db.example.com/billing", "fin", null)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("jdbc:postgresql://host:5432/billing");
    }

    @Test
    void aWrongPasswordIsNamedAndThePasswordIsNotEchoed() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create role finance_user login password 'right-password'");
                s.execute("create database billing");
                // require passwords over TCP, as a shared server would
                var rs = s.executeQuery("select setting from pg_settings where name = 'hba_file'");
                rs.next();
                Files.writeString(Path.of(rs.getString(1)),
                        "local all all trust\nhost all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
                                + "host all all ::1/128 scram-sha-256\n");
                s.execute("select pg_reload_conf()");
            }
            String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/billing";
            assertThatThrownBy(() -> Database.open(config(url, "finance_user", "wrong-password")))
                    .isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("refused the password for user 'finance_user'")
                    .hasMessageNotContaining("wrong-password");
            try (Database ok = Database.open(config(url, "finance_user", "right-password"))) {
                assertThat(ok.sessionUser()).isEqualTo("finance_user");
                assertThat(ok.isEmbedded()).isFalse();
            }
        }
    }

    @Test
    void aMissingDatabaseIsNamed() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/no_such_db";
            assertThatThrownBy(() -> Database.open(config(url, "postgres", null)))
                    .isInstanceOf(UserFacingException.class).hasMessageContaining("does not exist");
        }
    }
}
