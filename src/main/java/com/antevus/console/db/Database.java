package com.antevus.console.db;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.UserFacingException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's connection to PostgreSQL: the embedded default when no URL is configured, otherwise the
 * company's shared server (and then never an embedded one). All console tables live in the {@code billing}
 * schema, so they cannot collide with the product's own tables on a shared server.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    public static final String SCHEMA = "billing";
    static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final HikariDataSource dataSource;
    private final EmbeddedDatabase embedded;
    private final String target;
    private final String sessionUser;
    /** The embedded server's owner, kept beside a staff login's pool for what only the owner does; else null. */
    private final HikariDataSource owner;

    private Database(HikariDataSource dataSource, EmbeddedDatabase embedded, String target, String sessionUser) {
        this(dataSource, embedded, target, sessionUser, null);
    }

    private Database(HikariDataSource dataSource, EmbeddedDatabase embedded, String target, String sessionUser, HikariDataSource owner) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.target = target;
        this.sessionUser = sessionUser;
        this.owner = owner;
    }

    /**
     * Opens the configured database: connects (starting the embedded server first if none is configured)
     * and checks the login. Writes nothing. Failures are {@link UserFacingException}s with a plain message.
     */
    public static Database open(ConsoleConfig config) {
        EmbeddedDatabase embedded = null;
        String url;
        String user;
        String password;
        if (config.embeddedDatabase()) {
            embedded = EmbeddedDatabase.start(config.home());
            url = embedded.jdbcUrl();
            user = config.dbUser() != null ? config.dbUser() : EmbeddedDatabase.SUPERUSER;
            password = config.dbPassword() != null ? config.dbPassword().reveal()
                    : EmbeddedDatabase.SUPERUSER.equals(user) ? embedded.ownerPassword() : null;
            if (!EmbeddedDatabase.SUPERUSER.equals(user)) {
                try {
                    return signIn(url, user, password, embedded);
                } catch (RuntimeException e) {
                    embedded.close();
                    throw e;
                }
            }
        } else {
            url = config.dbUrl();
            user = config.dbUser();
            password = config.dbPassword() == null ? null : config.dbPassword().reveal();
        }
        try {
            return connect(url, user, password, embedded);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /**
     * The embedded default signed in as a staff login: the owner migrates and makes sure the demo logins exist, then the
     * console's pool connects as the login, so the database's grants apply to everything the person does. The owner's
     * pool stays for the owner's work (migrations, demo data, the local Stripe sandbox's own tables).
     */
    private static Database signIn(String url, String user, String password, EmbeddedDatabase embedded) {
        Database ownerDb = connect(url, EmbeddedDatabase.SUPERUSER, embedded.ownerPassword(), null);
        try {
            Migrations.migrate(ownerDb.dataSource());
            DemoLogins.ensure(ownerDb.dataSource());
            Database staff = connect(url, user, password, null);
            return new Database(staff.dataSource, embedded, staff.target, staff.sessionUser, ownerDb.dataSource);
        } catch (RuntimeException e) {
            ownerDb.close();
            throw e;
        }
    }

    private static Database connect(String url, String user, String password, EmbeddedDatabase embedded) {
        String target = describe(url);
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("ApplicationName", "billing-console");
        props.setProperty("currentSchema", SCHEMA);
        // probe once with the plain driver: precise errors, and no pool left behind on failure
        String sessionUser;
        try (Connection c = DriverManager.getConnection(url, props);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select session_user")) {
            rs.next();
            sessionUser = rs.getString(1);
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains("No suitable driver")) {
                throw invalidUrl();
            }
            throw DbErrors.connectFailure(e, target, user == null ? "(default)" : user);
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setDataSourceProperties(props);
        hc.setPoolName("billing-console");
        // the console's days are UTC days: date arithmetic in SQL must not follow the machine's time zone, which the
        // driver sends as the session's TimeZone (and which wins over a -c option)
        hc.setConnectionInitSql("set time zone 'UTC'");
        hc.setMaximumPoolSize(16); // invoice runs hold one per worker (their advisory lock), the sandbox needs its own
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
        hc.setInitializationFailTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
        HikariDataSource ds = new HikariDataSource(hc);
        LOG.info("Connected to {} as {}", target, sessionUser);
        return new Database(ds, embedded, target, sessionUser);
    }

    private static UserFacingException invalidUrl() {
        return new UserFacingException("The database URL is not a PostgreSQL JDBC URL; it should look like "
                + "jdbc:postgresql://host:5432/billing. Check --db-url or CONSOLE_DB_URL.");
    }

    /** host:port/database of a JDBC URL, without credentials or parameters. */
    static String describe(String url) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw invalidUrl();
        }
        if (url.matches("jdbc:postgresql://[^/?]*@.*")) {
            // user:password@host is not JDBC's shape, and whatever sits before '@' may be a password: never echoed
            throw new UserFacingException("The database URL has a login before '@' (user:password@host), which a JDBC URL does not "
                    + "take. Write it as jdbc:postgresql://host:5432/billing and give the login with --db-user (db.user) and the "
                    + "password with --db-password (db.password, in a file only you can read).");
        }
        Properties p = org.postgresql.Driver.parseURL(url, null);
        if (p == null) {
            throw invalidUrl();
        }
        return p.getProperty("PGHOST", "localhost") + ":" + p.getProperty("PGPORT", "5432") + "/"
                + p.getProperty("PGDBNAME", "");
    }

    /** The signed-in login's pool: every service the person uses runs here, under that login's grants. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Where the owner's work goes: migrations, loading demo data and the local Stripe sandbox's tables. On the embedded
     * default with a staff login that is the server's owner; otherwise the same pool as {@link #dataSource()}.
     */
    public DataSource ownerDataSource() {
        return owner != null ? owner : dataSource;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** True on the first start of an embedded home (a new cluster was initialised). */
    public boolean isNewEmbeddedCluster() {
        return embedded != null && embedded.createdNow();
    }

    /** Where the console is connected: "embedded (127.0.0.1:5433)" or "db.example.com:5432/billing". */
    public String target() {
        return embedded != null ? "embedded (127.0.0.1:" + embedded.port() + ")" : target;
    }

    /** The database login the console runs as (PostgreSQL's session_user). */
    public String sessionUser() {
        return sessionUser;
    }

    /** Whether the server answers now; used by the status bar's health check. */
    public boolean isReachable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(CONNECT_TIMEOUT_SECONDS);
            s.execute("select 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
        if (owner != null) {
            owner.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
