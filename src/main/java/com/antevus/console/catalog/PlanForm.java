package com.antevus.console.catalog;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.BillingModel;
import com.antevus.console.pricing.Catalog.Cap;
import com.antevus.console.pricing.Catalog.MeteredPrice;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.Catalog.PricingModel;
import com.antevus.console.pricing.Catalog.Quota;
import com.antevus.console.core.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The plan editor's fields as text, the way the admin types them: money in major units ("1500.00"), rates with
 * their decimals ("0.001"). {@link #toPlan} parses them back and names each field it cannot read.
 */
public final class PlanForm {
    public final StringProperty code = new SimpleStringProperty("");
    public final StringProperty name = new SimpleStringProperty("");
    public final StringProperty family = new SimpleStringProperty("");
    public final ObjectProperty<BillingModel> billing = new SimpleObjectProperty<>(BillingModel.FLAT);
    public final StringProperty currency = new SimpleStringProperty("USD");
    public final StringProperty monthly = new SimpleStringProperty("");
    public final StringProperty annual = new SimpleStringProperty("");
    public final StringProperty minSeats = new SimpleStringProperty("");
    public final StringProperty academicOf = new SimpleStringProperty("");
    public final BooleanProperty selfServe = new SimpleBooleanProperty();
    public final StringProperty graceDays = new SimpleStringProperty("7");
    public final StringProperty thresholds = new SimpleStringProperty("80, 100, 120");
    public final ObservableList<QuotaRow> quotas = FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[]{r.limit, r.cap});
    public final ObservableList<MeteredRow> metered = FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[]{r.model, r.price, r.per, r.block, r.margin, r.tiers});

    /** One quota row: its code, its limit as text (empty when unlimited) and its cap. */
    public static final class QuotaRow {
        public final String code;
        public final boolean metric;
        public final StringProperty limit = new SimpleStringProperty("");
        public final ObjectProperty<Cap> cap = new SimpleObjectProperty<>(Cap.LIMITED);

        public QuotaRow(String code, boolean metric) {
            this.code = code;
            this.metric = metric;
        }
    }

    /** One metered price row; which fields matter depends on the model. */
    public static final class MeteredRow {
        public final String metric;
        public final ObjectProperty<PricingModel> model = new SimpleObjectProperty<>(PricingModel.PER_UNIT);
        /** Price per unit, per block, per GB-month, or the provider cost (cost_plus), in major units. */
        public final StringProperty price = new SimpleStringProperty("");
        public final StringProperty per = new SimpleStringProperty("1");
        public final StringProperty block = new SimpleStringProperty("");
        public final StringProperty margin = new SimpleStringProperty("");
        /**
         * Graduated tiers as text: {@code up_to:price[+flat]} separated by commas, the last open-ended as
         * {@code *:price}, prices in major units. "1000:0.10, 10000:0.05+5.00, *:0.01".
         */
        public final StringProperty tiers = new SimpleStringProperty("");

        public MeteredRow(String metric) {
            this.metric = metric;
        }

        static String formatTiers(List<Catalog.Tier> tiers, String currency) {
            List<String> parts = new ArrayList<>();
            for (Catalog.Tier t : tiers) {
                String part = (t.upTo() == null ? "*" : String.valueOf(t.upTo())) + ":" + Money.rateText(t.unitAmount(), currency);
                if (t.flatAmountMinor() != 0) {
                    part += "+" + major(t.flatAmountMinor(), currency);
                }
                parts.add(part);
            }
            return String.join(", ", parts);
        }

        static List<Catalog.Tier> parseTiers(String text, String currency, Map<String, String> errors, String path) {
            List<Catalog.Tier> out = new ArrayList<>();
            if (text == null || text.isBlank()) {
                errors.put(path, "give the tiers as up_to:price, …, *:price");
                return out;
            }
            int digits = Money.digits(currency);
            for (String part : text.split(",")) {
                String[] kv = part.trim().split(":", 2);
                if (kv.length != 2) {
                    errors.put(path, "'" + part.trim() + "' is not up_to:price");
                    return out;
                }
                Long upTo = "*".equals(kv[0].trim()) ? null : integer(kv[0], errors, path, null);
                String[] pf = kv[1].split("\\+", 2);
                BigDecimal price = decimal(pf[0], errors, path);
                Long flat = pf.length == 2 ? money(pf[1], currency, errors, path) : Long.valueOf(0);
                if (errors.containsKey(path) || price == null || flat == null) {
                    errors.putIfAbsent(path, "'" + part.trim() + "' is not up_to:price");
                    return out;
                }
                out.add(new Catalog.Tier(upTo, price.movePointRight(digits), flat));
            }
            return out;
        }

        public String describe(String currency) {
            try {
                return com.antevus.console.pricing.CatalogDiff.metered(toPrice(currency, new LinkedHashMap<>(), "x"), currency);
            } catch (RuntimeException e) {
                return "";
            }
        }

        /** Fills the row from a price. */
        public void load(MeteredPrice m, String currency) {
            model.set(m.model());
            price.set(m.unitAmount() == null ? "" : Money.rateText(m.unitAmount(), currency));
            per.set(String.valueOf(m.unitSize()));
            block.set(m.packageSize() == null ? "" : String.valueOf(m.packageSize()));
            margin.set(m.marginPct() == null ? "" : m.marginPct().toPlainString());
            tiers.set(formatTiers(m.tiers(), currency));
        }

        /** The price the fields describe; fields that do not parse are put in {@code errors} under {@code path}. */
        public MeteredPrice toPrice(String currency, Map<String, String> errors, String path) {
            int digits = Money.digits(currency);
            BigDecimal amount = decimal(price.get(), errors, path + ".price");
            BigDecimal minor = amount == null ? null : amount.movePointRight(digits);
            Long perUnits = integer(per.get(), errors, path + ".per", 1L);
            return switch (model.get()) {
                case PER_UNIT -> new MeteredPrice(metric, PricingModel.PER_UNIT, minor, perUnits == null ? 1 : perUnits, null, null, List.of());
                case PACKAGE -> new MeteredPrice(metric, PricingModel.PACKAGE, minor, 1, integer(block.get(), errors, path + ".block", null),
                        null, List.of());
                case COST_PLUS -> new MeteredPrice(metric, PricingModel.COST_PLUS, minor, perUnits == null ? 1 : perUnits, null,
                        decimal(margin.get(), errors, path + ".margin_pct"), List.of());
                case PER_GB_MONTH -> new MeteredPrice(metric, PricingModel.PER_GB_MONTH, minor, 1, null, null, List.of());
                case GRADUATED -> new MeteredPrice(metric, PricingModel.GRADUATED, null, 1, null, null,
                        parseTiers(tiers.get(), currency, errors, path + ".tiers"));
            };
        }
    }

    /** Fills the form from a plan. */
    public void load(PlanSpec p) {
        code.set(p.code());
        name.set(p.name());
        family.set(p.family());
        billing.set(p.billingModel());
        currency.set(p.currency());
        monthly.set(major(p.monthlyMinor(), p.currency()));
        annual.set(major(p.annualMinor(), p.currency()));
        minSeats.set(p.minSeats() == null ? "" : String.valueOf(p.minSeats()));
        academicOf.set(p.academicOf() == null ? "" : p.academicOf());
        selfServe.set(p.selfServe());
        graceDays.set(String.valueOf(p.graceDays()));
        thresholds.set(String.join(", ", p.alertThresholds().stream().map(String::valueOf).toList()));
        List<QuotaRow> qs = new ArrayList<>();
        for (Quota q : p.quotas()) {
            QuotaRow r = new QuotaRow(q.code(), q.metric());
            r.limit.set(q.limit() == null ? "" : String.format(Locale.US, "%,d", q.limit()));
            r.cap.set(q.cap());
            qs.add(r);
        }
        quotas.setAll(qs);
        List<MeteredRow> ms = new ArrayList<>();
        for (MeteredPrice m : p.metered()) {
            MeteredRow r = new MeteredRow(m.metric());
            r.load(m, p.currency());
            ms.add(r);
        }
        metered.setAll(ms);
    }

    /**
     * The plan the fields describe. Fields that do not parse are put in {@code errors} (field path → message,
     * paths as {@link com.antevus.console.pricing.CatalogRules} names them) and left out.
     */
    public PlanSpec toPlan(Map<String, String> errors) {
        String c = currency.get() == null ? "USD" : currency.get().trim().toUpperCase(Locale.ROOT);
        String p = "plans." + code.get().trim();
        Long m = money(monthly.get(), c, errors, p + ".monthly");
        Long a = money(annual.get(), c, errors, p + ".annual");
        Long seats = integer(minSeats.get(), errors, p + ".min_seats", null);
        Long grace = integer(graceDays.get(), errors, p + ".grace_days", 0L);
        List<Integer> th = new ArrayList<>();
        for (String t : thresholds.get() == null ? new String[0] : thresholds.get().split("[,\\s]+")) {
            if (t.isBlank()) {
                continue;
            }
            try {
                th.add(Integer.parseInt(t.replace("%", "")));
            } catch (NumberFormatException e) {
                errors.put(p + ".alert_thresholds", "'" + t + "' is not a whole percentage");
            }
        }
        List<Quota> qs = new ArrayList<>();
        for (QuotaRow r : quotas) {
            if (r.cap.get() == Cap.UNLIMITED) {
                qs.add(Quota.unlimited(r.code, r.metric));
            } else {
                Long limit = integer(r.limit.get(), errors, p + ".quotas." + r.code + ".limit", null);
                if (limit == null && !errors.containsKey(p + ".quotas." + r.code + ".limit")) {
                    errors.put(p + ".quotas." + r.code + ".limit", "a limit is required (or choose unlimited)");
                }
                qs.add(new Quota(r.code, r.metric, limit, r.cap.get()));
            }
        }
        List<MeteredPrice> ms = new ArrayList<>();
        for (MeteredRow r : metered) {
            ms.add(r.toPrice(c, errors, p + ".metered." + r.metric));
        }
        String academic = academicOf.get() == null || academicOf.get().isBlank() ? null : academicOf.get().trim();
        return new PlanSpec(code.get().trim(), name.get().trim(), family.get().trim(), billing.get(), c, m, a,
                seats == null ? null : (int) Math.min(Integer.MAX_VALUE, seats), academic, selfServe.get(),
                grace == null ? 0 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, grace)), th, qs, ms);
    }

    public static String major(Long minor, String currency) {
        return minor == null ? "" : Money.of(minor, currency).toMajor().toPlainString();
    }


    /** Major units as typed ("120,000.00") to minor units; a problem goes to {@code errors} under {@code path}. */
    public static Long money(String text, String currency, Map<String, String> errors, String path) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Money.parseMajor(text, currency);
        } catch (IllegalArgumentException e) {
            errors.put(path, e.getMessage().endsWith("is not an amount") ? "'" + text.trim() + "' is not a number" : e.getMessage());
            return null;
        }
    }

    public static BigDecimal decimal(String text, Map<String, String> errors, String path) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.trim().replace(",", "").replace("_", "").replace("$", ""));
        } catch (NumberFormatException e) {
            errors.put(path, "'" + text.trim() + "' is not a number");
            return null;
        }
    }

    public static Long integer(String text, Map<String, String> errors, String path, Long empty) {
        if (text == null || text.isBlank()) {
            return empty;
        }
        String t = text.trim().replace(",", "").replace("_", "");
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            errors.put(path, t.matches("-?\\d+") ? "too large" : "'" + text.trim() + "' is not a whole number");
            return null;
        }
    }
}
