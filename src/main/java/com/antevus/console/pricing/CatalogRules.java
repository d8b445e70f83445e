package com.antevus.console.pricing;

import com.antevus.console.pricing.Catalog.AddOn;
import com.antevus.console.pricing.Catalog.BillingModel;
import com.antevus.console.pricing.Catalog.Cap;
import com.antevus.console.pricing.Catalog.MeteredPrice;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.Catalog.Quota;
import com.antevus.console.pricing.Catalog.Tier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The catalog's rules, in one place for the editor (which shows each problem at its field) and the YAML import
 * (which shows it at its line and column). A problem names its field by a path such as
 * {@code plans.core.metered.events.block}.
 */
public final class CatalogRules {
    /** Plan and add-on codes: what the database and Stripe lookup keys accept. */
    public static final Pattern ITEM_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    public static final Pattern METRIC_CODE = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** No single price may exceed this many minor units ($10 billion): keeps every product of prices inside a long. */
    public static final long MAX_MINOR = 1_000_000_000_000L;
    public static final long MAX_QUANTITY = 1_000_000_000_000_000L;

    private CatalogRules() {
    }

    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    public static List<Problem> validate(Catalog c) {
        List<Problem> out = new ArrayList<>();
        Set<String> metrics = new HashSet<>();
        Set<String> resources = new HashSet<>();
        for (Catalog.Metric m : c.metrics()) {
            String p = "metrics." + m.code();
            if (!METRIC_CODE.matcher(m.code()).matches()) {
                out.add(new Problem(p, "a metric code is lower-case letters, digits and underscores, starting with a letter"));
            }
            if (!metrics.add(m.code())) {
                out.add(new Problem(p, "metric '" + m.code() + "' is defined twice"));
            }
            requireText(out, p + ".name", m.name(), "name");
            requireText(out, p + ".unit", m.unit(), "unit");
        }
        for (Catalog.Resource r : c.resources()) {
            String p = "resources." + r.code();
            if (!METRIC_CODE.matcher(r.code()).matches()) {
                out.add(new Problem(p, "a resource code is lower-case letters, digits and underscores, starting with a letter"));
            }
            if (!resources.add(r.code()) || metrics.contains(r.code())) {
                out.add(new Problem(p, "'" + r.code() + "' is defined twice"));
            }
            requireText(out, p + ".name", r.name(), "name");
        }
        Set<String> codes = new HashSet<>();
        for (PlanSpec plan : c.plans()) {
            if (!codes.add(plan.code())) {
                out.add(new Problem("plans." + plan.code() + ".code", "plan code '" + plan.code() + "' is used twice"));
            }
            out.addAll(validatePlan(plan, c, metrics, resources));
        }
        Set<String> addOnCodes = new HashSet<>();
        for (AddOn a : c.addOns()) {
            String p = "add_ons." + a.code();
            if (!addOnCodes.add(a.code())) {
                out.add(new Problem(p + ".code", "add-on code '" + a.code() + "' is used twice"));
            }
            codeRule(out, p + ".code", a.code());
            requireText(out, p + ".name", a.name(), "name");
            currencyRule(out, p + ".currency", a.currency());
            amountRule(out, p + ".monthly", a.monthlyMinor());
            if (a.raisesResource() != null) {
                if (!resources.contains(a.raisesResource())) {
                    out.add(new Problem(p + ".raises", "unknown resource '" + a.raisesResource() + "'" + known(resources)));
                }
                if (a.raisesBy() == null || a.raisesBy() <= 0) {
                    out.add(new Problem(p + ".raises", "an add-on raises a resource by at least 1"));
                }
            }
        }
        return out;
    }

