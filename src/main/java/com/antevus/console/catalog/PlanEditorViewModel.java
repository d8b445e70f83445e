package com.antevus.console.catalog;

import com.antevus.console.core.SectionViewModel;
import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.CatalogRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The Plans tab's list and editor: the plans of the version shown, the plan being edited (a draft only) in its form,
 * and the form's problems by field as the admin types. Leaving a plan keeps its edits in the section's working copy;
 * a plan with problems keeps the admin on it. Touches no Node.
 */
public final class PlanEditorViewModel extends SectionViewModel {
    private final CatalogViewModel section;
    private final PricePreviewViewModel preview;
    private final ObservableList<PlanSpec> plans = FXCollections.observableArrayList();
    private final ObjectProperty<PlanSpec> selectedPlan = new SimpleObjectProperty<>();
    private final PlanForm form = new PlanForm();
    private final ObservableMap<String, String> fieldErrors = FXCollections.observableHashMap();
    private boolean loadingForm;
    private boolean switching;
    /** The plan the form was loaded from (the working catalog holds it until the form's edits replace it). */
    private PlanSpec editing;

    PlanEditorViewModel(CatalogViewModel section, PricePreviewViewModel preview) {
        super(section);
        this.section = section;
        this.preview = preview;
        selectedPlan.addListener((o, a, b) -> {
            if (!switching) {
                switchPlan(a, b);
            }
        });
        for (Observable field : new Observable[]{form.code, form.name, form.family, form.billing, form.currency, form.monthly, form.annual,
                form.minSeats, form.academicOf, form.selfServe, form.graceDays, form.thresholds, form.quotas, form.metered}) {
            field.addListener(x -> {
                if (!loadingForm) {
                    section.markDirty();
                    validated();
                    preview.refresh();
                }
            });
        }
    }

    /** A version's catalog was loaded: list its plans and show the one that was selected (by code), else the first. */
    void show(Catalog c) {
        String keep = selectedPlan.get() == null ? null : selectedPlan.get().code();
        switching = true;
        plans.setAll(c.plans());
        PlanSpec show = c.plan(keep == null ? "" : keep).orElse(c.plans().isEmpty() ? null : c.plans().get(0));
        selectedPlan.set(show);
        switching = false;
        showPlan(show);
    }

    private Catalog catalog() {
        return section.catalogProperty().get();
    }

    private boolean editable() {
        return section.editableProperty().get();
    }

    private void switchPlan(PlanSpec from, PlanSpec to) {
        if (from != null && editing != null && section.dirtyProperty().get() && editable()) {
            if (!stashEdits()) {
                switching = true;
                selectedPlan.set(from);
                switching = false;
                error.set("Plan " + editing.code() + " has problems marked in red; fix them (or reload the version) before leaving it.");
                return;
            }
            PlanSpec target = to == null ? null : catalog().plan(to.code()).orElse(null);
            switching = true;
            selectedPlan.set(target);
            switching = false;
            showPlan(target);
            return;
        }
        showPlan(to);
    }

    /** Puts the form's plan into the working catalog; false when the form has problems. */
    private boolean stashEdits() {
        Optional<PlanSpec> edited = validated();
        if (edited.isEmpty()) {
            return false;
        }
        if (!edited.get().equals(editing)) {
            Catalog next = withPlan(catalog(), editing, edited.get());
            section.edited(next);
            switching = true;
            plans.setAll(next.plans());
            switching = false;
            editing = edited.get();
        }
        error.set("");
        return true;
    }

    private void showPlan(PlanSpec p) {
        editing = p;
        loadingForm = true;
        try {
            fieldErrors.clear();
            form.load(p == null ? new PlanSpec("", "", "", Catalog.BillingModel.FLAT, "USD", null, null, null, null, false, 7, List.of(),
                    List.of(), List.of()) : p);
            preview.plan(p, catalog());
        } finally {
            loadingForm = false;
        }
        preview.refresh();
    }

    /** Parses the form and checks the catalog's rules; problems land in {@link #fieldErrors()} by field. */
    Optional<PlanSpec> validated() {
        Map<String, String> problems = new LinkedHashMap<>();
        PlanSpec p = form.toPlan(problems);
        String prefix = "plans." + p.code();
        if (problems.isEmpty() && catalog() != null) {
            Catalog candidate = withPlan(catalog(), editing, p);
            for (CatalogRules.Problem pr : CatalogRules.validate(candidate)) {
                if (pr.path().startsWith(prefix + ".") || pr.path().equals(prefix)) {
                    problems.putIfAbsent(pr.path(), pr.message());
                }
            }
        }
        Map<String, String> byField = new HashMap<>();
        problems.forEach((path, msg) -> byField.putIfAbsent(path.startsWith(prefix + ".") ? path.substring(prefix.length() + 1) : path, msg));
        fieldErrors.clear();
        fieldErrors.putAll(byField);
        return problems.isEmpty() ? Optional.of(p) : Optional.empty();
    }

