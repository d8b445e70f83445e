package com.antevus.console.contracts;

import com.antevus.console.core.Money;
import com.antevus.console.core.TaskExecutor;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The Contracts section: one view model per part (the list, the editor with its overrides and documents, the renewal
 * pipeline), sharing the section's busy flag, error and message line. Work runs on the task executor; nothing here
 * touches a Node.
 */
public final class ContractsViewModel extends com.antevus.console.core.SectionViewModel {
    private final ContractService service;
    private final ContractListViewModel list;
    private final ContractEditorViewModel editor;
    private final RenewalsViewModel renewals;

    public ContractsViewModel(ContractService service, TaskExecutor executor) {
        this.service = service;
        this.list = new ContractListViewModel(this, service, executor);
        this.editor = new ContractEditorViewModel(this, service, executor);
        this.renewals = new RenewalsViewModel(this, service, executor);
    }

    /** Reads the list (with the organizations and what a contract may override) and the pipeline. */
    public void load() {
        list.load();
        renewals.load();
    }

    public ContractListViewModel list() { return list; }
    public ContractEditorViewModel editor() { return editor; }
    public RenewalsViewModel renewals() { return renewals; }
    public LocalDate today() { return service.today(); }
}
