package com.antevus.console.pricing;

import com.antevus.console.pricing.Catalog.AddOn;
import com.antevus.console.pricing.Catalog.Cap;
import com.antevus.console.pricing.Catalog.MeteredPrice;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.Catalog.Quota;
import com.antevus.console.core.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A readable difference between two catalogs: each priced fact is flattened to a line such as
 * "Core · monthly price: $1,500.00", and the lines are compared. Order never matters; only what is sold and at
 * what price.
 */
public final class CatalogDiff {
    private CatalogDiff() {
    }

    public enum Kind { ADDED, REMOVED, CHANGED }

    /** One difference: {@code subject} is the plan, add-on or metric, {@code field} what changed in it. */
    public record Change(Kind kind, String subject, String field, String before, String after) {
        @Override
        public String toString() {
            return switch (kind) {
                case ADDED -> "+ " + subject + (field.isEmpty() ? "" : " · " + field) + ": " + after;
                case REMOVED -> "- " + subject + (field.isEmpty() ? "" : " · " + field) + ": " + before;
                case CHANGED -> "~ " + subject + " · " + field + ": " + before + " → " + after;
            };
        }
    }

    public static List<Change> between(Catalog before, Catalog after) {
        List<Change> out = new ArrayList<>();
        Map<String, Map<String, String>> a = flatten(before);
        Map<String, Map<String, String>> b = flatten(after);
        Set<String> subjects = new LinkedHashSet<>(a.keySet());
        subjects.addAll(b.keySet());
        for (String s : subjects) {
            Map<String, String> x = a.get(s);
            Map<String, String> y = b.get(s);
            if (x == null) {
                out.add(new Change(Kind.ADDED, s, "", null, y.getOrDefault("", "new")));
                continue;
            }
            if (y == null && (s.startsWith("metric ") || s.startsWith("resource "))) {
                continue; // metrics and resources are shared reference data: a file that omits one does not remove it
            }
            if (y == null) {
                out.add(new Change(Kind.REMOVED, s, "", x.getOrDefault("", "removed"), null));
                continue;
            }
            Set<String> fields = new LinkedHashSet<>(x.keySet());
            fields.addAll(y.keySet());
            for (String f : fields) {
                if (f.isEmpty()) {
                    continue;
                }
                String u = x.get(f);
                String v = y.get(f);
                if (u == null) {
                    out.add(new Change(Kind.ADDED, s, f, null, v));
                } else if (v == null) {
                    out.add(new Change(Kind.REMOVED, s, f, u, null));
                } else if (!u.equals(v)) {
                    out.add(new Change(Kind.CHANGED, s, f, u, v));
                }
            }
        }
        return out;
    }

    /** subject → field → readable value; the field "" summarizes the subject for added and removed lines. */
    static Map<String, Map<String, String>> flatten(Catalog c) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Catalog.Metric m : c.metrics()) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("", m.name() + " (" + m.unit() + ", " + m.aggregation().name().toLowerCase(Locale.ROOT) + ")");
            f.put("name", m.name());
            f.put("unit", m.unit());
            f.put("aggregation", m.aggregation().name().toLowerCase(Locale.ROOT));
            out.put("metric " + m.code(), f);
        }
        for (Catalog.Resource r : c.resources()) {
            out.put("resource " + r.code(), new LinkedHashMap<>(Map.of("", r.name(), "name", r.name())));
        }
        for (PlanSpec p : c.plans()) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("", p.name() + ", " + price(p.monthlyMinor(), p.currency()) + " a month");
            f.put("name", p.name());
            f.put("family", p.family());
            f.put("billing", p.billingModel().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            f.put("currency", p.currency());
            f.put("monthly price", price(p.monthlyMinor(), p.currency()));
            f.put("annual price", price(p.annualMinor(), p.currency()));
            f.put("minimum seats", p.minSeats() == null ? "none" : String.valueOf(p.minSeats()));
            f.put("academic variant of", p.academicOf() == null ? "none" : p.academicOf());
            f.put("self-serve", p.selfServe() ? "yes" : "no");
            f.put("grace period", p.graceDays() + " days");
            f.put("alert thresholds", p.alertThresholds().toString().replace("[", "").replace("]", "") + " %");
            for (Quota q : p.quotas()) {
                f.put("quota " + q.code(), quota(q));
            }
            for (MeteredPrice m : p.metered()) {
                f.put("overage " + m.metric(), metered(m, p.currency()));
            }
            out.put("plan " + p.code(), f);
        }
        for (AddOn a : c.addOns()) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("", a.name() + ", " + price(a.monthlyMinor(), a.currency()) + " a month");
            f.put("name", a.name());
            f.put("monthly price", price(a.monthlyMinor(), a.currency()));
            f.put("raises", a.raisesResource() == null ? "nothing" : a.raisesResource() + " +" + a.raisesBy());
            out.put("add-on " + a.code(), f);
        }
        return out;
    }

    public static String quota(Quota q) {
        if (q.cap() == Cap.UNLIMITED) {
            return "unlimited";
        }
        String limit = String.format(Locale.US, "%,d", q.limit());
        return switch (q.cap()) {
            case HARD -> limit + " (hard cap)";
            case SOFT -> limit + " (soft cap)";
            default -> limit;
        };
    }

    /** A metered price in words: "$100.00 per started 250,000 over the quota". */
    public static String metered(MeteredPrice m, String currency) {
        return switch (m.model()) {
            case PER_UNIT -> rate(m.unitAmount(), currency) + " per " + (m.unitSize() == 1 ? "unit" : String.format(Locale.US, "%,d", m.unitSize()));
            case PACKAGE -> rate(m.unitAmount(), currency) + " per started block of " + String.format(Locale.US, "%,d", m.packageSize());
            case COST_PLUS -> "cost " + rate(m.unitAmount(), currency) + " per " + String.format(Locale.US, "%,d", m.unitSize()) + " + "
                    + (m.marginPct() == null ? "0" : m.marginPct().toPlainString()) + "% margin";
            case PER_GB_MONTH -> rate(m.unitAmount(), currency) + " per GB-month (" + rate(m.unitAmount().multiply(BigDecimal.valueOf(1000)), currency)
                    + " per TB)";
            case GRADUATED -> {
                StringBuilder b = new StringBuilder("graduated: ");
                long from = 0;
                for (int i = 0; i < m.tiers().size(); i++) {
                    Catalog.Tier t = m.tiers().get(i);
                    b.append(i == 0 ? "" : "; ").append(t.upTo() == null ? "above " + String.format(Locale.US, "%,d", from)
                            : "to " + String.format(Locale.US, "%,d", t.upTo())).append(" at ").append(rate(t.unitAmount(), currency));
                    if (t.flatAmountMinor() != 0) {
                        b.append(" + ").append(Money.of(t.flatAmountMinor(), currency).format());
                    }
                    from = t.upTo() == null ? from : t.upTo();
                }
                yield b.toString();
            }
        };
    }

    private static String price(Long minor, String currency) {
        return minor == null ? "none" : Money.of(minor, currency).format();
    }

    /** A rate in major units with the decimals it needs: "$0.001". */
    public static String rate(BigDecimal minor, String currency) {
        if (minor == null) {
            return "none";
        }
        String s = Money.rateText(minor, currency);
        return "USD".equals(currency) ? "$" + s : s + " " + currency;
    }
}
