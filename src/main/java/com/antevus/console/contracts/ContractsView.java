package com.antevus.console.contracts;

import java.util.List;
import java.util.function.Function;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.StringConverter;

/**
 * The Contracts section: its status line and its parts, each with its own FXML, view and view model: the list and the
 * editor side by side on the first tab (the editor's overrides and documents are components of their own, on the
 * editor's view model), the renewal pipeline on the second.
 */
public final class ContractsView implements com.antevus.console.core.ViewLoader.Composed {
    private final ContractsViewModel vm;
    private final ContractListView list;
    private final ContractEditorView editor;
    private final RenewalsView renewals;

    @FXML private Label messageLabel;
    @FXML private Label errorLabel;
    @FXML private Label roleNoteLabel;
    @FXML private TabPane tabs;
    @FXML private Tab listTab;
    @FXML private Tab renewalsTab;

    /** For view tests: every confirmation is accepted. */
    public ContractsView(ContractsViewModel vm) {
        this(vm, c -> true);
    }

    public ContractsView(ContractsViewModel vm, com.antevus.console.core.DialogService dialogs) {
        this.vm = vm;
        this.editor = new ContractEditorView(vm, dialogs);
        this.list = new ContractListView(vm, editor::focusOrganization);
        this.renewals = new RenewalsView(vm, () -> tabs.getSelectionModel().select(listTab));
    }

    @FXML
    private void initialize() {
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.managedProperty().bind(vm.errorProperty().isNotEmpty());
        messageLabel.textProperty().bind(vm.messageProperty());
        roleNoteLabel.textProperty().bind(vm.readOnlyNoteProperty());
        roleNoteLabel.visibleProperty().bind(vm.readOnlyNoteProperty().isNotEmpty());
        roleNoteLabel.managedProperty().bind(roleNoteLabel.visibleProperty());
    }

    @Override
    public List<Object> parts() {
        return List.of(list, editor, renewals);
    }

    static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    /** Adds a tab another feature provides (the commitment of the contract open in the editor). */
    public void addTab(String title, javafx.scene.Node content) {
        tabs.getTabs().add(new Tab(title, content));
    }

    /** Right-click on a row of the list offers the organization's page. */
    public void onOpenOrganization(java.util.function.Consumer<java.util.UUID> open) {
        list.onOpenOrganization(open);
    }
}
