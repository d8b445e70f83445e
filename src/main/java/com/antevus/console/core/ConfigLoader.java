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
 * {@code STRIPE_API_KEY}, {@code STRIPE_API_BASE}), then {@code $CONSOLE_HOME/console.properties}
 * (keys {@code db.url}, {@code db.user}, {@code db.password}, {@code stripe.api_key}, {@code stripe.api_base}).
 */
public final class ConfigLoader {
    public static final String ENV_HOME = "CONSOLE_HOME";
    public static final String ENV_DB_URL = "CONSOLE_DB_URL";
    public static final String ENV_DB_USER = "CONSOLE_DB_USER";
    public static final String ENV_DB_PASSWORD = "CONSOLE_DB_PASSWORD";
    public static final String ENV_STRIPE_KEY = "STRIPE_API_KEY";
    public static final String ENV_STRIPE_BASE = "STRIPE_API_BASE";
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
    public record Overrides(Path home, String dbUrl, String dbUser, String dbPassword) {
        public static final Overrides NONE = new Overrides(null, null, null, null);
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
        String stripeKey = first(null, env.get(ENV_STRIPE_KEY), file.getProperty("stripe.api_key"));
        String stripeBase = first(null, env.get(ENV_STRIPE_BASE), file.getProperty("stripe.api_base"));
        return new ConsoleConfig(home, dbUrl, dbUser, Secret.ofNullable(dbPassword), Secret.ofNullable(stripeKey),
                stripeBase);
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
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new UserFacingException("Cannot read " + file + ": " + e.getMessage()
                        + ". Fix or remove the file and start again.", e);
            }
        }
        return p;
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
