package com.antevus.console.db;

import com.antevus.console.core.UserFacingException;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/** Flyway owns the schema; this runs it, after refusing a database whose schema is newer than the console. */
public final class Migrations {
    private Migrations() {
    }

    /** What a migration run did: how many migrations it applied and the schema version afterwards. */
    public record Result(int applied, String schemaVersion) {
    }

    static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(Database.SCHEMA)
                .defaultSchema(Database.SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load();
    }

    public static Result migrate(Database database) {
        return migrate(database.ownerDataSource());
    }

    public static Result migrate(DataSource dataSource) {
        Flyway flyway = flyway(dataSource);
        refuseNewerSchema(flyway);
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("").strip();
            throw new UserFacingException("Updating the database schema failed (" + detail + "). Each migration runs in "
                    + "its own transaction, so the failed one left nothing behind; fix the cause and retry.", e);
        }
        return new Result(result.migrationsExecuted, currentVersion(flyway));
    }

    /** The newest migration this console knows, e.g. "1". */
    public static String latestKnownVersion(DataSource dataSource) {
        return Arrays.stream(flyway(dataSource).info().all())
                .filter(i -> i.getVersion() != null && !i.getState().isFailed() && i.getState() != MigrationState.FUTURE_SUCCESS)
                .map(i -> i.getVersion().getVersion())
                .reduce((a, b) -> b).orElse("0");
    }

    private static void refuseNewerSchema(Flyway flyway) {
        Optional<MigrationInfo> future = Arrays.stream(flyway.info().all())
                .filter(i -> i.getState() == MigrationState.FUTURE_SUCCESS || i.getState() == MigrationState.FUTURE_FAILED)
                .reduce((a, b) -> b);
        if (future.isPresent()) {
            String known = Arrays.stream(flyway.info().all())
                    .filter(i -> i.getState() != MigrationState.FUTURE_SUCCESS && i.getState() != MigrationState.FUTURE_FAILED
                            && i.getVersion() != null)
                    .map(i -> i.getVersion().getVersion())
                    .reduce((a, b) -> b).orElse("0");
            throw new UserFacingException("The database schema is at version " + future.get().getVersion()
                    + ", newer than this console (which knows up to version " + known + "). "
                    + "Update the console before using this database; nothing was changed.");
        }
    }

    private static String currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null ? "0" : current.getVersion().getVersion();
    }
}
