package com.antevus.console.invoicing;

import com.antevus.console.core.Columns;
import com.antevus.console.core.Money;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/** The period review tab: every organization's rating for the period, with filters; double-click opens its draft. */
public final class PeriodReviewView {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private final PeriodReviewViewModel vm;
    private final DraftViewModel draft;
    private final Runnable toDraft;
    private final Runnable toRun;

    @FXML private TextField searchField;
    @FXML private CheckBox toInvoiceBox;
    @FXML private CheckBox overQuotaBox;
    @FXML private CheckBox academicBox;
    @FXML private CheckBox enterpriseBox;
    @FXML private CheckBox noCustomerBox;
    @FXML private CheckBox anomaliesBox;
    @FXML private TextField amountField;
    @FXML private Label reviewSummaryLabel;
    @FXML private Button openDraftButton;
    @FXML private TableView<ReviewRow> reviewTable;
    @FXML private TableColumn<ReviewRow, String> orgColumn;
    @FXML private TableColumn<ReviewRow, String> planColumn;
    @FXML private TableColumn<ReviewRow, String> kindColumn;
    @FXML private TableColumn<ReviewRow, Long> totalColumn;
    @FXML private TableColumn<ReviewRow, Long> overageColumn;
    @FXML private TableColumn<ReviewRow, Long> previousColumn;
    @FXML private TableColumn<ReviewRow, String> billingColumn;
    @FXML private TableColumn<ReviewRow, String> anomalyColumn;

    /** @param toDraft shows the draft tab once a draft is open; @param toRun shows the invoice run tab */
    PeriodReviewView(InvoicesViewModel section, Runnable toDraft, Runnable toRun) {
        this.vm = section.review();
        this.draft = section.draft();
        this.toDraft = toDraft;
        this.toRun = toRun;
    }

    @FXML
    private void initialize() {
        Columns.value(orgColumn, ReviewRow::organizationName);
        Columns.value(planColumn, r -> r.planCode() + (r.academic() ? " · academic" : ""));
        Columns.value(kindColumn, ReviewRow::kind);
        Columns.money(totalColumn, ReviewRow::totalMinor, ReviewRow::currency);
        Columns.money(overageColumn, r -> r.overageMinor() == 0 ? null : r.overageMinor(), ReviewRow::currency);
        Columns.money(previousColumn, ReviewRow::previousMinor, ReviewRow::currency);
        Columns.value(billingColumn, r -> r.billing().label() + (r.invoiceNumber() == null ? "" : " " + r.invoiceNumber()));
        Columns.value(anomalyColumn, r -> !r.anomalies().isEmpty() ? String.join("; ", r.anomalies())
                : !r.hasCustomer() && r.billing() == ReviewRow.Billing.TO_INVOICE ? "Stripe customer: the run creates it" : "");
        reviewTable.setItems(vm.rows());
        reviewTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ReviewRow r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(PseudoClass.getPseudoClass("anomaly"), !empty && r != null && !r.anomalies().isEmpty());
                pseudoClassStateChanged(PseudoClass.getPseudoClass("settled"), !empty && r != null && !r.needsInvoicing());
            }
        });
        reviewTable.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openDraft();
            }
        });
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(vm.busyProperty()).then("Loading the period's ratings…")
                .otherwise("No organization matches the search and filters."));
        reviewTable.setPlaceholder(placeholder);
        reviewSummaryLabel.textProperty().bind(vm.summaryProperty());
        openDraftButton.disableProperty().bind(reviewTable.getSelectionModel().selectedItemProperty().isNull().or(vm.busyProperty()));
        for (CheckBox b : List.of(toInvoiceBox, overQuotaBox, academicBox, enterpriseBox, noCustomerBox, anomaliesBox)) {
            b.selectedProperty().addListener((o, x, y) -> updateFilter());
        }
        searchField.textProperty().addListener((o, x, y) -> updateFilter());
        amountField.textProperty().addListener((o, x, y) -> updateFilter());
    }

    private void updateFilter() {
        Long above = null;
        amountField.pseudoClassStateChanged(DANGER, false);
        String text = amountField.getText() == null ? "" : amountField.getText().strip();
        if (!text.isEmpty()) {
            try {
                above = Money.parseMajor(text, vm.currency());
            } catch (IllegalArgumentException e) {
                amountField.pseudoClassStateChanged(DANGER, true);
            }
        }
        vm.filterProperty().set(new ReviewFilter(overQuotaBox.isSelected(), academicBox.isSelected(), enterpriseBox.isSelected(),
                noCustomerBox.isSelected(), anomaliesBox.isSelected(), toInvoiceBox.isSelected(), above, searchField.getText()));
    }

    @FXML
    private void openDraft() {
        draft.open(reviewTable.getSelectionModel().getSelectedItem(), toDraft);
    }

    @FXML
    private void toRun() {
        toRun.run();
    }

    /** Right-click on a row offers the organization's page. */
    void onOpenOrganization(java.util.function.Consumer<java.util.UUID> open) {
        com.antevus.console.core.TableMenus.openOrganization(reviewTable, ReviewRow::organizationId, open);
    }
}
