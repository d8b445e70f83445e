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
 * @param asOf        the instant the console's clock was set to with {@code --as-of} or {@code CONSOLE_AS_OF}, or null
 * @param clock       the console's one clock (see {@link ConsoleClock}); every decision that depends on "now" reads it
 * @param invoiceGrace how long after a month ends an invoice run waits for late usage ({@code invoicing.grace_hours})
 */
public record ConsoleConfig(Path home, String dbUrl, String dbUser, Secret dbPassword, Secret stripeKey,
                            String stripeApiBase, java.time.Instant asOf, java.time.Clock clock, java.time.Duration invoiceGrace) {

    public ConsoleConfig {
        java.util.Objects.requireNonNull(clock, "clock");
        java.util.Objects.requireNonNull(invoiceGrace, "invoiceGrace");
    }

    /** The same configuration with another login (sign-in). */
    public ConsoleConfig withLogin(String user, Secret password) {
        return new ConsoleConfig(home, dbUrl, user, password, stripeKey, stripeApiBase, asOf, clock, invoiceGrace);
    }

    /** The same configuration on another clock (tests name their instant this way). */
    public ConsoleConfig withClock(java.time.Clock other) {
        return new ConsoleConfig(home, dbUrl, dbUser, dbPassword, stripeKey, stripeApiBase, asOf, other, invoiceGrace);
    }

    /** The same configuration with another Stripe key. */
    public ConsoleConfig withStripeKey(Secret key) {
        return new ConsoleConfig(home, dbUrl, dbUser, dbPassword, key, stripeApiBase, asOf, clock, invoiceGrace);
    }

    /** Whether the clock was set from outside, for the status bar. */
    public boolean clockSet() {
        return asOf != null;
    }

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
                + ", user=" + dbUser + ", stripe=" + stripeMode().label() + (asOf == null ? "" : ", as-of=" + asOf) + "]";
    }
}
