package com.antevus.console.core;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The console's configuration, resolved once at start from command-line options, the environment and
 * {@code $CONSOLE_HOME/console.properties}, highest first (see {@link ConfigLoader}).
 *
 * @param home        the console's data directory (embedded database, preferences, logs)
 * @param dbUrl       JDBC URL of the shared PostgreSQL, or null for the embedded default
 * @param dbUser      database login; null means the embedded superuser or the driver default
 * @param dbPassword  database password, never printed
 * @param stripeKey   Stripe secret or restricted key, or null for the local sandbox
 * @param stripeApiBase override for Stripe's API base URL, or null
 */
public record ConsoleConfig(Path home, String dbUrl, String dbUser, Secret dbPassword, Secret stripeKey,
                            String stripeApiBase) {

    public boolean embeddedDatabase() {
        return dbUrl == null;
    }

    public Optional<Secret> stripeKeyIfAny() {
        return Optional.ofNullable(stripeKey);
    }

    /** Where the Stripe work goes, from the key's prefix; shown in the status bar and the mode banner. */
    public StripeMode stripeMode() {
        return StripeMode.of(stripeKey);
    }

    public Path dataDirectory() {
        return home.resolve("pgdata");
    }

    public Path logDirectory() {
        return home.resolve("logs");
    }

    @Override
    public String toString() {
        return "ConsoleConfig[home=" + home + ", db=" + (dbUrl == null ? "embedded" : dbUrl)
                + ", user=" + dbUser + ", stripe=" + stripeMode().label() + "]";
    }
}
