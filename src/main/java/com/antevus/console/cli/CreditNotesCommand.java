package com.antevus.console.cli;

import com.antevus.console.core.Money;
import com.antevus.console.invoicing.CreditNoteService;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "credit-notes", description = "Credit notes against finalized invoices: list, issue (lines or an amount), void, and finish any left half-way.",
        subcommands = {CreditNotesCommand.ListNotes.class, CreditNotesCommand.Issue.class, CreditNotesCommand.VoidNote.class,
                CreditNotesCommand.Resume.class})
final class CreditNotesCommand {
    @ParentCommand
    ConsoleCommand root;

    private static <T> T withService(CreditNotesCommand parent, CommandSpec spec, Function<CreditNoteService, T> work) {
        return CatalogCommand.withStripe(parent.root, spec, x -> work.apply(new CreditNoteService(x.db().dataSource(), x.stripe()::gateway,
                x.config().clock())));
    }

    static void note(ObjectNode n, CreditNoteService.Note x) {
        n.put("id", x.id().toString());
        n.put("number", x.number());
        n.put("state", x.state());
        n.put("organization_id", x.organizationId().toString());
        n.put("organization", x.organizationName());
        n.put("invoice_id", x.invoiceId().toString());
        n.put("invoice", x.invoiceNumber());
        n.put("currency", x.currency());
        n.put("amount", Money.of(x.amountMinor(), x.currency()).toMajor());
        n.put("off_amount_due", Money.of(x.prePaymentMinor(), x.currency()).toMajor());
        n.put("to_balance", Money.of(x.toBalanceMinor(), x.currency()).toMajor());
        n.put("refunded_outside_stripe", Money.of(x.outOfBandMinor(), x.currency()).toMajor());
        n.put("reason", x.reason());
        n.put("note", x.note());
        n.put("created_by", x.createdBy());
        n.put("created_at", x.createdAt().toString());
        n.put("voided_at", x.voidedAt() == null ? null : x.voidedAt().toString());
        n.put("void_reason", x.voidReason());
        n.put("last_error", x.lastError());
        ArrayNode lines = n.putArray("lines");
        for (CreditNoteService.LineCredit l : x.lines()) {
            ObjectNode ln = lines.addObject();
            if (l.invoiceLineNo() == null) {
                ln.putNull("invoice_line");
            } else {
                ln.put("invoice_line", l.invoiceLineNo());
            }
            ln.put("description", l.description());
            ln.put("amount", Money.of(l.amountMinor(), x.currency()).toMajor());
        }
    }

