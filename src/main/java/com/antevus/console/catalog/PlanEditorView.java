package com.antevus.console.catalog;

import com.antevus.console.core.DialogService;
import com.antevus.console.core.FieldDecorations;
import com.antevus.console.core.Money;
import com.antevus.console.core.ReadOnlyHints;
import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.Cap;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.Catalog.PricingModel;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.ComboBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The Plans tab's list and editor: the plans of the version shown, and the selected plan's fields, included quotas
 * and metered prices, each problem marked at its field as the admin types.
 */
public final class PlanEditorView {
    private final CatalogViewModel section;
    private final PlanEditorViewModel vm;
    private final DialogService dialogs;
    private final Supplier<Window> window;
    private FieldDecorations decorations;

    @FXML private ListView<PlanSpec> planList;
    @FXML private Button addPlanButton;
    @FXML private Button removePlanButton;
    @FXML private GridPane basicsGrid;
    @FXML private Button addQuotaButton;
    @FXML private Button removeQuotaButton;
    @FXML private TableView<PlanForm.QuotaRow> quotasTable;
    @FXML private TableColumn<PlanForm.QuotaRow, String> quotaCodeColumn;
    @FXML private TableColumn<PlanForm.QuotaRow, String> quotaKindColumn;
    @FXML private TableColumn<PlanForm.QuotaRow, String> quotaLimitColumn;
    @FXML private TableColumn<PlanForm.QuotaRow, Cap> quotaCapColumn;
    @FXML private TableColumn<PlanForm.QuotaRow, String> quotaErrorColumn;
    @FXML private Button addPriceButton;
    @FXML private Button removePriceButton;
    @FXML private TableView<PlanForm.MeteredRow> meteredTable;
    @FXML private TableColumn<PlanForm.MeteredRow, String> meteredMetricColumn;
    @FXML private TableColumn<PlanForm.MeteredRow, PricingModel> meteredModelColumn;
    @FXML private TableColumn<PlanForm.MeteredRow, String> meteredPriceColumn;
    @FXML private TableColumn<PlanForm.MeteredRow, String> meteredPerColumn;
    @FXML private TableColumn<PlanForm.MeteredRow, String> meteredBlockColumn;
    @FXML private TableColumn<PlanForm.MeteredRow, String> meteredMarginColumn;
    @FXML private TableColumn<PlanForm.MeteredRow, String> meteredTiersColumn;
    @FXML private TableColumn<PlanForm.MeteredRow, String> meteredReadsColumn;
    @FXML private Label meteredErrorLabel;

    /** @param dialogs asks before a plan is removed; {@code window} owns the choice of a quota or a price to add */
    PlanEditorView(CatalogViewModel section, DialogService dialogs, Supplier<Window> window) {
        this.section = section;
        this.vm = section.editor();
        this.dialogs = dialogs;
        this.window = window;
    }

