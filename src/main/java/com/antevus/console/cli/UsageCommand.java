package com.antevus.console.cli;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.db.Database;
import com.antevus.console.usage.UsageRollups;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "usage", description = "Usage rollups and alerts.", subcommands = UsageCommand.Refresh.class)
final class UsageCommand implements Callable<Integer> {
    @ParentCommand
    ConsoleCommand root;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    @Command(name = "refresh", description = {"Fold the usage recorded since the last refresh into the daily and monthly rollups, "
            + "then record this month's alert crossings. Safe to run while consoles are open (one refresh at a time)."})
    static final class Refresh implements Callable<Integer> {
        @ParentCommand
        UsageCommand parent;

        @Override
        public Integer call() {
            ConsoleConfig config = parent.root.global.resolve();
            try (Database db = CatalogCommand.openPrepared(config, parent.spec)) {
                UsageRollups rollups = new UsageRollups(db.dataSource());
                UsageRollups.Refresh r = rollups.catchUp(java.time.Duration.ofMinutes(10));
                PrintWriter out = parent.spec.commandLine().getOut();
                if (r.busy()) {
                    out.println("Another console is refreshing the rollups right now; nothing to do here.");
                } else {
                    int alerts = rollups.refreshAlerts(com.antevus.console.core.ConsoleClock.today(config.clock()));
                    out.printf("Folded %,d usage rows in %.1f s; everything ingested before %s is in the rollups; "
                            + "%d new alert crossings this month.%n", r.rowsFolded(), r.millis() / 1000.0, r.watermark(), alerts);
                    // both instants are the database's own, so they compare whatever the console's clock says
                    if (r.heldBackBy() != null && (r.watermark() == null || !r.watermark().isAfter(r.heldBackBy()))) {
                        out.printf("Note: a transaction open since %s holds the rollups back; rows it writes are folded once it ends.%n",
                                r.heldBackBy());
                    }
                }
                out.flush();
                return 0;
            }
        }
    }
}
