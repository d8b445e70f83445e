package com.antevus.console.contracts;

import com.antevus.console.core.Money;
import com.antevus.console.core.TaskExecutor;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The contract editor: a {@link ContractForm} over the contract as it was opened, with its included amounts and rates
 * (overrides) and its documents, field errors, warnings, a save conflict with what the other person changed, and apply.
 */
public final class ContractEditorViewModel extends com.antevus.console.core.SectionViewModel {
    private final ContractsViewModel section;
    private final ContractService service;
    private final TaskExecutor executor;
    private final ContractForm form = new ContractForm();
    private final ObjectProperty<Contract> opened = new SimpleObjectProperty<>();
    private final BooleanProperty dirty = new SimpleBooleanProperty();
    private final ObservableMap<String, String> fieldErrors = FXCollections.observableHashMap();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final StringProperty billingSummary = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final ObjectProperty<ContractConflictException> conflict = new SimpleObjectProperty<>();
    private final ObservableList<String> conflictLines = FXCollections.observableArrayList();
    private final ObservableList<ContractService.OrganizationChoice> organizations = FXCollections.observableArrayList();
    private List<ContractService.Dimension> dimensions = List.of();
    private boolean loadingForm;
    /** The error line holds the "fix the marked fields" message (cleared once they are fixed). */
    private boolean validationError;

    ContractEditorViewModel(ContractsViewModel section, ContractService service, TaskExecutor executor) {
        super(section);
        this.section = section;
        this.service = service;
        this.executor = executor;
        javafx.beans.InvalidationListener changed = o -> formChanged();
        for (javafx.beans.Observable p : new javafx.beans.Observable[]{form.organization, form.annualValue, form.currency, form.schedule,
                form.paymentTerms, form.startsOn, form.endsOn, form.autoRenew, form.noticeDays, form.discount, form.notes,
                form.overrides, form.documents}) {
            p.addListener(changed);
        }
    }

    /** Opens a saved contract in the editor, re-read so the editor starts from what is saved now. */
    public void open(Contract k) {
        if (k == null) {
            return;
        }
        busy.set(true);
        error.set("");
        executor.run(() -> service.load(k.id()), fresh -> {
            busy.set(false);
            show(fresh);
            message.set("");
        }, this::fail);
    }

    /** Starts a new draft contract; the organization is chosen in the editor. */
    public void newContract() {
        Contract blank = Contract.blank(null, "", false, service.today());
        show(blank);
        message.set("New contract: choose the organization, enter the terms, then save.");
    }

    private void show(Contract k) {
        loadingForm = true;
        try {
            ContractService.OrganizationChoice org = organizations.stream().filter(o -> o.id().equals(k.organizationId())).findFirst()
                    .orElse(k.organizationId() == null ? null : new ContractService.OrganizationChoice(k.organizationId(),
                            k.organizationName(), k.handlesHealthData(), true));
            form.load(k, org, dimensions);
            opened.set(k);
            conflict.set(null);
            conflictLines.clear();
            fieldErrors.clear();
            reason.set("");
        } finally {
            loadingForm = false;
        }
        dirty.set(false);
        refreshDerived();
    }

    private void formChanged() {
        if (loadingForm || opened.get() == null) {
            return;
        }
        dirty.set(true);
        refreshDerived();
        if (!fieldErrors.isEmpty() && validate() && validationError) {
            error.set(""); // marks, and the message about them, clear as soon as the fields are fixed
            validationError = false;
        }
    }

    /** Warnings and the billing summary follow the form as it is typed. */
    private void refreshDerived() {
        if (opened.get() == null) {
            warnings.clear();
            billingSummary.set("");
            return;
        }
        Contract k = form.toContract(opened.get(), new LinkedHashMap<>());
        warnings.setAll(ContractRules.warnings(new Contract(k.id(), k.organizationId(), k.organizationName(), k.handlesHealthData(),
                opened.get().status() == Contract.Status.DRAFT ? Contract.Status.ACTIVE : opened.get().status(), k.currency(),
                k.annualValueMinor(), k.schedule(), k.paymentTerms(), k.startsOn(), k.endsOn(), k.autoRenew(), k.noticeDays(),
                k.discountPct(), k.overrides(), k.notes(), k.documents(), k.version()), service.today()));
        billingSummary.set(describeBilling(k));
    }

