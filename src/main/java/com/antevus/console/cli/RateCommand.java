package com.antevus.console.cli;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.charges.PeriodCharges;
import com.antevus.console.catalog.CatalogVersion;
import com.antevus.console.pricing.Catalog;
import com.antevus.console.core.Money;
import com.antevus.console.core.Quantities;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.rating.RatedLine;
import com.antevus.console.rating.Rating;
import com.antevus.console.rating.RatingFacts;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "rate", description = {"Price a period with the rating engine: a plan with usage you give, or an organization's month.",
        "  rate --plan core --usage events=1.6M,ai_tokens=250k,storage_gb=1500 [--seats N] [--addons a,b] [--annual] [--json]",
        "  rate --org ORG_ID --period 2026-10 [--json]"})
final class RateCommand implements Callable<Integer> {
    @ParentCommand
    ConsoleCommand root;
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--plan", paramLabel = "CODE", description = "A plan code of the catalog.")
        String plan;
        @Option(names = "--org", paramLabel = "ORG_ID", description = "An organization id.")
        String org;
    }

    @Option(names = "--usage", paramLabel = "METRIC=N,...", description = "Usage per metric; N may be 1600000, 1_600_000, 1.6M or 250k.")
    String usage;
    @Option(names = "--seats", paramLabel = "N", description = "Seats (per-seat plans).")
    Integer seats;
    @Option(names = "--addons", paramLabel = "CODE[:QTY],...", description = "Add-ons, e.g. compliance-pack,extra-agent:2.")
    String addOns;
    @Option(names = "--annual", description = "Annual billing.")
    boolean annual;
    @Option(names = "--byo-llm", description = "The customer brings its own LLM (no AI token charge).")
    boolean byoLlm;
    @Option(names = "--discount", paramLabel = "PCT", description = "A discount percentage.")
    BigDecimal discount;
    @Option(names = "--catalog", paramLabel = "current|draft|N", description = "Which catalog version prices --plan (default: current; "
            + "the draft when the plan is only there).")
    String catalogVersion;
    @Option(names = "--period", paramLabel = "YYYY-MM", description = "The month to rate, with --org.")
    YearMonth period;
    @Option(names = "--json", description = "Print JSON: currency, lines[] (kind, code, description, quantity, amount_minor), total_minor.")
    boolean json;

    @Override
    public Integer call() {
        if (target.org != null) {
            return rateOrg();
        }
        Map<String, Long> usageMap = parseUsage(usage);
        Map<String, Integer> addOnMap = parseAddOns(addOns);
        RatingFacts facts;
        try {
            facts = new RatingFacts(annual ? RatingFacts.Interval.YEAR : RatingFacts.Interval.MONTH, seats, addOnMap, byoLlm, null,
                    discount, 0);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return CatalogCommand.withCatalog(root, spec, (s, db) -> {
            CatalogVersion v = chooseVersion(s, target.plan);
            Catalog catalog = s.load(v.id());
            List<String> known = catalog.metrics().stream().map(Catalog.Metric::code).toList();
            for (String metric : usageMap.keySet()) {
                if (!known.contains(metric)) {
                    throw new ParameterException(spec.commandLine(), "There is no metric '" + metric + "' in catalog " + v.title()
                            + "; its metrics are " + String.join(", ", known) + ".");
                }
            }
            Rating r;
            try {
                r = CatalogService.ratePlan(catalog, target.plan, facts, usageMap);
            } catch (IllegalArgumentException e) {
                throw new UserFacingException(e.getMessage(), e);
            }
            print(r, "Plan " + target.plan + " in catalog " + v.title(), null);
            return 0;
        });
    }

    private CatalogVersion chooseVersion(CatalogService s, String plan) {
        if (catalogVersion != null && !catalogVersion.equals("current")) {
            if (catalogVersion.equals("draft")) {
                return s.draft().orElseThrow(() -> new UserFacingException("There is no draft catalog."));
            }
            try {
                return s.version(Integer.parseInt(catalogVersion.replaceFirst("^v", "")));
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--catalog is current, draft or a version number, not '" + catalogVersion + "'.");
            }
        }
        Optional<CatalogVersion> current = s.current();
        if (current.isPresent() && s.load(current.get().id()).plan(plan).isPresent()) {
            return current.get();
        }
        Optional<CatalogVersion> draft = s.draft();
        if (catalogVersion == null && draft.isPresent() && s.load(draft.get().id()).plan(plan).isPresent()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("Plan " + plan + " is only in draft " + draft.get().title() + "; rated with the draft.");
            err.flush();
            return draft.get();
        }
        return current.orElseThrow(() -> new UserFacingException("No catalog version is published yet."));
    }

    private int rateOrg() {
        if (period == null) {
            throw new ParameterException(spec.commandLine(), "--org needs --period YYYY-MM.");
        }
        if (usage != null || seats != null || addOns != null || annual || discount != null) {
            throw new ParameterException(spec.commandLine(), "--org rates the organization's own subscription and usage; "
                    + "--usage, --seats, --addons, --annual and --discount go with --plan.");
        }
        UUID org;
        YearMonth month = period;
        org = CreditsCommand.org(spec, target.org);
        return CatalogCommand.withCatalog(root, spec, (s, db) -> {
            PeriodCharges.OrganizationRating r = new PeriodCharges(db.dataSource()).rateOrganization(org, month);
            print(r.rating(), r.organizationName() + ", " + month + ", plan " + r.planCode() + " (catalog v" + r.catalogVersion() + ")", r);
            return 0;
        });
    }

    private void print(Rating r, String heading, PeriodCharges.OrganizationRating org) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode();
            if (org != null) {
                root.put("organization", org.organizationName());
                root.put("period", org.period().toString());
                root.put("plan", org.planCode());
                root.put("catalog_version", org.catalogVersion());
                ObjectNode u = root.putObject("usage");
                org.usage().forEach(u::put);
            }
            root.put("currency", r.currency());
            ArrayNode lines = root.putArray("lines");
            for (RatedLine l : r.lines()) {
                lines.addObject().put("kind", l.kind().wireName()).put("code", l.code()).put("description", l.description())
                        .put("quantity", l.quantity()).put("amount_minor", l.amountMinor());
            }
            root.put("total_minor", r.totalMinor());
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withSeparators(
                    Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            try {
                out.println(m.writer(pp).writeValueAsString(root));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.println(heading);
            for (RatedLine l : r.lines()) {
                out.printf("  %-9s %-72s %14s%n", l.kind().wireName(), l.description(), Money.of(l.amountMinor(), r.currency()).format());
            }
            out.printf("  %-82s %14s%n", "Total", Money.of(r.totalMinor(), r.currency()).format());
        }
        out.flush();
    }

    private Map<String, Long> parseUsage(String spec) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(",", -1)) { // -1: an empty entry at the end is a mistake too
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new ParameterException(this.spec.commandLine(), part.isBlank()
                        ? "--usage has an empty entry; write METRIC=N pairs separated by single commas."
                        : "--usage takes METRIC=N pairs separated by commas; '" + part + "' is not one.");
            }
            String metric = kv[0].strip();
            if (out.containsKey(metric)) {
                throw new ParameterException(this.spec.commandLine(), "--usage gives " + metric + " twice; give each metric once.");
            }
            out.put(metric, quantity(metric, kv[1].strip()));
        }
        return out;
    }

    private long quantity(String metric, String text) {
        Long v = Quantities.parse(text);
        if (v == null) {
            throw new ParameterException(spec.commandLine(), "'" + text + "' is not a whole quantity for " + metric + ".");
        }
        if (v < 0) {
            throw new ParameterException(spec.commandLine(), "Usage of " + metric + " cannot be negative ('" + text + "').");
        }
        return v;
    }

    private Map<String, Integer> parseAddOns(String spec) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(",", -1)) {
            String[] cq = part.strip().split(":", 2);
            if (cq[0].isBlank()) {
                throw new ParameterException(this.spec.commandLine(), part.isBlank()
                        ? "--addons has an empty entry; write CODE or CODE:QTY separated by single commas."
                        : "--addons entry '" + part + "' has no add-on code; write CODE or CODE:QTY.");
            }
            int qty = 1;
            if (cq.length == 2) {
                try {
                    qty = Integer.parseInt(cq[1]);
                } catch (NumberFormatException e) {
                    qty = -1;
                }
                if (qty <= 0) {
                    throw new ParameterException(this.spec.commandLine(), "Add-on quantity in '" + part + "' must be a whole number of at least 1.");
                }
            }
            out.merge(cq[0].strip(), qty, Integer::sum);
        }
        return out;
    }
}
