package com.antevus.console.contracts;

import com.antevus.console.core.Columns;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/** The contracts list: search, status filter, new contract; choosing a row opens it in the editor. */
public final class ContractListView {
    private final ContractListViewModel vm;
    private final ContractEditorViewModel editor;
    private final Runnable focusEditor;

    @FXML private TextField searchField;
    @FXML private ComboBox<ContractListViewModel.Show> showBox;
    @FXML private Button newButton;
    @FXML private Label listSummaryLabel;
    @FXML private TableView<Contract> contractsTable;
    @FXML private TableColumn<Contract, String> orgColumn;
    @FXML private TableColumn<Contract, Long> valueColumn;
    @FXML private TableColumn<Contract, java.time.LocalDate> endsColumn;
    @FXML private TableColumn<Contract, Integer> flagsColumn;

    /** @param focusEditor puts the focus on the editor's first field (a new contract starts with its organization) */
    ContractListView(ContractsViewModel section, Runnable focusEditor) {
        this.vm = section.list();
        this.editor = section.editor();
        this.focusEditor = focusEditor;
    }

    @FXML
    private void initialize() {
        newButton.disableProperty().bind(vm.readOnlyNoteProperty().isNotEmpty());
        searchField.textProperty().bindBidirectional(vm.searchProperty());
        showBox.getItems().setAll(ContractListViewModel.Show.values());
        showBox.setConverter(ContractsView.converter(s -> switch (s) {
            case ACTIVE -> "Active";
            case DRAFTS -> "Drafts";
            case ENDED -> "Ended";
            case ALL -> "All";
        }));
        showBox.valueProperty().bindBidirectional(vm.showProperty());
        listSummaryLabel.textProperty().bind(vm.listSummaryProperty());
        contractsTable.setItems(vm.contracts());
        contractsTable.setPlaceholder(new Label("No contracts match."));
        Columns.value(orgColumn, k -> k.organizationName() + (k.status() == Contract.Status.ACTIVE ? "" : " (" + k.status().db() + ")"));
        Columns.money(valueColumn, Contract::annualValueMinor, Contract::currency);
        Columns.value(endsColumn, Contract::endsOn);
        Columns.value(flagsColumn, k -> vm.warningsOf(k).size());
        flagsColumn.setCellFactory(x -> new TableCell<>() {
            @Override
            protected void updateItem(Integer v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null || v == 0 ? null : "⚠ " + v);
                Contract k = empty || getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(k == null || v == null || v == 0 ? null : new Tooltip(String.join("\n", vm.warningsOf(k))));
            }
        });
        contractsTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b == null || b.id().equals(editor.openedId())) {
                return;
            }
            if (editor.dirtyProperty().get()) {
                vm.refuse("You have unsaved changes to this contract: save or revert them before opening another.");
                return;
            }
            editor.open(b);
        });
    }

    @FXML
    private void newContract() {
        if (editor.dirtyProperty().get()) {
            vm.refuse("You have unsaved changes to this contract: save or revert them before starting another.");
            return;
        }
        contractsTable.getSelectionModel().clearSelection();
        editor.newContract();
        focusEditor.run();
    }

    /** Right-click on a row offers the organization's page. */
    void onOpenOrganization(java.util.function.Consumer<java.util.UUID> open) {
        com.antevus.console.core.TableMenus.openOrganization(contractsTable, Contract::organizationId, open);
    }
}