    /** "Billed quarterly: $60,000.00 each quarter from Dec 2026 (Net 30), 10% discount". */
    static String describeBilling(Contract k) {
        if (k.startsOn() == null || k.annualValueMinor() <= 0) {
            return "";
        }
        int perYear = 12 / k.schedule().months();
        String each = Money.of(Math.floorDiv(k.annualValueMinor(), perYear), k.currency()).format();
        String when = YearMonth.from(k.startsOn()).format(java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", Locale.US));
        String what = switch (k.schedule()) {
            case ANNUAL_UPFRONT -> "Billed annually upfront: " + Money.of(k.annualValueMinor(), k.currency()).format() + " each contract year";
            case QUARTERLY -> "Billed quarterly: about " + each + " each quarter";
            case MONTHLY -> "Billed monthly: about " + each + " a month";
        };
        return what + " from " + when + ", " + k.paymentTerms() + (k.discountPct().signum() > 0
                ? ", less " + k.discountPct().toPlainString() + "% discount" : "") + "; usage above the included amounts is billed at the rates shown.";
    }

    /** Checks the whole form and marks the fields in error (called as each field loses focus). */
    public boolean validate() {
        if (opened.get() == null) {
            return false;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        form.toContract(opened.get(), errors);
        fieldErrors.clear();
        fieldErrors.putAll(errors);
        return errors.isEmpty();
    }

    public void save() {
        save(opened.get());
    }

    private void save(Contract base) {
        if (base == null) {
            return;
        }
        error.set("");
        if (!validate()) {
            validationError = true;
            error.set(fieldErrors.size() == 1 ? fieldErrors.values().iterator().next() + " Nothing was saved."
                    : "Fix the " + fieldErrors.size() + " marked fields; nothing was saved.");
            return;
        }
        Contract edited = form.toContract(base, new LinkedHashMap<>());
        Contract was = opened.get();
        String why = reason.get();
        busy.set(true);
        executor.run(() -> service.save(was, edited, why), saved -> {
            busy.set(false);
            show(saved);
            message.set("Saved " + saved.organizationName() + "'s contract.");
            reloadListKeepingEditor();
        }, t -> {
            busy.set(false);
            if (t instanceof ContractConflictException c) {
                conflict.set(c);
                List<String> lines = new ArrayList<>();
                c.theirChanges().forEach(f -> lines.add((c.bothChanged().contains(f) ? "⚠ " : "") + f));
                lines.add(0, c.getMessage());
                conflictLines.setAll(lines);
                error.set("Not saved: someone else changed this contract since you opened it. See below; your edits are kept.");
            } else if (t instanceof ContractValidationException v) {
                fieldErrors.clear();
                fieldErrors.putAll(v.fieldErrors());
                error.set(v.getMessage());
            } else {
                fail(t);
            }
        });
    }

    /** After a conflict: put my changes on top of what is saved now, and save that. */
    public void keepMineAndSave() {
        ContractConflictException c = conflict.get();
        if (c == null || c.current() == null) {
            return;
        }
        Contract mine = form.toContract(opened.get(), new LinkedHashMap<>());
        Contract merged = ContractRules.merge(opened.get(), mine, c.current());
        loadingForm = true;
        try {
            opened.set(c.current());
            form.load(merged, form.organization.get(), dimensions);
        } finally {
            loadingForm = false;
        }
        conflict.set(null);
        conflictLines.clear();
        save(c.current());
    }

    /** After a conflict: drop my edits and show what is saved now. */
    public void takeTheirs() {
        ContractConflictException c = conflict.get();
        if (c != null && c.current() != null) {
            show(c.current());
            error.set("");
            message.set("Showing the contract as saved now; your edits were discarded.");
        }
    }

    public void revert() {
        if (opened.get() != null) {
            show(opened.get());
            error.set("");
            message.set("Changes reverted.");
        }
    }

    /** Applies the saved contract's terms to its organization. */
    public void apply() {
        Contract k = opened.get();
        if (k == null || k.isNew()) {
            error.set("Save the contract before applying it.");
            return;
        }
        if (dirty.get()) {
            error.set("Save your changes first, so what is applied is what is saved.");
            return;
        }
        String why = reason.get();
        busy.set(true);
        error.set("");
        executor.run(() -> service.apply(k, why), applied -> {
            busy.set(false);
            show(applied);
            message.set("Applied: " + applied.organizationName() + " is on the contract's terms from "
                    + com.antevus.console.core.Dates.day(applied.startsOn()) + "; its entitlements, rating and invoices follow them.");
            notices().finished("Contract applied", message.get());
            reloadListKeepingEditor();
        }, t -> {
            if (t instanceof ContractConflictException c) {
                busy.set(false);
                conflict.set(c);
                List<String> lines = new ArrayList<>();
                lines.add(c.getMessage());
                c.theirChanges().forEach(f -> lines.add(f.toString()));
                conflictLines.setAll(lines);
                error.set("Not applied: someone else changed this contract since you opened it. See below.");
            } else {
                fail(t);
            }
        });
    }

    private void reloadListKeepingEditor() {
        section.list().refresh();
        section.renewals().load();
    }

    /** The organizations a contract may be for, and the quotas and rates it may override (read with the list). */
    void choices(List<ContractService.OrganizationChoice> orgs, List<ContractService.Dimension> dims) {
        organizations.setAll(orgs);
        dimensions = dims;
    }

    public void addDocument() {
        ContractForm.DocumentRow r = new ContractForm.DocumentRow(null);
        java.util.Set<ContractDocument.Kind> have = java.util.EnumSet.noneOf(ContractDocument.Kind.class);
        form.documents.forEach(d -> have.add(d.kind.get()));
        for (ContractDocument.Kind k : ContractDocument.Kind.values()) {
            if (!have.contains(k)) {
                r.kind.set(k);
                break;
            }
        }
        form.documents.add(r);
    }

    public void removeDocument(ContractForm.DocumentRow r) {
        form.documents.remove(r);
    }

    /** Attaches a file to a document row: its path and content hash are recorded when the contract is saved. */
    public void attach(ContractForm.DocumentRow row, Path file) {
        error.set("");
        executor.run(() -> service.attach(file), f -> {
            row.filePath.set(f.path());
            row.sha256.set(f.sha256());
            message.set("Attached " + file.getFileName() + " (SHA-256 " + f.sha256().substring(0, 12) + "…); save to keep it.");
        }, this::fail);
    }

    /** Checks a document's file still has the content it was attached with; the answer goes to the message line. */
    public void checkFile(ContractForm.DocumentRow row, Runnable whenUnchanged) {
        ContractDocument d = row.toDocument();
        executor.run(() -> service.fileUnchanged(d), same -> {
            if (same) {
                whenUnchanged.run();
            } else {
                error.set("The file " + d.filePath() + " is missing or has changed since it was attached (its SHA-256 no longer "
                        + "matches). Attach the signed copy again.");
            }
        }, this::fail);
    }

    public ContractForm form() { return form; }
    public ObjectProperty<Contract> openedProperty() { return opened; }
    public BooleanProperty dirtyProperty() { return dirty; }
    public ObservableMap<String, String> fieldErrors() { return fieldErrors; }
    public ObservableList<String> warnings() { return warnings; }
    public StringProperty billingSummaryProperty() { return billingSummary; }
    public StringProperty reasonProperty() { return reason; }
    public ObjectProperty<ContractConflictException> conflictProperty() { return conflict; }
    public ObservableList<String> conflictLines() { return conflictLines; }
    public ObservableList<ContractService.OrganizationChoice> organizations() { return organizations; }

    /** The id of the contract in the editor, null when none or new. */
    public UUID openedId() {
        return opened.get() == null ? null : opened.get().id();
    }
}
