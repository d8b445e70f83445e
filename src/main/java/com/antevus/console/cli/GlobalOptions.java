package com.antevus.console.cli;

import com.antevus.console.core.ConfigLoader;
import com.antevus.console.core.ConsoleConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes, before or after the subcommand's name. */
public final class GlobalOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean helpRequested; // every command answers --help
    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The console's data directory (default: $CONSOLE_HOME, else the platform's user data directory).")
    Path home;

    @Option(names = "--db-url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "JDBC URL of the shared PostgreSQL (default: $CONSOLE_DB_URL; none starts the embedded database).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", scope = ScopeType.INHERIT,
            description = "Database login (default: $CONSOLE_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", scope = ScopeType.INHERIT, arity = "0..1",
            interactive = true, description = "Database password; give the option alone to be prompted (default: $CONSOLE_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--as-of", paramLabel = "TIME", scope = ScopeType.INHERIT, converter = AsOfConverter.class,
            description = "Run as if it were this moment, e.g. 2027-01-31T23:50:00Z, or a day (noon UTC); the clock runs on from "
                    + "there. For rehearsing a month-end; refused with a live Stripe key (default: $CONSOLE_AS_OF, else now).")
    java.time.Instant asOf;

    /** A mistyped --as-of is a usage error (exit 2) naming the accepted shapes. */
    static final class AsOfConverter implements picocli.CommandLine.ITypeConverter<java.time.Instant> {
        @Override
        public java.time.Instant convert(String value) {
            try {
                return com.antevus.console.core.ConsoleClock.parseAsOf(value);
            } catch (com.antevus.console.core.UserFacingException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    ConsoleConfig resolve() {
        if (home != null && home.toString().isBlank()) {
            throw new com.antevus.console.core.UserFacingException("--home is empty: give the folder the console keeps its database "
                    + "and logs in, or leave the option out for the default.");
        }
        if (dbUrl != null && dbUrl.isBlank()) {
            throw new com.antevus.console.core.UserFacingException("--db-url is empty: give the shared PostgreSQL's JDBC URL, or leave "
                    + "the option out to use the embedded database.");
        }
        ConsoleConfig config = ConfigLoader.fromProcess()
                .load(new ConfigLoader.Overrides(home, dbUrl, dbUser, dbPassword, asOf == null ? null : asOf.toString()));
        if (java.nio.file.Files.exists(config.home()) && !java.nio.file.Files.isDirectory(config.home())) {
            // checked before the log file is pointed there: otherwise the logger's own complaints fill the terminal
            throw new com.antevus.console.core.UserFacingException("The console's home " + config.home() + " is not a folder (--home or "
                    + "CONSOLE_HOME). Give a folder the console may keep its database and logs in; it is created if it does not exist.");
        }
        LogSetup.configure(config.logDirectory());
        return config;
    }
}
