package com.antevus.console.catalog;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.AddOn;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.CatalogDiff;
import com.antevus.console.pricing.CatalogRules;
import com.antevus.console.core.Money;
import com.antevus.console.core.Quantities;
import com.antevus.console.core.TaskExecutor;
import com.antevus.console.rating.RatedLine;
import com.antevus.console.rating.Rating;
import com.antevus.console.rating.RatingFacts;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The plan catalog screen's state: versions, the catalog of the chosen version, the plan being edited (a draft
 * only), field errors as the admin types, the live price preview, and the diff between two versions. Touches no Node.
 */
public final class CatalogViewModel extends com.antevus.console.core.SectionViewModel {
    private final CatalogService service;
    private final TaskExecutor executor;

    private final ObservableList<CatalogVersion> versions = FXCollections.observableArrayList();
    private final ObjectProperty<CatalogVersion> version = new SimpleObjectProperty<>();
    private final ObjectProperty<Catalog> catalog = new SimpleObjectProperty<>();
    private final ObservableList<PlanSpec> plans = FXCollections.observableArrayList();
    private final ObservableList<AddOn> addOns = FXCollections.observableArrayList();
    private final ObservableList<AddOnRow> addOnRows = FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[]{r.code, r.name, r.monthly, r.raises, r.by});
    private final ObservableMap<Integer, String> addOnErrors = FXCollections.observableHashMap();
    private final ObjectProperty<PlanSpec> selectedPlan = new SimpleObjectProperty<>();
    private final PlanForm form = new PlanForm();
    private final ObservableMap<String, String> fieldErrors = FXCollections.observableHashMap();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding editable;
    private boolean loadingForm;
    private boolean switching;
    /** The plan the form was loaded from (the working catalog holds it until the form's edits replace it). */
    private PlanSpec editing;

    // live preview
    private final ObservableList<UsageInput> usage = FXCollections.observableArrayList(u -> new javafx.beans.Observable[]{u.quantity});
    private final BooleanProperty previewAnnual = new SimpleBooleanProperty(false);
    private final BooleanProperty previewByoLlm = new SimpleBooleanProperty(false);
    private final StringProperty previewSeats = new SimpleStringProperty("");
    private final ObservableList<AddOnChoice> previewAddOns = FXCollections.observableArrayList(a -> new javafx.beans.Observable[]{a.chosen});
    private final ObservableList<RatedLine> previewLines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper previewTotal = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper previewHeadline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper previewError = new ReadOnlyStringWrapper("");

    // version history
    private final ObjectProperty<CatalogVersion> diffFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<CatalogVersion> diffTo = new SimpleObjectProperty<>();
    private final ObservableList<CatalogDiff.Change> diff = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper diffSummary = new ReadOnlyStringWrapper("");

    /** One metric's usage typed into the preview. */
    public static final class UsageInput {
        public final String metric;
        public final String label;
        public final StringProperty quantity = new SimpleStringProperty("");

        UsageInput(String metric, String label) {
            this.metric = metric;
            this.label = label;
        }
    }

    /** One editable add-on row: code, name, monthly price (major units), the resource it raises and by how much. */
    public static final class AddOnRow {
        public final StringProperty code = new SimpleStringProperty("");
        public final StringProperty name = new SimpleStringProperty("");
        public final StringProperty monthly = new SimpleStringProperty("");
        public final StringProperty raises = new SimpleStringProperty("");
        public final StringProperty by = new SimpleStringProperty("");
        String currency = "USD";

        static AddOnRow of(AddOn a) {
            AddOnRow r = new AddOnRow();
            r.code.set(a.code());
            r.name.set(a.name());
            r.currency = a.currency();
            r.monthly.set(PlanForm.major(a.monthlyMinor(), a.currency()));
            r.raises.set(a.raisesResource() == null ? "" : a.raisesResource());
            r.by.set(a.raisesBy() == null ? "" : String.valueOf(a.raisesBy()));
            return r;
        }
    }

    /** An add-on ticked (or not) in the preview. */
    public static final class AddOnChoice {
        public final AddOn addOn;
        public final BooleanProperty chosen = new SimpleBooleanProperty(false);

        AddOnChoice(AddOn addOn) {
            this.addOn = addOn;
        }

        @Override
        public String toString() {
            return addOn.name() + " (" + Money.of(addOn.monthlyMinor(), addOn.currency()).format() + ")";
        }
    }

    public CatalogViewModel(CatalogService service, TaskExecutor executor) {
        this.service = service;
        this.executor = executor;
        // a draft is editable only by a role that may change the catalog; the others see it, disabled, with the reason
        editable = Bindings.createBooleanBinding(() -> version.get() != null && version.get().isDraft() && !readOnly(), version,
                readOnlyNoteProperty());
        version.addListener((o, a, b) -> {
            if (b != null && (a == null || a.id() != b.id() || a.rowVersion() != b.rowVersion())) {
                loadCatalog(b);
            }
        });
        selectedPlan.addListener((o, a, b) -> {
            if (!switching) {
                switchPlan(a, b);
            }
        });
        Runnable formChanged = () -> {
            if (!loadingForm) {
                dirty.set(true);
                validateForm();
                refreshPreview();
            }
        };
        for (javafx.beans.Observable field : new javafx.beans.Observable[]{form.code, form.name, form.family, form.billing, form.currency,
                form.monthly, form.annual, form.minSeats, form.academicOf, form.selfServe, form.graceDays, form.thresholds,
                form.quotas, form.metered}) {
            field.addListener(x -> formChanged.run());
        }
        usage.addListener((javafx.collections.ListChangeListener<UsageInput>) c -> refreshPreview());
        addOnRows.addListener((javafx.collections.ListChangeListener<AddOnRow>) c -> {
            if (!loadingForm) {
                applyAddOnRows();
            }
        });
        previewAddOns.addListener((javafx.collections.ListChangeListener<AddOnChoice>) c -> refreshPreview());
        previewAnnual.addListener(x -> refreshPreview());
        previewByoLlm.addListener(x -> refreshPreview());
        previewSeats.addListener(x -> refreshPreview());
        diffFrom.addListener(x -> refreshDiff());
        diffTo.addListener(x -> refreshDiff());
    }

    // ---- loading ----------------------------------------------------------------------------------------
    /** Loads the versions and shows the draft if there is one, else the current version. */
    public void load() {
        load(null);
    }

    private void load(Integer showNumber) {
        busy.set(true);
        error.set("");
        executor.run(() -> {
            List<CatalogVersion> all = service.versions();
            Optional<CatalogVersion> current = service.current();
            return new Object[]{all, current.orElse(null)};
        }, r -> {
            @SuppressWarnings("unchecked")
            List<CatalogVersion> all = (List<CatalogVersion>) r[0];
            CatalogVersion current = (CatalogVersion) r[1];
            versions.setAll(all);
            CatalogVersion show = all.stream().filter(v -> showNumber != null && v.number() == showNumber).findFirst()
                    .or(() -> all.stream().filter(CatalogVersion::isDraft).findFirst())
                    .orElse(current != null ? current : all.isEmpty() ? null : all.get(0));
            version.set(show);
            if (all.size() >= 2) {
                diffTo.set(all.get(0));
                diffFrom.set(all.get(1));
            }
            busy.set(false);
        }, this::fail);
    }

    private void loadCatalog(CatalogVersion v) {
        busy.set(true);
        executor.run(() -> service.load(v.id()), c -> {
            String keep = selectedPlan.get() == null ? null : selectedPlan.get().code();
            dirty.set(false);
            catalog.set(c);
            switching = true;
            plans.setAll(c.plans());
            addOns.setAll(c.addOns());
            previewAddOns.setAll(c.addOns().stream().map(AddOnChoice::new).toList());
            loadingForm = true;
            addOnRows.setAll(c.addOns().stream().map(AddOnRow::of).toList());
            addOnErrors.clear();
            loadingForm = false;
            PlanSpec show = c.plan(keep == null ? "" : keep).orElse(c.plans().isEmpty() ? null : c.plans().get(0));
            selectedPlan.set(show);
            switching = false;
            showPlan(show);
            busy.set(false);
        }, this::fail);
    }

    /**
     * Leaving a plan with unsaved edits keeps them in the working copy of the draft (saved together by Save draft);
     * edits with problems keep the admin on the plan until they are fixed.
     */
    private void switchPlan(PlanSpec from, PlanSpec to) {
        if (from != null && editing != null && dirty.get() && editable.get()) {
            if (!stashEdits()) {
                switching = true;
                selectedPlan.set(from);
                switching = false;
                error.set("Plan " + editing.code() + " has problems marked in red; fix them (or reload the version) before leaving it.");
                return;
            }
            PlanSpec target = to == null ? null : catalog.get().plan(to.code()).orElse(null);
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
        Optional<PlanSpec> edited = validateForm();
        if (edited.isEmpty()) {
            return false;
        }
        if (!edited.get().equals(editing)) {
            Catalog next = withPlan(catalog.get(), editing, edited.get());
            catalog.set(next);
            switching = true;
            plans.setAll(next.plans());
            switching = false;
            editing = edited.get();
        }
        error.set("");
        return true;
    }

    /** Reads the add-on rows into the working catalog when they are valid; problems land in {@link #addOnErrors()} by row. */
    private void applyAddOnRows() {
        Map<Integer, String> problems = new HashMap<>();
        List<AddOn> list = new ArrayList<>();
        for (int i = 0; i < addOnRows.size(); i++) {
            AddOnRow r = addOnRows.get(i);
            Map<String, String> errs = new LinkedHashMap<>();
            Long monthly = PlanForm.money(r.monthly.get(), r.currency, errs, "monthly");
            Long by = PlanForm.integer(r.by.get(), errs, "by", null);
            if (monthly == null && errs.isEmpty()) {
                errs.put("monthly", "a monthly price is required");
            }
            String raises = r.raises.get() == null || r.raises.get().isBlank() ? null : r.raises.get().trim();
            if (raises != null && by == null && errs.isEmpty()) {
                errs.put("by", "say by how much it raises " + raises);
            }
            if (!errs.isEmpty()) {
                problems.put(i, errs.values().iterator().next());
                continue;
            }
            list.add(new AddOn(r.code.get().trim(), r.name.get().trim(), r.currency, monthly, raises,
                    raises == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, by))));
        }
        Catalog c = catalog.get();
        if (problems.isEmpty() && c != null) {
            Catalog candidate = new Catalog(c.metrics(), c.resources(), c.plans(), list);
            for (CatalogRules.Problem pr : CatalogRules.validate(candidate)) {
                if (pr.path().startsWith("add_ons.")) {
                    String code = pr.path().substring("add_ons.".length()).split("\\.")[0];
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i).code().equals(code)) {
                            problems.putIfAbsent(i, pr.message());
                        }
                    }
                }
            }
            if (problems.isEmpty()) {
                catalog.set(candidate);
                addOns.setAll(list);
                previewAddOns.setAll(list.stream().map(AddOnChoice::new).toList());
            }
        }
        addOnErrors.clear();
        addOnErrors.putAll(problems);
        dirty.set(true);
    }

    /** Resources and metrics the plan being edited has no quota for yet. */
    public List<String> quotaCandidates() {
        Catalog c = catalog.get();
        if (c == null) {
            return List.of();
        }
        java.util.Set<String> have = new java.util.HashSet<>();
        form.quotas.forEach(q -> have.add(q.code));
        List<String> out = new ArrayList<>();
        c.resources().forEach(r -> out.add(r.code()));
        c.metrics().forEach(m -> out.add(m.code()));
        out.removeIf(have::contains);
        return out;
    }

    /** Metrics the plan being edited has no metered price for yet. */
    public List<String> priceCandidates() {
        Catalog c = catalog.get();
        if (c == null) {
            return List.of();
        }
        java.util.Set<String> have = new java.util.HashSet<>();
        form.metered.forEach(m -> have.add(m.metric));
        return c.metrics().stream().map(Catalog.Metric::code).filter(m -> !have.contains(m)).toList();
    }

    /** A new quota row (limit 0, limited) for the plan being edited. */
    public void addQuota(String code) {
        Catalog c = catalog.get();
        if (c != null && editable.get()) {
            PlanForm.QuotaRow row = new PlanForm.QuotaRow(code, c.metric(code).isPresent());
            row.limit.set("0");
            form.quotas.add(row);
        }
    }

    /** A new per-unit price row (0.00) for the plan being edited. */
    public void addPrice(String metric) {
        if (catalog.get() != null && editable.get()) {
            PlanForm.MeteredRow row = new PlanForm.MeteredRow(metric);
            row.price.set("0.00");
            form.metered.add(row);
        }
    }

    public void addAddOn() {
        if (!editable.get()) {
            return;
        }
        AddOnRow r = new AddOnRow();
        String code = "new-add-on";
        for (int i = 2; catalog.get() != null && catalog.get().addOn(code).isPresent(); i++) {
            code = "new-add-on-" + i;
        }
        r.code.set(code);
        r.name.set("New add-on");
        r.monthly.set("0.00");
        addOnRows.add(r);
    }

    public void removeAddOn(AddOnRow row) {
        if (editable.get() && row != null) {
            addOnRows.remove(row);
        }
    }

    /** Throws away unsaved edits: reloads the version from the database. */
    public void revert() {
        CatalogVersion v = version.get();
        if (v != null) {
            dirty.set(false);
            loadCatalog(v);
            message.set("Reverted to the saved " + v.title() + ".");
        }
    }

    private void showPlan(PlanSpec p) {
        editing = p;
        loadingForm = true;
        try {
            fieldErrors.clear();
            if (p == null) {
                form.load(new PlanSpec("", "", "", Catalog.BillingModel.FLAT, "USD", null, null, null, null, false, 7, List.of(),
                        List.of(), List.of()));
                usage.clear();
            } else {
                form.load(p);
                Map<String, String> typed = new HashMap<>();
                usage.forEach(u -> typed.put(u.metric, u.quantity.get()));
                List<UsageInput> inputs = new ArrayList<>();
                Catalog c = catalog.get();
                for (Catalog.Metric m : c == null ? List.<Catalog.Metric>of() : c.metrics()) {
                    if (p.meteredPrice(m.code()).isPresent() || p.quota(m.code()).isPresent()) {
                        UsageInput in = new UsageInput(m.code(), "GB".equals(m.unit()) ? m.name() + " (GB)" : m.name());
                        in.quantity.set(typed.getOrDefault(m.code(), ""));
                        inputs.add(in);
                    }
                }
                usage.setAll(inputs);
            }
        } finally {
            loadingForm = false;
        }
        refreshPreview();
    }

    // ---- editing ----------------------------------------------------------------------------------------
    /** Parses the form and checks the catalog's rules; problems land in {@link #fieldErrors()} by field. */
    private Optional<PlanSpec> validateForm() {
        Map<String, String> problems = new LinkedHashMap<>();
        PlanSpec p = form.toPlan(problems);
        String prefix = "plans." + p.code();
        if (problems.isEmpty() && catalog.get() != null) {
            Catalog candidate = withPlan(catalog.get(), editing, p);
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

    private static Catalog withPlan(Catalog c, PlanSpec old, PlanSpec p) {
        List<PlanSpec> list = new ArrayList<>(c.plans());
        int i = old == null ? -1 : list.indexOf(old);
        if (i >= 0) {
            list.set(i, p);
        } else {
            list.add(p);
        }
        return new Catalog(c.metrics(), c.resources(), list, c.addOns());
    }

    /** Makes a draft from the version shown, to edit. */
    public void startDraft() {
        CatalogVersion from = version.get();
        run("Creating a draft from " + (from == null ? "the current catalog" : from.title()) + "\u2026",
                () -> service.startDraft(from), d -> {
                    message.set("Draft " + d.title() + " created. Edit plans, then Save draft and Publish.");
                    load(d.number());
                });
    }

    /** Applies the plan being edited to the draft and saves it (validated, optimistic). */
    public void saveDraft() {
        CatalogVersion v = version.get();
        Optional<PlanSpec> plan = validateForm();
        if (v == null || !v.isDraft() || plan.isEmpty() || catalog.get() == null || !addOnErrors.isEmpty()) {
            if (plan.isEmpty() || !addOnErrors.isEmpty()) {
                error.set("Fix the fields marked in red first" + (addOnErrors.isEmpty() ? "" : " (add-ons)") + "; nothing was saved.");
            }
            return;
        }
        Catalog next = withPlan(catalog.get(), editing, plan.get());
        String code = plan.get().code();
        run("Saving draft " + v.title() + "\u2026", () -> service.saveDraft(v, next, "Edited the catalog in the plan editor (plan " + code + ")"), saved -> {
            dirty.set(false);
            message.set("Saved plan " + code + " in draft v" + saved.number() + ".");
            replaceVersion(saved);
        });
    }

    /** Adds a new plan to the draft, a copy of the selected one with a fresh code. */
    public void addPlan() {
        if (catalog.get() == null || !editable.get() || (dirty.get() && !stashEdits())) {
            return;
        }
        Catalog c = catalog.get();
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
        catalog.set(next);
        switching = true;
        plans.setAll(next.plans());
        selectedPlan.set(p);
        switching = false;
        showPlan(p);
        dirty.set(true);
    }

    /** Removes the selected plan from the draft (saved with Save draft). */
    public void removePlan() {
        if (catalog.get() == null || editing == null || !editable.get() || (dirty.get() && !stashEdits())) {
            return;
        }
        Catalog c = catalog.get();
        PlanSpec p = editing;
        if (c.plans().stream().anyMatch(x -> p.code().equals(x.academicOf()))) {
            error.set("Plan " + p.code() + " has an academic variant; remove the variant first.");
            return;
        }
        List<PlanSpec> list = new ArrayList<>(c.plans());
        list.remove(p);
        Catalog next = new Catalog(c.metrics(), c.resources(), list, c.addOns());
        CatalogVersion v = version.get();
        run("Removing plan " + p.code() + "\u2026", () -> service.saveDraft(v, next, "Removed plan " + p.code() + " in the plan editor"), saved -> {
            message.set("Removed plan " + p.code() + " from draft v" + saved.number() + ".");
            replaceVersion(saved);
        });
    }

    public void discardDraft() {
        CatalogVersion v = version.get();
        if (v == null || !v.isDraft()) {
            return;
        }
        run("Discarding draft " + v.title() + "\u2026", () -> {
            service.discardDraft(v, "Discarded draft v" + v.number() + " in the plan editor");
            return v;
        }, d -> {
            message.set("Discarded draft v" + d.number() + ".");
            load();
        });
    }

    private void replaceVersion(CatalogVersion saved) {
        int i = -1;
        for (int k = 0; k < versions.size(); k++) {
            if (versions.get(k).id() == saved.id()) {
                i = k;
            }
        }
        if (i >= 0) {
            versions.set(i, saved);
        }
        version.set(saved);
    }

    // ---- import, export, publish ------------------------------------------------------------------------
    /** Reads and validates a file, and diffs it against the current catalog. */
    public void previewImport(Path file, Consumer<CatalogService.ImportPreview> show) {
        run("Reading " + file.getFileName() + "\u2026", () -> service.preview(com.antevus.console.core.SafeFiles.readUtf8(file,
                com.antevus.console.core.SafeFiles.MAX_CATALOG_BYTES), file.getFileName().toString()), show);
    }

    public void applyImport(CatalogService.ImportPreview preview, String source, boolean replaceDraft) {
        run("Importing " + source + "\u2026", () -> service.importAsDraft(preview, source, replaceDraft), d -> {
            message.set("Imported " + source + " as draft " + d.title() + ".");
            load(d.number());
        });
    }

    public void export(Path file) {
        CatalogVersion v = version.get();
        if (v == null) {
            return;
        }
        run("Exporting " + v.title() + "\u2026", () -> {
            com.antevus.console.core.SafeFiles.writeAtomically(file, service.export(v));
            return file;
        }, f -> message.set("Exported " + v.title() + " to " + f + "."));
    }

    public void impact(Consumer<PublishImpact> show) {
        CatalogVersion v = version.get();
        if (v != null && v.isDraft()) {
            run("Working out who this affects\u2026", () -> service.impact(v), show);
        }
    }

    /**
     * What publishing will do, in words and amounts, for the one confirmation before it happens: the version and its
     * day, who is repriced and when, the monthly revenue change, and what Stripe gets.
     */
    public static com.antevus.console.core.DialogService.Confirmation publishConfirmation(CatalogVersion v, PublishImpact impact,
            LocalDate effective, PublishOutcome.Decision decision, com.antevus.console.core.StripeMode mode) {
        long affected = impact.affectedSubscriptions();
        long plans = impact.plans().stream().filter(p -> p.affected() > 0).count();
        String delta = (impact.deltaMinor() > 0 ? "+" : "") + com.antevus.console.core.Money.of(impact.deltaMinor(), impact.currency()).format();
        String day = com.antevus.console.core.Dates.day(effective);
        java.util.List<String> details = new java.util.ArrayList<>();
        if (affected == 0) {
            details.add("No live subscription's price changes: subscribers on unchanged plans move to " + v.title() + " now.");
        } else if (decision == PublishOutcome.Decision.MOVE_AT_RENEWAL) {
            details.add(String.format(java.util.Locale.US, "%,d subscription%s on %d plan%s move to the new price at their next renewal; "
                    + "monthly revenue then changes by %s.", affected, affected == 1 ? "" : "s", plans, plans == 1 ? "" : "s", delta));
        } else {
            details.add(String.format(java.util.Locale.US, "%,d subscription%s on %d plan%s stay grandfathered on their current price; "
                    + "moving them all later would change monthly revenue by %s.", affected, affected == 1 ? "" : "s", plans,
                    plans == 1 ? "" : "s", delta));
        }
        details.add("Stripe: a new price for every changed amount; the old prices are archived and keep billing whoever stays on them.");
        details.add("A published version cannot be changed; a later change is a new draft.");
        return new com.antevus.console.core.DialogService.Confirmation("Publish " + v.title(),
                "Publish " + v.title() + ", effective " + day + ".", details, "Publish", null).typedIn(mode, "PUBLISH");
    }

    public void publish(LocalDate effective, PublishOutcome.Decision decision, String by) {
        CatalogVersion v = version.get();
        if (v == null) {
            return;
        }
        run("Publishing " + v.title() + "\u2026", () -> service.publish(v, effective, decision, by), r -> {
            StripeSync s = r.stripe();
            message.set((r.outcome() == null ? "" : String.format("Published v%d: %d moved now, %d at renewal, %d grandfathered. ",
                    r.outcome().versionNumber(), r.outcome().movedNow(), r.outcome().scheduledAtRenewal(), r.outcome().grandfathered()))
                    + String.format("Stripe: %d prices created, %d linked, %d archived.", s.pricesCreated(), s.pricesLinked(), s.pricesArchived()));
            notices().finished("Published " + r.version().title(), message.get());
            load(r.version().number());
        });
    }

    private <T> void run(String doing, java.util.concurrent.Callable<T> work, Consumer<T> done) {
        busy.set(true);
        error.set("");
        message.set(doing);
        executor.run(work, r -> {
            busy.set(false);
            done.accept(r);
        }, this::fail);
    }


    // ---- preview -----------------------------------------------------------------------------------------
    private void refreshPreview() {
        previewError.set("");
        Catalog c = catalog.get();
        if (c == null || selectedPlan.get() == null) {
            previewLines.clear();
            previewTotal.set("");
            previewHeadline.set("");
            return;
        }
        Map<String, String> problems = new LinkedHashMap<>();
        PlanSpec p = form.toPlan(problems);
        if (!problems.isEmpty()) {
            previewLines.clear();
            previewTotal.set("");
            previewHeadline.set("");
            previewError.set("Fix the plan's fields to see its price.");
            return;
        }
        Map<String, Long> used = new LinkedHashMap<>();
        for (UsageInput u : usage) {
            String t = u.quantity.get() == null ? "" : u.quantity.get().trim();
            if (t.isEmpty()) {
                continue;
            }
            Long q = quantity(t);
            if (q == null) {
                previewError.set("'" + t + "' is not a quantity for " + u.label + " (try 1600000, 1.6M or 250k).");
                previewLines.clear();
                previewTotal.set("");
                return;
            }
            used.put(u.metric, q);
        }
        Map<String, Integer> chosen = new LinkedHashMap<>();
        previewAddOns.stream().filter(a -> a.chosen.get()).forEach(a -> chosen.put(a.addOn.code(), 1));
        Integer seats = null;
        if (previewSeats.get() != null && !previewSeats.get().isBlank()) {
            Long s = quantity(previewSeats.get().trim());
            if (s == null || s > Integer.MAX_VALUE) {
                previewError.set("Seats is a whole number.");
                return;
            }
            seats = s.intValue();
        }
        try {
            Rating r = com.antevus.console.rating.RatingEngine.rate(p, withPlan(c, editing, p).addOnsByCode(),
                    new RatingFacts(previewAnnual.get() ? RatingFacts.Interval.YEAR : RatingFacts.Interval.MONTH, seats, chosen,
                            previewByoLlm.get(), null, BigDecimal.ZERO, 0), used);
            previewLines.setAll(r.lines());
            previewTotal.set(Money.of(r.totalMinor(), r.currency()).format());
            previewHeadline.set(headline(p, c, used, r));
        } catch (IllegalArgumentException e) {
            previewLines.clear();
            previewTotal.set("");
            previewHeadline.set("");
            previewError.set(e.getMessage());
        }
    }

    /** "1.6M events on Core → $300.00 overage". */
    static String headline(PlanSpec p, Catalog c, Map<String, Long> used, Rating r) {
        if (used.isEmpty()) {
            return p.name() + " with no usage → " + Money.of(r.totalMinor(), r.currency()).format();
        }
        List<String> parts = new ArrayList<>();
        used.forEach((metric, q) -> {
            Catalog.Metric m = c.metric(metric).orElse(new Catalog.Metric(metric, metric.replace('_', ' '), "", Catalog.Aggregation.SUM));
            if ("GB".equals(m.unit())) {
                parts.add(String.format(Locale.US, "%,d GB of %s", q, m.name().toLowerCase(Locale.ROOT)));
            } else {
                boolean acronym = m.name().length() > 1 && Character.isUpperCase(m.name().charAt(1));
                parts.add(compact(q) + " " + (acronym ? m.name() : m.name().toLowerCase(Locale.ROOT)));
            }
        });
        return String.join(", ", parts) + " on " + p.name() + " → " + Money.of(r.overageMinor(), r.currency()).format() + " overage";
    }

    static String compact(long q) {
        if (q >= 1_000_000 && q % 100_000 == 0) {
            return BigDecimal.valueOf(q).movePointLeft(6).stripTrailingZeros().toPlainString() + "M";
        }
        if (q >= 1_000 && q % 100 == 0) {
            return BigDecimal.valueOf(q).movePointLeft(3).stripTrailingZeros().toPlainString() + "k";
        }
        return String.format(Locale.US, "%,d", q);
    }

    /** A typed quantity (see {@link Quantities}); null when it is not a whole, non-negative one. */
    static Long quantity(String text) {
        Long v = Quantities.parse(text);
        return v == null || v < 0 ? null : v;
    }

    // ---- diff ---------------------------------------------------------------------------------------------
    private void refreshDiff() {
        CatalogVersion a = diffFrom.get();
        CatalogVersion b = diffTo.get();
        if (a == null || b == null) {
            diff.clear();
            diffSummary.set("");
            return;
        }
        executor.run(() -> service.diff(a, b), changes -> {
            if (a != diffFrom.get() || b != diffTo.get()) {
                return;
            }
            diff.setAll(changes);
            long added = changes.stream().filter(c -> c.kind() == CatalogDiff.Kind.ADDED).count();
            long removed = changes.stream().filter(c -> c.kind() == CatalogDiff.Kind.REMOVED).count();
            long changed = changes.size() - added - removed;
            diffSummary.set(changes.isEmpty() ? "v" + a.number() + " and v" + b.number() + " sell the same things at the same prices."
                    : String.format("From v%d to v%d: %d changed, %d added, %d removed.", a.number(), b.number(), changed, added, removed));
        }, this::fail);
    }

    // ---- properties -----------------------------------------------------------------------------------------
    public ObservableList<CatalogVersion> versions() {
        return versions;
    }

    public ObjectProperty<CatalogVersion> versionProperty() {
        return version;
    }

    public ObjectProperty<Catalog> catalogProperty() {
        return catalog;
    }

    public ObservableList<PlanSpec> plans() {
        return plans;
    }

    public ObservableList<AddOn> addOns() {
        return addOns;
    }

    public ObservableList<AddOnRow> addOnRows() {
        return addOnRows;
    }

    public ObservableMap<Integer, String> addOnErrors() {
        return addOnErrors;
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

    public BooleanBinding editableProperty() {
        return editable;
    }

    public javafx.beans.property.ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }




    public ObservableList<UsageInput> usage() {
        return usage;
    }

    public BooleanProperty previewAnnualProperty() {
        return previewAnnual;
    }

    public BooleanProperty previewByoLlmProperty() {
        return previewByoLlm;
    }

    public StringProperty previewSeatsProperty() {
        return previewSeats;
    }

    public ObservableList<AddOnChoice> previewAddOns() {
        return previewAddOns;
    }

    public ObservableList<RatedLine> previewLines() {
        return previewLines;
    }

    public javafx.beans.property.ReadOnlyStringProperty previewTotalProperty() {
        return previewTotal.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyStringProperty previewHeadlineProperty() {
        return previewHeadline.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyStringProperty previewErrorProperty() {
        return previewError.getReadOnlyProperty();
    }

    public ObjectProperty<CatalogVersion> diffFromProperty() {
        return diffFrom;
    }

    public ObjectProperty<CatalogVersion> diffToProperty() {
        return diffTo;
    }

    public ObservableList<CatalogDiff.Change> diff() {
        return diff;
    }

    public javafx.beans.property.ReadOnlyStringProperty diffSummaryProperty() {
        return diffSummary.getReadOnlyProperty();
    }

    /** Today on the console's clock (a UTC day), the default effective date of a publish. */
    public LocalDate today() {
        return service.today();
    }
}
