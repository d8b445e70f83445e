package com.antevus.console.cli;

import com.antevus.console.contracts.Contract;
import com.antevus.console.contracts.ContractService;
import com.antevus.console.db.Hibernate;
import com.antevus.console.contracts.Renewal;
import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.Money;
import com.antevus.console.db.Database;
import com.antevus.console.stripe.StripeAccess;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "contracts", description = "Enterprise contracts: the renewal pipeline and contracts that need attention.",
        subcommands = {ContractsCommand.Expiring.class, ContractsCommand.Warnings.class})
final class ContractsCommand {
    @ParentCommand
    ConsoleCommand root;

    /** What {@code work} found, and the day the console's clock said it was. */
    private record Found(List<Renewal> rows, LocalDate today) {
    }

    /** Runs {@code work} with a contract service over the configured database, on the console's clock. */
    private static Found withService(ContractsCommand parent, CommandSpec spec,
                                     java.util.function.Function<ContractService, List<Renewal>> work) {
        ConsoleConfig config = parent.root.global.resolve();
        try (Database db = CatalogCommand.openPrepared(config, spec);
             StripeAccess stripe = StripeAccess.open(config, db.ownerDataSource());
             Hibernate hibernate = Hibernate.deferred(db.dataSource(), ContractService.entities(), Runnable::run)) {
            ContractService service = new ContractService(db.dataSource(), hibernate, stripe::gateway, config.clock());
            return new Found(work.apply(service), service.today());
        }
    }

    private static void print(PrintWriter out, String heading, List<Renewal> rows, boolean json, LocalDate asOf, Integer days) {
        if (json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = m.createObjectNode();
            root.put("as_of", asOf.toString());
            if (days != null) {
                root.put("days", days);
            }
            root.put("count", rows.size());
            ArrayNode list = root.putArray("contracts");
            for (Renewal r : rows) {
                Contract k = r.contract();
                ObjectNode n = list.addObject();
                n.put("organization_id", k.organizationId().toString());
                n.put("organization", k.organizationName());
                n.put("contract_id", k.id().toString());
                n.put("starts_on", k.startsOn().toString());
                n.put("ends_on", k.endsOn().toString());
                n.put("days_left", r.daysLeft());
                n.put("notice_deadline", r.noticeDeadline().toString());
                n.put("days_to_notice", r.daysToNotice());
                n.put("auto_renew", k.autoRenew());
                n.put("annual_value_minor", k.annualValueMinor());
                n.put("currency", k.currency());
                n.put("billing_schedule", k.schedule().db());
                n.put("payment_terms", k.paymentTerms().db());
                ArrayNode w = n.putArray("warnings");
                r.warnings().forEach(w::add);
            }
            try {
                out.println(m.writeValueAsString(root));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        out.println(heading);
        if (rows.isEmpty()) {
            out.println("  none");
            return;
        }
        out.printf("  %-34s %-10s %9s  %-10s %-10s %16s  %s%n", "Organization", "Ends", "Days left", "Notice by", "Renews", "Annual value", "Warnings");
        for (Renewal r : rows) {
            Contract k = r.contract();
            out.printf("  %-34s %-10s %9d  %-10s %-10s %16s  %s%n", abbreviate(k.organizationName(), 34), k.endsOn(), r.daysLeft(),
                    r.noticeDeadline(), k.autoRenew() ? "automatic" : "no", Money.of(k.annualValueMinor(), k.currency()).format(),
                    r.warnings().isEmpty() ? "" : String.join("; ", r.warnings()));
        }
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    @Command(name = "expiring", description = {"Active contracts ending within N days (and any past their end), soonest first.",
            "  contracts expiring --days 60 [--json] [--as-of 2027-01-31]"})
    static final class Expiring implements Callable<Integer> {
        @ParentCommand
        ContractsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--days", required = true, paramLabel = "N", description = "How far ahead to look, in days (e.g. 30, 60, 90).")
        int days;
        @Option(names = "--json", description = "Print JSON: as_of, days, count, contracts[] with warnings.")
        boolean json;

        @Override
        public Integer call() {
            if (days < 0 || days > 3660) {
                throw new ParameterException(spec.commandLine(), "--days must be between 0 and 3660.");
            }
            Found found = withService(parent, spec, s -> s.expiring(days));
            List<Renewal> rows = found.rows();
            LocalDate today = found.today();
            print(spec.commandLine().getOut(), String.format("%d active contract%s end%s by %s (%d days from %s):", rows.size(),
                    rows.size() == 1 ? "" : "s", rows.size() == 1 ? "s" : "", today.plusDays(days), days, today), rows, json, today, days);
            return 0;
        }
    }

    @Command(name = "warnings", description = {"Active contracts that need attention: a missing DPA, health data without a signed BAA, "
            + "expired documents, notice dates.", "  contracts warnings [--json] [--as-of 2027-01-31]"})
    static final class Warnings implements Callable<Integer> {
        @ParentCommand
        ContractsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            Found found = withService(parent, spec, ContractService::withWarnings);
            List<Renewal> rows = found.rows();
            LocalDate today = found.today();
            print(spec.commandLine().getOut(), rows.size() + " active contract" + (rows.size() == 1 ? " needs" : "s need") + " attention:",
                    rows, json, today, null);
            return 0;
        }
    }
}
