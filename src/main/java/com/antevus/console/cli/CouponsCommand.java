package com.antevus.console.cli;

import com.antevus.console.catalog.CouponService;
import com.antevus.console.core.Money;
import com.antevus.console.core.UserFacingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "coupons", description = "Coupons: list, create in Stripe, archive; apply to an organization's subscription or one invoice, "
        + "list where they apply, remove.",
        subcommands = {CouponsCommand.ListCoupons.class, CouponsCommand.Create.class, CouponsCommand.Archive.class, CouponsCommand.Apply.class,
                CouponsCommand.Applied.class, CouponsCommand.Remove.class})
final class CouponsCommand {
    @ParentCommand
    ConsoleCommand root;

    private static <T> T withService(CouponsCommand parent, CommandSpec spec, Function<CouponService, T> work) {
        return CatalogCommand.withStripe(parent.root, spec, x -> work.apply(new CouponService(x.db().dataSource(), x.stripe()::gateway,
                x.config().clock())));
    }

    /** The console's coupon with that Stripe id (LAUNCH-250), or a plain error naming the ones there are. */
    private static CouponService.Coupon coupon(CouponService s, String stripeId) {
        List<CouponService.Coupon> all = s.list();
        return all.stream().filter(k -> k.stripeId().equalsIgnoreCase(stripeId.strip())).findFirst().orElseThrow(() -> new UserFacingException(
                "There is no coupon " + stripeId.strip() + (all.isEmpty() ? "; none has been created yet." : "; see coupons list.")));
    }

    static void coupon(ObjectNode n, CouponService.Coupon k) {
        n.put("id", k.stripeId());
        n.put("name", k.name());
        if (k.percentOff() != null) {
            n.put("percent_off", k.percentOff());
        } else {
            n.put("amount_off", Money.of(k.amountOffMinor(), k.currency()).toMajor());
            n.put("currency", k.currency());
        }
        n.put("duration", k.duration());
        n.put("duration_in_months", k.months());
        n.put("redeem_by", k.redeemBy() == null ? null : k.redeemBy().toString());
        n.put("max_redemptions", k.maxRedemptions());
        n.put("archived", k.archived());
        n.put("active_promotion_codes", k.activeCodes());
        n.put("times_applied", k.timesApplied());
        n.put("created_by", k.createdBy());
    }

    static void application(ObjectNode n, CouponService.Application a) {
        n.put("id", a.id().toString());
        n.put("coupon", a.couponStripeId());
        n.put("organization_id", a.organizationId().toString());
        n.put("organization", a.organizationName());
        n.put("applies_to", a.target().name().toLowerCase(Locale.ROOT));
        n.put("first_month", a.firstMonth().toString());
        n.put("months", a.months());
        n.put("covers", a.coversWords());
        n.put("reason", a.reason());
        n.put("applied_by", a.appliedBy());
        n.put("applied_at", a.appliedAt().toString());
        n.put("removed_at", a.removedAt() == null ? null : a.removedAt().toString());
        n.put("removed_reason", a.removedReason());
    }

