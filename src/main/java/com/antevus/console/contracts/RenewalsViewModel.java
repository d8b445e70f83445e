package com.antevus.console.contracts;

import com.antevus.console.core.Money;
import com.antevus.console.core.TaskExecutor;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The renewal pipeline: contracts ending within the chosen days, and those that need attention. */
public final class RenewalsViewModel extends com.antevus.console.core.SectionViewModel {
    private final ContractsViewModel section;
    private final ContractService service;
    private final TaskExecutor executor;
    private final IntegerProperty days = new SimpleIntegerProperty(90);
    private final ObservableList<Renewal> renewals = FXCollections.observableArrayList();
    private final ObservableList<Renewal> attentionRows = FXCollections.observableArrayList();
    private final StringProperty renewalSummary = new SimpleStringProperty("");
    private final javafx.collections.ObservableMap<java.util.UUID, String> commitmentVerdicts = FXCollections.observableHashMap();
    private java.util.function.Function<List<Renewal>, java.util.Map<java.util.UUID, String>> verdicts;

    RenewalsViewModel(ContractsViewModel section, ContractService service, TaskExecutor executor) {
        super(section);
        this.section = section;
        this.service = service;
        this.executor = executor;
        days.addListener((o, a, b) -> load());
    }

    public void load() {
        int d = days.get();
        executor.run(() -> new Object[]{service.expiring(d), service.withWarnings()}, r -> {
            @SuppressWarnings("unchecked") List<Renewal> exp = (List<Renewal>) r[0];
            @SuppressWarnings("unchecked") List<Renewal> warned = (List<Renewal>) r[1];
            renewals.setAll(exp);
            attentionRows.setAll(warned);
            loadVerdicts(exp);
            long value = exp.stream().mapToLong(x -> x.contract().annualValueMinor()).sum();
            long manual = exp.stream().filter(x -> !x.contract().autoRenew()).count();
            renewalSummary.set(String.format("%,d contracts end within %d days (%s a year) · %,d do not renew automatically · %,d need attention",
                    exp.size(), d, Money.of(value, "USD").format(), manual, warned.size()));
        }, this::fail);
    }

    /**
     * Flags each pipeline contract's commitment: {@code verdicts} gives a few words per contract id (under-run with the
     * projected true-up, over-run, on track) for those that carry one. Blocking: it runs in the background.
     */
    public void commitmentVerdicts(java.util.function.Function<List<Renewal>, java.util.Map<java.util.UUID, String>> verdicts) {
        this.verdicts = verdicts;
    }

    private void loadVerdicts(List<Renewal> rows) {
        if (verdicts == null || rows.isEmpty()) {
            commitmentVerdicts.clear();
            return;
        }
        List<Renewal> copy = List.copyOf(rows);
        executor.run(() -> verdicts.apply(copy), found -> {
            commitmentVerdicts.clear();
            commitmentVerdicts.putAll(found);
        }, this::fail);
    }

    /** Commitment words by contract id (absent: no commitment). */
    public javafx.collections.ObservableMap<java.util.UUID, String> commitmentVerdicts() { return commitmentVerdicts; }

    /** Opens the contract of a pipeline row. */
    public void openRenewal(Renewal r) {
        if (r != null) {
            section.editor().open(r.contract());
        }
    }

    public IntegerProperty daysProperty() { return days; }
    public ObservableList<Renewal> renewals() { return renewals; }
    public ObservableList<Renewal> attention() { return attentionRows; }
    public StringProperty renewalSummaryProperty() { return renewalSummary; }
}
