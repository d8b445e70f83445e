package com.antevus.console.contracts;

import com.antevus.console.catalog.PlanForm;
import com.antevus.console.pricing.Catalog.MeteredPrice;
import com.antevus.console.rating.ContractOverrides;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The contract editor's fields, the way a sales rep types them: money in major units ("240,000"), quotas with
 * separators, blank for "as the plan". {@link #toContract} parses them back and names each field it cannot read,
 * keyed like {@link ContractRules#validate}.
 */
public final class ContractForm {
    public final ObjectProperty<ContractService.OrganizationChoice> organization = new SimpleObjectProperty<>();
    public final StringProperty annualValue = new SimpleStringProperty("");
    public final StringProperty currency = new SimpleStringProperty("USD");
    public final ObjectProperty<Contract.Schedule> schedule = new SimpleObjectProperty<>(Contract.Schedule.ANNUAL_UPFRONT);
    public final ObjectProperty<Contract.PaymentTerms> paymentTerms = new SimpleObjectProperty<>(Contract.PaymentTerms.NET30);
    public final ObjectProperty<LocalDate> startsOn = new SimpleObjectProperty<>();
    public final ObjectProperty<LocalDate> endsOn = new SimpleObjectProperty<>();
    public final BooleanProperty autoRenew = new SimpleBooleanProperty(true);
    public final StringProperty noticeDays = new SimpleStringProperty("60");
    public final StringProperty discount = new SimpleStringProperty("0");
    public final StringProperty notes = new SimpleStringProperty("");
    public final ObservableList<OverrideRow> overrides = FXCollections.observableArrayList(
            r -> new Observable[]{r.included, r.rate.model, r.rate.price, r.rate.per, r.rate.block, r.rate.margin});
    public final ObservableList<DocumentRow> documents = FXCollections.observableArrayList(
            r -> new Observable[]{r.kind, r.status, r.signedOn, r.expiresOn, r.url, r.filePath});

    /** One resource or metric: its included amount (blank: the plan's; "unlimited") and, for a metric, a custom rate. */
    public static final class OverrideRow {
        public final ContractService.Dimension dimension;
        public final StringProperty included = new SimpleStringProperty("");
        /** Blank price: the plan's rate applies. */
        public final PlanForm.MeteredRow rate;

        public OverrideRow(ContractService.Dimension dimension) {
            this.dimension = dimension;
            this.rate = new PlanForm.MeteredRow(dimension.code());
            this.rate.model.set(null); // none chosen: the plan's rate applies
            this.rate.price.set("");
            this.rate.per.set("");
        }

        public boolean hasRate() {
            return dimension.metric() && rate.price.get() != null && !rate.price.get().isBlank();
        }
    }

    /** One document row. */
    public static final class DocumentRow {
        public final UUID id;
        public final ObjectProperty<ContractDocument.Kind> kind = new SimpleObjectProperty<>(ContractDocument.Kind.MSA);
        public final ObjectProperty<ContractDocument.Status> status = new SimpleObjectProperty<>(ContractDocument.Status.DRAFT);
        public final ObjectProperty<LocalDate> signedOn = new SimpleObjectProperty<>();
        public final ObjectProperty<LocalDate> expiresOn = new SimpleObjectProperty<>();
        public final StringProperty url = new SimpleStringProperty("");
        public final StringProperty filePath = new SimpleStringProperty("");
        public final StringProperty sha256 = new SimpleStringProperty("");

        public DocumentRow(UUID id) {
            this.id = id;
        }

        ContractDocument toDocument() {
            return new ContractDocument(id, kind.get(), status.get(), signedOn.get(), expiresOn.get(), blank(url.get()),
                    blank(filePath.get()), blank(sha256.get()));
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Fills the form from a contract; {@code dimensions} are the rows the overrides table offers. */
    public void load(Contract k, ContractService.OrganizationChoice org, List<ContractService.Dimension> dimensions) {
        organization.set(org);
        currency.set(k.currency());
        annualValue.set(k.annualValueMinor() == 0 && k.isNew() ? "" : String.format(Locale.US, "%,.2f",
                new BigDecimal(PlanForm.major(k.annualValueMinor(), k.currency()))));
        schedule.set(k.schedule());
        paymentTerms.set(k.paymentTerms());
        startsOn.set(k.startsOn());
        endsOn.set(k.endsOn());
        autoRenew.set(k.autoRenew());
        noticeDays.set(String.valueOf(k.noticeDays()));
        discount.set(k.discountPct().toPlainString());
        notes.set(k.notes());
        List<OverrideRow> rows = new ArrayList<>();
        for (ContractService.Dimension d : dimensions) {
            OverrideRow r = new OverrideRow(d);
            if (k.overrides().quotas().containsKey(d.code())) {
                Long v = k.overrides().quotas().get(d.code());
                r.included.set(v == null ? "unlimited" : String.format(Locale.US, "%,d", v));
            }
            MeteredPrice p = k.overrides().rates().get(d.code());
            if (p != null) {
                r.rate.load(p, k.currency());
            }
            rows.add(r);
        }
        overrides.setAll(rows);
        List<DocumentRow> docs = new ArrayList<>();
        for (ContractDocument d : k.documents()) {
            DocumentRow r = new DocumentRow(d.id());
            r.kind.set(d.kind());
            r.status.set(d.status());
            r.signedOn.set(d.signedOn());
            r.expiresOn.set(d.expiresOn());
            r.url.set(d.url() == null ? "" : d.url());
            r.filePath.set(d.filePath() == null ? "" : d.filePath());
            r.sha256.set(d.sha256() == null ? "" : d.sha256());
            docs.add(r);
        }
        documents.setAll(docs);
    }

    /**
     * The contract the fields describe, on top of {@code base} (its id, status and version). Fields that do not
     * parse go to {@code errors}; {@link ContractRules#validate} adds the rules' errors.
     */
    public Contract toContract(Contract base, Map<String, String> errors) {
        String cur = currency.get() == null ? "USD" : currency.get().strip().toUpperCase(Locale.ROOT);
        Long value = PlanForm.money(annualValue.get(), cur, errors, "annualValue");
        if (value == null && !errors.containsKey("annualValue")) {
            errors.put("annualValue", "Give the contract's annual value.");
        }
        Long notice = PlanForm.integer(noticeDays.get(), errors, "noticeDays", 0L);
        BigDecimal pct = PlanForm.decimal(discount.get(), errors, "discount");
        Map<String, Long> quotas = new LinkedHashMap<>();
        Map<String, MeteredPrice> rates = new LinkedHashMap<>();
        for (OverrideRow r : overrides) {
            String key = "overrides." + r.dimension.code();
            String inc = r.included.get() == null ? "" : r.included.get().strip();
            if (inc.equalsIgnoreCase("unlimited")) {
                quotas.put(r.dimension.code(), null);
            } else if (!inc.isEmpty()) {
                Long v = PlanForm.integer(inc, errors, key, null);
                if (v != null && v < 0) {
                    errors.put(key, "An included amount cannot be negative.");
                } else if (v != null) {
                    quotas.put(r.dimension.code(), v);
                }
            }
            if (r.hasRate() && r.rate.model.get() == null) {
                errors.put(key, r.dimension.name() + " rate: choose how it is priced (per unit, per block …).");
            } else if (r.hasRate()) {
                Map<String, String> rateErrors = new LinkedHashMap<>();
                MeteredPrice p = r.rate.toPrice(cur, rateErrors, key);
                rateErrors.forEach((k, m) -> errors.putIfAbsent(key, r.dimension.name() + " rate: " + m));
                if (rateErrors.isEmpty()) {
                    String problem = rateProblem(p);
                    if (problem != null) {
                        errors.put(key, r.dimension.name() + " rate: " + problem);
                    } else {
                        rates.put(r.dimension.code(), p);
                    }
                }
            }
        }
        List<ContractDocument> docs = documents.stream().map(DocumentRow::toDocument).toList();
        ContractService.OrganizationChoice org = organization.get();
        Contract k = new Contract(base.id(), org == null ? null : org.id(), org == null ? base.organizationName() : org.name(),
                org != null && org.handlesHealthData(), base.status(), cur, value == null ? 0 : value, schedule.get(), paymentTerms.get(),
                startsOn.get(), endsOn.get(), autoRenew.get(), notice == null ? 0 : (int) Math.max(Integer.MIN_VALUE,
                Math.min(Integer.MAX_VALUE, notice)), pct == null ? BigDecimal.ZERO : pct,
                new ContractOverrides(quotas, rates), notes.get(), docs, base.version());
        ContractRules.validate(k).forEach(errors::putIfAbsent);
        return k;
    }

    private static String rateProblem(MeteredPrice p) {
        if (p.unitAmount() != null && p.unitAmount().signum() < 0) {
            return "a price cannot be negative";
        }
        if (p.unitSize() <= 0) {
            return "'per' must be at least 1";
        }
        if (p.model() == com.antevus.console.pricing.Catalog.PricingModel.PACKAGE && (p.packageSize() == null || p.packageSize() <= 0)) {
            return "give the block size";
        }
        if (p.model() == com.antevus.console.pricing.Catalog.PricingModel.COST_PLUS && p.marginPct() == null) {
            return "give the margin %";
        }
        return null;
    }
}
