package com.antevus.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.demo.DemoData;
import com.antevus.console.support.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input across the command line, the catalog import and the configuration (issue 16, item 7): every one gets one
 * sentence (and at most the pointer to --help), no stack trace, exit status not 0, and the database's row counts and
 * audit log stay as they were.
 */
class BadInputTest {
    @TempDir
    Path dir;

    static final String HELP_HINT = "Run 'billing-console[a-z -]*--help' for the options\\.";

    /** Every table's row count and the audit log's last id: what a refused input must leave alone. */
    static Map<String, Long> snapshot(DataSource ds) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object[] t : TestPostgres.rows(ds, "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n "
                + "on n.oid = c.relnamespace where n.nspname in ('billing', 'stripe_sandbox') and c.relkind in ('r', 'p') "
                + "and not c.relispartition order by 1")) {
            out.put((String) t[0], TestPostgres.one(ds, "select count(*) from " + t[0]));
        }
        out.put("audit_log max(id)", TestPostgres.one(ds, "select coalesce(max(id), 0) from billing.audit_log"));
        return out;
    }

    @Test
    void twoHundredBadInputsEachGetOneSentenceAndChangeNothing() throws Exception {
        String db = TestPostgres.freshDatabase("badinput");
        DataSource owner = TestPostgres.dataSource(db, "postgres");
        DemoData.load(owner, new DemoData.Options(30, 3, 3, java.time.Instant.parse(CommandLineTest.AS_OF), 1), false);
        String url = TestPostgres.jdbcUrl(db);
        Path home = Files.createDirectory(dir.resolve("home"));
        String[] conn = {"--home", home.toString(), "--db-url", url, "--db-user", "postgres"};

        // a real export to derive broken catalogs from
        Path good = dir.resolve("catalog.yaml");
        CommandLineTest.Run export = CommandLineTest.run(concat(conn, "catalog", "export", good.toString()));
        assertThat(export.code()).as(export.err()).isZero();
        String yaml = Files.readString(good);
        Map<String, Long> before = snapshot(owner);

        List<String[]> inputs = new ArrayList<>();
        // ---- rate ------------------------------------------------------------------------------
        for (String usage : new String[]{"nosuchmetric=5", "events=-1", "events=abc", "events=1e999999999", "events=", "=5",
                "events=1M,,", "events=1.6M,events=2", ",", "events", "events=NaN", "events=Infinity", "events=1_000_", "events=9223372036854775808",
                "events=1.5.5", "ai_tokens=-0.1", "storage_gb=1e30", "events=1M;ai_tokens=2", "events=0x10", "\u0000events=1"}) {
            inputs.add(concat(conn, "rate", "--plan", "core", "--usage", usage));
        }
        for (String discount : new String[]{"abc", "-5", "101", "1e999999999", "NaN", "Infinity", "", "12,5", "50%", "--1"}) {
            inputs.add(concat(conn, "rate", "--plan", "core", "--discount", discount));
        }
        for (String seats : new String[]{"-1", "abc", "1e9999", "99999999999", "", "1.5", "0x2"}) {
            inputs.add(concat(conn, "rate", "--plan", "team", "--seats", seats));
        }
        for (String plan : new String[]{"nosuchplan", "", "CORE", "core;drop table plans", "\u001b[2Jcore", "x".repeat(5000)}) {
            inputs.add(concat(conn, "rate", "--plan", plan));
        }
        for (String period : new String[]{"2026-13", "abc", "+100000-01", "0000-00", "2026-1", "26-10", "2026/10", "", "2026-10-01"}) {
            inputs.add(concat(conn, "rate", "--org", "6f1c2d3e-0000-4000-8000-000000000000", "--period", period));
        }
        for (String org : new String[]{"not-a-uuid", "6f1c2d3e-0000-4000-8000-000000000000", "", "'; delete from invoices; --"}) {
            inputs.add(concat(conn, "rate", "--org", org, "--period", "2026-10"));
        }
        for (String addons : new String[]{"nosuch:1", "extra-instrument:-1", "extra-instrument:abc", ":1", "extra-instrument:", ",,"}) {
            inputs.add(concat(conn, "rate", "--plan", "core", "--addons", addons));
        }
        for (String catalog : new String[]{"-1", "abc", "999", "", "draft"}) {
            inputs.add(concat(conn, "rate", "--plan", "core", "--catalog", catalog));
        }
        inputs.add(concat(conn, "rate"));
        inputs.add(concat(conn, "rate", "--plan", "core", "--org", "6f1c2d3e-0000-4000-8000-000000000000"));
        inputs.add(concat(conn, "rate", "--bogus"));
        inputs.add(concat(conn, "rate", "--plan"));
        // ---- invoice-run -------------------------------------------------------------------------
        for (String period : new String[]{"2999-01", "2026-12", "2026-11", "2026-13", "abc", "", "+100000-01", "2026-10-15", "10/2026"}) {
            inputs.add(concat(conn, "invoice-run", "--period", period));
        }
        for (String org : new String[]{"not-a-uuid", "6f1c2d3e-0000-4000-8000-000000000000", ""}) {
            inputs.add(concat(conn, "invoice-run", "--period", "2026-10", "--org", org));
        }
        for (String n : new String[]{"0", "-1", "abc", "100000", "", "1e3"}) {
            inputs.add(concat(conn, "invoice-run", "--period", "2026-10", "--concurrency", n));
        }
        for (String reason : new String[]{"", "   ", "\u001b[31m"}) {
            inputs.add(concat(conn, "invoice-run", "--period", "2026-11", "--close-early", reason));
        }
        inputs.add(concat(conn, "invoice-run"));
        inputs.add(concat(conn, "invoice-run", "--period", "2026-10", "--bogus"));
        inputs.add(concat(conn, "invoice-run", "--period", "2026-10", "extra-argument"));
        // ---- catalog -----------------------------------------------------------------------------
        List<Path> badFiles = new ArrayList<>();
        badFiles.add(dir.resolve("missing.yaml"));
        badFiles.add(Files.createDirectory(dir.resolve("a-folder.yaml")));
        badFiles.add(Path.of("/dev/null"));
        badFiles.add(write("empty.yaml", new byte[0]));
        badFiles.add(write("blank.yaml", "\n\n   \n".getBytes(StandardCharsets.UTF_8)));
        badFiles.add(write("latin1.yaml", yaml.replaceFirst("name: ", "name: \u00e9").getBytes(StandardCharsets.ISO_8859_1)));
        badFiles.add(write("binary.yaml", new byte[]{0, 1, 2, (byte) 0xff, (byte) 0xfe, 0, 3}));
        badFiles.add(write("not-yaml.yaml", "{{{ : : ]]]".getBytes(StandardCharsets.UTF_8)));
        badFiles.add(write("a-list.yaml", "- 1\n- 2\n".getBytes(StandardCharsets.UTF_8)));
        badFiles.add(write("a-number.yaml", "42\n".getBytes(StandardCharsets.UTF_8)));
        badFiles.add(write("truncated.yaml", yaml.substring(0, yaml.length() / 2).concat("\n  - [").getBytes(StandardCharsets.UTF_8)));
        badFiles.add(write("dup-key.yaml", duplicateFirst(yaml, "monthly:").getBytes(StandardCharsets.UTF_8)));
        badFiles.add(write("negative.yaml", yaml.replaceFirst("monthly: [0-9.]+", "monthly: -5.00").getBytes(StandardCharsets.UTF_8)));
        badFiles.add(write("words.yaml", yaml.replaceFirst("monthly: [0-9.]+", "monthly: lots").getBytes(StandardCharsets.UTF_8)));
        badFiles.add(write("huge.yaml", yaml.replaceFirst("monthly: [0-9.]+", "monthly: 1e999999").getBytes(StandardCharsets.UTF_8)));
        badFiles.add(write("cents.yaml", yaml.replaceFirst("monthly: [0-9.]+", "monthly: 10.005").getBytes(StandardCharsets.UTF_8)));
        badFiles.add(write("unknown-key.yaml", yaml.replaceFirst("monthly: ", "monthy: ").getBytes(StandardCharsets.UTF_8)));
        badFiles.add(write("tabs.yaml", yaml.replaceFirst("\n  ", "\n\t").getBytes(StandardCharsets.UTF_8)));
        badFiles.add(write("anchors.yaml", ("a: &a [*a, *a]\n" + yaml).getBytes(StandardCharsets.UTF_8)));
        badFiles.add(write("bom-garbage.yaml", ("\ufeff\u0000" + yaml).getBytes(StandardCharsets.UTF_8)));
        for (Path f : badFiles) {
            inputs.add(concat(conn, "catalog", "import", f.toString()));
            inputs.add(concat(conn, "catalog", "import", "--dry-run", f.toString()));
        }
        Files.createSymbolicLink(dir.resolve("link.yaml"), good);
        for (String target : new String[]{dir.resolve("a-folder.yaml").toString(), "/dev/null", dir.resolve("link.yaml").toString(),
                dir.resolve("no-such-folder/out.yaml").toString(), "/proc/version"}) {
            inputs.add(concat(conn, "catalog", "export", target));
        }
        for (String v : new String[]{"-1", "abc", "999", ""}) {
            inputs.add(concat(conn, "catalog", "export", "--version", v, dir.resolve("v.yaml").toString()));
            inputs.add(concat(conn, "catalog", "diff", v, "1"));
        }
        for (String effective : new String[]{"2026-02-30", "abc", "", "2026-13-01", "+100000-01-01", "1999-01-01"}) {
            inputs.add(concat(conn, "catalog", "publish", "--existing", "grandfather", "--effective", effective));
        }
        for (String existing : new String[]{"sometimes", "", "GRANDFATHER"}) {
            inputs.add(concat(conn, "catalog", "publish", "--existing", existing, "--effective", "2027-01-01"));
        }
        inputs.add(concat(conn, "catalog", "publish"));
        inputs.add(concat(conn, "catalog", "nosuch"));
        for (String asOf : new String[]{"garbage", "2026-02-30", "", "25:00"}) {
            inputs.add(concat(conn, "catalog", "apply-moves", "--as-of", asOf));
        }
        // ---- contracts, verifications, usage, demo data -------------------------------------------------
        for (String days : new String[]{"-1", "abc", "99999999999", "", "3661", "1.5"}) {
            inputs.add(concat(conn, "contracts", "expiring", "--days", days));
        }
        inputs.add(concat(conn, "contracts", "nosuch"));
        inputs.add(concat(conn, "contracts", "warnings", "--bogus"));
        for (String domain : new String[]{"", "a@", "@", "not a domain", "\u001b]0;owned\u0007x.edu", "x".repeat(300) + ".edu"}) {
            inputs.add(concat(conn, "verifications", "check-domain", domain));
        }
        inputs.add(concat(conn, "verifications", "check-domain"));
        inputs.add(concat(conn, "verifications", "bulk-approve"));
        inputs.add(concat(conn, "verifications", "list", "--bogus"));
        inputs.add(concat(conn, "usage", "refresh", "--bogus"));
        inputs.add(concat(conn, "usage", "nosuch"));
        for (String[] d : new String[][]{{"--orgs", "-1"}, {"--orgs", "abc"}, {"--orgs", "0"}, {"--months", "-1"}, {"--seed", "abc"},
                {"--rows-per-day", "0"}, {"--orgs", "5"}}) {
            inputs.add(concat(conn, "demo-data", d[0], d[1]));
        }
        // ---- global options and configuration --------------------------------------------------------
        for (String asOf : new String[]{"garbage", "2026-02-30", "", "2026-11-22T25:00:00Z", "+100000-01-01", "yesterday"}) {
            inputs.add(concat(new String[]{"--as-of", asOf}, concat(conn, "rate", "--plan", "core")));
        }
        for (String badUrl : new String[]{"garbage", "jdbc:mysql://x/y", "jdbc:postgresql://no-such-host.invalid/db",
                "jdbc:postgresql://user:s3cr3tPw@127.0.0.1:1/db", "jdbc:postgresql://127.0.0.1:1/db", "", "jdbc:postgresql:///"}) {
            inputs.add(new String[]{"--home", home.toString(), "--db-url", badUrl, "contracts", "warnings"});
        }
        Path file = write("a-file", "x".getBytes(StandardCharsets.UTF_8));
        for (String badHome : new String[]{"/dev/null", file.toString(), "/proc/self/no-such", ""}) {
            inputs.add(new String[]{"--home", badHome, "version-of-nothing"});
            inputs.add(new String[]{"--home", badHome, "contracts", "warnings"});
        }
        String[][] settings = {
                {"invoicing.grace_hours=-1"}, {"invoicing.grace_hours=721"}, {"invoicing.grace_hours=abc"},
                {"stripe.api_key=pk_test_publishable"}, {"stripe.api_key=sk_prod_123"}, {"stripe.api_key=whatever"},
                {"db.url=jdbc:postgresql://u:s3cr3tPw@127.0.0.1:1/x"}};
        for (String[] setting : settings) {
            Path h = Files.createTempDirectory(dir, "cfg");
            Path props = h.resolve("console.properties");
            Files.writeString(props, String.join("\n", setting) + "\n");
            Files.setPosixFilePermissions(props, PosixFilePermissions.fromString("rw-------"));
            inputs.add(setting[0].startsWith("db.url") ? new String[]{"--home", h.toString(), "contracts", "warnings"}
                    : new String[]{"--home", h.toString(), "--db-url", url, "--db-user", "postgres", "contracts", "warnings"});
        }
        Path binaryHome = Files.createTempDirectory(dir, "bin");
        Files.write(binaryHome.resolve("console.properties"), new byte[]{0, (byte) 0xff, 1, 2, 3});
        inputs.add(new String[]{"--home", binaryHome.toString(), "contracts", "warnings"});
        Path openHome = Files.createTempDirectory(dir, "open");
        Files.writeString(openHome.resolve("console.properties"), "db.password=hunter2\n");
        Files.setPosixFilePermissions(openHome.resolve("console.properties"), PosixFilePermissions.fromString("rw-r--r--"));
        inputs.add(new String[]{"--home", openHome.toString(), "contracts", "warnings"});
        inputs.add(new String[]{"nosuchcommand"});
        inputs.add(new String[]{"nosuchcommand", "--help"});
        inputs.add(new String[]{"--bogus"});

        List<String> wrong = new ArrayList<>();
        for (String[] args : inputs) {
            CommandLineTest.Run r = CommandLineTest.run(args);
            String shown = String.join(" ", args).replace(url, "URL").replace(dir.toString(), "TMP");
            List<String> lines = r.err().strip().lines().filter(l -> !l.isBlank()).toList();
            boolean oneSentence = lines.size() == 1 || (lines.size() == 2 && lines.get(1).matches(HELP_HINT))
                    || importProblems(lines);
            if (r.code() == 0 || !oneSentence || r.err().contains("Exception") || r.err().contains("\tat ")
                    || r.err().contains("s3cr3tPw") || r.err().contains("hunter2") || r.err().length() > 600
                    || r.err().contains("\u001b")) {
                wrong.add(shown + "\n    exit " + r.code() + ", err: " + r.err().strip().replace("\n", "\n         ")
                        + (r.code() == 0 ? "\n    out: " + r.out().strip().lines().limit(3).toList() : ""));
            }
        }
        System.out.printf("Bad inputs: %d tried, %d refused with one sentence%n", inputs.size(), inputs.size() - wrong.size());
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(200);
        assertThat(wrong).as("inputs that were not refused with one plain sentence").isEmpty();
        assertThat(snapshot(owner)).as("row counts and audit log after every bad input").isEqualTo(before);
        // an empty --home once meant the working directory: a database and an owner password in the checkout
        assertThat(Path.of("pgdata").toAbsolutePath()).as("no console home was made in the working directory").doesNotExist();
        assertThat(Path.of(com.antevus.console.db.EmbeddedDatabase.OWNER_PASSWORD_FILE).toAbsolutePath()).doesNotExist();
    }

    /**
     * A refused import lists each problem on its own line, with line and column: "f.yaml has 2 problems; nothing was
     * changed:" and then exactly that many "f.yaml, line L, column C: ..." lines.
     */
    static boolean importProblems(List<String> lines) {
        Matcher m = Pattern.compile("(\\S+) has (\\d+) problems?; nothing was changed:").matcher(lines.get(0));
        if (!m.matches() || Integer.parseInt(m.group(2)) != lines.size() - 1) {
            return false;
        }
        String each = Pattern.quote(m.group(1)) + ", line \\d+, column \\d+: .+";
        return lines.stream().skip(1).allMatch(l -> l.strip().matches(each));
    }

    private Path write(String name, byte[] bytes) throws java.io.IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** The YAML with the first line holding {@code key} repeated just after it, at a different value. */
    static String duplicateFirst(String yaml, String key) {
        int at = yaml.indexOf(key);
        int start = yaml.lastIndexOf('\n', at) + 1;
        int end = yaml.indexOf('\n', at);
        String line = yaml.substring(start, end);
        return yaml.substring(0, end + 1) + line.replaceFirst(key + " [0-9.]+", key + " 1.00") + "\n" + yaml.substring(end + 1);
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
