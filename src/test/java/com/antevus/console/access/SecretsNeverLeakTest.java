package com.antevus.console.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.cli.ConsoleCommand;
import com.antevus.console.demo.DemoData;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configured Stripe key reaches Stripe and nothing else: after a run that uses it and a run with a revoked key,
 * the key is in no log file, no table of the shared database, and no message the console printed.
 */
class SecretsNeverLeakTest {
    /** The instant this test lives at. */
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(com.antevus.console.support.TestClocks.NOV_22_2026_NOON);
    @TempDir
    Path home;

    private record Run(int code, String out, String err) {
    }

    /** Runs the command line in its own JVM, as a script would, so it logs to the home's log files as installed. */
    private Run run(String... args) throws Exception {
        String classpath = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(p -> !p.endsWith("test-classes")) // the installed logging configuration, not the tests'
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", classpath,
                ConsoleCommand.class.getPackageName().replace(".cli", "") + ".Main", "--home", home.toString(),
                "--as-of", "2026-11-22T12:00:00Z")); // the child JVM runs on the test's instant too
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("the command finished").isTrue();
        Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private void configure(String db, String key, String apiBase) throws Exception {
        Path file = home.resolve("console.properties");
        Files.writeString(file, "db.url=" + TestPostgres.jdbcUrl(db) + "\ndb.user=postgres\nstripe.api_key=" + key
                + "\nstripe.api_base=" + apiBase + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static String randomKey() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return "sk_test_leakcheck" + HexFormat.of().formatHex(b);
    }

    @Test
    void theStripeKeyIsInNoLogNoTableAndNoMessage() throws Exception {
        String db = TestPostgres.freshDatabase("secrets");
        DataSource ds = TestPostgres.dataSource(db, "postgres");
        DemoData.load(ds, new DemoData.Options(30, 3, 9, java.time.Instant.parse("2026-11-22T12:00:00Z"), 1), false);
        String key = randomKey();
        String revoked = randomKey();
        List<String> orgs = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select distinct organization_id::text from subscriptions where status = 'active' limit 2"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                orgs.add(rs.getString(1));
            }
        }
        List<Run> runs = new ArrayList<>();
        try (SandboxServer stripe = SandboxServer.start(ds, 0, key, CLOCK)) {
            configure(db, key, stripe.url());
            Run ok = run("invoice-run", "--period", "2026-10", "--org", orgs.get(0), "--json");
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("\"created_count\" : 1");
            runs.add(ok);
            configure(db, revoked, stripe.url());
            Run refused = run("invoice-run", "--period", "2026-10", "--org", orgs.get(1), "--json");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.out() + refused.err()).contains("key");
            runs.add(refused);
            runs.add(run("stripe-sandbox", "--help"));
        }

        for (String secret : List.of(key, revoked)) {
            String tail = secret.substring("sk_test_".length()); // the secret part, in case a prefix is cut off
            for (Run r : runs) {
                assertThat(r.out()).doesNotContain(tail);
                assertThat(r.err()).doesNotContain(tail);
            }
            try (Stream<Path> files = Files.walk(home)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("console.properties")).toList()) {
                    assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(tail);
                }
            }
            assertThat(tablesContaining(ds, tail)).as("tables holding the key").isEmpty();
        }
        try (Stream<Path> logs = Files.walk(home.resolve("logs"))) {
            assertThat(logs.filter(Files::isRegularFile).count()).as("there were logs to search").isPositive();
        }
    }

    /** Every table in the database whose rows, as text, contain {@code needle}. */
    private static List<String> tablesContaining(DataSource ds, String needle) throws Exception {
        List<String> tables = new ArrayList<>();
        List<String> hits = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select table_schema, table_name from information_schema.tables "
                    + "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add("\"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\"");
                }
            }
            assertThat(tables).as("the search covers the billing tables").anyMatch(t -> t.contains("audit_log"));
            for (String t : tables) {
                try (PreparedStatement ps = c.prepareStatement("select count(*) from " + t + " x where x::text like ?")) {
                    ps.setString(1, "%" + needle + "%");
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            hits.add(t);
                        }
                    }
                }
            }
        }
        return hits;
    }
}
