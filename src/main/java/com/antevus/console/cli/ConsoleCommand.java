package com.antevus.console.cli;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.Errors;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.shell.ConsoleApp;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The root command: with no subcommand it opens the window; otherwise it runs one bulk operation.
 * Exit codes: 0 success, 1 failure (one plain line on stderr), 2 usage error.
 */
@Command(name = "billing-console", versionProvider = VersionCommand.Provider.class,
        description = "Billing Console: the billing back-office. Without a command, opens the window.",
        subcommands = {MigrateCommand.class, DemoDataCommand.class, CatalogCommand.class, RateCommand.class, UsageCommand.class, InvoiceRunCommand.class, ContractsCommand.class, CreditsCommand.class, CreditNotesCommand.class, CouponsCommand.class, VerificationsCommand.class, StripeSandboxCommand.class, VersionCommand.class})
public final class ConsoleCommand implements Callable<Integer> {
    /** Returned when the window was opened and then closed by the user. */
    public static final int WINDOW_CLOSED = -1;

    @Mixin
    GlobalOptions global;

    @picocli.CommandLine.Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean versionRequested;

    @Override
    public Integer call() {
        ConsoleConfig config = global.resolve();
        try {
            ConsoleApp.launch(config);
        } catch (UnsupportedOperationException e) {
            throw windowUnavailable(e);
        }
        return WINDOW_CLOSED;
    }

    /** JavaFX cannot open a window here: no GTK 3 libraries, or no display. */
    static UserFacingException windowUnavailable(UnsupportedOperationException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("DISPLAY")) {
            return new UserFacingException("There is no display to open the window on (DISPLAY is not set or not reachable). "
                    + "Run the console from a desktop session, under xvfb-run, or use a command (see --help).", e);
        }
        if (m.contains("GTK")) {
            return new UserFacingException("The window needs the GTK 3 libraries, which this machine lacks. "
                    + "Install them (sudo apt-get install libgtk-3-0) or use a command (see --help).", e);
        }
        return new UserFacingException("The window could not open (" + m + "). Use a command instead (see --help).", e);
    }

    /** A plain decimal number such as 12.5 (no exponents, at most 15 digits before the point and 10 after). */
    static java.math.BigDecimal decimal(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("-?\\d{1,15}(\\.\\d{1,10})?")) {
            throw new CommandLine.TypeConversionException("'" + shorten(t) + "' is not a number; write it like 12.5");
        }
        return new java.math.BigDecimal(t);
    }

    /** A calendar day written YYYY-MM-DD that exists (2026-02-30 does not). */
    static java.time.LocalDate day(String text) {
        String t = text == null ? "" : text.strip();
        try {
            return java.time.LocalDate.parse(t);
        } catch (java.time.format.DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + shorten(t) + "' is not a day; write it as YYYY-MM-DD, e.g. 2027-01-31");
        }
    }

    /** A month written YYYY-MM (four-digit year: YearMonth alone would take +100000-01). */
    static java.time.YearMonth month(String text) {
        String t = text == null ? "" : text.strip();
        try {
            if (t.matches("\\d{4}-\\d{2}")) {
                return java.time.YearMonth.parse(t);
            }
        } catch (java.time.format.DateTimeParseException e) {
            // falls through to the sentence below
        }
        throw new CommandLine.TypeConversionException("'" + shorten(t) + "' is not a month; write it as YYYY-MM, e.g. 2026-10");
    }

    /** A message as shown: any run of more than 120 characters without a space (an echoed value) is cut short. */
    static String bounded(String message) {
        if (message == null) {
            return "";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\S{121,}").matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(m.group().substring(0, 60) + "…"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    public static int execute(String... args) {
        CommandLine cl = commandLine();
        cl.setOut(terminalSafe(new java.io.OutputStreamWriter(System.out, java.nio.charset.Charset.defaultCharset())));
        cl.setErr(terminalSafe(new java.io.OutputStreamWriter(System.err, java.nio.charset.Charset.defaultCharset())));
        try {
            return cl.execute(args);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /** A writer that shows control characters from data (ANSI escapes in a name) instead of passing them to the terminal. */
    public static java.io.PrintWriter terminalSafe(java.io.Writer out) {
        return new java.io.PrintWriter(new TerminalSafeWriter(out), true);
    }

    /** Builds the command line with its error handling; tests use it with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ConsoleCommand());
        // values typed on the command line get one plain sentence when they are wrong, never a Java exception's text
        cl.registerConverter(java.math.BigDecimal.class, ConsoleCommand::decimal);
        cl.registerConverter(java.time.LocalDate.class, ConsoleCommand::day);
        cl.registerConverter(java.time.YearMonth.class, ConsoleCommand::month);
        // "nosuchcommand --help" is a mistake, not a request for help: picocli lets unmatched words through when help is asked
        cl.setExecutionStrategy(parseResult -> {
            for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
                if (!p.unmatched().isEmpty()) {
                    throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (!(e instanceof UserFacingException)) {
                LoggerFactory.getLogger(ConsoleCommand.class).error("Command failed", e);
            }
            PrintWriter err = commandLine.getErr();
            err.println(bounded(Errors.plainMessage(e)));
            err.flush();
            return 1;
        });
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(bounded(e.getMessage()));
            err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            err.flush();
            return 2;
        });
        return cl;
    }
}