    /** One plan's rules, against the catalog it belongs to (for academic variants and known metrics). */
    public static List<Problem> validatePlan(PlanSpec plan, Catalog c, Set<String> metrics, Set<String> resources) {
        List<Problem> out = new ArrayList<>();
        String p = "plans." + plan.code();
        codeRule(out, p + ".code", plan.code());
        requireText(out, p + ".name", plan.name(), "name");
        requireText(out, p + ".family", plan.family(), "family");
        currencyRule(out, p + ".currency", plan.currency());
        Long monthly = plan.monthlyMinor();
        Long annual = plan.annualMinor();
        switch (plan.billingModel()) {
            case FLAT -> {
                if (monthly == null) {
                    out.add(new Problem(p + ".monthly", "a flat plan needs a monthly price (0 for a free plan)"));
                }
            }
            case PER_SEAT -> {
                if (monthly == null || monthly <= 0) {
                    out.add(new Problem(p + ".monthly", "a per-seat plan needs a price per seat above zero"));
                }
                if (plan.minSeats() == null || plan.minSeats() <= 0) {
                    out.add(new Problem(p + ".min_seats", "a per-seat plan needs a minimum of at least 1 seat"));
                }
            }
            case PAY_AS_YOU_GO -> {
                if ((monthly != null && monthly != 0) || (annual != null && annual != 0)) {
                    out.add(new Problem(p + ".monthly", "a pay-as-you-go plan has no base fee"));
                }
                if (plan.metered().isEmpty()) {
                    out.add(new Problem(p + ".metered", "a pay-as-you-go plan needs at least one metered price"));
                }
            }
            case CUSTOM -> {
                if (monthly != null || annual != null) {
                    out.add(new Problem(p + ".monthly", "a custom plan is priced by its contract, not here"));
                }
            }
        }
        if (monthly != null) {
            amountRule(out, p + ".monthly", monthly);
        }
        if (annual != null) {
            amountRule(out, p + ".annual", annual);
            if (monthly == null) {
                out.add(new Problem(p + ".annual", "an annual price needs a monthly price"));
            } else if (monthly <= MAX_MINOR && annual > 12 * monthly) {
                out.add(new Problem(p + ".annual", "the annual price is above twelve monthly prices"));
            }
        }
        if (plan.minSeats() != null && plan.minSeats() <= 0) {
            out.add(new Problem(p + ".min_seats", "the minimum seat count must be at least 1"));
        }
        if (plan.graceDays() < 0 || plan.graceDays() > 365) {
            out.add(new Problem(p + ".grace_days", "the grace period is 0 to 365 days"));
        }
        int last = 0;
        for (Integer t : plan.alertThresholds()) {
            if (t == null || t <= last || t > 1000) {
                out.add(new Problem(p + ".alert_thresholds", "alert thresholds are percentages from 1 to 1000, rising"));
                break;
            }
            last = t;
        }
        if (plan.academicOf() != null) {
            PlanSpec base = c.plan(plan.academicOf()).orElse(null);
            if (base == null) {
                out.add(new Problem(p + ".academic_of", "there is no plan '" + plan.academicOf() + "' to be the academic variant of"));
            } else if (base.academicOf() != null) {
                out.add(new Problem(p + ".academic_of", "'" + base.code() + "' is itself an academic variant"));
            } else {
                if (monthly != null && base.monthlyMinor() != null && monthly > base.monthlyMinor()) {
                    out.add(new Problem(p + ".monthly", "the academic price is above the base plan's ("
                            + com.antevus.console.core.Money.of(base.monthlyMinor(), base.currency()).format() + ")"));
                }
                if (annual != null && base.annualMinor() != null && annual > base.annualMinor()) {
                    out.add(new Problem(p + ".annual", "the academic annual price is above the base plan's"));
                }
                if (!base.currency().equals(plan.currency())) {
                    out.add(new Problem(p + ".currency", "an academic variant is priced in its base plan's currency"));
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (Quota q : plan.quotas()) {
            String qp = p + ".quotas." + q.code();
            if (!seen.add(q.code())) {
                out.add(new Problem(qp, "quota '" + q.code() + "' is given twice"));
            }
            if (!metrics.contains(q.code()) && !resources.contains(q.code())) {
                out.add(new Problem(qp, "unknown metric or resource '" + q.code() + "'" + known(union(metrics, resources))));
            }
            if (q.cap() == Cap.UNLIMITED) {
                if (q.limit() != null) {
                    out.add(new Problem(qp, "an unlimited quota has no limit"));
                }
            } else if (q.limit() == null) {
                out.add(new Problem(qp, "a " + q.cap().name().toLowerCase() + " quota needs a limit"));
            } else if (q.limit() < 0) {
                out.add(new Problem(qp + ".limit", "a limit cannot be negative"));
            } else if (q.limit() > MAX_QUANTITY) {
                out.add(new Problem(qp + ".limit", "the limit is too large"));
            }
        }
        Set<String> priced = new HashSet<>();
        for (MeteredPrice m : plan.metered()) {
            String mp = p + ".metered." + m.metric();
            if (!priced.add(m.metric())) {
                out.add(new Problem(mp, "metric '" + m.metric() + "' has two prices"));
            }
            if (!metrics.contains(m.metric())) {
                out.add(new Problem(mp, "unknown metric '" + m.metric() + "'" + known(metrics)));
            }
            out.addAll(validateMetered(m, mp));
        }
        return out;
    }

    static List<Problem> validateMetered(MeteredPrice m, String mp) {
        List<Problem> out = new ArrayList<>();
        if (m.unitSize() <= 0) {
            out.add(new Problem(mp + ".per", "the unit size must be at least 1"));
        }
        switch (m.model()) {
            case PACKAGE -> {
                if (m.packageSize() == null || m.packageSize() <= 0) {
                    out.add(new Problem(mp + ".block", "the block size must be at least 1"));
                }
                if (m.unitAmount() == null || m.unitAmount().signum() <= 0) {
                    out.add(new Problem(mp + ".price", "a block needs a price above zero"));
                } else if (m.unitAmount().stripTrailingZeros().scale() > 0) {
                    out.add(new Problem(mp + ".price", "a block price is a whole number of cents"));
                } else if (m.unitAmount().compareTo(BigDecimal.valueOf(MAX_MINOR)) > 0) {
                    out.add(new Problem(mp + ".price", "the price is too large"));
                }
            }
            case PER_UNIT, PER_GB_MONTH, COST_PLUS -> {
                if (m.unitAmount() == null) {
                    out.add(new Problem(mp + (m.model() == Catalog.PricingModel.COST_PLUS ? ".cost" : ".price"), "a price is required"));
                } else if (m.unitAmount().signum() < 0) {
                    out.add(new Problem(mp + (m.model() == Catalog.PricingModel.COST_PLUS ? ".cost" : ".price"), "a price cannot be negative"));
                } else if (m.unitAmount().compareTo(BigDecimal.valueOf(MAX_MINOR)) > 0) {
                    out.add(new Problem(mp + ".price", "the price is too large"));
                }
                if (m.model() == Catalog.PricingModel.COST_PLUS
                        && (m.marginPct() == null || m.marginPct().signum() < 0 || m.marginPct().compareTo(BigDecimal.valueOf(1000)) > 0)) {
                    out.add(new Problem(mp + ".margin_pct", "the margin is a percentage from 0 to 1000"));
                }
            }
            case GRADUATED -> {
                if (m.tiers().isEmpty()) {
                    out.add(new Problem(mp + ".tiers", "a graduated price needs at least one tier"));
                }
                long prev = 0;
                for (int i = 0; i < m.tiers().size(); i++) {
                    Tier t = m.tiers().get(i);
                    String tp = mp + ".tiers." + (i + 1);
                    boolean lastTier = i == m.tiers().size() - 1;
                    if (t.upTo() == null && !lastTier) {
                        out.add(new Problem(tp + ".up_to", "only the last tier is open-ended"));
                    } else if (t.upTo() != null && t.upTo() <= prev) {
                        out.add(new Problem(tp + ".up_to", "tier bounds must rise"));
                    } else if (lastTier && t.upTo() != null) {
                        out.add(new Problem(tp + ".up_to", "the last tier is open-ended (leave up_to out)"));
                    }
                    if (t.upTo() != null) {
                        prev = t.upTo();
                    }
                    if (t.unitAmount().signum() < 0 || t.flatAmountMinor() < 0) {
                        out.add(new Problem(tp + ".price", "a tier price cannot be negative"));
                    }
                }
            }
        }
        return out;
    }

    private static void codeRule(List<Problem> out, String path, String code) {
        if (code == null || !ITEM_CODE.matcher(code).matches()) {
            out.add(new Problem(path, "a code is lower-case letters, digits and dashes, starting with a letter or digit"));
        }
    }

    private static void requireText(List<Problem> out, String path, String value, String what) {
        if (value == null || value.isBlank()) {
            out.add(new Problem(path, "the " + what + " is required"));
        }
    }

    private static void currencyRule(List<Problem> out, String path, String currency) {
        try {
            if (currency == null || currency.length() != 3 || !currency.equals(currency.toUpperCase())) {
                throw new IllegalArgumentException();
            }
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            out.add(new Problem(path, "'" + currency + "' is not an ISO 4217 currency code"));
        }
    }

    private static void amountRule(List<Problem> out, String path, long minor) {
        if (minor < 0) {
            out.add(new Problem(path, "a price cannot be negative"));
        } else if (minor > MAX_MINOR) {
            out.add(new Problem(path, "the price is too large"));
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    private static String known(Set<String> codes) {
        return codes.isEmpty() ? "" : " (known: " + String.join(", ", new java.util.TreeSet<>(codes)) + ")";
    }

    /** True when the plan's billing model bills a base fee. */
    public static boolean hasBaseFee(PlanSpec plan) {
        return plan.billingModel() == BillingModel.FLAT || plan.billingModel() == BillingModel.PER_SEAT;
    }
}
