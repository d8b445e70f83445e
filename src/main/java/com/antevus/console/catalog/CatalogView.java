package com.antevus.console.catalog;

import atlantafx.base.theme.Styles;
import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.Cap;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.Catalog.PricingModel;
import com.antevus.console.pricing.CatalogDiff;
import com.antevus.console.core.Money;
import com.antevus.console.rating.RatedLine;
import java.io.File;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.ComboBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** The plan catalog: plan list, plan editor with field validation, live price preview, add-ons, versions and their diff. */
public final class CatalogView {
    private final CatalogViewModel vm;
    private com.antevus.console.core.FieldDecorations decorations;

    @FXML
    private ComboBox<CatalogVersion> versionBox;
    @FXML
    private Label statusLabel;
    @FXML
    private Button editButton;
    @FXML
    private Button saveButton;
    @FXML
    private Button discardButton;
    @FXML
    private Button publishButton;
    @FXML
    private Button importButton;
    @FXML
    private Button exportButton;
    @FXML
    private Label messageLabel;
    @FXML
    private Label errorLabel;
    @FXML
    private TabPane tabs;
    @FXML
    private ListView<PlanSpec> planList;
    @FXML
    private Button addPlanButton;
    @FXML
    private Button removePlanButton;
    @FXML
    private GridPane basicsGrid;
    @FXML
    private TableView<PlanForm.QuotaRow> quotasTable;
    @FXML
    private TableColumn<PlanForm.QuotaRow, String> quotaCodeColumn;
    @FXML
    private TableColumn<PlanForm.QuotaRow, String> quotaKindColumn;
    @FXML
    private TableColumn<PlanForm.QuotaRow, String> quotaLimitColumn;
    @FXML
    private TableColumn<PlanForm.QuotaRow, Cap> quotaCapColumn;
    @FXML
    private TableColumn<PlanForm.QuotaRow, String> quotaErrorColumn;
    @FXML
    private TableView<PlanForm.MeteredRow> meteredTable;
    @FXML
    private TableColumn<PlanForm.MeteredRow, String> meteredMetricColumn;
    @FXML
    private TableColumn<PlanForm.MeteredRow, PricingModel> meteredModelColumn;
    @FXML
    private TableColumn<PlanForm.MeteredRow, String> meteredPriceColumn;
    @FXML
    private TableColumn<PlanForm.MeteredRow, String> meteredPerColumn;
    @FXML
    private TableColumn<PlanForm.MeteredRow, String> meteredBlockColumn;
    @FXML
    private TableColumn<PlanForm.MeteredRow, String> meteredMarginColumn;
    @FXML
    private TableColumn<PlanForm.MeteredRow, String> meteredTiersColumn;
    @FXML
    private TableColumn<PlanForm.MeteredRow, String> meteredReadsColumn;
    @FXML
    private Label meteredErrorLabel;
    @FXML
    private Label headlineLabel;
    @FXML
    private GridPane usageGrid;
    @FXML
    private CheckBox annualCheck;
    @FXML
    private CheckBox byoCheck;
    @FXML
    private TextField seatsField;
    @FXML
    private FlowPane addOnChecks;
    @FXML
    private TableView<RatedLine> previewTable;
    @FXML
    private TableColumn<RatedLine, String> previewDescriptionColumn;
    @FXML
    private TableColumn<RatedLine, String> previewAmountColumn;
    @FXML
    private Label totalLabel;
    @FXML
    private Label previewErrorLabel;
    @FXML
    private TableView<CatalogViewModel.AddOnRow> addOnTable;
    @FXML
    private TableColumn<CatalogViewModel.AddOnRow, String> addOnCodeColumn;
    @FXML
    private TableColumn<CatalogViewModel.AddOnRow, String> addOnNameColumn;
    @FXML
    private TableColumn<CatalogViewModel.AddOnRow, String> addOnPriceColumn;
    @FXML
    private TableColumn<CatalogViewModel.AddOnRow, String> addOnRaisesColumn;
    @FXML
    private TableColumn<CatalogViewModel.AddOnRow, String> addOnByColumn;
    @FXML
    private TableColumn<CatalogViewModel.AddOnRow, String> addOnErrorColumn;
    @FXML
    private Button addAddOnButton;
    @FXML
    private Button removeAddOnButton;
    @FXML
    private Button addQuotaButton;
    @FXML
    private Button removeQuotaButton;
    @FXML
    private Button addPriceButton;
    @FXML
    private Button removePriceButton;
    @FXML
    private Button revertButton;
    @FXML
    private TableView<CatalogVersion> versionsTable;
    @FXML
    private TableColumn<CatalogVersion, String> versionNumberColumn;
    @FXML
    private TableColumn<CatalogVersion, String> versionStatusColumn;
    @FXML
    private TableColumn<CatalogVersion, String> versionEffectiveColumn;
    @FXML
    private TableColumn<CatalogVersion, String> versionByColumn;
    @FXML
    private TableColumn<CatalogVersion, String> versionPlansColumn;
    @FXML
    private TableColumn<CatalogVersion, String> versionSubsColumn;
    @FXML
    private TableColumn<CatalogVersion, String> versionStripeColumn;
    @FXML
    private ComboBox<CatalogVersion> diffFromBox;
    @FXML
    private ComboBox<CatalogVersion> diffToBox;
    @FXML
    private Label diffSummaryLabel;
    @FXML
    private ListView<CatalogDiff.Change> diffList;

