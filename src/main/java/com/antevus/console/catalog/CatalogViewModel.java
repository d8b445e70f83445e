package com.antevus.console.catalog;

import com.antevus.console.core.DialogService;
import com.antevus.console.core.Money;
import com.antevus.console.core.SafeFiles;
import com.antevus.console.core.SectionViewModel;
import com.antevus.console.core.StripeMode;
import com.antevus.console.core.TaskExecutor;
import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.PlanSpec;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The plan catalog section: its versions, the version shown, the working copy of that version's catalog and whether
 * it has unsaved edits, and what a version goes through (draft, save, revert, discard, import, export, publish). Each
 * tab has its own view model sharing this one's status line: the plan editor, the live price preview, the add-ons and
 * the version history. Touches no Node.
 */
public final class CatalogViewModel extends SectionViewModel {
    private final CatalogService service;
    private final TaskExecutor executor;

    private final ObservableList<CatalogVersion> versions = FXCollections.observableArrayList();
    private final ObjectProperty<CatalogVersion> version = new SimpleObjectProperty<>();
    /** The shown version's catalog with the edits not yet saved (the plan form's edits join it when the plan is left). */
    private final ObjectProperty<Catalog> catalog = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding editable;

    private final PlanEditorViewModel editor;
    private final PricePreviewViewModel preview;
    private final AddOnsViewModel addOns;
    private final VersionsViewModel history;
    private final CouponsViewModel coupons;

    public CatalogViewModel(CatalogService service, TaskExecutor executor) {
        this.service = service;
        this.executor = executor;
        // a draft is editable only by a role that may change the catalog; the others see it, disabled, with the reason
        editable = Bindings.createBooleanBinding(() -> version.get() != null && version.get().isDraft() && !readOnly(), version,
                readOnlyNoteProperty());
        this.preview = new PricePreviewViewModel(this);
        this.editor = new PlanEditorViewModel(this, preview);
        this.addOns = new AddOnsViewModel(this, preview);
        this.history = new VersionsViewModel(this, service, executor);
        this.coupons = new CouponsViewModel(this, service.coupons(), executor);
        version.addListener((o, a, b) -> {
            if (b != null && (a == null || a.id() != b.id() || a.rowVersion() != b.rowVersion())) {
                loadCatalog(b);
            }
        });
    }

