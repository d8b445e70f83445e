package com.antevus.console.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves {@link ConsoleConfig} from, highest first: command-line options, the environment
 * ({@code CONSOLE_HOME}, {@code CONSOLE_DB_URL}, {@code CONSOLE_DB_USER}, {@code CONSOLE_DB_PASSWORD},
 * {@code STRIPE_API_KEY}, {@code STRIPE_API_BASE}, {@code CONSOLE_AS_OF}), then {@code $CONSOLE_HOME/console.properties}
 * (keys {@code db.url}, {@code db.user}, {@code db.password}, {@code stripe.api_key}, {@code stripe.api_base}).
 *
 * <p>Stripe keys are kept per environment: {@code stripe.environment} (or {@code CONSOLE_STRIPE_ENV}) chooses
 * {@code sandbox} (no key: the local sandbox), {@code test} ({@code stripe.test.api_key}) or {@code live}
 * ({@code stripe.live.api_key}); a plain {@code stripe.api_key} is used when no environment is named. A file holding a
 * password or key must be readable by its owner only (like ssh's keys): otherwise the console refuses to start.
 */
public final class ConfigLoader {
    public static final String ENV_HOME = "CONSOLE_HOME";
    public static final String ENV_DB_URL = "CONSOLE_DB_URL";
    public static final String ENV_DB_USER = "CONSOLE_DB_USER";
    public static final String ENV_DB_PASSWORD = "CONSOLE_DB_PASSWORD";
    public static final String ENV_STRIPE_KEY = "STRIPE_API_KEY";
    public static final String ENV_STRIPE_BASE = "STRIPE_API_BASE";
    public static final String ENV_STRIPE_ENVIRONMENT = "CONSOLE_STRIPE_ENV";
    public static final String PROPERTIES_FILE = "console.properties";

    private final Map<String, String> env;
    private final Map<String, String> systemProperties;

    public ConfigLoader(Map<String, String> env, Map<String, String> systemProperties) {
        this.env = Map.copyOf(env);
        this.systemProperties = Map.copyOf(systemProperties);
    }

    public static ConfigLoader fromProcess() {
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
        return new ConfigLoader(System.getenv(), props);
    }

    /** Options given on the command line; null fields were not given. */
    public record Overrides(Path home, String dbUrl, String dbUser, String dbPassword, String asOf) {
        public static final Overrides NONE = new Overrides(null, null, null, null, null);

        public Overrides(Path home, String dbUrl, String dbUser, String dbPassword) {
            this(home, dbUrl, dbUser, dbPassword, null);
        }
    }

    public ConsoleConfig load(Overrides cli) {
        Path home = cli.home() != null ? cli.home()
                : env.containsKey(ENV_HOME) && !env.get(ENV_HOME).isBlank() ? Path.of(env.get(ENV_HOME))
                : defaultHome();
        home = home.toAbsolutePath().normalize();
        Properties file = readProperties(home.resolve(PROPERTIES_FILE));
        String dbUrl = first(cli.dbUrl(), env.get(ENV_DB_URL), file.getProperty("db.url"));
        String dbUser = first(cli.dbUser(), env.get(ENV_DB_USER), file.getProperty("db.user"));
        String dbPassword = first(cli.dbPassword(), env.get(ENV_DB_PASSWORD), file.getProperty("db.password"));
        String environment = first(env.get(ENV_STRIPE_ENVIRONMENT), file.getProperty("stripe.environment"));
        String stripeKey;
        if (environment == null) {
            stripeKey = first(env.get(ENV_STRIPE_KEY), file.getProperty("stripe.api_key"));
        } else {
            String e = environment.toLowerCase(java.util.Locale.ROOT);
            if (!e.equals("sandbox") && !e.equals("test") && !e.equals("live")) {
                throw new UserFacingException("stripe.environment is '" + environment + "'; use sandbox, test or live.");
            }
            stripeKey = e.equals("sandbox") ? null : first(env.get(ENV_STRIPE_KEY), file.getProperty("stripe." + e + ".api_key"));
            if (!e.equals("sandbox") && stripeKey == null) {
                throw new UserFacingException("stripe.environment is " + e + " but no key is set: add stripe." + e
                        + ".api_key to " + home.resolve(PROPERTIES_FILE) + " (readable by you only), or set STRIPE_API_KEY.");
            }
        }
        String stripeBase = first(null, env.get(ENV_STRIPE_BASE), file.getProperty("stripe.api_base"));
        String asOfText = first(cli.asOf(), env.get(ConsoleClock.ENV_AS_OF));
        java.time.Instant asOf = asOfText == null ? null : ConsoleClock.parseAsOf(asOfText);
        if (stripeKey != null && !stripeKey.matches("(sk|rk)_(test|live)_[A-Za-z0-9_]{4,}")) {
            // refused here: an unknown key never reaches Stripe's servers (nor any message: only its shape is described)
            throw new UserFacingException("The Stripe key does not look like a Stripe secret or restricted key (sk_test_…, sk_live_…, "
                    + "rk_test_…, rk_live_…); nothing was sent to Stripe. Copy the key again from the Stripe Dashboard.");
        }
        Secret key = Secret.ofNullable(stripeKey);
        if (asOf != null && StripeMode.of(key) == StripeMode.LIVE) {
            throw new UserFacingException("The console's clock cannot be set (--as-of or " + ConsoleClock.ENV_AS_OF
                    + ") while it uses a live Stripe key: live invoices must carry the real date. Use the sandbox or a test key to rehearse.");
        }
        return new ConsoleConfig(home, dbUrl, dbUser, Secret.ofNullable(dbPassword), key, stripeBase, asOf,
                ConsoleClock.startingAt(asOf), graceHours(file.getProperty("invoicing.grace_hours"), home));
    }

    /** invoicing.grace_hours: whole hours from 0 to 720 (30 days); 24 when not set. */
    private static java.time.Duration graceHours(String value, Path home) {
        if (value == null || value.isBlank()) {
            return java.time.Duration.ofHours(24);
        }
        String v = value.strip();
        if (!v.matches("\\d{1,3}") || Integer.parseInt(v) > 720) {
            throw new UserFacingException("invoicing.grace_hours in " + home.resolve(PROPERTIES_FILE) + " is '" + (v.length() > 20 ? v.substring(0, 20) + "..." : v)
                    + "'; write whole hours from 0 to 720 (how long after a month ends a run waits for late usage).");
        }
        return java.time.Duration.ofHours(Integer.parseInt(v));
    }

    /** The platform's per-user data directory: XDG on Linux, Application Support on macOS, APPDATA on Windows. */
    Path defaultHome() {
        String os = systemProperties.getOrDefault("os.name", "").toLowerCase();
        String userHome = systemProperties.getOrDefault("user.home", ".");
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return Path.of(appData != null ? appData : userHome, "BillingConsole");
        }
        if (os.contains("mac")) {
            return Path.of(userHome, "Library", "Application Support", "BillingConsole");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return Path.of(xdg != null && !xdg.isBlank() ? xdg : Path.of(userHome, ".local", "share").toString(),
                "billing-console");
    }

    private static Properties readProperties(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] raw = in.readNBytes(1024 * 1024 + 1);
                if (raw.length > 1024 * 1024) {
                    throw new UserFacingException(file + " is larger than 1 MB; a console.properties holds a few lines of key=value.");
                }
                for (byte b : raw) {
                    if ((b >= 0 && b < 0x09) || (b > 0x0d && b < 0x20)) {
                        throw new UserFacingException(file + " is not a text file (it holds binary bytes); nothing was read. "
                                + "Write it as key=value lines, or remove it and start again.");
                    }
                }
                p.load(new java.io.ByteArrayInputStream(raw));
            } catch (IOException | IllegalArgumentException e) {
                throw new UserFacingException("Cannot read " + file + ": " + e.getMessage()
                        + ". Fix or remove the file and start again.", e);
            }
            // a password may also hide in the URL (?password=…): that makes the file a secret too
            boolean holdsSecret = p.stringPropertyNames().stream().anyMatch(k -> k.equals("db.password") || k.endsWith("api_key"))
                    || p.getProperty("db.url", "").toLowerCase(java.util.Locale.ROOT).matches(".*[?&]password=.*");
            if (holdsSecret && readableByOthers(file)) {
                throw new UserFacingException(file + " holds a password or Stripe key but other users on this machine can read it. "
                        + "Make it yours alone (chmod 600 " + file + "), then start again.");
            }
        }
        return p;
    }

    /** True when the file's group or others may read or write it (POSIX only; other systems rely on the profile directory). */
    static boolean readableByOthers(Path file) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.stream().anyMatch(x -> x.name().startsWith("GROUP_") || x.name().startsWith("OTHERS_"));
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
