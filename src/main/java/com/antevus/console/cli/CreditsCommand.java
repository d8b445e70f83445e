package com.antevus.console.cli;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.credits.CreditLedger;
import com.antevus.console.credits.CreditService;
import com.antevus.console.db.Database;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "credits", description = "Prepaid credits: an organization's balance and ledger, grants, adjustments, and settling a month's consumption.",
        subcommands = {CreditsCommand.Balance.class, CreditsCommand.Ledger.class, CreditsCommand.Grant.class, CreditsCommand.Adjust.class,
                CreditsCommand.Settle.class, CreditsCommand.Products.class, CreditsCommand.SettingsCommand.class, CreditSalesCommands.Sell.class,
                CreditSalesCommands.Sales.class, CreditSalesCommands.SalePaid.class, CreditSalesCommands.ResumeSales.class})
final class CreditsCommand {
    @ParentCommand
    ConsoleCommand root;

    private static <T> T withService(CreditsCommand parent, CommandSpec spec, Function<CreditService, T> work) {
        ConsoleConfig config = parent.root.global.resolve();
        try (Database db = CatalogCommand.openPrepared(config, spec)) {
            return work.apply(new CreditService(db.dataSource(), config.clock()));
        }
    }

    static UUID org(CommandSpec spec, String text) {
        return id(spec, text, "an organization id (a UUID)");
    }