    @FXML
    private void initialize() {
        var editable = section.editableProperty();
        var busy = section.busyProperty();

        // ---- plan list ------------------------------------------------------------------------------------
        planList.setItems(vm.plans());
        planList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(PlanSpec p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label name = new Label(p.name());
                name.getStyleClass().add("plan-name");
                Label detail = new Label(p.code());
                detail.getStyleClass().add("muted");
                Label price = new Label(priceText(p));
                price.getStyleClass().add("muted");
                setTooltip(new Tooltip(p.name() + "\n" + p.code() + " · " + priceText(p)));
                VBox box = new VBox(1, name, detail, price);
                box.setMinWidth(0);
                box.setPrefWidth(0);
                setText(null);
                setGraphic(box);
            }
        });
        planList.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null && p != vm.selectedPlanProperty().get()) {
                vm.selectedPlanProperty().set(p);
            }
        });
        vm.selectedPlanProperty().addListener((o, a, p) -> {
            if (p != planList.getSelectionModel().getSelectedItem()) {
                planList.getSelectionModel().select(p);
            }
        });
        addPlanButton.disableProperty().bind(busy.or(editable.not()));
        removePlanButton.disableProperty().bind(busy.or(editable.not()).or(vm.selectedPlanProperty().isNull()));

        // ---- basics grid: errors at the field, ControlsFX's marks, nothing below the field to push the form about --------
        PlanForm f = vm.form();
        int row = 0;
        row = addField(row, 0, "Code", "code", text(f.code, "core"));
        addField(row - 1, 2, "Name", "name", text(f.name, "Core"));
        row = addField(row, 0, "Family", "family", text(f.family, "core"));
        ComboBox<Catalog.BillingModel> billing = new ComboBox<>();
        billing.getItems().setAll(Catalog.BillingModel.values());
        billing.valueProperty().bindBidirectional(f.billing);
        billing.setConverter(CatalogView.enumText());
        billing.setMaxWidth(Double.MAX_VALUE);
        addField(row - 1, 2, "Billing", "billing", billing);
        row = addField(row, 0, "Monthly price", "monthly", text(f.monthly, "1500.00"));
        addField(row - 1, 2, "Annual price", "annual", text(f.annual, "14400.00"));
        row = addField(row, 0, "Currency", "currency", text(f.currency, "USD"));
        addField(row - 1, 2, "Min seats", "min_seats", text(f.minSeats, "per-seat plans"));
        row = addField(row, 0, "Academic of", "academic_of", text(f.academicOf, "base plan code"));
        addField(row - 1, 2, "Grace days", "grace_days", text(f.graceDays, "7"));
        row = addField(row, 0, "Alerts at %", "alert_thresholds", text(f.thresholds, "80, 100, 120"));
        CheckBox selfServe = new CheckBox("Sold online");
        selfServe.selectedProperty().bindBidirectional(f.selfServe);
        addField(row - 1, 2, "Self-serve", "self_serve", selfServe);
        basicsGrid.disableProperty().bind(editable.not());
        for (int c = 0; c < 4; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            if (c % 2 == 1) {
                cc.setHgrow(Priority.ALWAYS);
                cc.setMinWidth(105);
            } else {
                cc.setMinWidth(90);
            }
            basicsGrid.getColumnConstraints().add(cc);
        }

        // ---- quotas --------------------------------------------------------------------------------------------
        quotasTable.setItems(f.quotas);
        quotasTable.editableProperty().bind(editable);
        quotaCodeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().code));
        quotaKindColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().metric ? "metric" : "resource"));
        quotaKindColumn.getStyleClass().add("muted");
        quotaLimitColumn.setCellValueFactory(c -> c.getValue().limit);
        quotaLimitColumn.setCellFactory(TextFieldTableCell.forTableColumn());
        quotaLimitColumn.getStyleClass().add("numeric");
        quotaCapColumn.setCellValueFactory(c -> c.getValue().cap);
        quotaCapColumn.setCellFactory(ComboBoxTableCell.forTableColumn(CatalogView.enumText(), Cap.values()));
        quotaErrorColumn.setCellValueFactory(c -> Bindings.createStringBinding(() -> {
            String code = c.getValue().code;
            String m = vm.fieldErrors().get("quotas." + code + ".limit");
            return m != null ? m : vm.fieldErrors().getOrDefault("quotas." + code, "");
        }, vm.fieldErrors()));
        quotaErrorColumn.setCellFactory(col -> CatalogView.errorCell());
        addQuotaButton.disableProperty().bind(busy.or(editable.not()).or(vm.selectedPlanProperty().isNull()));
        removeQuotaButton.disableProperty().bind(busy.or(editable.not()).or(quotasTable.getSelectionModel().selectedItemProperty().isNull()));

        // ---- metered prices ------------------------------------------------------------------------------------------
        meteredTable.setItems(f.metered);
        meteredTable.editableProperty().bind(editable);
        meteredMetricColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().metric));
        meteredModelColumn.setCellValueFactory(c -> c.getValue().model);
        meteredModelColumn.setCellFactory(ComboBoxTableCell.forTableColumn(CatalogView.enumText(), PricingModel.values()));
        editableText(meteredPriceColumn, r -> r.price);
        editableText(meteredPerColumn, r -> r.per);
        editableText(meteredBlockColumn, r -> r.block);
        editableText(meteredMarginColumn, r -> r.margin);
        meteredTiersColumn.setCellValueFactory(c -> c.getValue().tiers);
        meteredTiersColumn.setCellFactory(TextFieldTableCell.forTableColumn());
        meteredReadsColumn.setCellValueFactory(c -> Bindings.createStringBinding(() -> c.getValue().describe(f.currency.get()),
                c.getValue().model, c.getValue().price, c.getValue().per, c.getValue().block, c.getValue().margin, c.getValue().tiers,
                f.currency));
        meteredReadsColumn.setCellFactory(col -> CatalogView.tooltipCell());
        meteredErrorLabel.textProperty().bind(Bindings.createStringBinding(() -> String.join("  ", vm.fieldErrors().entrySet().stream()
                .filter(e -> e.getKey().startsWith("metered.")).map(e -> e.getKey().substring("metered.".length()) + ": " + e.getValue())
                .sorted().toList()), vm.fieldErrors()));
        meteredErrorLabel.managedProperty().bind(meteredErrorLabel.textProperty().isNotEmpty());
        addPriceButton.disableProperty().bind(busy.or(editable.not()).or(vm.selectedPlanProperty().isNull()));
        removePriceButton.disableProperty().bind(busy.or(editable.not()).or(meteredTable.getSelectionModel().selectedItemProperty().isNull()));
        ReadOnlyHints.explain(section.readOnlyNoteProperty(), addPlanButton, addQuotaButton, addPriceButton);
    }

    private static String priceText(PlanSpec p) {
        if (p.monthlyMinor() == null) {
            return p.billingModel() == Catalog.BillingModel.CUSTOM ? "contract" : "usage only";
        }
        String m = Money.of(p.monthlyMinor(), p.currency()).format();
        return p.billingModel() == Catalog.BillingModel.PER_SEAT ? m + "/seat" : m + "/mo";
    }

    private static TextField text(StringProperty p, String prompt) {
        TextField t = new TextField();
        t.textProperty().bindBidirectional(p);
        t.setPromptText(prompt);
        return t;
    }

    /** A labelled field whose problem shows as a mark on it; returns the next row. */
    private int addField(int row, int col, String label, String key, Control field) {
        Label l = new Label(label);
        l.getStyleClass().add("field-label");
        basicsGrid.add(l, col, row);
        basicsGrid.add(field, col + 1, row);
        GridPane.setMargin(l, new Insets(6, 0, 0, 0));
        GridPane.setMargin(field, new Insets(2, 0, 2, 0));
        if (decorations == null) {
            decorations = new FieldDecorations(vm.fieldErrors());
        }
        decorations.field(key, field);
        return row + 1;
    }

    private static void editableText(TableColumn<PlanForm.MeteredRow, String> col, Function<PlanForm.MeteredRow, StringProperty> prop) {
        col.setCellValueFactory(c -> prop.apply(c.getValue()));
        col.setCellFactory(TextFieldTableCell.forTableColumn());
        col.getStyleClass().add("numeric");
    }

    // ---- actions ---------------------------------------------------------------------------------------------------------
    @FXML
    private void addPlan() {
        vm.addPlan();
    }

    @FXML
    private void removePlan() {
        PlanSpec p = vm.selectedPlanProperty().get();
        if (p != null && dialogs.confirm(new DialogService.Confirmation("Remove a plan",
                "Remove " + p.name() + " (" + p.code() + ") from the draft.", List.of("Its subscribers stay on their current "
                + "version's plan when this draft is published; new customers can no longer choose it."), "Remove plan", null))) {
            vm.removePlan();
        }
    }

    @FXML
    private void addQuota() {
        choose("Add a quota", "Which resource or metric does the plan include?", vm.quotaCandidates()).ifPresent(vm::addQuota);
    }

    @FXML
    private void removeQuota() {
        vm.form().quotas.remove(quotasTable.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void addPrice() {
        choose("Add a metered price", "Which metric is billed above its included quota?", vm.priceCandidates()).ifPresent(vm::addPrice);
    }

    @FXML
    private void removePrice() {
        vm.form().metered.remove(meteredTable.getSelectionModel().getSelectedItem());
    }

    private Optional<String> choose(String title, String question, List<String> choices) {
        if (choices.isEmpty()) {
            return Optional.empty();
        }
        ChoiceDialog<String> d = new ChoiceDialog<>(choices.get(0), choices);
        d.setTitle(title);
        d.setHeaderText(question);
        d.initOwner(window.get());
        return d.showAndWait();
    }
}
