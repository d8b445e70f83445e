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

    /** Connects over 127.0.0.1 the way another OS user on the machine could; returns the SQL state, null on success. */
    private static String connectAs(int port, String user, String password) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/billing", p)) {
            return null;
        } catch (java.sql.SQLException e) {
            return e.getSQLState();
        }
    }

    private static String perms(Path p) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void onASharedMachineEveryLoginProvesItsPasswordAndTheSocketIsPrivate() throws Exception {
        int port;
        try (Database db = Database.open(config())) {
            Migrations.migrate(db);
            DemoLogins.ensure(db.dataSource());
            port = Integer.parseInt(db.target().replaceAll(".*:(\\d+).*", "$1"));
            assertThat(connectAs(port, "postgres", null)).as("the owner without a password").isEqualTo("08004");
            assertThat(connectAs(port, "postgres", "postgres")).as("the owner with a guess").isEqualTo("28P01");
            assertThat(connectAs(port, "demo_admin", "wrong")).isEqualTo("28P01");
            assertThat(connectAs(port, "demo_admin", com.antevus.console.access.DemoAccounts.PASSWORD)).isNull();
            String owner = Files.readString(home.resolve(EmbeddedDatabase.OWNER_PASSWORD_FILE)).strip();
            assertThat(owner).hasSizeGreaterThanOrEqualTo(32);
            assertThat(connectAs(port, "postgres", owner)).isNull();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from pg_authid where rolcanlogin and "
                         + "(rolpassword is null or rolpassword not like 'SCRAM-SHA-256$%')")) {
                rs.next();
                assertThat(rs.getInt(1)).as("logins without a scram password").isZero();
            }
            assertThat(perms(home.resolve(EmbeddedDatabase.OWNER_PASSWORD_FILE))).isEqualTo("rw-------");
            assertThat(perms(home.resolve(EmbeddedDatabase.SOCKET_DIR))).isEqualTo("rwx------");
            assertThat(home.resolve(EmbeddedDatabase.SOCKET_DIR).resolve(".s.PGSQL." + port)).exists();
        }
        // a cluster made by an earlier console trusted everyone: the next start requires passwords again
        Files.writeString(home.resolve("pgdata/pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
        try (Database db = Database.open(config())) {
            port = Integer.parseInt(db.target().replaceAll(".*:(\\d+).*", "$1"));
            assertThat(connectAs(port, "postgres", null)).isEqualTo("08004");
            assertThat(Files.readString(home.resolve("pgdata/pg_hba.conf"))).isEqualTo(EmbeddedDatabase.HBA);
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
