package com.antevus.console.pricing;

import com.antevus.console.pricing.Catalog.AddOn;
import com.antevus.console.pricing.Catalog.Aggregation;
import com.antevus.console.pricing.Catalog.BillingModel;
import com.antevus.console.pricing.Catalog.Cap;
import com.antevus.console.pricing.Catalog.MeteredPrice;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.Catalog.PricingModel;
import com.antevus.console.pricing.Catalog.Quota;
import com.antevus.console.pricing.Catalog.Tier;
import com.antevus.console.core.Money;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The catalog as code: a readable YAML file of the whole catalog, and back. Money is written in major units of
 * the plan's currency (1500.00 is $1,500.00) and read from the scalar's text, never through a float. Every problem
 * is reported at its line and column, and a file with any problem yields no catalog at all.
 */
public final class CatalogYaml {
    public static final String FORMAT = "billing-console-catalog/1";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9 _.()/&+-]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n", "~");

    private CatalogYaml() {
    }

    /** A problem at a place in the file (1-based line and column). */
    public record FileProblem(int line, int column, String message) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column + ": " + message;
        }
    }

    /** The file could not be read as a catalog; nothing was applied. */
    public static final class CatalogFileException extends com.antevus.console.core.UserFacingException {
        private final transient List<FileProblem> problems;

        public CatalogFileException(String source, List<FileProblem> problems) {
            super(summary(source, problems));
            this.problems = List.copyOf(problems);
        }

        public List<FileProblem> problems() {
            return problems;
        }

        private static String summary(String source, List<FileProblem> problems) {
            StringBuilder b = new StringBuilder(source).append(" has ").append(problems.size())
                    .append(problems.size() == 1 ? " problem" : " problems").append("; nothing was changed:");
            problems.stream().limit(20).forEach(p -> b.append(System.lineSeparator()).append("  ").append(source).append(", ").append(p));
            if (problems.size() > 20) {
                b.append(System.lineSeparator()).append("  … and ").append(problems.size() - 20).append(" more");
            }
            return b.toString();
        }
    }

    // =============================================================================================
    // Reading
    // =============================================================================================

    /** Reads a catalog; throws {@link CatalogFileException} naming every problem's line and column. */
    public static Catalog parse(String text, String source) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setCodePointLimit(10 * 1024 * 1024);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() == null ? "is not valid YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new CatalogFileException(source, List.of(new FileProblem(m == null ? 1 : m.getLine() + 1,
                    m == null ? 1 : m.getColumn() + 1, "not valid YAML: " + problem + context)));
        } catch (YAMLException e) {
            throw new CatalogFileException(source, List.of(new FileProblem(1, 1, "not valid YAML: " + e.getMessage())));
        }
        if (root == null) {
            throw new CatalogFileException(source, List.of(new FileProblem(1, 1, "the file is empty: a catalog starts with "
                    + "metrics:, resources:, plans: and add_ons:")));
        }
        Reader r = new Reader();
        Catalog catalog = r.catalog(root);
        if (r.problems.isEmpty()) {
            for (CatalogRules.Problem p : CatalogRules.validate(catalog)) {
                Node at = r.nodeFor(p.path());
                r.problem(at == null ? root : at, p.message());
            }
        }
        if (!r.problems.isEmpty()) {
            List<FileProblem> sorted = new ArrayList<>(r.problems);
            sorted.sort(java.util.Comparator.comparingInt(FileProblem::line).thenComparingInt(FileProblem::column));
            throw new CatalogFileException(source, sorted);
        }
        return catalog;
    }

    private static final class Reader {
        final List<FileProblem> problems = new ArrayList<>();
        final Map<String, Node> places = new HashMap<>();
        Set<String> metricCodes = Set.of();

        void problem(Node n, String message) {
            Mark m = n.getStartMark();
            problems.add(new FileProblem(m.getLine() + 1, m.getColumn() + 1, message));
        }

        /** The node of a rule's path, or of its nearest recorded parent. */
        Node nodeFor(String path) {
            String p = path;
            while (true) {
                Node n = places.get(p);
                if (n != null || p.indexOf('.') < 0) {
                    return n;
                }
                p = p.substring(0, p.lastIndexOf('.'));
            }
        }

        Catalog catalog(Node root) {
            Map<String, Node> top = mapping(root, "the catalog", Set.of("format", "metrics", "resources", "plans", "add_ons"));
            if (top == null) {
                return empty();
            }
            Node format = top.get("format");
            if (format != null && !FORMAT.equals(text(format))) {
                problem(format, "unknown format '" + text(format) + "' (this console reads " + FORMAT + ")");
            }
            List<Catalog.Metric> metrics = new ArrayList<>();
            for (Node n : sequence(top.get("metrics"), "metrics")) {
                Map<String, Node> m = mapping(n, "a metric", Set.of("code", "name", "unit", "aggregation"));
                if (m == null) {
                    continue;
                }
                String code = requiredText(m, "code", n);
                if (code == null) {
                    continue;
                }
                places.put("metrics." + code, n);
                Aggregation agg = enumValue(m.get("aggregation"), Aggregation.class, Aggregation.SUM);
                metrics.add(new Catalog.Metric(code, optText(m.get("name"), code), optText(m.get("unit"), code), agg));
            }
            metricCodes = metrics.stream().map(Catalog.Metric::code).collect(java.util.stream.Collectors.toSet());
            List<Catalog.Resource> resources = new ArrayList<>();
            for (Node n : sequence(top.get("resources"), "resources")) {
                Map<String, Node> m = mapping(n, "a resource", Set.of("code", "name"));
                if (m == null) {
                    continue;
                }
                String code = requiredText(m, "code", n);
                if (code != null) {
                    places.put("resources." + code, n);
                    resources.add(new Catalog.Resource(code, optText(m.get("name"), code)));
                }
            }
            Map<String, Map<String, Node>> planNodes = new LinkedHashMap<>();
            Map<String, Node> planRoots = new HashMap<>();
            for (Node n : sequence(top.get("plans"), "plans")) {
                Map<String, Node> m = mapping(n, "a plan", Set.of("code", "name", "family", "billing", "currency", "monthly",
                        "annual", "min_seats", "academic_of", "self_serve", "grace_days", "alert_thresholds", "quotas", "metered"));
                if (m == null) {
                    continue;
                }
                String code = requiredText(m, "code", n);
                if (code == null) {
                    continue;
                }
                if (planNodes.containsKey(code)) {
                    problem(m.get("code"), "plan code '" + code + "' is used twice");
                    continue;
                }
                planNodes.put(code, m);
                planRoots.put(code, n);
            }
            List<PlanSpec> plans = new ArrayList<>();
            Map<String, PlanSpec> bases = new HashMap<>();
            // base plans first, so an academic variant can inherit what it leaves out
            for (boolean academicPass : new boolean[]{false, true}) {
                for (Map.Entry<String, Map<String, Node>> e : planNodes.entrySet()) {
                    boolean isAcademic = e.getValue().containsKey("academic_of");
                    if (isAcademic != academicPass) {
                        continue;
                    }
                    PlanSpec p = plan(e.getKey(), e.getValue(), planRoots.get(e.getKey()), bases);
                    if (p != null) {
                        bases.put(p.code(), p);
                    }
                }
            }
            for (String code : planNodes.keySet()) {
                if (bases.containsKey(code)) {
                    plans.add(bases.get(code));
                }
            }
            List<AddOn> addOns = new ArrayList<>();
            for (Node n : sequence(top.get("add_ons"), "add_ons")) {
                Map<String, Node> m = mapping(n, "an add-on", Set.of("code", "name", "currency", "monthly", "raises"));
                if (m == null) {
                    continue;
                }
                String code = requiredText(m, "code", n);
                if (code == null) {
                    continue;
                }
                String p = "add_ons." + code;
                places.put(p, n);
                places.put(p + ".code", m.get("code"));
                String currency = currency(m.get("currency"), "USD");
                Long monthly = money(m.get("monthly"), currency, p + ".monthly");
                if (monthly == null) {
                    problem(n, "add-on '" + code + "' needs a monthly price");
                    continue;
                }
                String raises = null;
                Integer by = null;
                Node rn = m.get("raises");
                if (rn != null) {
                    places.put(p + ".raises", rn);
                    Map<String, Node> rm = mapping(rn, "raises (resource: amount)", null);
                    if (rm != null && rm.size() == 1) {
                        Map.Entry<String, Node> only = rm.entrySet().iterator().next();
                        raises = only.getKey();
                        Long v = integer(only.getValue());
                        by = v == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
                    } else if (rm != null) {
                        problem(rn, "an add-on raises exactly one resource, e.g. raises: {agents: 1}");
                    }
                }
                addOns.add(new AddOn(code, optText(m.get("name"), code), currency, monthly, raises, by));
            }
            return new Catalog(metrics, resources, plans, addOns);
        }

        private PlanSpec plan(String code, Map<String, Node> m, Node root, Map<String, PlanSpec> bases) {
            String p = "plans." + code;
            places.put(p, root);
            m.forEach((k, v) -> places.put(p + "." + k, v));
            PlanSpec base = null;
            String academicOf = null;
            if (m.containsKey("academic_of")) {
                academicOf = text(m.get("academic_of"));
                base = bases.get(academicOf);
                if (base == null) {
                    problem(m.get("academic_of"), "there is no base plan '" + academicOf + "' to be the academic variant of");
                    return null;
                }
            }
            BillingModel model = enumValue(m.get("billing"), BillingModel.class, base != null ? base.billingModel() : BillingModel.FLAT);
            String currency = currency(m.get("currency"), base != null ? base.currency() : "USD");
            Long monthly = money(m.get("monthly"), currency, p + ".monthly");
            Long annual = money(m.get("annual"), currency, p + ".annual");
            Integer minSeats = m.containsKey("min_seats") ? toInt(m.get("min_seats")) : base != null ? base.minSeats() : null;
            boolean selfServe = m.containsKey("self_serve") ? bool(m.get("self_serve")) : base != null && base.selfServe();
            int grace = m.containsKey("grace_days") ? orZero(toInt(m.get("grace_days"))) : base != null ? base.graceDays() : 7;
            List<Integer> thresholds = new ArrayList<>();
            if (m.containsKey("alert_thresholds")) {
                for (Node t : sequence(m.get("alert_thresholds"), "alert_thresholds")) {
                    Integer v = toInt(t);
                    if (v != null) {
                        thresholds.add(v);
                    }
                }
            } else {
                thresholds.addAll(base != null ? base.alertThresholds() : List.of(80, 100, 120));
            }
            List<Quota> quotas = new ArrayList<>();
            if (m.containsKey("quotas")) {
                Map<String, Node> qm = mapping(m.get("quotas"), "quotas (code: limit)", null);
                if (qm != null) {
                    qm.forEach((qc, qn) -> {
                        places.put(p + ".quotas." + qc, qn);
                        Quota q = quota(qc, qn);
                        if (q != null) {
                            quotas.add(q);
                        }
                    });
                }
            } else if (base != null) {
                quotas.addAll(base.quotas());
            }
            List<MeteredPrice> metered = new ArrayList<>();
            if (m.containsKey("metered")) {
                Map<String, Node> mm = mapping(m.get("metered"), "metered (metric: price)", null);
                if (mm != null) {
                    mm.forEach((metric, mn) -> {
                        places.put(p + ".metered." + metric, mn);
                        MeteredPrice price = metered(metric, mn, currency, p + ".metered." + metric);
                        if (price != null) {
                            metered.add(price);
                        }
                    });
                }
            } else if (base != null) {
                metered.addAll(base.metered());
            }
            String name = m.containsKey("name") ? text(m.get("name")) : null;
            if (name == null) {
                problem(root, "plan '" + code + "' needs a name");
                return null;
            }
            String family = m.containsKey("family") ? text(m.get("family")) : base != null ? base.family() : code;
            return new PlanSpec(code, name, family, model, currency, monthly, annual, minSeats, academicOf, selfServe, grace,
                    thresholds, quotas, metered);
        }

        private Quota quota(String code, Node n) {
            boolean metric = metricCodes.contains(code);
            if (n instanceof ScalarNode s) {
                if ("unlimited".equals(s.getValue())) {
                    return Quota.unlimited(code, metric);
                }
                Long limit = integer(n);
                return limit == null ? null : new Quota(code, metric, limit, Cap.LIMITED);
            }
            Map<String, Node> qm = mapping(n, "a quota", Set.of("limit", "cap"));
            if (qm == null) {
                return null;
            }
            Cap cap = enumValue(qm.get("cap"), Cap.class, qm.containsKey("limit") ? Cap.LIMITED : Cap.UNLIMITED);
            Long limit = qm.containsKey("limit") ? integer(qm.get("limit")) : null;
            if (qm.containsKey("limit") && limit == null) {
                return null;
            }
            return new Quota(code, metric, limit, cap);
        }

        private MeteredPrice metered(String metric, Node n, String currency, String path) {
            Map<String, Node> m = mapping(n, "a metered price", Set.of("model", "price", "per", "block", "cost", "margin_pct",
                    "per_tb", "tiers"));
            if (m == null) {
                return null;
            }
            if (!m.containsKey("model")) {
                problem(n, "a metered price needs a model (per_unit, package, cost_plus, per_gb_month or graduated)");
                return null;
            }
            m.forEach((k, v) -> places.put(path + "." + k, v));
            PricingModel model = enumValue(m.get("model"), PricingModel.class, null);
            if (model == null) {
                return null;
            }
            long per = m.containsKey("per") ? orZero(integer(m.get("per"))) : 1;
            return switch (model) {
                case PER_UNIT -> new MeteredPrice(metric, model, rate(m, "price", currency), per, null, null, List.of());
                case PACKAGE -> new MeteredPrice(metric, model, rate(m, "price", currency), 1,
                        m.containsKey("block") ? integer(m.get("block")) : null, null, List.of());
                case COST_PLUS -> new MeteredPrice(metric, model, rate(m, "cost", currency), per, null,
                        m.containsKey("margin_pct") ? decimal(m.get("margin_pct")) : null, List.of());
                case PER_GB_MONTH -> {
                    BigDecimal perGb = m.containsKey("per_tb")
                            ? scaleTb(rate(m, "per_tb", currency)) : rate(m, "price", currency);
                    yield new MeteredPrice(metric, model, perGb, 1, null, null, List.of());
                }
                case GRADUATED -> {
                    List<Tier> tiers = new ArrayList<>();
                    for (Node t : sequence(m.get("tiers"), "tiers")) {
                        Map<String, Node> tm = mapping(t, "a tier", Set.of("up_to", "price", "flat"));
                        if (tm == null) {
                            continue;
                        }
                        Long upTo = tm.containsKey("up_to") && !"inf".equals(text(tm.get("up_to"))) ? integer(tm.get("up_to")) : null;
                        BigDecimal price = tm.containsKey("price") ? rateOf(tm.get("price"), currency) : BigDecimal.ZERO;
                        Long flat = tm.containsKey("flat") ? money(tm.get("flat"), currency, null) : Long.valueOf(0);
                        tiers.add(new Tier(upTo, price == null ? BigDecimal.ZERO : price, flat == null ? 0 : flat));
                    }
                    yield new MeteredPrice(metric, model, null, 1, null, null, tiers);
                }
            };
        }

        private static BigDecimal scaleTb(BigDecimal perTb) {
            return perTb == null ? null : perTb.divide(BigDecimal.valueOf(1000));
        }

        private BigDecimal rate(Map<String, Node> m, String key, String currency) {
            return m.containsKey(key) ? rateOf(m.get(key), currency) : null;
        }

        /** A rate in major units, to minor units (may stay fractional). */
        private BigDecimal rateOf(Node n, String currency) {
            BigDecimal major = decimal(n);
            return major == null ? null : major.movePointRight(Money.digits(currency));
        }

        /** A price in major units, to whole minor units; more decimals than the currency has is an error. */
        private Long money(Node n, String currency, String path) {
            if (n == null) {
                return null;
            }
            BigDecimal major = decimal(n);
            if (major == null) {
                return null;
            }
            BigDecimal minor = major.movePointRight(Money.digits(currency));
            if (minor.stripTrailingZeros().scale() > 0) {
                problem(n, "'" + text(n) + "' has more decimals than " + currency + " allows");
                return null;
            }
            try {
                return minor.longValueExact();
            } catch (ArithmeticException e) {
                problem(n, "'" + text(n) + "' is too large");
                return null;
            }
        }

        private String currency(Node n, String fallback) {
            if (n == null) {
                return fallback;
            }
            String c = text(n);
            try {
                java.util.Currency.getInstance(c);
                if (!c.equals(c.toUpperCase(Locale.ROOT))) {
                    throw new IllegalArgumentException();
                }
                return c;
            } catch (IllegalArgumentException | NullPointerException e) {
                problem(n, "'" + c + "' is not an ISO 4217 currency code (e.g. USD)");
                return fallback;
            }
        }

        private BigDecimal decimal(Node n) {
            String t = text(n);
            if (t == null) {
                return null;
            }
            BigDecimal d;
            try {
                d = new BigDecimal(t.replace("_", ""));
            } catch (NumberFormatException e) {
                problem(n, "'" + t + "' is not a number");
                return null;
            }
            // bounded before any arithmetic: 1e999999 would otherwise take minutes to check for decimals
            if (d.precision() - d.scale() > 18) {
                problem(n, "'" + shortText(t) + "' is too large");
                return null;
            }
            if (d.scale() > 12) {
                problem(n, "'" + shortText(t) + "' has more than 12 decimals");
                return null;
            }
            return d;
        }

        private static String shortText(String t) {
            return t.length() <= 40 ? t : t.substring(0, 37) + "...";
        }

        private Long integer(Node n) {
            String t = text(n);
            if (t == null) {
                return null;
            }
            try {
                return Long.parseLong(t.replace("_", ""));
            } catch (NumberFormatException e) {
                if (t.matches("-?[0-9_]+")) {
                    problem(n, "'" + t + "' is too large");
                } else {
                    problem(n, "'" + t + "' is not a whole number");
                }
                return null;
            }
        }

        private Integer toInt(Node n) {
            Long v = integer(n);
            if (v == null) {
                return null;
            }
            if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
                problem(n, "'" + v + "' is too large");
                return null;
            }
            return v.intValue();
        }

        private static int orZero(Integer v) {
            return v == null ? 0 : v;
        }

        private static long orZero(Long v) {
            return v == null ? 0 : v;
        }

        private boolean bool(Node n) {
            String t = text(n);
            if ("true".equals(t) || "false".equals(t)) {
                return Boolean.parseBoolean(t);
            }
            problem(n, "expected true or false, found '" + t + "'");
            return false;
        }

        private <E extends Enum<E>> E enumValue(Node n, Class<E> type, E fallback) {
            if (n == null) {
                return fallback;
            }
            String t = text(n);
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(t)) {
                    return e;
                }
            }
            Set<String> names = new TreeSet<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
            problem(n, "'" + t + "' is not one of " + String.join(", ", names));
            return fallback;
        }

        private String requiredText(Map<String, Node> m, String key, Node owner) {
            Node n = m.get(key);
            if (n == null) {
                problem(owner, "the " + key + " is missing");
                return null;
            }
            return text(n);
        }

        private String optText(Node n, String fallback) {
            String t = n == null ? null : text(n);
            return t == null ? fallback : t;
        }

        private String text(Node n) {
            if (n instanceof ScalarNode s) {
                return s.getValue();
            }
            problem(n, "expected a single value here");
            return null;
        }

        private List<Node> sequence(Node n, String what) {
            if (n == null) {
                return List.of();
            }
            if (n instanceof SequenceNode s) {
                return s.getValue();
            }
            if (n instanceof ScalarNode s && (s.getValue().isEmpty() || "null".equals(s.getValue()) || "~".equals(s.getValue()))) {
                return List.of(); // "resources:" with nothing after it
            }
            problem(n, what + " should be a list (lines starting with '- ')");
            return List.of();
        }

        /** A mapping's entries by key; unknown keys (when {@code allowed} is given) are problems. */
        private Map<String, Node> mapping(Node n, String what, Set<String> allowed) {
            if (!(n instanceof MappingNode mn)) {
                problem(n, what + " should be a mapping of key: value lines");
                return null;
            }
            Map<String, Node> out = new LinkedHashMap<>();
            for (NodeTuple t : mn.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                if (key == null) {
                    problem(t.getKeyNode(), "expected a plain key");
                    continue;
                }
                if (allowed != null && !allowed.contains(key)) {
                    problem(t.getKeyNode(), "unknown key '" + key + "' in " + what + " (expected one of "
                            + String.join(", ", new TreeSet<>(allowed)) + ")");
                    continue;
                }
                if (out.containsKey(key)) {
                    // the YAML composer keeps both; taking the last silently would import a price nobody meant
                    Mark first = places(out.get(key));
                    problem(t.getKeyNode(), "'" + key + "' appears twice in " + what + " (first at line " + (first.getLine() + 1)
                            + "); keep one");
                    continue;
                }
                out.put(key, t.getValueNode());
            }
            return out;
        }

        private static Mark places(Node valueNode) {
            return valueNode.getStartMark();
        }

        private static Catalog empty() {
            return new Catalog(List.of(), List.of(), List.of(), List.of());
        }
    }

    // =============================================================================================
    // Writing
    // =============================================================================================

    /** The catalog as a readable YAML file; {@link #parse} reads it back to an equal catalog. */
    public static String write(Catalog c, String heading) {
        StringBuilder b = new StringBuilder();
        if (heading != null) {
            heading.lines().forEach(l -> b.append("# ").append(l).append('\n'));
        }
        b.append("# Money is in major units of the plan's currency (1500.00 is $1,500.00); rates may have more decimals.\n");
        b.append("# Quotas: a number (included, overage billed), unlimited, or {limit: N, cap: soft|hard}.\n");
        b.append("format: ").append(FORMAT).append("\n\n");
        b.append(c.metrics().isEmpty() ? "metrics: []\n" : "metrics:\n");
        for (Catalog.Metric m : c.metrics()) {
            b.append("  - {code: ").append(q(m.code())).append(", name: ").append(q(m.name())).append(", unit: ").append(q(m.unit()))
                    .append(", aggregation: ").append(m.aggregation().name().toLowerCase(Locale.ROOT)).append("}\n");
        }
        b.append(c.resources().isEmpty() ? "\nresources: []\n" : "\nresources:\n");
        for (Catalog.Resource r : c.resources()) {
            b.append("  - {code: ").append(q(r.code())).append(", name: ").append(q(r.name())).append("}\n");
        }
        b.append(c.plans().isEmpty() ? "\nplans: []\n" : "\nplans:\n");
        for (PlanSpec p : c.plans()) {
            PlanSpec base = p.academicOf() == null ? null : c.plan(p.academicOf()).orElse(null);
            b.append("  - code: ").append(q(p.code())).append('\n');
            b.append("    name: ").append(q(p.name())).append('\n');
            if (base != null) {
                b.append("    academic_of: ").append(q(p.academicOf())).append('\n');
            }
            if (base == null || !base.family().equals(p.family())) {
                b.append("    family: ").append(q(p.family())).append('\n');
            }
            if (base == null || base.billingModel() != p.billingModel()) {
                b.append("    billing: ").append(p.billingModel().name().toLowerCase(Locale.ROOT)).append('\n');
            }
            if (base == null || !base.currency().equals(p.currency())) {
                b.append("    currency: ").append(p.currency()).append('\n');
            }
            if (p.monthlyMinor() != null) {
                b.append("    monthly: ").append(major(p.monthlyMinor(), p.currency())).append('\n');
            }
            if (p.annualMinor() != null) {
                b.append("    annual: ").append(major(p.annualMinor(), p.currency())).append('\n');
            }
            if (p.minSeats() != null && (base == null || !p.minSeats().equals(base.minSeats()))) {
                b.append("    min_seats: ").append(p.minSeats()).append('\n');
            }
            if (base == null || base.selfServe() != p.selfServe()) {
                b.append("    self_serve: ").append(p.selfServe()).append('\n');
            }
            if (base == null || base.graceDays() != p.graceDays()) {
                b.append("    grace_days: ").append(p.graceDays()).append('\n');
            }
            if (base == null || !base.alertThresholds().equals(p.alertThresholds())) {
                b.append("    alert_thresholds: ").append(p.alertThresholds()).append('\n');
            }
            if (base != null && base.quotas().equals(p.quotas()) && base.metered().equals(p.metered())) {
                b.append("    # quotas and metered prices: as ").append(base.code()).append('\n');
                continue;
            }
            b.append("    quotas:\n");
            for (Quota qu : p.quotas()) {
                b.append("      ").append(q(qu.code())).append(": ");
                if (qu.cap() == Cap.UNLIMITED) {
                    b.append("unlimited");
                } else if (qu.cap() == Cap.LIMITED) {
                    b.append(qu.limit());
                } else {
                    b.append("{limit: ").append(qu.limit()).append(", cap: ").append(qu.cap().name().toLowerCase(Locale.ROOT)).append('}');
                }
                b.append('\n');
            }
            if (!p.metered().isEmpty()) {
                b.append("    metered:\n");
                for (MeteredPrice m : p.metered()) {
                    b.append("      ").append(q(m.metric())).append(": ").append(metered(m, p.currency())).append('\n');
                }
            }
        }
        b.append(c.addOns().isEmpty() ? "\nadd_ons: []\n" : "\nadd_ons:\n");
        for (AddOn a : c.addOns()) {
            b.append("  - {code: ").append(q(a.code())).append(", name: ").append(q(a.name()));
            if (!"USD".equals(a.currency())) {
                b.append(", currency: ").append(a.currency());
            }
            b.append(", monthly: ").append(major(a.monthlyMinor(), a.currency()));
            if (a.raisesResource() != null) {
                b.append(", raises: {").append(q(a.raisesResource())).append(": ").append(a.raisesBy()).append('}');
            }
            b.append("}\n");
        }
        return b.toString();
    }

    private static String metered(MeteredPrice m, String currency) {
        String model = m.model().name().toLowerCase(Locale.ROOT);
        return switch (m.model()) {
            case PER_UNIT -> "{model: " + model + ", price: " + Money.rateText(m.unitAmount(), currency) + (m.unitSize() == 1 ? "" : ", per: " + m.unitSize()) + "}";
            case PACKAGE -> "{model: " + model + ", block: " + m.packageSize() + ", price: " + Money.rateText(m.unitAmount(), currency) + "}";
            case COST_PLUS -> "{model: " + model + ", cost: " + Money.rateText(m.unitAmount(), currency) + (m.unitSize() == 1 ? "" : ", per: " + m.unitSize())
                    + ", margin_pct: " + (m.marginPct() == null ? "0" : m.marginPct().toPlainString()) + "}";
            case PER_GB_MONTH -> "{model: " + model + ", price: " + Money.rateText(m.unitAmount(), currency) + "}";
            case GRADUATED -> {
                StringBuilder t = new StringBuilder("{model: ").append(model).append(", tiers: [");
                for (int i = 0; i < m.tiers().size(); i++) {
                    Tier tier = m.tiers().get(i);
                    t.append(i == 0 ? "" : ", ").append('{');
                    List<String> parts = new ArrayList<>();
                    if (tier.upTo() != null) {
                        parts.add("up_to: " + tier.upTo());
                    }
                    parts.add("price: " + Money.rateText(tier.unitAmount(), currency));
                    if (tier.flatAmountMinor() != 0) {
                        parts.add("flat: " + major(tier.flatAmountMinor(), currency));
                    }
                    t.append(String.join(", ", parts)).append('}');
                }
                yield t.append("]}").toString();
            }
        };
    }

    private static String major(long minor, String currency) {
        return Money.of(minor, currency).toMajor().toPlainString();
    }

    /** A string as a plain scalar when that is unambiguous, else double-quoted. */
    private static String q(String s) {
        if (s != null && PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT)) && !s.endsWith(" ")) {
            return s;
        }
        return "\"" + String.valueOf(s).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
