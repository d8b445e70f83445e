package com.antevus.console.cli;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.Money;
import com.antevus.console.db.Database;
import com.antevus.console.invoicing.InvoicingService;
import com.antevus.console.invoicing.RunControl;
import com.antevus.console.invoicing.RunProgress;
import com.antevus.console.invoicing.RunSummary;
import com.antevus.console.stripe.StripeAccess;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "invoice-run", description = {"Invoice a billing period in Stripe: every organization's rated charges become a "
        + "finalized, sent invoice. Resumes a run that stopped part-way and never invoices an organization twice for a period.",
        "  invoice-run --period 2026-10 [--org ORG_ID]... [--dry-run] [--json] [--close-early REASON]",
        "Exit status: 0 when nothing failed, 1 when some invoices failed (run again to resume them), 2 for bad arguments."})
final class InvoiceRunCommand implements Callable<Integer> {
    @ParentCommand
    ConsoleCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "The month to invoice.")
    YearMonth period;
    @Option(names = "--org", paramLabel = "ORG_ID", description = "Only this organization (repeatable).")
    List<String> orgs = new ArrayList<>();
    @Option(names = "--dry-run", description = "Say what would be created and the total; change nothing.")
    boolean dryRun;
    @Option(names = "--json", description = "Print the summary as JSON: created[], skipped[], failed[] with reasons, totals.")
    boolean json;
    @Option(names = "--confirm-live", description = "Required to run (not dry-run) with a LIVE Stripe key: real invoices are sent.")
    boolean confirmLive;
    @Option(names = "--close-early", paramLabel = "REASON", description = "Bill a month that has not ended, or whose grace for late "
            + "usage (invoicing.grace_hours, default 24) has not passed; the reason goes into the run's audit row.")
    String closeEarly;
    @Option(names = "--concurrency", paramLabel = "N", description = "Invoices worked on at once (default ${DEFAULT-VALUE}).")
    int concurrency = InvoicingService.DEFAULT_CONCURRENCY;

    @Override
    public Integer call() {
        YearMonth month = period;
        List<UUID> only = new ArrayList<>();
        for (String o : orgs) {
            try {
                only.add(UUID.fromString(o.strip()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "'" + o + "' is not an organization id (a UUID such as "
                        + "6f1c2d3e-0000-4000-8000-000000000000).");
            }
        }
        if (closeEarly != null && closeEarly.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").codePoints().filter(Character::isLetter).count() < 3) {
            throw new ParameterException(spec.commandLine(), "--close-early needs a reason: who asked, and why the month is billed early.");
        }
        if (concurrency < 1 || concurrency > 32) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be between 1 and 32.");
        }
        ConsoleConfig config = root.global.resolve();
        if (config.stripeMode() == com.antevus.console.core.StripeMode.LIVE && !dryRun && !confirmLive) {
            throw new ParameterException(spec.commandLine(), "This console uses a LIVE Stripe key: the run would send real invoices. "
                    + "Run it with --dry-run first, then again with --confirm-live.");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (Database db = CatalogCommand.openPrepared(config, spec);
             StripeAccess stripe = StripeAccess.open(config, db.ownerDataSource());
             CatalogService catalog = new CatalogService(db.dataSource(), stripe::gateway, config.clock())) {
            InvoicingService service = new InvoicingService(db.dataSource(), catalog, stripe::gateway)
                    .tuning(concurrency, java.time.Duration.ofSeconds(10)).grace(config.invoiceGrace());
            AtomicLong lastPrint = new AtomicLong();
            RunSummary s = service.run(month, only, dryRun, closeEarly, new RunControl(), p -> progress(err, p, lastPrint));
            print(s, stripe.gateway().describe());
            if (!s.ok()) {
                RunSummary.Entry first = s.failed().get(0);
                err.println(s.failed().size() + (s.failed().size() == 1 ? " invoice" : " invoices") + " did not finish; run the same "
                        + "command again to resume. First: " + (first.organizationName() == null ? first.organizationId() + "" : first.organizationName())
                        + ": " + first.reason());
            }
            return s.ok() ? 0 : 1;
        }
    }

    private static void progress(PrintWriter err, RunProgress p, AtomicLong lastPrint) {
        long now = System.nanoTime();
        long last = lastPrint.get();
        if (now - last > 2_000_000_000L && lastPrint.compareAndSet(last, now)) {
            err.printf("… %d of %d invoices sent, %d failed, %d Stripe steps%n", p.finished(), p.total(), p.failed(), p.stepsDone());
            err.flush();
        }
    }

    private void print(RunSummary s, String stripeMode) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = m.createObjectNode();
            root.put("period", s.period().toString());
            root.put("dry_run", s.dryRun());
            root.put("stripe", stripeMode);
            if (s.runId() != null) {
                root.put("run_id", s.runId().toString());
            }
            root.put("status", s.status());
            root.put("currency", s.currency());
            root.put("created_count", s.created().size());
            root.put("skipped_count", s.skipped().size());
            root.put("failed_count", s.failed().size());
            root.put("created_total_minor", s.createdTotalMinor());
            entries(root.putArray("created"), s.created(), !s.dryRun());
            entries(root.putArray("skipped"), s.skipped(), true);
            entries(root.putArray("failed"), s.failed(), true);
            root.put("millis", s.millis());
            out.println(root.toPrettyString());
        } else {
            String total = Money.of(s.createdTotalMinor(), s.currency()).format();
            if (s.dryRun()) {
                out.printf("Dry run for %s (%s): would invoice %d organizations for %s; %d skipped; %d problems. Nothing was changed.%n",
                        s.period(), stripeMode, s.created().size(), total, s.skipped().size(), s.failed().size());
                s.created().forEach(e -> out.printf("  %-44s %14s  %s%n", e.organizationName(), Money.of(e.totalMinor(), s.currency()).format(), e.reason()));
            } else if (s.created().isEmpty() && s.failed().isEmpty()) {
                out.printf("Nothing to invoice for %s (%s): all %d organizations are already invoiced or have nothing to bill. "
                        + "Nothing was created.%n", s.period(), stripeMode, s.skipped().size());
            } else {
                // no run id when nothing was started (an unknown organization alone): never print "null"
                out.printf("Invoice run %sfor %s (%s): %d invoices created and sent for %s; %d skipped; %d failed (%.1f s).%n",
                        s.runId() == null ? "" : s.runId() + " ", s.period(), stripeMode, s.created().size(), total, s.skipped().size(), s.failed().size(), s.millis() / 1000.0);
            }
            if (!s.failed().isEmpty()) {
                out.println("Failed (run the same command again to resume them; nothing is duplicated):");
                s.failed().forEach(e -> out.printf("  %s: %s%n", e.organizationName() == null ? e.organizationId().toString()
                        : e.organizationName() + " (" + e.organizationId() + ")", e.reason()));
            }
        }
        out.flush();
    }

    private static void entries(ArrayNode array, List<RunSummary.Entry> entries, boolean withReason) {
        for (RunSummary.Entry e : entries) {
            ObjectNode n = array.addObject();
            n.put("organization_id", e.organizationId().toString());
            n.put("organization", e.organizationName());
            if (e.invoiceId() != null) {
                n.put("invoice_id", e.invoiceId().toString());
            }
            if (e.stripeInvoiceId() != null) {
                n.put("stripe_invoice_id", e.stripeInvoiceId());
            }
            if (e.number() != null) {
                n.put("number", e.number());
            }
            n.put("total_minor", e.totalMinor());
            if (e.reason() != null && (withReason || e.reason().startsWith("would"))) {
                n.put("reason", e.reason());
            }
        }
    }
}
