package com.antevus.console.support;

import com.antevus.console.db.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real embedded PostgreSQL per test run; each test class gets a fresh database cloned from a migrated
 * template. Never H2, never a mock.
 */
public final class TestPostgres {
    private static EmbeddedPostgres server;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String TEMPLATE = "billing_template";

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("fsync", "off")
                        .start();
                try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("create database " + TEMPLATE);
                }
                Migrations.migrate(dataSource(TEMPLATE, "postgres"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return server;
    }

    /** A new, migrated, empty database; its name is returned. */
    public static synchronized String freshDatabase(String hint) {
        String name = "t" + COUNTER.incrementAndGet() + "_" + hint.toLowerCase().replaceAll("[^a-z0-9]", "");
        name = name.length() > 60 ? name.substring(0, 60) : name;
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name + " template " + TEMPLATE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    public static DataSource dataSource(String database, String user) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[]{"127.0.0.1"});
        ds.setPortNumbers(new int[]{server().getPort()});
        ds.setDatabaseName(database);
        ds.setUser(user);
        ds.setCurrentSchema("billing");
        return utcSessions(ds);
    }

    /**
     * The data source with every session on UTC, as the console's pool does: the driver sends the JVM's zone as the
     * session's TimeZone, and a test's own date arithmetic in SQL must count the same UTC days as the console.
     */
    private static DataSource utcSessions(DataSource plain) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(plain, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof java.sql.Connection c) {
                        try (java.sql.Statement s = c.createStatement()) {
                            s.execute("set time zone 'UTC'");
                        }
                    }
                    return result;
                });
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + database;
    }

    /** The one number a query returns (a count or a sum), for expected values read straight from the database. */
    /** One login per staff role, named {@code prefix + role} (cluster-wide, so created only if missing). */
    public static void createLogins(javax.sql.DataSource owner, String prefix) throws java.sql.SQLException {
        try (java.sql.Connection c = owner.getConnection(); java.sql.Statement s = c.createStatement()) {
            for (String role : new String[]{"readonly", "support", "sales", "finance", "admin"}) {
                s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + prefix + role + "') then "
                        + "create role " + prefix + role + " login in role billing_" + role + "; end if; end $$");
            }
        }
    }

    public static long one(javax.sql.DataSource ds, String sql, Object... args) throws java.sql.SQLException {
        Object v = rows(ds, sql, args).get(0)[0];
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** The rows a query returns, each as its column values in order (for tests reading the database directly). */
    public static java.util.List<Object[]> rows(javax.sql.DataSource ds, String sql, Object... args) throws java.sql.SQLException {
        try (java.sql.Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            java.util.List<Object[]> out = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[rs.getMetaData().getColumnCount()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }
}
