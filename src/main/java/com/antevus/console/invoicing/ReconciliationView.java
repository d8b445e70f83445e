package com.antevus.console.invoicing;

import com.antevus.console.core.Columns;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.FileChooser;

/** The reconciliation tab: the period's rating, invoices and Stripe's lines side by side; the differences first. */
public final class ReconciliationView {
    private final InvoicesViewModel section;
    private final ReconciliationViewModel vm;

    @FXML private Button reconcileButton;
    @FXML private CheckBox onlyDiffBox;
    @FXML private Label reconSummaryLabel;
    @FXML private Button reconExportButton;
    @FXML private TableView<Reconciliation.Row> reconTable;
    @FXML private TableColumn<Reconciliation.Row, String> recOrgColumn;
    @FXML private TableColumn<Reconciliation.Row, String> recNumberColumn;
    @FXML private TableColumn<Reconciliation.Row, Long> recRatedColumn;
    @FXML private TableColumn<Reconciliation.Row, Long> recLocalColumn;
    @FXML private TableColumn<Reconciliation.Row, Long> recStripeColumn;
    @FXML private TableColumn<Reconciliation.Row, String> recStatusColumn;
    @FXML private TableColumn<Reconciliation.Row, String> recProblemColumn;
    @FXML private ProgressBar reconBar;

    ReconciliationView(InvoicesViewModel section) {
        this.section = section;
        this.vm = section.reconciliation();
    }

    @FXML
    private void initialize() {
        Columns.value(recOrgColumn, Reconciliation.Row::organizationName);
        Columns.value(recNumberColumn, r -> r.number() == null ? "" : r.number());
        Columns.money(recRatedColumn, Reconciliation.Row::ratedMinor, Reconciliation.Row::currency);
        Columns.money(recLocalColumn, Reconciliation.Row::localMinor, Reconciliation.Row::currency);
        Columns.money(recStripeColumn, Reconciliation.Row::stripeMinor, Reconciliation.Row::currency);
        Columns.value(recStatusColumn, r -> (r.localStatus() == null ? "—" : r.localStatus()) + " / " + (r.stripeStatus() == null ? "—" : r.stripeStatus()));
        Columns.value(recProblemColumn, r -> r.problem() == null ? "Agrees" : r.problem());
        reconTable.setItems(vm.rows());
        reconTable.setPlaceholder(new Label("Reconcile compares the period's rating, invoices and Stripe's invoice lines."));
        reconTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Reconciliation.Row r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("anomaly"), !empty && r != null && !r.matches());
            }
        });
        onlyDiffBox.selectedProperty().bindBidirectional(vm.onlyDifferencesProperty());
        reconSummaryLabel.textProperty().bind(vm.summaryProperty());
        reconcileButton.disableProperty().bind(vm.busyProperty());
        reconBar.progressProperty().bind(vm.progressProperty());
        reconExportButton.disableProperty().bind(Bindings.isEmpty(vm.rows()).and(vm.summaryProperty().isEmpty()));
    }

    @FXML
    private void reconcile() {
        vm.reconcile();
    }

    @FXML
    private void exportRecon() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the reconciliation");
        chooser.setInitialFileName("reconciliation-" + section.periodProperty().get() + ".csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        java.io.File f = chooser.showSaveDialog(reconTable.getScene().getWindow());
        if (f != null) {
            vm.export(Path.of(f.getPath()));
        }
    }
}
