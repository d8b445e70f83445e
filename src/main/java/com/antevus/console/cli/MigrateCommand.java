package com.antevus.console.cli;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.db.Database;
import com.antevus.console.db.Migrations;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "migrate", description = "Bring the database schema up to date (a no-op when it already is).")
final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    ConsoleCommand root;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConsoleConfig config = root.global.resolve();
        try (Database db = Database.open(config)) {
            Migrations.Result r = Migrations.migrate(db);
            PrintWriter out = spec.commandLine().getOut();
            if (r.applied() == 0) {
                out.println("Schema is up to date at version " + r.schemaVersion() + " on " + db.target() + "; nothing to apply.");
            } else {
                out.println("Applied " + r.applied() + " migration" + (r.applied() == 1 ? "" : "s") + "; schema is at version "
                        + r.schemaVersion() + " on " + db.target() + ".");
            }
            out.flush();
            return 0;
        }
    }
}
