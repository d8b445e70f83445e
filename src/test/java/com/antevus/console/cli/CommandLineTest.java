package com.antevus.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a finance person's script would drive it: output, one-line errors and exit codes. */
class CommandLineTest {
    @TempDir
    Path home;

    record Run(int code, String out, String err) {
    }

    /** The instant the command-line tests live at, unless a test names its own with --as-of. */
    static final String AS_OF = "2026-11-22T12:00:00Z";

    /** Runs the command line in this JVM, on the test's instant (--as-of), the way a script would. */
    static Run run(String... args) {
        if (!java.util.Arrays.asList(args).contains("--as-of")) {
            String[] with = new String[args.length + 2];
            with[0] = "--as-of";
            with[1] = AS_OF;
            System.arraycopy(args, 0, with, 2, args.length);
            args = with;
        }
        CommandLine cl = ConsoleCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(ConsoleCommand.terminalSafe(out)); // as Main does: control characters from data are shown, not obeyed
        cl.setErr(ConsoleCommand.terminalSafe(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everyCommandAnswersHelpAndAMistypedOneIsAMistakeEvenWithHelp() {
        java.util.List<String[]> paths = new java.util.ArrayList<>();
        collect(ConsoleCommand.commandLine(), new java.util.ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(20); // every command and subcommand
        for (String[] path : paths) {
            String[] args = java.util.Arrays.copyOf(path, path.length + 1);
            args[path.length] = "--help";
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
            assertThat(r.out()).as(String.join(" ", args)).startsWith("Usage: billing-console").contains("--help");
        }
        Run typo = run("nosuchcommand", "--help");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("'nosuchcommand'").contains("--help");
    }

    private static void collect(CommandLine cl, java.util.List<String> path, java.util.List<String[]> out) {
        out.add(path.toArray(String[]::new));
        cl.getSubcommands().forEach((name, sub) -> {
            java.util.List<String> next = new java.util.ArrayList<>(path);
            next.add(name);
            collect(sub, next, out);
        });
    }

    @Test
    void rateRefusesUsageItCannotPriceInsteadOfIgnoringIt() {
        Run empty = run("--home", home.toString(), "rate", "--plan", "core", "--usage", "events=1M,,");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("--usage has an empty entry");
        Run twice = run("--home", home.toString(), "rate", "--plan", "core", "--usage", "events=1.6M,events=2");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("--usage gives events twice");
        Run farFuture = run("--home", home.toString(), "rate", "--org", "6f1c2d3e-0000-4000-8000-000000000000", "--period", "+100000-01");
        assertThat(farFuture.code()).isEqualTo(2);
        assertThat(farFuture.err()).contains("'+100000-01' is not a month");
        Run unknown = run("--home", home.toString(), "rate", "--plan", "core", "--usage", "nosuchmetric=5");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("There is no metric 'nosuchmetric'").contains("events, ai_tokens, storage_gb");
        Run ok = run("--home", home.toString(), "rate", "--plan", "core", "--usage", "events=1.6M", "--json");
        assertThat(ok.code()).as(ok.err()).isZero();
    }

    @Test
    void controlCharactersInDataAreShownNotSentToTheTerminal() {
        java.io.StringWriter w = new java.io.StringWriter();
        PrintWriter safe = ConsoleCommand.terminalSafe(w);
        safe.printf("  %-20s %s%n", "Evil\u001b[2J\u001b]0;pwned\u0007 Labs", "back\bspace\rover \u009b31m");
        safe.flush();
        assertThat(w.toString()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r").doesNotContain("\b")
                .doesNotContain("\u009b").contains("Evil\\u001b[2J").contains("\\u009b31m").endsWith(System.lineSeparator());
    }

    @Test
    void versionPrintsAndExitsZero() {
        Run r = run("version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Billing Console ");
    }

    @Test
    void unknownOptionsAndBadValuesAreUsageErrorsWithExitTwo() {
        Run unknown = run("--frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'").contains("--help");
        Run negative = run("--home", home.toString(), "demo-data", "--orgs", "-5");
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains("--orgs must be between 10 and 200000, got -5.");
        Run badPort = run("--home", home.toString(), "stripe-sandbox", "--port", "70000");
        assertThat(badPort.code()).isEqualTo(2);
        assertThat(badPort.err()).contains("--port must be between 0 and 65535");
        // typed values get a plain sentence, never a Java exception's text (and never a billion digits back)
        Run badDiscount = run("--home", home.toString(), "rate", "--plan", "core", "--usage", "events=1M", "--discount", "abc");
        assertThat(badDiscount.code()).isEqualTo(2);
        assertThat(badDiscount.err()).contains("'abc' is not a number").doesNotContain("Exception");
        Run hugeDiscount = run("--home", home.toString(), "rate", "--plan", "core", "--usage", "events=1", "--discount", "1e999999999");
        assertThat(hugeDiscount.code()).isEqualTo(2);
        assertThat(hugeDiscount.err()).hasSizeLessThan(300);
        Run noSuchDay = run("--home", home.toString(), "catalog", "publish", "--existing", "grandfather", "--effective", "2026-02-30");
        assertThat(noSuchDay.code()).isEqualTo(2);
        assertThat(noSuchDay.err()).contains("'2026-02-30' is not a day").doesNotContain("Exception");
        Run notAFolder = run("--home", "/dev/null", "migrate");
        assertThat(notAFolder.code()).isEqualTo(1);
        assertThat(notAFolder.err().strip()).isEqualTo("The console's home /dev/null is not a folder (--home or CONSOLE_HOME). Give a "
                + "folder the console may keep its database and logs in; it is created if it does not exist.");
        Run notANumber = run("demo-data", "--months", "twelve");
        assertThat(notANumber.code()).isEqualTo(2);
        assertThat(home.resolve("pgdata")).doesNotExist();
    }

    @Test
    void migrateTwiceIsANoOpTheSecondTime() {
        Run first = run("--home", home.toString(), "migrate");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("Applied ").contains("schema is at version");
        Run second = run("migrate", "--home", home.toString());
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("up to date").contains("nothing to apply");
    }

    @Test
    void demoDataPrintsCountsAndRefusesToLoadTwice() {
        Run load = run("--home", home.toString(), "demo-data", "--orgs", "40", "--months", "2", "--seed", "11");
        assertThat(load.code()).as(load.err()).isZero();
        assertThat(load.out()).contains("organizations").containsPattern("organizations\\s+40\\b").contains("usage rows");
        Run again = run("--home", home.toString(), "demo-data", "--orgs", "40");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err().strip()).doesNotContain("\n").contains("--replace");
    }

    @Test
    void anUnreachableDatabaseIsOnePlainLineAndExitOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = run("--home", home.toString(), "--db-url", "jdbc:postgresql://127.0.0.1:" + port + "/billing",
                "--db-password=secret-pw", "migrate");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("Cannot reach the database server").doesNotContain("secret-pw")
                .doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void demoDataRefusesAConfiguredSharedDatabaseByDefault() {
        Run r = run("--home", home.toString(), "--db-url", "jdbc:postgresql://127.0.0.1:1/billing", "demo-data");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--allow-shared");
    }
}