    private final com.antevus.console.core.DialogService dialogs;
    private final com.antevus.console.core.StripeMode mode;

    /** Without confirmations: every consequential action goes ahead (view tests that are not about them). */
    public CatalogView(CatalogViewModel vm) {
        this(vm, c -> true, com.antevus.console.core.StripeMode.SANDBOX);
    }

    /** @param dialogs asks before publish, discard and removing a plan; {@code mode} adds the typed word in live mode */
    public CatalogView(CatalogViewModel vm, com.antevus.console.core.DialogService dialogs, com.antevus.console.core.StripeMode mode) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.mode = mode;
    }

    @FXML
    private void initialize() {
        // ---- header -------------------------------------------------------------------------------------
        StringConverter<CatalogVersion> versionText = new StringConverter<>() {
            @Override
            public String toString(CatalogVersion v) {
                return v == null ? "" : v.title();
            }

            @Override
            public CatalogVersion fromString(String s) {
                return null;
            }
        };
        versionBox.setItems(vm.versions());
        versionBox.setConverter(versionText);
        versionBox.valueProperty().bindBidirectional(vm.versionProperty());
        statusLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            CatalogVersion v = vm.versionProperty().get();
            if (v == null) {
                return "";
            }
            return v.isDraft() ? "Draft: editable" : "Published: read-only" + (v.stripeSyncedAt() == null ? ", not yet in Stripe" : "");
        }, vm.versionProperty()));
        vm.versionProperty().addListener((o, a, v) -> {
            statusLabel.pseudoClassStateChanged(Styles.STATE_SUCCESS, v != null && !v.isDraft());
            statusLabel.pseudoClassStateChanged(Styles.STATE_WARNING, v != null && v.isDraft());
        });
        var editable = vm.editableProperty();
        var busy = vm.busyProperty();
        var mayNot = vm.readOnlyNoteProperty().isNotEmpty();
        boolean[] hasDraft = new boolean[1];
        editButton.disableProperty().bind(Bindings.createBooleanBinding(() -> busy.get() || editable.get() || vm.readOnly()
                || vm.versions().stream().anyMatch(CatalogVersion::isDraft), busy, editable, vm.versions()));
        saveButton.disableProperty().bind(busy.or(editable.not()).or(vm.dirtyProperty().not()));
        discardButton.disableProperty().bind(busy.or(editable.not()));
        publishButton.disableProperty().bind(busy.or(mayNot).or(vm.versionProperty().isNull()).or(Bindings.createBooleanBinding(() -> {
            CatalogVersion v = vm.versionProperty().get();
            return v == null || (!v.isDraft() && v.stripeSyncedAt() != null);
        }, vm.versionProperty())).or(vm.dirtyProperty()));
        publishButton.textProperty().bind(Bindings.createStringBinding(() -> {
            CatalogVersion v = vm.versionProperty().get();
            return v != null && !v.isDraft() ? "Finish Stripe sync" : "Publish…";
        }, vm.versionProperty()));
        exportButton.disableProperty().bind(busy.or(vm.versionProperty().isNull()));
        importButton.disableProperty().bind(busy.or(mayNot));
        com.antevus.console.core.ReadOnlyHints.explain(vm.readOnlyNoteProperty(), editButton, addPlanButton, addAddOnButton, addQuotaButton,
                addPriceButton);
        Styles.toggleStyleClass(saveButton, Styles.ACCENT);
        messageLabel.textProperty().bind(vm.messageProperty());
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.managedProperty().bind(errorLabel.textProperty().isNotEmpty());
        messageLabel.managedProperty().bind(messageLabel.textProperty().isNotEmpty());

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
                setTooltip(new javafx.scene.control.Tooltip(p.name() + "\n" + p.code() + " · " + priceText(p)));
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

        // ---- basics grid, errors at the field ----------------------------------------------------------------
        PlanForm f = vm.form();
        int row = 0;
        row = addField(row, 0, "Code", "code", text(f.code, "core"));
        addField(row - 1, 2, "Name", "name", text(f.name, "Core"));
        row = addField(row, 0, "Family", "family", text(f.family, "core"));
        ComboBox<Catalog.BillingModel> billing = new ComboBox<>();
        billing.getItems().setAll(Catalog.BillingModel.values());
        billing.valueProperty().bindBidirectional(f.billing);
        billing.setConverter(enumText());
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
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            if (c % 2 == 1) {
                cc.setHgrow(Priority.ALWAYS);
                cc.setMinWidth(105);
            } else {
                cc.setMinWidth(90);
            }
            basicsGrid.getColumnConstraints().add(cc);
        }
        // errors at the field: ControlsFX's validation marks, nothing below the field to push the form about

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
        quotaCapColumn.setCellFactory(ComboBoxTableCell.forTableColumn(enumText(), Cap.values()));
        quotaErrorColumn.setCellValueFactory(c -> Bindings.createStringBinding(() -> {
            String code = c.getValue().code;
            String m = vm.fieldErrors().get("quotas." + code + ".limit");
            return m != null ? m : vm.fieldErrors().getOrDefault("quotas." + code, "");
        }, vm.fieldErrors()));
        quotaErrorColumn.setCellFactory(col -> errorCell());

        // ---- metered prices ------------------------------------------------------------------------------------------
        meteredTable.setItems(f.metered);
        meteredTable.editableProperty().bind(editable);
        meteredMetricColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().metric));
        meteredModelColumn.setCellValueFactory(c -> c.getValue().model);
        meteredModelColumn.setCellFactory(ComboBoxTableCell.forTableColumn(enumText(), PricingModel.values()));
        editableText(meteredPriceColumn, r -> r.price);
        editableText(meteredPerColumn, r -> r.per);
        editableText(meteredBlockColumn, r -> r.block);
        editableText(meteredMarginColumn, r -> r.margin);
        meteredTiersColumn.setCellValueFactory(c -> c.getValue().tiers);
        meteredTiersColumn.setCellFactory(TextFieldTableCell.forTableColumn());
        meteredReadsColumn.setCellValueFactory(c -> Bindings.createStringBinding(() -> c.getValue().describe(f.currency.get()),
                c.getValue().model, c.getValue().price, c.getValue().per, c.getValue().block, c.getValue().margin, c.getValue().tiers,
                f.currency));
        meteredReadsColumn.setCellFactory(col -> tooltipCell());
        meteredErrorLabel.textProperty().bind(Bindings.createStringBinding(() -> String.join("  ", vm.fieldErrors().entrySet().stream()
                .filter(e -> e.getKey().startsWith("metered.")).map(e -> e.getKey().substring("metered.".length()) + ": " + e.getValue())
                .sorted().toList()), vm.fieldErrors()));
        meteredErrorLabel.managedProperty().bind(meteredErrorLabel.textProperty().isNotEmpty());

        // ---- live preview --------------------------------------------------------------------------------------
        headlineLabel.textProperty().bind(vm.previewHeadlineProperty());
        vm.usage().addListener((ListChangeListener<CatalogViewModel.UsageInput>) ch -> {
            while (ch.next()) {
                if (ch.wasAdded() || ch.wasRemoved() || ch.wasReplaced()) {
                    rebuildUsageGrid();
                    return;
                }
            }
        });
        annualCheck.selectedProperty().bindBidirectional(vm.previewAnnualProperty());
        byoCheck.selectedProperty().bindBidirectional(vm.previewByoLlmProperty());
        seatsField.textProperty().bindBidirectional(vm.previewSeatsProperty());
        vm.previewAddOns().addListener((ListChangeListener<CatalogViewModel.AddOnChoice>) ch -> {
            while (ch.next()) {
                if (ch.wasAdded() || ch.wasRemoved() || ch.wasReplaced()) {
                    rebuildAddOnChecks();
                    return;
                }
            }
        });
        previewTable.setItems(vm.previewLines());
        previewTable.setPlaceholder(new Label("Type usage to price it"));
        previewDescriptionColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().description()));
        previewDescriptionColumn.setCellFactory(col -> tooltipCell());
        previewAmountColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Money.of(c.getValue().amountMinor(),
                vm.form().currency.get() == null || vm.form().currency.get().length() != 3 ? "USD" : vm.form().currency.get()).format()));
        totalLabel.textProperty().bind(vm.previewTotalProperty());
        previewErrorLabel.textProperty().bind(vm.previewErrorProperty());

        // ---- add-ons ----------------------------------------------------------------------------------------------
        addOnTable.setItems(vm.addOnRows());
        addOnTable.editableProperty().bind(editable);
        addOnCodeColumn.setCellValueFactory(c -> c.getValue().code);
        addOnNameColumn.setCellValueFactory(c -> c.getValue().name);
        addOnPriceColumn.setCellValueFactory(c -> c.getValue().monthly);
        addOnRaisesColumn.setCellValueFactory(c -> c.getValue().raises);
        addOnByColumn.setCellValueFactory(c -> c.getValue().by);
        for (TableColumn<CatalogViewModel.AddOnRow, String> col : java.util.List.of(addOnCodeColumn, addOnNameColumn, addOnPriceColumn,
                addOnRaisesColumn, addOnByColumn)) {
            col.setCellFactory(TextFieldTableCell.forTableColumn());
        }
        addOnErrorColumn.setCellValueFactory(c -> Bindings.createStringBinding(() ->
                vm.addOnErrors().getOrDefault(vm.addOnRows().indexOf(c.getValue()), ""), vm.addOnErrors()));
        addOnErrorColumn.setCellFactory(col -> errorCell());
        addAddOnButton.disableProperty().bind(busy.or(editable.not()));
        removeAddOnButton.disableProperty().bind(busy.or(editable.not()).or(addOnTable.getSelectionModel().selectedItemProperty().isNull()));
        addQuotaButton.disableProperty().bind(busy.or(editable.not()).or(vm.selectedPlanProperty().isNull()));
        removeQuotaButton.disableProperty().bind(busy.or(editable.not()).or(quotasTable.getSelectionModel().selectedItemProperty().isNull()));
        addPriceButton.disableProperty().bind(busy.or(editable.not()).or(vm.selectedPlanProperty().isNull()));
        removePriceButton.disableProperty().bind(busy.or(editable.not()).or(meteredTable.getSelectionModel().selectedItemProperty().isNull()));
        revertButton.disableProperty().bind(busy.or(editable.not()).or(vm.dirtyProperty().not()));

        // ---- versions and diff ------------------------------------------------------------------------------------------
        versionsTable.setItems(vm.versions());
        versionNumberColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>("v" + c.getValue().number()));
        versionStatusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status().label()));
        versionEffectiveColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(com.antevus.console.core.Dates.day(c.getValue().effectiveFrom())));
        versionByColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().publishedBy() == null ? c.getValue().createdBy()
                : c.getValue().publishedBy()));
        versionPlansColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.valueOf(c.getValue().plans())));
        versionSubsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.format(Locale.US, "%,d", c.getValue().subscriptions())));
        versionStripeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().isDraft() ? ""
                : c.getValue().stripeSyncedAt() == null ? "not synced" : "synced"));
        diffFromBox.setItems(vm.versions());
        diffToBox.setItems(vm.versions());
        diffFromBox.setConverter(versionText);
        diffToBox.setConverter(versionText);
        diffFromBox.valueProperty().bindBidirectional(vm.diffFromProperty());
        diffToBox.valueProperty().bindBidirectional(vm.diffToProperty());
        diffSummaryLabel.textProperty().bind(vm.diffSummaryProperty());
        diffList.setItems(vm.diff());
        diffList.setPlaceholder(new Label("Choose two versions to compare"));
        diffList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CatalogDiff.Change ch, boolean empty) {
                super.updateItem(ch, empty);
                getStyleClass().removeAll("diff-added", "diff-removed", "diff-changed");
                if (empty || ch == null) {
                    setText(null);
                    return;
                }
                setText(ch.toString());
                getStyleClass().add(switch (ch.kind()) {
                    case ADDED -> "diff-added";
                    case REMOVED -> "diff-removed";
                    case CHANGED -> "diff-changed";
                });
            }
        });
    }

    private void rebuildUsageGrid() {
        usageGrid.getChildren().clear();
        int row = 0;
        for (CatalogViewModel.UsageInput u : vm.usage()) {
            Label l = new Label(u.label);
            TextField t = new TextField();
            t.setId("usage-" + u.metric);
            t.setPromptText("0");
            t.textProperty().bindBidirectional(u.quantity);
            t.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
            GridPane.setHgrow(t, Priority.ALWAYS);
            usageGrid.addRow(row++, l, t);
        }
    }

    private void rebuildAddOnChecks() {
        addOnChecks.getChildren().clear();
        for (CatalogViewModel.AddOnChoice a : vm.previewAddOns()) {
            CheckBox cb = new CheckBox(a.toString());
            cb.selectedProperty().bindBidirectional(a.chosen);
            addOnChecks.getChildren().add(cb);
        }
    }

    private static String priceText(PlanSpec p) {
        if (p.monthlyMinor() == null) {
            return p.billingModel() == Catalog.BillingModel.CUSTOM ? "contract" : "usage only";
        }
        String m = Money.of(p.monthlyMinor(), p.currency()).format();
        return p.billingModel() == Catalog.BillingModel.PER_SEAT ? m + "/seat" : m + "/mo";
    }

    private TextField text(StringProperty p, String prompt) {
        TextField t = new TextField();
        t.textProperty().bindBidirectional(p);
        t.setPromptText(prompt);
        return t;
    }

    /** A labelled field with its error label under it; returns the next row. */
    private int addField(int row, int col, String label, String key, Node field) {
        Label l = new Label(label);
        l.getStyleClass().add("field-label");
        basicsGrid.add(l, col, row);
        basicsGrid.add(field, col + 1, row);
        GridPane.setMargin(l, new Insets(6, 0, 0, 0));
        GridPane.setMargin(field, new Insets(2, 0, 2, 0));
        if (decorations == null) {
            decorations = new com.antevus.console.core.FieldDecorations(vm.fieldErrors());
        }
        decorations.field(key, (javafx.scene.control.Control) field);
        return row + 1;
    }

    private <T extends Enum<T>> StringConverter<T> enumText() {
        return new StringConverter<>() {
            @Override
            public String toString(T e) {
                return e == null ? "" : e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private void editableText(TableColumn<PlanForm.MeteredRow, String> col, Function<PlanForm.MeteredRow, StringProperty> prop) {
        col.setCellValueFactory(c -> prop.apply(c.getValue()));
        col.setCellFactory(TextFieldTableCell.forTableColumn());
        col.getStyleClass().add("numeric");
    }

    private static <S> TableCell<S, String> errorCell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().remove("field-error");
                if (!empty && item != null && !item.isEmpty()) {
                    getStyleClass().add("field-error");
                }
            }
        };
    }

    private static <S> TableCell<S, String> tooltipCell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        };
    }

    // ---- actions ---------------------------------------------------------------------------------------------------------
    @FXML
    private void startDraft() {
        vm.startDraft();
    }

    @FXML
    private void saveDraft() {
        vm.saveDraft();
    }

    @FXML
    private void discardDraft() {
        CatalogVersion v = vm.versionProperty().get();
        if (v != null && dialogs.confirm(new com.antevus.console.core.DialogService.Confirmation("Discard the draft",
                "Discard " + v.title() + " and every change in it.", java.util.List.of("Published versions and subscriptions are not affected.",
                "This cannot be undone."), "Discard draft", null))) {
            vm.discardDraft();
        }
    }

    @FXML
    private void revert() {
        vm.revert();
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

    private java.util.Optional<String> choose(String title, String question, java.util.List<String> choices) {
        if (choices.isEmpty()) {
            return java.util.Optional.empty();
        }
        javafx.scene.control.ChoiceDialog<String> d = new javafx.scene.control.ChoiceDialog<>(choices.get(0), choices);
        d.setTitle(title);
        d.setHeaderText(question);
        d.initOwner(window());
        return d.showAndWait();
    }

    @FXML
    private void addPlan() {
        vm.addPlan();
    }

    @FXML
    private void removePlan() {
        PlanSpec p = vm.selectedPlanProperty().get();
        if (p != null && dialogs.confirm(new com.antevus.console.core.DialogService.Confirmation("Remove a plan",
                "Remove " + p.name() + " (" + p.code() + ") from the draft.", java.util.List.of("Its subscribers stay on their current "
                + "version's plan when this draft is published; new customers can no longer choose it."), "Remove plan", null))) {
            vm.removePlan();
        }
    }

    @FXML
    private void exportYaml() {
        CatalogVersion v = vm.versionProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the catalog as YAML");
        chooser.setInitialFileName("catalog-v" + (v == null ? "" : v.number()) + ".yaml");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"));
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            vm.export(file.toPath());
        }
    }

    @FXML
    private void importYaml() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a catalog YAML file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            vm.previewImport(file.toPath(), preview -> showImport(file.getName(), preview));
        }
    }

    private void showImport(String source, CatalogService.ImportPreview preview) {
        Dialog<ButtonType> d = dialog("Import " + source);
        ListView<CatalogDiff.Change> list = new ListView<>();
        list.getItems().setAll(preview.changes());
        list.setCellFactory(diffList.getCellFactory());
        list.setPrefSize(820, 380);
        String against = preview.against().map(CatalogVersion::title).orElse("an empty catalog");
        Label summary = new Label(preview.changes().isEmpty() ? source + " is valid and matches " + against + ": nothing to import."
                : source + " is valid: " + preview.changes().size() + " changes against " + against
                + ". Importing saves them as a new draft; nothing is published.");
        summary.setWrapText(true);
        CheckBox replace = new CheckBox("Replace the contents of the existing draft");
        replace.setVisible(vm.versions().stream().anyMatch(CatalogVersion::isDraft));
        VBox box = new VBox(10, summary, list, replace);
        d.getDialogPane().setContent(box);
        ButtonType apply = new ButtonType("Save as draft", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(apply, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(apply).setDisable(preview.changes().isEmpty());
        if (d.showAndWait().filter(b -> b == apply).isPresent()) {
            vm.applyImport(preview, source, replace.isSelected());
        }
    }

    @FXML
    private void publish() {
        CatalogVersion v = vm.versionProperty().get();
        if (v == null) {
            return;
        }
        if (!v.isDraft()) {
            vm.publish(v.effectiveFrom(), PublishOutcome.Decision.GRANDFATHER, null);
            return;
        }
        vm.impact(impact -> showPublish(v, impact));
    }

    private void showPublish(CatalogVersion v, PublishImpact impact) {
        Dialog<ButtonType> d = dialog("Publish " + v.title());
        DatePicker effective = new DatePicker(vm.today());
        effective.setConverter(com.antevus.console.core.Dates.pickerConverter());
        ToggleGroup group = new ToggleGroup();
        RadioButton move = new RadioButton("Move them to the new price at their next renewal (entitlements follow then)");
        RadioButton keep = new RadioButton("Leave them grandfathered on their current price");
        move.setToggleGroup(group);
        keep.setToggleGroup(group);
        keep.setSelected(true);
        Label note = new Label("A published version cannot change. Stripe gets a new price for every changed amount; "
                + "the old price is archived and keeps billing whoever stays on it.");
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        GridPane when = new GridPane();
        when.setHgap(10);
        when.addRow(0, new Label("Effective from"), effective);
        VBox box = new VBox(10, impactTable(impact), new Label("Subscriptions whose price changes (" + impact.affectedSubscriptions() + "):"),
                move, keep, when, note);
        d.getDialogPane().setContent(box);
        d.getDialogPane().setPrefWidth(880);
        d.getDialogPane().setMinWidth(880);
        d.setResizable(true);
        ButtonType go = new ButtonType("Publish", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(go, ButtonType.CANCEL);
        Styles.toggleStyleClass((Button) d.getDialogPane().lookupButton(go), Styles.ACCENT);
        if (d.showAndWait().filter(b -> b == go).isPresent()) {
            LocalDate day = effective.getValue() == null ? vm.today() : effective.getValue();
            PublishOutcome.Decision decision = move.isSelected() ? PublishOutcome.Decision.MOVE_AT_RENEWAL : PublishOutcome.Decision.GRANDFATHER;
            if (dialogs.confirm(CatalogViewModel.publishConfirmation(v, impact, day, decision, mode))) {
                vm.publish(day, decision, null);
            } else {
                vm.declined("Publish " + v.title());
            }
        }
    }

    /** Per plan: subscriptions on other versions, what happens to them, and the monthly revenue before and after. */
    private static Node impactTable(PublishImpact impact) {
        TableView<PublishImpact.PlanImpact> t = new TableView<>();
        t.getStyleClass().add("data-table");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        t.setPrefHeight(240);
        t.setPlaceholder(new Label("No live subscription is on another version: publishing reprices nobody."));
        String cur = impact.currency();
        t.getColumns().add(column("Plan", PublishImpact.PlanImpact::name, 140));
        t.getColumns().add(column("Subs", p -> String.format(Locale.US, "%,d", p.subscriptions()), 60));
        t.getColumns().add(column("On", p -> String.join(", ", p.fromVersions().stream().map(n -> "v" + n).toList()), 60));
        t.getColumns().add(column("What happens", p -> p.removed() ? "no longer sold: stay"
                : p.unchanged() ? "same price: move now" : "price changes", 150));
        t.getColumns().add(column("Monthly now", p -> Money.of(p.oldMrrMinor(), cur).format(), 110));
        t.getColumns().add(column("At new prices", p -> Money.of(p.newMrrMinor(), cur).format(), 110));
        t.getColumns().add(column("Change", p -> (p.deltaMinor() > 0 ? "+" : "") + Money.of(p.deltaMinor(), cur).format(), 100));
        t.getItems().setAll(impact.plans().stream().sorted(java.util.Comparator.comparingLong(PublishImpact.PlanImpact::affected).reversed()
                .thenComparing(PublishImpact.PlanImpact::code)).toList());
        Label total = new Label("Monthly revenue impact if every affected subscription moves: "
                + (impact.deltaMinor() > 0 ? "+" : "") + Money.of(impact.deltaMinor(), cur).format());
        total.getStyleClass().add("preview-headline");
        total.setWrapText(true);
        total.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return new VBox(8, t, total);
    }

    private static TableColumn<PublishImpact.PlanImpact, String> column(String title,
                                                                      Function<PublishImpact.PlanImpact, String> value, double width) {
        TableColumn<PublishImpact.PlanImpact, String> c = new TableColumn<>(title);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(value.apply(x.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private Dialog<ButtonType> dialog(String title) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(title);
        d.setHeaderText(title);
        d.initOwner(window());
        if (tabs.getScene() != null) {
            d.getDialogPane().getStylesheets().setAll(tabs.getScene().getStylesheets());
        }
        return d;
    }

    private javafx.stage.Window window() {
        return tabs.getScene() == null ? null : tabs.getScene().getWindow();
    }
}
