package com.antevus.console.access;

import com.antevus.console.core.Columns;
import java.io.File;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;

/** The Activity section: the audit log with filters and a before/after diff. A thin controller over {@link ActivityViewModel}. */
public final class ActivityView {
    private final ActivityViewModel vm;

    @FXML private Label messageLabel;
    @FXML private Label errorLabel;
    @FXML private Button exportButton;
    @FXML private ComboBox<String> userBox;
    @FXML private ComboBox<String> tableBox;
    @FXML private TextField orgField;
    @FXML private DatePicker fromPicker;
    @FXML private DatePicker toPicker;
    @FXML private Button searchButton;
    @FXML private Label summaryLabel;
    @FXML private TableView<AuditEntry> entriesTable;
    @FXML private TableColumn<AuditEntry, String> atColumn;
    @FXML private TableColumn<AuditEntry, String> userColumn;
    @FXML private TableColumn<AuditEntry, String> tableColumn;
    @FXML private TableColumn<AuditEntry, String> opColumn;
    @FXML private TableColumn<AuditEntry, String> orgColumn;
    @FXML private TableColumn<AuditEntry, String> summaryColumn;
    @FXML private TableColumn<AuditEntry, String> reasonColumn;
    @FXML private Label detailTitle;
    @FXML private Label requestLabel;
    @FXML private Label reasonLabel;
    @FXML private TableView<AuditEntry.Change> diffTable;
    @FXML private TableColumn<AuditEntry.Change, String> fieldColumn;
    @FXML private TableColumn<AuditEntry.Change, String> beforeColumn;
    @FXML private TableColumn<AuditEntry.Change, String> afterColumn;

    public ActivityView(ActivityViewModel vm) {
        this.vm = vm;
    }


    private static ListCell<String> anyCell(String any) {
        return anyCell(any, s -> s);
    }

    private static ListCell<String> anyCell(String any, java.util.function.UnaryOperator<String> words) {
        return new ListCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s == null ? any : words.apply(s));
            }
        };
    }

    @FXML private javafx.scene.control.CheckBox groupBox;
    @FXML private javafx.scene.control.CheckBox idsBox;

    @FXML
    private void initialize() {
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.managedProperty().bind(vm.errorProperty().isNotEmpty());
        messageLabel.textProperty().bind(vm.messageProperty());
        userBox.setItems(vm.users());
        userBox.setCellFactory(l -> anyCell("Any user"));
        userBox.setButtonCell(anyCell("Any user"));
        userBox.valueProperty().bindBidirectional(vm.userProperty());
        tableBox.setItems(vm.tables());
        tableBox.setCellFactory(l -> anyCell("Any kind of record", AuditWords::table));
        tableBox.setButtonCell(anyCell("Any kind of record", AuditWords::table));
        tableBox.valueProperty().bindBidirectional(vm.tableProperty());
        orgField.textProperty().bindBidirectional(vm.organizationProperty());
        fromPicker.valueProperty().bindBidirectional(vm.fromProperty());
        toPicker.valueProperty().bindBidirectional(vm.toProperty());
        searchButton.disableProperty().bind(vm.busyProperty());
        summaryLabel.textProperty().bind(vm.summaryProperty());

        entriesTable.setItems(vm.entries());
        entriesTable.setPlaceholder(new Label("No changes match the filters."));
        Columns.value(atColumn, e -> com.antevus.console.core.Dates.second(e.at()));
        Columns.value(userColumn, AuditEntry::user);
        Columns.value(tableColumn, e -> AuditWords.table(e.table()));
        Columns.value(opColumn, e -> AuditWords.operation(e.operation()));
        Columns.value(orgColumn, e -> e.organizationName() == null ? "" : e.organizationName());
        Columns.value(summaryColumn, vm::summaryOf);
        groupBox.selectedProperty().bindBidirectional(vm.groupedProperty());
        idsBox.selectedProperty().bindBidirectional(vm.showIdsProperty());
        Columns.value(reasonColumn, e -> e.reason() == null ? "" : e.reason());
        entriesTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, e) -> {
            if (e != null && entriesTable.getSelectionModel().getSelectedItem() != e) {
                entriesTable.getSelectionModel().select(e);
            }
            showDetail(e);
        });
        diffTable.setItems(vm.changes());
        diffTable.setPlaceholder(new Label("Choose a change to see its before and after."));
        Columns.value(fieldColumn, AuditEntry.Change::field);
        Columns.value(beforeColumn, AuditEntry.Change::before);
        Columns.value(afterColumn, AuditEntry.Change::after);
        showDetail(null);
    }

    private void showDetail(AuditEntry e) {
        if (e == null) {
            detailTitle.setText("");
            requestLabel.setText("");
            reasonLabel.setText("");
            return;
        }
        int rows = vm.membersOf(e).size();
        detailTitle.setText((rows > 1 ? String.format("%,d records changed together", rows) : AuditWords.table(e.table()) + " "
                + AuditWords.operation(e.operation()).toLowerCase(java.util.Locale.ROOT))
                + (e.organizationName() == null ? "" : " · " + e.organizationName()) + " · " + e.user() + " · " + com.antevus.console.core.Dates.second(e.at()));
        requestLabel.setText(e.stripeRequestId() == null ? "" : "Stripe request " + e.stripeRequestId());
        reasonLabel.setText(e.reason() == null || e.reason().isBlank() ? "No reason was given." : "Reason: " + e.reason());
    }

    @FXML
    private void search() {
        vm.search();
    }

    @FXML
    private void clear() {
        vm.clearFilters();
    }

    @FXML
    private void exportCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the activity as CSV");
        chooser.setInitialFileName("activity.csv");
        File file = chooser.showSaveDialog(exportButton.getScene().getWindow());
        if (file != null) {
            vm.exportCsv(file.toPath());
        }
    }
}
