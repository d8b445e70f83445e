package com.antevus.console.cli;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.db.Database;
import com.antevus.console.stripe.StripeAccess;
import com.antevus.console.verification.AcademicDomains;
import com.antevus.console.verification.VerificationRequest;
import com.antevus.console.db.Hibernate;
import com.antevus.console.verification.VerificationService;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "verifications", description = "The academic verification queue: list it, check a domain, bulk-approve automatic matches.",
        subcommands = {VerificationsCommand.ListQueue.class, VerificationsCommand.CheckDomain.class, VerificationsCommand.BulkApprove.class})
final class VerificationsCommand {
    @ParentCommand
    ConsoleCommand root;

    private static <T> T withService(VerificationsCommand parent, CommandSpec spec, java.util.function.Function<VerificationService, T> work) {
        ConsoleConfig config = parent.root.global.resolve();
        try (Database db = CatalogCommand.openPrepared(config, spec);
             StripeAccess stripe = StripeAccess.open(config, db.ownerDataSource());
             Hibernate hibernate = Hibernate.deferred(db.dataSource(), VerificationService.entities(), Runnable::run)) {
            return work.apply(new VerificationService(db.dataSource(), hibernate, stripe::gateway, config.clock()));
        }
    }


    private static void request(ObjectNode n, VerificationRequest r) {
        n.put("request_id", r.id().toString());
        n.put("organization_id", r.organizationId().toString());
        n.put("organization", r.organizationName());
        n.put("requester_email", r.requesterEmail());
        n.put("domain", r.check().domain());
        n.put("check", r.check().verdict().name().toLowerCase(java.util.Locale.ROOT));
        if (r.check().institution() != null) {
            n.put("institution", r.check().institution());
        }
        n.put("method", r.method().db());
        n.put("status", r.status().db());
        n.put("submitted_at", r.submittedAt().toString());
    }

    @Command(name = "list", description = {"Open requests (or --all), oldest first, with each domain's check.",
            "  verifications list [--all] [--json]"})
    static final class ListQueue implements Callable<Integer> {
        @ParentCommand
        VerificationsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--all", description = "Every request, decided ones too.")
        boolean all;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            record Listed(List<VerificationRequest> rows, Instant now) {
            }
            Listed listed = withService(parent, spec, s -> new Listed(s.all(), s.clock().instant()));
            List<VerificationRequest> rows = listed.rows().stream().filter(r -> all || r.status().open()).toList();
            PrintWriter out = spec.commandLine().getOut();
            Instant now = listed.now(); // the console's clock: --as-of moves it
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("count", rows.size());
                ArrayNode list = root.putArray("requests");
                rows.forEach(r -> {
                    ObjectNode n = list.addObject();
                    request(n, r);
                    n.put("age_days", r.ageDays(now));
                    n.put("overdue", r.overdue(now));
                });
                CliJson.print(out, root);
                return 0;
            }
            out.println(rows.size() + (all ? " requests" : " open requests") + ", oldest first:");
            for (VerificationRequest r : rows) {
                out.printf("  %-30s %-28s %-11s %-8s %3d d%s  %s%n", r.organizationName(), r.requesterEmail(),
                        r.check().verdict().name().toLowerCase(java.util.Locale.ROOT), r.method().db(), r.ageDays(now),
                        r.overdue(now) ? " !" : "  ", r.status().db());
            }
            return 0;
        }
    }

    @Command(name = "check-domain", description = {"Checks an e-mail address or domain against the shipped academic list and heuristics.",
            "  verifications check-domain someone@mit.edu"})
    static final class CheckDomain implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "EMAIL_OR_DOMAIN")
        String value;

        @Override
        public Integer call() {
            AcademicDomains.Check c = AcademicDomains.shipped().check(value);
            if (c.verdict() == AcademicDomains.Verdict.MALFORMED) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), c.explanation());
            }
            spec.commandLine().getOut().println(c.verdict().name().toLowerCase(java.util.Locale.ROOT) + ": " + c.explanation());
            return 0;
        }
    }

    @Command(name = "bulk-approve", description = {"Approves pending automatic requests whose domain is on the academic list. "
            + "Give --dry-run first to see what would happen; then --yes to do it.",
            "  verifications bulk-approve --dry-run [--json]", "  verifications bulk-approve --yes [--json]",
            "Exit status: 0 when everything planned was approved, 1 when some were not, 2 for bad arguments."})
    static final class BulkApprove implements Callable<Integer> {
        @ParentCommand
        VerificationsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--dry-run", description = "Say what would be approved; change nothing.")
        boolean dryRun;
        @Option(names = "--yes", description = "Approve them (each moves its Stripe subscription to the academic price).")
        boolean yes;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            if (dryRun == yes) {
                throw new ParameterException(spec.commandLine(), "Give either --dry-run (see what would happen) or --yes (approve).");
            }
            List<VerificationService.BulkLine> lines = withService(parent, spec, s -> s.bulkApproveAutoMatched(dryRun));
            long ok = lines.stream().filter(VerificationService.BulkLine::ok).count();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("dry_run", dryRun);
                root.put("approved_count", dryRun ? 0 : ok);
                root.put("planned_count", ok);
                root.put("left_for_review_count", lines.size() - ok);
                ArrayNode list = root.putArray("requests");
                lines.forEach(l -> {
                    ObjectNode n = list.addObject();
                    request(n, l.request());
                    n.put("ok", l.ok());
                    n.put("outcome", l.outcome());
                });
                CliJson.print(out, root);
            } else {
                out.println(dryRun ? String.format("Dry run: %d would be approved, %d left for review. Nothing was changed.", ok, lines.size() - ok)
                        : String.format("Approved %d; %d not approved.", ok, lines.size() - ok));
                lines.forEach(l -> out.println("  " + l.request().organizationName() + " <" + l.request().requesterEmail() + ">: " + l.outcome()));
            }
            return dryRun || lines.stream().allMatch(VerificationService.BulkLine::ok) ? 0 : 1;
        }
    }
}