    /** {@code c} with {@code old} replaced by {@code p} (added when {@code old} is not in it). */
    static Catalog withPlan(Catalog c, PlanSpec old, PlanSpec p) {
        List<PlanSpec> list = new ArrayList<>(c.plans());
        int i = old == null ? -1 : list.indexOf(old);
        if (i >= 0) {
            list.set(i, p);
        } else {
            list.add(p);
        }
        return new Catalog(c.metrics(), c.resources(), list, c.addOns());
    }

    /** The plan the form was loaded from. */
    PlanSpec editing() {
        return editing;
    }

    // ---- quotas and metered prices --------------------------------------------------------------------------
    /** Resources and metrics the plan being edited has no quota for yet. */
    public List<String> quotaCandidates() {
        Catalog c = catalog();
        if (c == null) {
            return List.of();
        }
        Set<String> have = new HashSet<>();
        form.quotas.forEach(q -> have.add(q.code));
        List<String> out = new ArrayList<>();
        c.resources().forEach(r -> out.add(r.code()));
        c.metrics().forEach(m -> out.add(m.code()));
        out.removeIf(have::contains);
        return out;
    }

    /** Metrics the plan being edited has no metered price for yet. */
    public List<String> priceCandidates() {
        Catalog c = catalog();
        if (c == null) {
            return List.of();
        }
        Set<String> have = new HashSet<>();
        form.metered.forEach(m -> have.add(m.metric));
        return c.metrics().stream().map(Catalog.Metric::code).filter(m -> !have.contains(m)).toList();
    }

    /** A new quota row (limit 0, limited) for the plan being edited. */
    public void addQuota(String code) {
        Catalog c = catalog();
        if (c != null && editable()) {
            PlanForm.QuotaRow row = new PlanForm.QuotaRow(code, c.metric(code).isPresent());
            row.limit.set("0");
            form.quotas.add(row);
        }
    }

    /** A new per-unit price row (0.00) for the plan being edited. */
    public void addPrice(String metric) {
        if (catalog() != null && editable()) {
            PlanForm.MeteredRow row = new PlanForm.MeteredRow(metric);
            row.price.set("0.00");
            form.metered.add(row);
        }
    }

    // ---- plans -----------------------------------------------------------------------------------------------
    /** Adds a new plan to the draft, a copy of the selected one with a fresh code. */
    public void addPlan() {
        if (catalog() == null || !editable() || (section.dirtyProperty().get() && !stashEdits())) {
            return;
        }
        Catalog c = catalog();
        PlanSpec base = editing;
        String code = "new-plan";
        for (int i = 2; c.plan(code).isPresent(); i++) {
            code = "new-plan-" + i;
        }
        PlanSpec p = base == null
                ? new PlanSpec(code, "New plan", code, Catalog.BillingModel.FLAT, "USD", 0L, null, null, null, true, 7, List.of(80, 100, 120),
                List.of(), List.of())
                : new PlanSpec(code, base.name() + " (copy)", base.family(), base.billingModel(), base.currency(), base.monthlyMinor(),
                base.annualMinor(), base.minSeats(), null, base.selfServe(), base.graceDays(), base.alertThresholds(), base.quotas(), base.metered());
        Catalog next = withPlan(c, null, p);
        section.edited(next);
        switching = true;
        plans.setAll(next.plans());
        selectedPlan.set(p);
        switching = false;
        showPlan(p);
    }

    /** Removes the selected plan from the draft and saves the draft. */
    public void removePlan() {
        if (catalog() == null || editing == null || !editable() || (section.dirtyProperty().get() && !stashEdits())) {
            return;
        }
        Catalog c = catalog();
        PlanSpec p = editing;
        if (c.plans().stream().anyMatch(x -> p.code().equals(x.academicOf()))) {
            error.set("Plan " + p.code() + " has an academic variant; remove the variant first.");
            return;
        }
        List<PlanSpec> list = new ArrayList<>(c.plans());
        list.remove(p);
        section.saveStructure(new Catalog(c.metrics(), c.resources(), list, c.addOns()), "Removing plan " + p.code() + "\u2026",
                "Removed plan " + p.code() + " in the plan editor", "Removed plan " + p.code());
    }

    // ---- properties -----------------------------------------------------------------------------------------
    public ObservableList<PlanSpec> plans() {
        return plans;
    }

    public ObjectProperty<PlanSpec> selectedPlanProperty() {
        return selectedPlan;
    }

    public PlanForm form() {
        return form;
    }

    public ObservableMap<String, String> fieldErrors() {
        return fieldErrors;
    }
}