    private static void printApplications(PrintWriter out, List<CouponService.Application> list, boolean json) {
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            ArrayNode a = root.putArray("applications");
            list.forEach(x -> application(a.addObject(), x));
            CliJson.print(out, root);
            return;
        }
        if (list.isEmpty()) {
            out.println("Not applied anywhere.");
        }
        for (CouponService.Application a : list) {
            out.printf("%-36s %-14s %-34s %s%s%n", a.id(), a.couponStripeId(), a.organizationName(), a.coversWords(),
                    a.active() ? "" : " (removed: " + a.removedReason() + ")");
        }
    }

    @Command(name = "list", description = {"The console's coupons, newest first, archived last.", "  coupons list [--json]"})
    static final class ListCoupons implements Callable<Integer> {
        @ParentCommand
        CouponsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<CouponService.Coupon> all = withService(parent, spec, CouponService::list);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                ArrayNode a = root.putArray("coupons");
                all.forEach(k -> coupon(a.addObject(), k));
                CliJson.print(out, root);
                return 0;
            }
            if (all.isEmpty()) {
                out.println("No coupons.");
            }
            for (CouponService.Coupon k : all) {
                out.printf("%-16s %-30s %-26s %s%n", k.stripeId(), k.name(), k.offWords() + " " + k.durationWords(),
                        k.archived() ? "archived" : k.maxRedemptions() == null ? "" : "at most " + k.maxRedemptions() + " uses");
            }
            return 0;
        }
    }

    static final class Off {
        @Option(names = "--percent-off", paramLabel = "PERCENT", description = "Percent off, above 0 and at most 100 (two decimals).")
        BigDecimal percent;
        @Option(names = "--amount-off", paramLabel = "AMOUNT", description = "An amount off, such as 250.00.")
        String amount;
    }

    @Command(name = "create", description = {"Creates a coupon in Stripe (key bc.coupon.<id>:create) and records it.",
            "  coupons create --id ID --name NAME (--percent-off P | --amount-off AMOUNT [--currency USD]) --duration once|repeating|forever "
                    + "[--months N] [--redeem-by YYYY-MM-DD] [--max-redemptions N] --reason TEXT [--json]"})
    static final class Create implements Callable<Integer> {
        @ParentCommand
        CouponsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--id", required = true, paramLabel = "ID", description = "The coupon's id in Stripe, such as LAUNCH-250.")
        String id;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name customers see on the invoice.")
        String name;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Off off;
        @Option(names = "--currency", defaultValue = "USD", paramLabel = "CUR", description = "The currency of an amount off (default USD).")
        String currency;
        @Option(names = "--duration", required = true, paramLabel = "DURATION", description = "once, repeating or forever.")
        String duration;
        @Option(names = "--months", paramLabel = "N", description = "How many months a repeating coupon lasts (1 to 36).")
        Integer months;
        @Option(names = "--redeem-by", paramLabel = "YYYY-MM-DD", description = "The last day it can be redeemed (UTC).")
        String redeemBy;
        @Option(names = "--max-redemptions", paramLabel = "N", description = "How many times it can be redeemed in all.")
        Integer max;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            String cur = currency.strip().toUpperCase(Locale.ROOT);
            Long amount = null;
            if (off.amount != null) {
                try {
                    amount = Money.parseMajor(off.amount, cur);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--amount-off '" + off.amount + "' is not an amount (such as 250.00).");
                }
            }
            java.time.Instant by = null;
            if (redeemBy != null) {
                try {
                    by = LocalDate.parse(redeemBy.strip()).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new ParameterException(spec.commandLine(), "--redeem-by '" + redeemBy + "' is not a day (YYYY-MM-DD).");
                }
            }
            CouponService.Draft d = new CouponService.Draft(id.strip(), name, off.percent, amount, cur, duration.strip().toLowerCase(Locale.ROOT),
                    months, by, max);
            CouponService.Coupon k = withService(parent, spec, s -> {
                java.util.Map<String, String> wrong = s.problems(d);
                if (!wrong.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), String.join(" ", wrong.values()) + " Nothing was created.");
                }
                return s.create(d, reason);
            });
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                coupon(root.putObject("coupon"), k);
                CliJson.print(out, root);
            } else {
                out.println("Created coupon " + k.stripeId() + ": " + k.offWords() + " " + k.durationWords() + ".");
            }
            return 0;
        }
    }

    @Command(name = "archive", description = {"Archives a coupon: Stripe deletes it (discounts already applied stay) and its promotion "
            + "codes are deactivated.", "  coupons archive --coupon ID --reason TEXT"})
    static final class Archive implements Callable<Integer> {
        @ParentCommand
        CouponsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--coupon", required = true, paramLabel = "ID", description = "The coupon's id, such as LAUNCH-250.")
        String coupon;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;

        @Override
        public Integer call() {
            String done = withService(parent, spec, s -> {
                CouponService.Coupon k = coupon(s, coupon);
                s.archive(k, reason);
                return k.stripeId();
            });
            spec.commandLine().getOut().println("Archived coupon " + done + "; it can no longer be applied or redeemed.");
            return 0;
        }
    }

    static final class Target {
        @Option(names = "--subscription", description = "On the subscription, from --from for as long as the coupon lasts.")
        boolean subscription;
        @Option(names = "--invoice", description = "On the invoice of the month --from only.")
        boolean invoice;
    }

    @Command(name = "apply", description = {"Applies a coupon to an organization's subscription (from a month, as long as the coupon "
            + "lasts) or to one month's invoice. That month's open draft gains the discount line at once; an invoiced month is refused.",
            "  coupons apply --coupon ID --org ORG_ID (--subscription | --invoice) --from YYYY-MM --reason TEXT [--dry-run] [--json]"})
    static final class Apply implements Callable<Integer> {
        @ParentCommand
        CouponsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--coupon", required = true, paramLabel = "ID", description = "The coupon's id, such as LAUNCH-250.")
        String coupon;
        @Option(names = "--org", required = true, paramLabel = "ORG_ID", description = "The organization's id.")
        String org;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;
        @Option(names = "--from", required = true, paramLabel = "YYYY-MM", description = "The first month it discounts.")
        String from;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;
        @Option(names = "--dry-run", description = "Say what it would do (checked by the database), write nothing.")
        boolean dryRun;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            UUID orgId = CreditsCommand.org(spec, org);
            YearMonth first = CreditsCommand.month(spec, from, "--from");
            CouponService.Target t = target.subscription ? CouponService.Target.SUBSCRIPTION : CouponService.Target.INVOICE;
            CouponService.Applied a = withService(parent, spec, s -> {
                CouponService.Coupon k = coupon(s, coupon);
                return dryRun ? s.preview(k.id(), orgId, t, first, reason) : s.apply(k.id(), orgId, t, first, reason);
            });
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("dry_run", dryRun);
                application(root.putObject("application"), a.application());
                if (a.draftLineMinor() != null) {
                    root.put("draft_line", Money.of(a.draftLineMinor(), a.currency()).toMajor());
                }
                root.put("replaced", a.replaced() == null ? null : a.replaced().id().toString());
                root.put("words", CouponService.words(a));
                CliJson.print(out, root);
            } else {
                out.println((dryRun ? "Would apply " : "Applied ") + CouponService.words(a) + (dryRun ? " Nothing was written." : ""));
            }
            return 0;
        }
    }

    @Command(name = "applied", description = {"Where coupons apply: an organization's, or a coupon's, removed ones last.",
            "  coupons applied (--org ORG_ID | --coupon ID) [--json]"})
    static final class Applied implements Callable<Integer> {
        @ParentCommand
        CouponsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--org", paramLabel = "ORG_ID", description = "An organization's id.")
        String org;
        @Option(names = "--coupon", paramLabel = "ID", description = "A coupon's id, such as LAUNCH-250.")
        String coupon;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            if ((org == null) == (coupon == null)) {
                throw new ParameterException(spec.commandLine(), "Give exactly one of --org or --coupon.");
            }
            UUID orgId = org == null ? null : CreditsCommand.org(spec, org);
            List<CouponService.Application> list = withService(parent, spec,
                    s -> orgId != null ? s.applicationsFor(orgId) : s.applicationsOf(coupon(s, coupon).id()));
            printApplications(spec.commandLine().getOut(), list, json);
            return 0;
        }
    }

    @Command(name = "remove", description = {"Removes a coupon from an organization: months not drafted yet are no longer discounted; "
            + "drafts that carry its line keep it until edited.", "  coupons remove --org ORG_ID --application APPLICATION_ID --reason TEXT"})
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        CouponsCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--org", required = true, paramLabel = "ORG_ID", description = "The organization's id.")
        String org;
        @Option(names = "--application", required = true, paramLabel = "APPLICATION_ID", description = "The application's id (coupons applied).")
        String application;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;

        @Override
        public Integer call() {
            UUID orgId = CreditsCommand.org(spec, org);
            UUID id = CreditsCommand.id(spec, application, "an application id (a UUID; see coupons applied --org)");
            CouponService.Application removed = withService(parent, spec, s -> {
                CouponService.Application a = s.applicationsFor(orgId).stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(
                        () -> new UserFacingException("That organization has no coupon application " + id + "; see coupons applied --org."));
                s.remove(a, reason);
                return a;
            });
            spec.commandLine().getOut().println("Removed " + removed.couponStripeId() + " from " + removed.organizationName() + ".");
            return 0;
        }
    }
}
