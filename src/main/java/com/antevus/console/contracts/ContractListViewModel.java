package com.antevus.console.contracts;

import com.antevus.console.core.Money;
import com.antevus.console.core.TaskExecutor;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The contracts list: every contract, searched and filtered by status, with what the shown ones are worth. */
public final class ContractListViewModel extends com.antevus.console.core.SectionViewModel {
    public enum Show { ACTIVE, DRAFTS, ENDED, ALL }

    private final ContractsViewModel section;
    private final ContractService service;
    private final TaskExecutor executor;
    private final List<Contract> all = new ArrayList<>();
    private final ObservableList<Contract> contracts = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<Show> show = new SimpleObjectProperty<>(Show.ACTIVE);
    private final StringProperty listSummary = new SimpleStringProperty("");

    ContractListViewModel(ContractsViewModel section, ContractService service, TaskExecutor executor) {
        super(section);
        this.section = section;
        this.service = service;
        this.executor = executor;
        search.addListener((o, a, b) -> applyFilter());
        show.addListener((o, a, b) -> applyFilter());
    }

    public void load() {
        busy.set(true);
        error.set("");
        executor.run(() -> new Object[]{service.list(), service.organizations(), service.dimensions()}, r -> {
            busy.set(false);
            @SuppressWarnings("unchecked") List<Contract> list = (List<Contract>) r[0];
            @SuppressWarnings("unchecked") List<ContractService.OrganizationChoice> orgs = (List<ContractService.OrganizationChoice>) r[1];
            @SuppressWarnings("unchecked") List<ContractService.Dimension> dims = (List<ContractService.Dimension>) r[2];
            all.clear();
            all.addAll(list);
            section.editor().choices(orgs, dims);
            applyFilter();
        }, this::fail);
    }

    private void applyFilter() {
        String q = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        List<Contract> shown = all.stream().filter(k -> switch (show.get()) {
            case ACTIVE -> k.status() == Contract.Status.ACTIVE;
            case DRAFTS -> k.status() == Contract.Status.DRAFT;
            case ENDED -> k.status() == Contract.Status.EXPIRED || k.status() == Contract.Status.TERMINATED;
            case ALL -> true;
        }).filter(k -> q.isEmpty() || k.organizationName().toLowerCase(Locale.ROOT).contains(q)).toList();
        contracts.setAll(shown);
        long value = shown.stream().filter(k -> k.status() == Contract.Status.ACTIVE).mapToLong(Contract::annualValueMinor).sum();
        LocalDate today = service.today();
        long warned = shown.stream().filter(k -> !ContractRules.warnings(k, today).isEmpty()).count();
        listSummary.set(String.format("%,d contracts shown of %,d · %s annual value active · %,d with warnings", shown.size(), all.size(),
                Money.of(value, "USD").format(), warned));
    }

    /** Warnings for a list row (today's view). */
    public List<String> warningsOf(Contract k) {
        return ContractRules.warnings(k, service.today());
    }

    /** Reads the list again, leaving the editor as it is (after a save or an apply). */
    void refresh() {
        executor.run(service::list, list -> {
            all.clear();
            all.addAll(list);
            applyFilter();
        }, this::fail);
    }

    public ObservableList<Contract> contracts() { return contracts; }
    public StringProperty searchProperty() { return search; }
    public ObjectProperty<Show> showProperty() { return show; }
    public StringProperty listSummaryProperty() { return listSummary; }
}