    // ---- loading ----------------------------------------------------------------------------------------
    /** Loads the versions and shows the draft if there is one, else the current version. */
    public void load() {
        load(null);
        coupons.reloadIfShown();
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
            history.compareLatest(all);
            busy.set(false);
        }, this::fail);
    }

    private void loadCatalog(CatalogVersion v) {
        busy.set(true);
        executor.run(() -> service.load(v.id()), c -> {
            dirty.set(false);
            catalog.set(c);
            addOns.show(c);
            editor.show(c);
            busy.set(false);
        }, this::fail);
    }

    /** The working copy changed (a plan left with edits, the add-ons): Save draft writes it. */
    void edited(Catalog next) {
        catalog.set(next);
        dirty.set(true);
    }

    void markDirty() {
        dirty.set(true);
    }

    // ---- the version's life -------------------------------------------------------------------------------
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
        Optional<PlanSpec> plan = editor.validated();
        if (v == null || !v.isDraft() || plan.isEmpty() || catalog.get() == null || addOns.hasProblems()) {
            if (plan.isEmpty() || addOns.hasProblems()) {
                error.set("Fix the fields marked in red first" + (addOns.hasProblems() ? " (add-ons)" : "") + "; nothing was saved.");
            }
            return;
        }
        Catalog next = PlanEditorViewModel.withPlan(catalog.get(), editor.editing(), plan.get());
        String code = plan.get().code();
        run("Saving draft " + v.title() + "\u2026", () -> service.saveDraft(v, next, "Edited the catalog in the plan editor (plan " + code + ")"), saved -> {
            dirty.set(false);
            message.set("Saved plan " + code + " in draft v" + saved.number() + ".");
            replaceVersion(saved);
        });
    }

    /** Saves a catalog the plan editor changed structurally (a plan removed), then shows the saved draft. */
    void saveStructure(Catalog next, String doing, String why, String done) {
        CatalogVersion v = version.get();
        run(doing, () -> service.saveDraft(v, next, why), saved -> {
            message.set(done + " from draft v" + saved.number() + ".");
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

    /** Throws away unsaved edits: reloads the version from the database. */
    public void revert() {
        CatalogVersion v = version.get();
        if (v != null) {
            dirty.set(false);
            loadCatalog(v);
            message.set("Reverted to the saved " + v.title() + ".");
        }
    }

    private void replaceVersion(CatalogVersion saved) {
        for (int k = 0; k < versions.size(); k++) {
            if (versions.get(k).id() == saved.id()) {
                versions.set(k, saved);
            }
        }
        version.set(saved);
    }

    // ---- import, export, publish ------------------------------------------------------------------------
    /** Reads and validates a file, and diffs it against the current catalog. */
    public void previewImport(Path file, Consumer<CatalogService.ImportPreview> show) {
        run("Reading " + file.getFileName() + "\u2026", () -> service.preview(SafeFiles.readUtf8(file, SafeFiles.MAX_CATALOG_BYTES),
                file.getFileName().toString()), show);
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
            SafeFiles.writeAtomically(file, service.export(v));
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
    public static DialogService.Confirmation publishConfirmation(CatalogVersion v, PublishImpact impact, LocalDate effective,
                                                               PublishOutcome.Decision decision, StripeMode mode) {
        long affected = impact.affectedSubscriptions();
        long plans = impact.plans().stream().filter(p -> p.affected() > 0).count();
        String delta = (impact.deltaMinor() > 0 ? "+" : "") + Money.of(impact.deltaMinor(), impact.currency()).format();
        String day = com.antevus.console.core.Dates.day(effective);
        List<String> details = new ArrayList<>();
        if (affected == 0) {
            details.add("No live subscription's price changes: subscribers on unchanged plans move to " + v.title() + " now.");
        } else if (decision == PublishOutcome.Decision.MOVE_AT_RENEWAL) {
            details.add(String.format(Locale.US, "%,d subscription%s on %d plan%s move to the new price at their next renewal; "
                    + "monthly revenue then changes by %s.", affected, affected == 1 ? "" : "s", plans, plans == 1 ? "" : "s", delta));
        } else {
            details.add(String.format(Locale.US, "%,d subscription%s on %d plan%s stay grandfathered on their current price; "
                    + "moving them all later would change monthly revenue by %s.", affected, affected == 1 ? "" : "s", plans,
                    plans == 1 ? "" : "s", delta));
        }
        details.add("Stripe: a new price for every changed amount; the old prices are archived and keep billing whoever stays on them.");
        details.add("A published version cannot be changed; a later change is a new draft.");
        return new DialogService.Confirmation("Publish " + v.title(),
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

    /** Background work with the section's status line: busy, the doing sentence, then {@code done} or the plain error. */
    <T> void run(String doing, Callable<T> work, Consumer<T> done) {
        busy.set(true);
        error.set("");
        message.set(doing);
        executor.run(work, r -> {
            busy.set(false);
            done.accept(r);
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

    public BooleanBinding editableProperty() {
        return editable;
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** The Plans tab's list and editor. */
    public PlanEditorViewModel editor() {
        return editor;
    }

    /** The Plans tab's live price preview of the plan being edited. */
    public PricePreviewViewModel preview() {
        return preview;
    }

    /** The Add-ons tab. */
    public AddOnsViewModel addOns() {
        return addOns;
    }

    /** The Versions tab: the list (this section's {@link #versions()}) and the diff of two. */
    public CouponsViewModel coupons() {
        return coupons;
    }

    public VersionsViewModel history() {
        return history;
    }

    /** Today on the console's clock (a UTC day), the default effective date of a publish. */
    public LocalDate today() {
        return service.today();
    }
}
