package com.antevus.console.cli;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.catalog.CatalogVersion;
import com.antevus.console.catalog.PublishImpact;
import com.antevus.console.catalog.PublishOutcome;
import com.antevus.console.pricing.CatalogDiff;
import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.Money;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Database;
import com.antevus.console.demo.DemoData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The plan catalog from the command line: catalog as code, versions, publishing. */
@Command(name = "catalog", description = "The plan catalog: export and import it as YAML, list and compare versions, publish.",
        subcommands = {CatalogCommand.Versions.class, CatalogCommand.Export.class, CatalogCommand.Import.class,
                CatalogCommand.Diff.class, CatalogCommand.Publish.class, CatalogCommand.ApplyMoves.class})
final class CatalogCommand implements Callable<Integer> {
    @ParentCommand
    ConsoleCommand root;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** Opens the database the way the window does (migrated; demo data on a brand-new embedded one). */
    static <T> T withCatalog(ConsoleCommand root, CommandSpec spec, Work<T> work) {
        ConsoleConfig config = root.global.resolve();
        try (Database db = openPrepared(config, spec); CatalogService catalog = CatalogService.open(db, config)) {
            return work.apply(catalog, db);
        }
    }

    /** Opens the database migrated, with the demo data on a brand-new embedded one (said on stderr), as the window does. */
    /** The database and Stripe (the sandbox without a key) a command that calls Stripe works with, with the console's clock. */
    record WithStripe(Database db, com.antevus.console.stripe.StripeAccess stripe, ConsoleConfig config) {
    }

    /** Opens the database and Stripe for {@code work}, closing both after. */
    static <T> T withStripe(ConsoleCommand root, CommandSpec spec, java.util.function.Function<WithStripe, T> work) {
        ConsoleConfig config = root.global.resolve();
        try (Database db = openPrepared(config, spec);
             com.antevus.console.stripe.StripeAccess stripe = com.antevus.console.stripe.StripeAccess.open(config, db.ownerDataSource())) {
            return work.apply(new WithStripe(db, stripe, config));
        }
    }

