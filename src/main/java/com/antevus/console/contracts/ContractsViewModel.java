package com.antevus.console.contracts;

import com.antevus.console.core.TaskExecutor;
import java.time.LocalDate;

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