    /** The UUID typed, or a usage error saying what it should have been ("a credit note id (a UUID; see credit-notes list)"). */
    static UUID id(CommandSpec spec, String text, String what) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "'" + text + "' is not " + what + ".");
        }
    }

    static YearMonth month(CommandSpec spec, String text, String option) {
        try {
            return YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), option + " '" + text + "' is not a month (YYYY-MM, say 2026-11).");
        }
    }

    static CreditLedger.Bucket kind(CommandSpec spec, String text) {
        try {
            return CreditLedger.Bucket.of(text.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--kind '" + text + "' is not a kind of credits: purchased, subscription or promotional.");
        }
    }

    /** An expiry day: the credits expire at the end of it, midnight UTC after it. */
    static java.time.Instant expiry(CommandSpec spec, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip()).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--expires '" + text + "' is not a day (YYYY-MM-DD).");
        }
    }


    static void entry(ObjectNode n, CreditLedger.Entry e) {
        n.put("id", e.id().toString());
        n.put("lot_id", e.lot().toString());
        n.put("entry", e.kind().db());
        n.put("kind", e.bucket().db());
        n.put("credits", e.credits());
        n.put("effective_at", e.effectiveAt().toString());
        n.put("expires_at", e.expiresAt() == null ? null : e.expiresAt().toString());
        n.put("period", e.period() == null ? null : e.period().toString());
        n.put("reason", e.reason());
        if (e.by() != null) {
            n.put("by", e.by());
        }
    }

    static void balance(ObjectNode n, CreditLedger.Balance b) {
        n.put("total", b.total());
        for (CreditLedger.Bucket k : CreditLedger.Bucket.values()) {
            n.put(k.db(), b.of(k));
        }
    }

    static String credits(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    static void printEntries(PrintWriter out, List<CreditLedger.Entry> entries) {
        for (CreditLedger.Entry e : entries) {
            out.printf("  %-20s %-11s %-12s %,14d  %s%s%n", e.effectiveAt().toString().replace('T', ' ').replaceFirst("(:\\d\\d)(\\.\\d+)?Z", "$1Z"),
                    e.kind().db(), e.bucket().db(), e.credits(), e.reason(),
                    e.expiresAt() == null ? "" : " (expires " + e.expiresAt() + ")");
        }
    }

    @Command(name = "balance", description = {"What an organization can spend now, by kind, and whether it is below the low-balance threshold.",
            "  credits balance --org ORG_ID [--json]"})
    static final class Balance implements Callable<Integer> {
        @ParentCommand
        CreditsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--org", paramLabel = "ORG_ID", required = true, description = "An organization id.")
        String org;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            UUID id = org(spec, org);
            CreditService.Account a = withService(parent, spec, s -> s.account(id));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("organization_id", id.toString());
                root.put("organization", a.organizationName());
                root.put("as_of", a.at().toString());
                balance(root.putObject("available"), a.available());
                root.put("low_balance_threshold", a.settings().lowBalanceThreshold());
                root.put("low", a.low());
                root.put("precedence", a.settings().precedence().db());
                CliJson.print(out, root);
                return 0;
            }
            CreditLedger.Balance b = a.available();
            out.printf("%s: %s credits available (%s purchased, %s subscription, %s promotional)%s.%n", a.organizationName(), credits(b.total()),
                    credits(b.of(CreditLedger.Bucket.PURCHASED)), credits(b.of(CreditLedger.Bucket.SUBSCRIPTION)),
                    credits(b.of(CreditLedger.Bucket.PROMOTIONAL)),
                    a.low() ? ", below the low-balance threshold of " + credits(a.settings().lowBalanceThreshold()) : "");
            out.println("Consumed " + a.settings().precedence().words() + ".");
            return 0;
        }
    }

    @Command(name = "ledger", description = {"Every entry of an organization's credit ledger, oldest first, and the balance they add up to.",
            "  credits ledger --org ORG_ID [--json]"})
    static final class Ledger implements Callable<Integer> {
        @ParentCommand
        CreditsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--org", paramLabel = "ORG_ID", required = true, description = "An organization id.")
        String org;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            UUID id = org(spec, org);
            CreditService.Account a = withService(parent, spec, s -> s.account(id));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("organization_id", id.toString());
                root.put("organization", a.organizationName());
                ArrayNode list = root.putArray("entries");
                a.ledger().entries().forEach(e -> entry(list.addObject(), e));
                balance(root.putObject("balance"), a.ledger().balance());
                CliJson.print(out, root);
                return 0;
            }
            out.printf("%s: %d entries, balance %s credits.%n", a.organizationName(), a.ledger().entries().size(), credits(a.ledger().balance().total()));
            printEntries(out, a.ledger().entries());
            return 0;
        }
    }

    @Command(name = "grant", description = {"Grants credits: purchased (never expire; --credits or a --product), a month's subscription "
            + "allocation (--period; expire at its end), or promotional (--expires).",
            "  credits grant --org ORG_ID --kind purchased --product credits-50k --reason \"Order 1182\" [--json]",
            "  credits grant --org ORG_ID --kind subscription --credits 5000 --period 2026-12 --reason \"Scale plan allocation\"",
            "  credits grant --org ORG_ID --kind promotional --credits 2000 --expires 2027-03-31 --reason \"Launch promotion\""})
    static final class Grant implements Callable<Integer> {
        @ParentCommand
        CreditsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--org", paramLabel = "ORG_ID", required = true, description = "An organization id.")
        String org;
        @Option(names = "--kind", required = true, description = "purchased, subscription or promotional.")
        String kind;
        @Option(names = "--credits", description = "How many credits (a whole number above zero).")
        Long credits;
        @Option(names = "--product", paramLabel = "CODE", description = "A credit product's code (purchased credits); see 'credits products'.")
        String product;
        @Option(names = "--period", paramLabel = "YYYY-MM", description = "The month of a subscription allocation.")
        String period;
        @Option(names = "--expires", paramLabel = "YYYY-MM-DD", description = "The last day promotional credits can be spent (UTC).")
        String expires;
        @Option(names = "--reason", required = true, description = "Why (goes to the audit log).")
        String reason;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            UUID id = org(spec, org);
            CreditLedger.Bucket bucket = kind(spec, kind);
            if (credits == null && product == null) {
                throw new ParameterException(spec.commandLine(), "Give --credits N or --product CODE.");
            }
            CreditService.Grant g = new CreditService.Grant(bucket, credits, product, expiry(spec, expires),
                    period == null ? null : month(spec, period, "--period"), reason);
            CreditLedger.Entry e = withService(parent, spec, s -> s.grant(id, g));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                entry(root.putObject("entry"), e);
                CliJson.print(out, root);
            } else {
                out.printf("Granted %s %s credits%s.%n", credits(e.credits()), e.bucket().db(),
                        e.expiresAt() == null ? " (they never expire)" : ", expiring " + e.expiresAt());
            }
            return 0;
        }
    }

    @Command(name = "adjust", description = {"Corrects a balance with a reason: a positive number adds a lot (purchased unless --kind "
            + "promotional with --expires); a negative one takes credits in the precedence order, refused whole if there are not that many.",
            "  credits adjust --org ORG_ID --credits -300 --reason \"Double grant on 2026-11-02\" [--json]"})
    static final class Adjust implements Callable<Integer> {
        @ParentCommand
        CreditsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--org", paramLabel = "ORG_ID", required = true, description = "An organization id.")
        String org;
        @Option(names = "--credits", required = true, description = "Credits to add (positive) or take (negative).")
        long credits;
        @Option(names = "--kind", description = "For a positive adjustment: purchased (default) or promotional.")
        String kind;
        @Option(names = "--expires", paramLabel = "YYYY-MM-DD", description = "For promotional credits: the last day they can be spent (UTC).")
        String expires;
        @Option(names = "--reason", required = true, description = "Why (goes to the audit log).")
        String reason;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            UUID id = org(spec, org);
            CreditLedger.Bucket bucket = kind == null ? null : kind(spec, kind);
            List<CreditLedger.Entry> entries = withService(parent, spec, s -> s.adjust(id, credits, bucket, expiry(spec, expires), reason));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                ArrayNode list = root.putArray("entries");
                entries.forEach(e -> entry(list.addObject(), e));
                CliJson.print(out, root);
            } else {
                out.printf("%s %s credits in %d entr%s:%n", credits > 0 ? "Added" : "Took", credits(Math.abs(credits)), entries.size(),
                        entries.size() == 1 ? "y" : "ies");
                printEntries(out, entries);
            }
            return 0;
        }
    }

    @Command(name = "settle", description = {"Settles an ended month: its usage's credit cost is drawn from each organization's lots, then "
            + "what expired by the month's end is written off. Settling again writes nothing new.",
            "  credits settle --period 2026-11 [--org ORG_ID] [--json]"})
    static final class Settle implements Callable<Integer> {
        @ParentCommand
        CreditsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--period", paramLabel = "YYYY-MM", required = true, description = "The month to settle.")
        String period;
        @Option(names = "--org", paramLabel = "ORG_ID", description = "One organization (default: every organization with credits).")
        String org;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            YearMonth month = month(spec, period, "--period");
            UUID id = org == null ? null : org(spec, org);
            List<CreditService.Settlement> done = withService(parent, spec, s -> id == null ? s.settleAll(month) : List.of(s.settle(id, month)));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("period", month.toString());
                ArrayNode list = root.putArray("organizations");
                for (CreditService.Settlement st : done) {
                    ObjectNode n = list.addObject();
                    n.put("organization_id", st.organizationId().toString());
                    n.put("cost", st.cost());
                    n.put("consumed", st.consumed());
                    n.put("shortfall", st.shortfall());
                    n.put("expired", st.expired());
                    n.put("already_settled", st.alreadySettled());
                    n.put("entries_written", st.written().size());
                }
                CliJson.print(out, root);
                return 0;
            }
            long written = done.stream().mapToLong(st -> st.written().size()).sum();
            out.printf("Settled %s for %d organization%s: %s credits consumed, %s expired, %d entries written%s.%n", month, done.size(),
                    done.size() == 1 ? "" : "s", credits(done.stream().mapToLong(CreditService.Settlement::consumed).sum()),
                    credits(done.stream().mapToLong(CreditService.Settlement::expired).sum()), written,
                    written == 0 ? " (already settled)" : "");
            done.stream().filter(st -> st.shortfall() > 0).forEach(st -> out.printf("  %s: its rating spent %s credits more than its lots still held%n",
                    st.organizationId(), credits(st.shortfall())));
            return 0;
        }
    }

    @Command(name = "settings", description = {"Which credits are consumed first, and the balance below which an organization is low. "
            + "Without options, shows them; an admin changes them with a reason.",
            "  credits settings [--json]", "  credits settings --precedence expiring_first --low-below 2000 --reason \"Finance policy 2027\""})
    static final class SettingsCommand implements Callable<Integer> {
        @ParentCommand
        CreditsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--precedence", description = "purchased_first (seed 004: purchased, then subscription, then promotional) or expiring_first.")
        String precedence;
        @Option(names = "--low-below", paramLabel = "CREDITS", description = "The low-balance threshold.")
        Long lowBelow;
        @Option(names = "--reason", description = "Why (goes to the audit log); needed to change them.")
        String reason;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            CreditLedger.Precedence p;
            try {
                p = precedence == null ? null : CreditLedger.Precedence.of(precedence.strip().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--precedence '" + precedence + "' is purchased_first or expiring_first.");
            }
            boolean change = p != null || lowBelow != null;
            if (change && (reason == null || reason.isBlank())) {
                throw new ParameterException(spec.commandLine(), "Give --reason to change the credit settings.");
            }
            record Shown(CreditService.Settings settings, List<CreditService.CreditEvent> events) {
            }
            Shown shown = withService(parent, spec, s -> {
                CreditService.Settings now = s.settings();
                CreditService.Settings after = change ? s.saveSettings(new CreditService.Settings(p == null ? now.precedence() : p,
                        lowBelow == null ? now.lowBalanceThreshold() : lowBelow, now.version()), reason) : now;
                return new Shown(after, s.events());
            });
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("precedence", shown.settings().precedence().db());
                root.put("low_balance_threshold", shown.settings().lowBalanceThreshold());
                ArrayNode list = root.putArray("consumed_by");
                shown.events().forEach(e -> list.addObject().put("metric", e.metric()).put("credits", e.credits()).put("per_units", e.perUnits()));
                CliJson.print(out, root);
                return 0;
            }
            out.println((change ? "Saved. " : "") + "Consumed " + shown.settings().precedence().words() + "; low below "
                    + credits(shown.settings().lowBalanceThreshold()) + " credits.");
            out.println("Usage above the included amounts is paid in credits first:");
            shown.events().forEach(e -> out.printf("  %-12s %s credit%s per %s%n", e.name(), credits(e.credits()), e.credits() == 1 ? "" : "s",
                    credits(e.perUnits())));
            return 0;
        }
    }

    @Command(name = "products", description = {"The credit products on sale: a block of credits at a price.", "  credits products [--json]"})
    static final class Products implements Callable<Integer> {
        @ParentCommand
        CreditsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<CreditService.CreditProduct> ps = withService(parent, spec, CreditService::products);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                ArrayNode list = root.putArray("products");
                ps.forEach(p -> list.addObject().put("code", p.code()).put("name", p.name()).put("credits", p.credits())
                        .put("price_minor", p.priceMinor()).put("currency", p.currency()));
                CliJson.print(out, root);
                return 0;
            }
            ps.forEach(p -> out.printf("  %-14s %-18s %14s credits  %s%n", p.code(), p.name(), credits(p.credits()),
                    com.antevus.console.core.Money.of(p.priceMinor(), p.currency()).format()));
            return 0;
        }
    }
}