    static Database openPrepared(ConsoleConfig config, CommandSpec spec) {
        Database db = Database.open(config);
        try {
            DemoData.Counts loaded = DemoData.prepare(db, config.clock());
            if (loaded != null) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf("First start of this home: loaded the demo data (%,d organizations).%n", loaded.organizations());
                err.flush();
            }
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    interface Work<T> {
        T apply(CatalogService catalog, Database db);
    }

    static CatalogVersion pick(CatalogService s, Integer number) {
        if (number != null) {
            return s.version(number);
        }
        return s.current().orElseThrow(() -> new UserFacingException("No catalog version is published yet; import one with "
                + "'catalog import FILE.yaml' and publish it."));
    }

    static void printChanges(PrintWriter out, List<CatalogDiff.Change> changes) {
        for (CatalogDiff.Change ch : changes) {
            out.println("  " + ch);
        }
    }

    @Command(name = "versions", description = "List the catalog's versions, newest first.")
    static final class Versions implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Override
        public Integer call() {
            return withCatalog(parent.root, parent.spec, (s, db) -> {
                PrintWriter out = parent.spec.commandLine().getOut();
                out.printf("%-8s %-10s %-12s %6s %14s  %s%n", "VERSION", "STATUS", "EFFECTIVE", "PLANS", "SUBSCRIPTIONS", "STRIPE");
                for (CatalogVersion v : s.versions()) {
                    out.printf("v%-7d %-10s %-12s %6d %14d  %s%n", v.number(), v.status().label(),
                            v.effectiveFrom() == null ? "-" : v.effectiveFrom(), v.plans(), v.subscriptions(),
                            v.isDraft() ? "-" : v.stripeSyncedAt() == null ? "not synced" : "synced");
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "export", description = "Write the catalog as a readable YAML file (the current version unless --version).")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;
        @Parameters(paramLabel = "FILE.yaml", description = "Where to write it; - for standard output.")
        String file;
        @Option(names = "--version", paramLabel = "N", description = "Export version N instead of the current one.")
        Integer version;

        @Override
        public Integer call() {
            return withCatalog(parent.root, parent.spec, (s, db) -> {
                CatalogVersion v = pick(s, version);
                String yaml = s.export(v);
                if ("-".equals(file)) {
                    parent.spec.commandLine().getOut().print(yaml);
                    parent.spec.commandLine().getOut().flush();
                    return 0;
                }
                com.antevus.console.core.SafeFiles.writeAtomically(Path.of(file), yaml); // never through a link or onto a device
                PrintWriter out = parent.spec.commandLine().getOut();
                out.printf("Exported catalog %s to %s.%n", v.title(), file);
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "import", description = {"Read a catalog YAML file, show how it differs from the current catalog, and apply it "
            + "as a new draft version. A file with any problem changes nothing."})
    static final class Import implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;
        @Parameters(paramLabel = "FILE.yaml")
        Path file;
        @Option(names = "--dry-run", description = "Only validate and show the differences.")
        boolean dryRun;
        @Option(names = "--replace-draft", description = "Replace the contents of the existing draft instead of refusing.")
        boolean replaceDraft;

        @Override
        public Integer call() {
            String yaml = com.antevus.console.core.SafeFiles.readUtf8(file, com.antevus.console.core.SafeFiles.MAX_CATALOG_BYTES);
            String source = file.getFileName().toString();
            return withCatalog(parent.root, parent.spec, (s, db) -> {
                CatalogService.ImportPreview preview = s.preview(yaml, source);
                PrintWriter out = parent.spec.commandLine().getOut();
                String against = preview.against().map(CatalogVersion::title).orElse("an empty catalog");
                if (preview.changes().isEmpty()) {
                    out.println(source + " is valid and matches the current catalog " + against + ": no changes.");
                } else {
                    out.println(source + " is valid; " + preview.changes().size() + " change" + (preview.changes().size() == 1 ? "" : "s")
                            + " against " + against + ":");
                    printChanges(out, preview.changes());
                }
                if (dryRun) {
                    out.println("Dry run: nothing was written.");
                } else if (preview.changes().isEmpty()) {
                    out.println("Nothing to import.");
                } else {
                    CatalogVersion draft = s.importAsDraft(preview, source, replaceDraft);
                    out.println("Saved as draft " + draft.title() + ". Review it, then publish with 'catalog publish --version "
                            + draft.number() + "'.");
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "diff", description = "Show what changed between two versions.")
    static final class Diff implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;
        @Parameters(index = "0", paramLabel = "FROM")
        int from;
        @Parameters(index = "1", paramLabel = "TO")
        int to;

        @Override
        public Integer call() {
            return withCatalog(parent.root, parent.spec, (s, db) -> {
                List<CatalogDiff.Change> changes = s.diff(s.version(from), s.version(to));
                PrintWriter out = parent.spec.commandLine().getOut();
                out.println(changes.isEmpty() ? "v" + from + " and v" + to + " sell the same things at the same prices."
                        : changes.size() + " change" + (changes.size() == 1 ? "" : "s") + " from v" + from + " to v" + to + ":");
                printChanges(out, changes);
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "publish", description = {"Publish a draft version (it becomes immutable) and create or link its Stripe products "
            + "and prices. Publishing a published version again only completes its Stripe step."})
    static final class Publish implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;
        @Option(names = "--version", paramLabel = "N", description = "The version (default: the draft).")
        Integer version;
        @Option(names = "--effective", paramLabel = "YYYY-MM-DD", description = "When it takes effect (default: today).")
        LocalDate effective;
        @Option(names = "--existing", paramLabel = "move-at-renewal|grandfather", required = true,
                description = "Subscribers of plans whose price changed: move them at their next renewal, or leave them grandfathered.")
        String existing;

        @Override
        public Integer call() {
            PublishOutcome.Decision decision = switch (existing) {
                case "move-at-renewal" -> PublishOutcome.Decision.MOVE_AT_RENEWAL;
                case "grandfather" -> PublishOutcome.Decision.GRANDFATHER;
                default -> throw new picocli.CommandLine.ParameterException(parent.spec.commandLine(),
                        "--existing is move-at-renewal or grandfather, not '" + existing + "'.");
            };
            return withCatalog(parent.root, parent.spec, (s, db) -> {
                CatalogVersion v = version != null ? s.version(version) : s.draft().orElseThrow(() ->
                        new UserFacingException("There is no draft to publish; name a version with --version."));
                PrintWriter out = parent.spec.commandLine().getOut();
                if (v.isDraft()) {
                    PublishImpact impact = s.impact(v);
                    for (PublishImpact.PlanImpact p : impact.plans()) {
                        out.printf("  %-16s %5d subscriptions on v%s: %s%n", p.code(), p.subscriptions(),
                                String.join(",", p.fromVersions().stream().map(String::valueOf).toList()),
                                p.removed() ? "plan removed, they stay" : p.unchanged() ? "unchanged, they move now"
                                        : "monthly " + Money.of(p.oldMrrMinor(), impact.currency()).format() + " → "
                                        + Money.of(p.newMrrMinor(), impact.currency()).format());
                    }
                }
                CatalogService.PublishResult r = s.publish(v, effective == null ? s.today() : effective, decision,
                        db.sessionUser());
                if (r.outcome() != null) {
                    out.printf("Published %s: %d subscriptions moved now (unchanged plans), %d move at renewal, %d grandfathered.%n",
                            r.version().title(), r.outcome().movedNow(), r.outcome().scheduledAtRenewal(), r.outcome().grandfathered());
                }
                out.printf("Stripe: %d products and %d prices created, %d prices linked unchanged, %d replaced prices archived, "
                        + "%d already in place.%n", r.stripe().productsCreated(), r.stripe().pricesCreated(), r.stripe().pricesLinked(),
                        r.stripe().pricesArchived(), r.stripe().alreadyInPlace());
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "apply-moves", description = {"Move subscriptions scheduled to change plan at renewal whose renewal has come.",
            "  catalog apply-moves [--as-of 2027-01-31]   (renewals up to that day)"})
    static final class ApplyMoves implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Override
        public Integer call() {
            return withCatalog(parent.root, parent.spec, (s, db) -> {
                int n = s.applyDueMoves(s.today()); // renewals up to today on the console's clock (--as-of moves it)
                parent.spec.commandLine().getOut().println("Moved " + n + " subscription" + (n == 1 ? "" : "s") + " to their new plans.");
                parent.spec.commandLine().getOut().flush();
                return 0;
            });
        }
    }
}
