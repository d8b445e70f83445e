package com.antevus.console.catalog;

import com.antevus.console.core.ReadOnlyHints;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.TextFieldTableCell;

/** The Add-ons tab: each add-on as an editable row with its problem beside it. */
public final class AddOnsView {
    private final CatalogViewModel section;
    private final AddOnsViewModel vm;

    @FXML private TableView<AddOnsViewModel.AddOnRow> addOnTable;
    @FXML private TableColumn<AddOnsViewModel.AddOnRow, String> addOnCodeColumn;
    @FXML private TableColumn<AddOnsViewModel.AddOnRow, String> addOnNameColumn;
    @FXML private TableColumn<AddOnsViewModel.AddOnRow, String> addOnPriceColumn;
    @FXML private TableColumn<AddOnsViewModel.AddOnRow, String> addOnRaisesColumn;
    @FXML private TableColumn<AddOnsViewModel.AddOnRow, String> addOnByColumn;
    @FXML private TableColumn<AddOnsViewModel.AddOnRow, String> addOnErrorColumn;
    @FXML private Button addAddOnButton;
    @FXML private Button removeAddOnButton;

    AddOnsView(CatalogViewModel section) {
        this.section = section;
        this.vm = section.addOns();
    }

    @FXML
    private void initialize() {
        var editable = section.editableProperty();
        var busy = section.busyProperty();
        addOnTable.setItems(vm.rows());
        addOnTable.editableProperty().bind(editable);
        addOnCodeColumn.setCellValueFactory(c -> c.getValue().code);
        addOnNameColumn.setCellValueFactory(c -> c.getValue().name);
        addOnPriceColumn.setCellValueFactory(c -> c.getValue().monthly);
        addOnRaisesColumn.setCellValueFactory(c -> c.getValue().raises);
        addOnByColumn.setCellValueFactory(c -> c.getValue().by);
        for (TableColumn<AddOnsViewModel.AddOnRow, String> col : List.of(addOnCodeColumn, addOnNameColumn, addOnPriceColumn,
                addOnRaisesColumn, addOnByColumn)) {
            col.setCellFactory(TextFieldTableCell.forTableColumn());
        }
        addOnErrorColumn.setCellValueFactory(c -> Bindings.createStringBinding(() ->
                vm.errors().getOrDefault(vm.rows().indexOf(c.getValue()), ""), vm.errors()));
        addOnErrorColumn.setCellFactory(col -> CatalogView.errorCell());
        addAddOnButton.disableProperty().bind(busy.or(editable.not()));
        removeAddOnButton.disableProperty().bind(busy.or(editable.not()).or(addOnTable.getSelectionModel().selectedItemProperty().isNull()));
        ReadOnlyHints.explain(section.readOnlyNoteProperty(), addAddOnButton);
    }

    @FXML
    private void addAddOn() {
        vm.addAddOn();
        addOnTable.getSelectionModel().selectLast();
    }

    @FXML
    private void removeAddOn() {
        vm.removeAddOn(addOnTable.getSelectionModel().getSelectedItem());
    }
}
