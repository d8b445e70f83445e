package com.antevus.console.cli;

import com.antevus.console.core.Money;
import com.antevus.console.invoicing.CreditSales;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The credits command's sales: a credit product sold through its own Stripe invoice, its credits granted once it is paid. */
final class CreditSalesCommands {
    private CreditSalesCommands() {
    }

    private static <T> T withSales(CreditsCommand parent, CommandSpec spec, Function<CreditSales, T> work) {
        return CatalogCommand.withStripe(parent.root, spec, x -> work.apply(new CreditSales(x.db().dataSource(), x.stripe()::gateway,
                x.config().clock())));
    }

    static void sale(ObjectNode n, CreditSales.Sale s) {
        n.put("id", s.id().toString());
        n.put("organization_id", s.organizationId().toString());
        n.put("organization", s.organizationName());
        n.put("product", s.productCode());
        n.put("credits", s.credits());
        n.put("price", Money.of(s.priceMinor(), s.currency()).toMajor());
        n.put("currency", s.currency());
        n.put("state", s.state());
        n.put("invoice", s.invoiceNumber());
        n.put("stripe_invoice_id", s.stripeInvoiceId());
        n.put("hosted_invoice_url", s.hostedInvoiceUrl());
        n.put("paid_at", s.paidAt() == null ? null : s.paidAt().toString());
        n.put("reason", s.reason());
        n.put("created_by", s.createdBy());
    }

    private static void print(PrintWriter out, CreditSales.Sale s, boolean json, String done) {
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            sale(root.putObject("sale"), s);
            CliJson.print(out, root);
        } else {
            out.println(done + " " + s.words() + " to " + s.organizationName() + (s.invoiceNumber() == null ? "" : ", invoice " + s.invoiceNumber())
                    + ": " + s.stateWords() + ".");
        }
    }

    @Command(name = "sell", description = {"Sells a credit product: its own Stripe invoice, created, finalized and sent (keys "
            + "bc.credit_sale.<id>:<step>); the purchased credits are granted when it is paid.",
            "  credits sell --org ORG_ID --product CODE --reason TEXT [--json]"})
    static final class Sell implements Callable<Integer> {
        @ParentCommand
        CreditsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--org", required = true, paramLabel = "ORG_ID", description = "The organization's id.")
        String org;
        @Option(names = "--product", required = true, paramLabel = "CODE", description = "A credit product (see credits products).")
        String product;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept in the audit log), such as the order number.")
        String reason;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            UUID orgId = CreditsCommand.org(spec, org);
            print(spec.commandLine().getOut(), withSales(parent, spec, s -> s.sell(orgId, product, reason)), json, "Sold");
            return 0;
        }
    }

    @Command(name = "sales", description = {"An organization's credit sales, newest first, with where each stands.",
            "  credits sales --org ORG_ID [--json]"})
    static final class Sales implements Callable<Integer> {
        @ParentCommand
        CreditsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--org", required = true, paramLabel = "ORG_ID", description = "The organization's id.")
        String org;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            UUID orgId = CreditsCommand.org(spec, org);
            List<CreditSales.Sale> list = withSales(parent, spec, s -> s.forOrganization(orgId));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                ArrayNode a = root.putArray("sales");
                list.forEach(x -> sale(a.addObject(), x));
                CliJson.print(out, root);
                return 0;
            }
            if (list.isEmpty()) {
                out.println("No credit sales.");
            }
            for (CreditSales.Sale x : list) {
                out.printf("%-36s %-28s %-18s %s%n", x.id(), x.words(), x.invoiceNumber() == null ? "" : x.invoiceNumber(), x.stateWords());
            }
            return 0;
        }
    }

    @Command(name = "sale-paid", description = {"Records a credit sale paid outside Stripe (wire, check): Stripe marks its invoice paid "
            + "and the credits are granted, once.", "  credits sale-paid --sale SALE_ID --reference REF --reason TEXT [--json]"})
    static final class SalePaid implements Callable<Integer> {
        @ParentCommand
        CreditsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--sale", required = true, paramLabel = "SALE_ID", description = "The sale's id (credits sales).")
        String sale;
        @Option(names = "--reference", required = true, paramLabel = "REF", description = "The wire or check reference.")
        String reference;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            UUID id = CreditsCommand.id(spec, sale, "a credit sale id (a UUID; see credits sales)");
            print(spec.commandLine().getOut(), withSales(parent, spec, s -> s.markPaidOutOfBand(id, reference, reason)), json, "Paid:");
            return 0;
        }
    }

    @Command(name = "resume-sales", description = {"Finishes credit sales left half-way (Stripe did not answer, or the console stopped), "
            + "each step once with its own idempotency key.", "  credits resume-sales"})
    static final class ResumeSales implements Callable<Integer> {
        @ParentCommand
        CreditsCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            int n = withSales(parent, spec, CreditSales::resume);
            spec.commandLine().getOut().println(n == 0 ? "No credit sale was left half-way." : "Finished " + n + (n == 1 ? " sale." : " sales."));
            return 0;
        }
    }
}