    static void print(PrintWriter out, List<CreditNoteService.Note> notes, boolean json) {
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            ArrayNode a = root.putArray("credit_notes");
            notes.forEach(n -> note(a.addObject(), n));
            CliJson.print(out, root);
            return;
        }
        if (notes.isEmpty()) {
            out.println("No credit notes.");
        }
        for (CreditNoteService.Note n : notes) {
            out.printf("%-22s %-7s %-34s %-16s %14s  %s: %s%s%n", n.number() == null ? "(planned)" : n.number(), n.state(),
                    n.organizationName(), n.invoiceNumber(), Money.of(n.amountMinor(), n.currency()).format(), n.reasonWords(), n.note(),
                    n.settledWords().isEmpty() ? "" : " (" + n.settledWords() + ")");
        }
    }

    @Command(name = "list", description = {"Credit notes of an organization, an invoice or a billing period, newest first.",
            "  credit-notes list (--org ORG_ID | --invoice INVOICE | --period YYYY-MM) [--json]"})
    static final class ListNotes implements Callable<Integer> {
        @ParentCommand
        CreditNotesCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--org", paramLabel = "ORG_ID", description = "An organization id.")
        String org;
        @Option(names = "--invoice", paramLabel = "INVOICE", description = "An invoice id or number.")
        String invoice;
        @Option(names = "--period", paramLabel = "YYYY-MM", description = "The month the invoices bill.")
        String period;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            int given = (org == null ? 0 : 1) + (invoice == null ? 0 : 1) + (period == null ? 0 : 1);
            if (given != 1) {
                throw new ParameterException(spec.commandLine(), "Give exactly one of --org, --invoice or --period.");
            }
            UUID orgId = org == null ? null : CreditsCommand.org(spec, org);
            java.time.YearMonth month = period == null ? null : CreditsCommand.month(spec, period, "--period");
            List<CreditNoteService.Note> notes = withService(parent, spec, s -> orgId != null ? s.forOrganization(orgId)
                    : month != null ? s.forPeriod(month) : s.forInvoice(s.invoice(invoice)));
            print(spec.commandLine().getOut(), notes, json);
            return 0;
        }
    }

    @Command(name = "issue", description = {"Issues a credit note against a finalized (open or paid) invoice. What is still owed is "
            + "reduced first; what exceeds it goes --to the customer's balance or is recorded as refunded outside Stripe.",
            "  credit-notes issue --invoice INVOICE (--line N[=AMOUNT]... | --amount AMOUNT --description TEXT) --reason REASON "
                    + "--note TEXT [--to balance|outside] [--dry-run] [--json]",
            "  REASON: order_change, product_unsatisfactory, duplicate or fraudulent. --line 2 credits line 2 in full; --line 2=150.00 part of it."})
    static final class Issue implements Callable<Integer> {
        @ParentCommand
        CreditNotesCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--invoice", paramLabel = "INVOICE", required = true, description = "An invoice id or number.")
        String invoice;
        @Option(names = "--line", paramLabel = "N[=AMOUNT]", description = "An invoice line to credit, in full or by an amount.")
        List<String> lines = new ArrayList<>();
        @Option(names = "--amount", paramLabel = "AMOUNT", description = "An amount of its own (with --description).")
        String amount;
        @Option(names = "--description", paramLabel = "TEXT", description = "What the amount of its own is for.")
        String description;
        @Option(names = "--reason", required = true, paramLabel = "REASON", description = "One of Stripe's reasons.")
        String reason;
        @Option(names = "--note", required = true, paramLabel = "TEXT", description = "Why, in words (on the credit note and in the audit log).")
        String note;
        @Option(names = "--to", paramLabel = "balance|outside", description = "Where what exceeds the amount owed goes (default balance).")
        String to = "balance";
        @Option(names = "--dry-run", description = "Say what it would do; issue nothing.")
        boolean dryRun;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            CreditNoteService.Settlement settlement = switch (to.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "balance" -> CreditNoteService.Settlement.CUSTOMER_BALANCE;
                case "outside" -> CreditNoteService.Settlement.OUT_OF_BAND;
                default -> throw new ParameterException(spec.commandLine(), "--to '" + to + "' is neither balance nor outside.");
            };
            if (!CreditNoteService.REASONS.containsKey(reason)) {
                throw new ParameterException(spec.commandLine(), "--reason '" + reason + "' is not one of "
                        + String.join(", ", CreditNoteService.REASONS.keySet()) + ".");
            }
            if (lines.isEmpty() && amount == null) {
                throw new ParameterException(spec.commandLine(), "Say what to credit: --line N[=AMOUNT] or --amount with --description.");
            }
            PrintWriter out = spec.commandLine().getOut();
            return withService(parent, spec, s -> {
                UUID id = s.invoice(invoice);
                CreditNoteService.Context ctx = s.context(id);
                List<CreditNoteService.LineCredit> credits = new ArrayList<>();
                for (String l : lines) {
                    credits.add(line(ctx, l));
                }
                if (amount != null) {
                    credits.add(new CreditNoteService.LineCredit(null, description == null ? "" : description, parseAmount(ctx, amount, "--amount")));
                }
                CreditNoteService.Request r = new CreditNoteService.Request(id, credits, reason, note, settlement);
                CreditNoteService.Plan plan = ctx.plan(r);
                if (!plan.ok()) {
                    throw new ParameterException(spec.commandLine(), plan.problems().get(0).message() + " Nothing was credited.");
                }
                if (dryRun) {
                    out.println("Would issue: " + plan.words());
                    return 0;
                }
                CreditNoteService.Note n = s.issue(r);
                if (json) {
                    ObjectNode o = new ObjectMapper().createObjectNode();
                    note(o, n);
                    CliJson.print(out, o);
                } else {
                    out.println("Issued credit note " + n.number() + ": " + plan.words());
                }
                return 0;
            });
        }

        private CreditNoteService.LineCredit line(CreditNoteService.Context ctx, String text) {
            String[] parts = text.split("=", 2);
            int no;
            try {
                no = Integer.parseInt(parts[0].strip());
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--line '" + text + "' is not a line number (N or N=AMOUNT).");
            }
            CreditNoteService.InvoiceLine il = ctx.lines().stream().filter(l -> l.lineNo() == no).findFirst()
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "The invoice has no line " + no + "."));
            long a = parts.length == 2 ? parseAmount(ctx, parts[1], "--line " + no) : il.creditableMinor();
            return new CreditNoteService.LineCredit(no, il.description(), a);
        }

        private long parseAmount(CreditNoteService.Context ctx, String text, String option) {
            try {
                return Money.parseMajor(text, ctx.currency());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), option + ": '" + text + "' is not an amount (such as 150.00).");
            }
        }
    }

    @Command(name = "void", description = {"Voids an issued credit note: Stripe undoes what it took off and what it credited.",
            "  credit-notes void --id CREDIT_NOTE_ID --reason TEXT"})
    static final class VoidNote implements Callable<Integer> {
        @ParentCommand
        CreditNotesCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--id", required = true, paramLabel = "CREDIT_NOTE_ID", description = "The credit note's id (from list).")
        String id;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;

        @Override
        public Integer call() {
            UUID noteId = CreditsCommand.id(spec, id, "a credit note id (a UUID; see credit-notes list)");
            CreditNoteService.Note n = withService(parent, spec, s -> s.voidNote(noteId, reason));
            spec.commandLine().getOut().println("Voided credit note " + n.number() + " (" + Money.of(n.amountMinor(), n.currency()).format() + ").");
            return 0;
        }
    }

    @Command(name = "resume", description = {"Finishes credit notes left half-way (Stripe did not answer, or the console stopped): each "
            + "is found in Stripe or issued there once, with its own idempotency key.", "  credit-notes resume"})
    static final class Resume implements Callable<Integer> {
        @ParentCommand
        CreditNotesCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            int n = withService(parent, spec, CreditNoteService::resume);
            spec.commandLine().getOut().println(n == 0 ? "No credit note was left half-way." : "Finished " + n + (n == 1 ? " credit note." : " credit notes."));
            return 0;
        }
    }
}
