package com.antevus.console.contracts;

import atlantafx.base.theme.Styles;
import com.antevus.console.pricing.Catalog.PricingModel;
import com.antevus.console.core.Browser;
import com.antevus.console.core.ConsoleStyles;
import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The contract editor: the terms, the included amounts and rates (overrides), the documents, warnings, a save conflict, save and apply. */
public final class ContractEditorView {
    private final ContractEditorViewModel vm;
    private final com.antevus.console.core.DialogService dialogs;
    private final Map<String, Label> errorLabels = new HashMap<>();

    @FXML private ScrollPane editorScroll;
    @FXML private VBox editorBox;
    @FXML private Label editorTitle;
    @FXML private Label statusBadge;
    @FXML private Label versionLabel;
    @FXML private GridPane termsGrid;
    @FXML private ComboBox<ContractService.OrganizationChoice> orgBox;
    @FXML private TextField orgFilterField;
    @FXML private VBox actionsBox;
    @FXML private TextField valueField;
    @FXML private TextField currencyField;
    @FXML private ComboBox<Contract.Schedule> scheduleBox;
    @FXML private DatePicker startsPicker;
    @FXML private DatePicker endsPicker;
    @FXML private ComboBox<Contract.PaymentTerms> termsBox;
    @FXML private TextField noticeField;
    @FXML private TextField discountField;
    @FXML private CheckBox autoRenewBox;
    @FXML private TextArea notesArea;
    @FXML private Label billingLabel;
    @FXML private GridPane overridesGrid;
    @FXML private Label overridesError;
    @FXML private Button addDocumentButton;
    @FXML private VBox documentsBox;
    @FXML private VBox warningsBox;
    @FXML private VBox conflictCard;
    @FXML private VBox conflictLinesBox;
    @FXML private Button keepMineButton;
    @FXML private Button takeTheirsButton;
    @FXML private TextField reasonField;
    @FXML private Button saveButton;
    @FXML private Button applyButton;
    @FXML private Button revertButton;

    ContractEditorView(ContractsViewModel section, com.antevus.console.core.DialogService dialogs) {
        this.vm = section.editor();
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        ContractForm f = vm.form();
        editorBox.disableProperty().bind(vm.openedProperty().isNull());
        vm.openedProperty().addListener((o, a, k) -> showHeader(k));
        vm.dirtyProperty().addListener((o, a, b) -> showHeader(vm.openedProperty().get()));
        showHeader(null);

        javafx.collections.transformation.FilteredList<ContractService.OrganizationChoice> orgs =
                new javafx.collections.transformation.FilteredList<>(vm.organizations());
        orgFilterField.textProperty().addListener((o, a, text) -> {
            String q = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
            orgs.setPredicate(c -> q.isEmpty() || c.name().toLowerCase(java.util.Locale.ROOT).contains(q));
            if (!q.isEmpty() && !orgBox.isShowing() && orgFilterField.isFocused()) {
                orgBox.show();
            }
        });
        orgBox.setItems(orgs);
        actionsBox.disableProperty().bind(vm.openedProperty().isNull().or(vm.readOnlyNoteProperty().isNotEmpty()));
        addDocumentButton.disableProperty().bind(vm.readOnlyNoteProperty().isNotEmpty());
        orgBox.valueProperty().bindBidirectional(f.organization);
        valueField.textProperty().bindBidirectional(f.annualValue);
        currencyField.textProperty().bindBidirectional(f.currency);
        scheduleBox.getItems().setAll(Contract.Schedule.values());
        scheduleBox.valueProperty().bindBidirectional(f.schedule);
        termsBox.getItems().setAll(Contract.PaymentTerms.values());
        termsBox.valueProperty().bindBidirectional(f.paymentTerms);
        startsPicker.valueProperty().bindBidirectional(f.startsOn);
        endsPicker.valueProperty().bindBidirectional(f.endsOn);
        noticeField.textProperty().bindBidirectional(f.noticeDays);
        discountField.textProperty().bindBidirectional(f.discount);
        autoRenewBox.selectedProperty().bindBidirectional(f.autoRenew);
        notesArea.textProperty().bindBidirectional(f.notes);
        billingLabel.textProperty().bind(vm.billingSummaryProperty());
        billingLabel.managedProperty().bind(vm.billingSummaryProperty().isNotEmpty());
        reasonField.textProperty().bindBidirectional(vm.reasonProperty());

        // the form's errors at each field (ControlsFX validation marks and the sentence on hover); the overrides and the
        // documents, which are lists, keep a line of their own
        decorations = new com.antevus.console.core.FieldDecorations(vm.fieldErrors());
        field("organization", orgBox);
        field("annualValue", valueField);
        field("currency", currencyField);
        field("schedule", scheduleBox);
        field("startsOn", startsPicker);
        field("endsOn", endsPicker);
        field("paymentTerms", termsBox);
        field("noticeDays", noticeField);
        field("discount", discountField);
        errorLabels.put("overrides", overridesError);
        vm.fieldErrors().addListener((MapChangeListener<String, String>) ch -> showFieldErrors());
        showFieldErrors();

        f.overrides.addListener((ListChangeListener<ContractForm.OverrideRow>) ch -> {
            boolean structural = false;
            while (ch.next()) {
                structural |= ch.wasAdded() || ch.wasRemoved();
            }
            if (structural) {
                buildOverrides();
            }
        });
        f.documents.addListener((ListChangeListener<ContractForm.DocumentRow>) ch -> {
            boolean structural = false;
            while (ch.next()) {
                structural |= ch.wasAdded() || ch.wasRemoved();
            }
            if (structural) {
                buildDocuments();
            }
        });
        vm.warnings().addListener((ListChangeListener<String>) ch -> showWarnings());

        conflictCard.visibleProperty().bind(vm.conflictProperty().isNotNull());
        conflictCard.managedProperty().bind(conflictCard.visibleProperty());
        vm.conflictLines().addListener((ListChangeListener<String>) ch -> {
            conflictLinesBox.getChildren().setAll(vm.conflictLines().stream().map(s -> {
                Label l = new Label(s);
                l.setWrapText(true);
                return (Node) l;
            }).toList());
        });
        keepMineButton.disableProperty().bind(vm.busyProperty());

        saveButton.disableProperty().bind(vm.busyProperty().or(vm.dirtyProperty().not()).or(vm.conflictProperty().isNotNull()));
        applyButton.disableProperty().bind(vm.busyProperty().or(vm.openedProperty().isNull()).or(vm.dirtyProperty())
                .or(vm.conflictProperty().isNotNull()));
        revertButton.disableProperty().bind(vm.dirtyProperty().not().or(vm.busyProperty()));
    }

    private void showHeader(Contract k) {
        if (k == null) {
            editorTitle.setText("Choose a contract, or start a new one");
            statusBadge.setVisible(false);
            versionLabel.setText("");
            return;
        }
        editorTitle.setText(k.isNew() ? "New contract" : k.organizationName());
        statusBadge.setVisible(true);
        statusBadge.setText(k.isNew() ? "Draft (not saved)" : k.status().label());
        statusBadge.pseudoClassStateChanged(Styles.STATE_SUCCESS, k.status() == Contract.Status.ACTIVE);
        statusBadge.pseudoClassStateChanged(Styles.STATE_WARNING, k.status() == Contract.Status.DRAFT);
        versionLabel.setText(k.isNew() ? "Not saved yet" : vm.dirtyProperty().get() ? "Unsaved changes" : "Saved");
        orgBox.setDisable(!k.isNew());
        orgFilterField.setDisable(!k.isNew());
        orgFilterField.clear();
    }

    /** Registers a field: it is checked when it loses focus, and marked with its message when in error. */
    private com.antevus.console.core.FieldDecorations decorations;

    private void field(String key, javafx.scene.control.Control node) {
        decorations.field(key, node);
        node.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                vm.validate();
            }
        });
    }

    private void showFieldErrors() {
        Map<String, String> errs = vm.fieldErrors();
        Map<Label, StringBuilder> text = new HashMap<>();
        errorLabels.values().forEach(l -> text.put(l, new StringBuilder()));
        errs.forEach((key, msg) -> {
            Label l = errorLabels.get(key);
            if (l == null && key.startsWith("overrides.")) {
                l = overridesError;
            }
            if (l != null) {
                StringBuilder sb = text.computeIfAbsent(l, x -> new StringBuilder());
                sb.append(sb.length() > 0 ? " " : "").append(msg);
            }
        });
        text.forEach((l, sb) -> {
            l.setText(sb.toString());
            l.setManaged(sb.length() > 0);
            l.setVisible(sb.length() > 0);
        });
        documentsBox.getChildren().forEach(n -> {
            if (n.getUserData() instanceof Integer i) {
                Label err = (Label) ((VBox) n).getChildren().get(((VBox) n).getChildren().size() - 1);
                StringBuilder sb = new StringBuilder();
                errs.forEach((key, msg) -> {
                    if (key.startsWith("documents." + i + ".")) {
                        sb.append(sb.length() > 0 ? " " : "").append(msg);
                    }
                });
                err.setText(sb.toString());
                err.setManaged(sb.length() > 0);
                err.setVisible(sb.length() > 0);
            }
        });
    }

    private void buildOverrides() {
        overridesGrid.getChildren().clear();
        String[] heads = {"", "Included", "Rate", "Price", "Per / block", "Margin %"};
        for (int c = 0; c < heads.length; c++) {
            Label h = new Label(heads[c]);
            h.getStyleClass().add("field-label");
            overridesGrid.add(h, c, 0);
        }
        int row = 1;
        for (ContractForm.OverrideRow r : vm.form().overrides) {
            Label name = new Label(r.dimension.name());
            name.setMinWidth(110);
            overridesGrid.add(name, 0, row);
            TextField included = new TextField();
            included.setPromptText("as plan");
            included.setPrefColumnCount(9);
            included.textProperty().bindBidirectional(r.included);
            included.setId("included-" + r.dimension.code());
            onBlurValidate(included);
            overridesGrid.add(included, 1, row);
            if (r.dimension.metric()) {
                ComboBox<PricingModel> model = new ComboBox<>();
                model.getItems().setAll(PricingModel.PER_UNIT, PricingModel.PACKAGE, PricingModel.COST_PLUS, PricingModel.PER_GB_MONTH);
                model.setConverter(ContractsView.converter(m -> switch (m) {
                    case PER_UNIT -> "Per unit";
                    case PACKAGE -> "Per block";
                    case COST_PLUS -> "Cost plus";
                    case PER_GB_MONTH -> "Per GB-month";
                    case GRADUATED -> "Graduated";
                }));
                model.setPromptText("as plan");
                model.valueProperty().bindBidirectional(r.rate.model);
                model.setId("model-" + r.dimension.code());
                overridesGrid.add(model, 2, row);
                TextField price = new TextField();
                price.setPromptText("plan rate");
                price.setPrefColumnCount(7);
                price.textProperty().bindBidirectional(r.rate.price);
                price.setId("price-" + r.dimension.code());
                onBlurValidate(price);
                overridesGrid.add(price, 3, row);
                TextField size = new TextField();
                size.setPrefColumnCount(8);
                Runnable bindSize = () -> {
                    size.textProperty().unbindBidirectional(r.rate.block);
                    size.textProperty().unbindBidirectional(r.rate.per);
                    boolean block = r.rate.model.get() == PricingModel.PACKAGE;
                    size.textProperty().bindBidirectional(block ? r.rate.block : r.rate.per);
                    size.setPromptText(block ? "block size" : "per units");
                    size.setDisable(r.rate.model.get() == PricingModel.PER_GB_MONTH);
                };
                bindSize.run();
                r.rate.model.addListener((o, a, b) -> bindSize.run());
                size.setId("size-" + r.dimension.code());
                onBlurValidate(size);
                overridesGrid.add(size, 4, row);
                TextField margin = new TextField();
                margin.setPrefColumnCount(5);
                margin.textProperty().bindBidirectional(r.rate.margin);
                margin.disableProperty().bind(r.rate.model.isNotEqualTo(PricingModel.COST_PLUS));
                onBlurValidate(margin);
                overridesGrid.add(margin, 5, row);
            }
            row++;
        }
    }

    private void onBlurValidate(Node n) {
        n.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                vm.validate();
            }
        });
    }

    private void buildDocuments() {
        documentsBox.getChildren().clear();
        List<ContractForm.DocumentRow> docs = vm.form().documents;
        if (docs.isEmpty()) {
            Label none = new Label("No documents yet. Add the MSA, order form, DPA and (for health data) BAA as they are drafted, sent and signed.");
            none.getStyleClass().add(ConsoleStyles.MUTED);
            none.setWrapText(true);
            documentsBox.getChildren().add(none);
            return;
        }
        for (int i = 0; i < docs.size(); i++) {
            ContractForm.DocumentRow d = docs.get(i);
            ComboBox<ContractDocument.Kind> kind = new ComboBox<>();
            kind.getItems().setAll(ContractDocument.Kind.values());
            kind.valueProperty().bindBidirectional(d.kind);
            kind.setPrefWidth(120);
            kind.setId("doc-kind-" + i);
            ComboBox<ContractDocument.Status> status = new ComboBox<>();
            status.getItems().setAll(ContractDocument.Status.values());
            status.valueProperty().bindBidirectional(d.status);
            status.setPrefWidth(100);
            status.setId("doc-status-" + i);
            DatePicker signed = new DatePicker();
            signed.setConverter(com.antevus.console.core.Dates.pickerConverter());
            signed.setPromptText("signed on");
            signed.setPrefWidth(150);
            signed.valueProperty().bindBidirectional(d.signedOn);
            signed.setId("doc-signed-" + i);
            DatePicker expires = new DatePicker();
            expires.setConverter(com.antevus.console.core.Dates.pickerConverter());
            expires.setPromptText("expires on");
            expires.setPrefWidth(150);
            expires.valueProperty().bindBidirectional(d.expiresOn);
            TextField url = new TextField();
            url.setPromptText("link to the document");
            url.textProperty().bindBidirectional(d.url);
            HBox.setHgrow(url, Priority.ALWAYS);
            Button attach = new Button("Attach…");
            attach.setOnAction(e -> {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Attach the " + d.kind.get());
                File file = chooser.showOpenDialog(attach.getScene().getWindow());
                if (file != null) {
                    vm.attach(d, file.toPath());
                }
            });
            Button open = new Button("Open");
            open.disableProperty().bind(d.url.isEmpty().and(d.filePath.isEmpty()));
            open.setOnAction(e -> {
                if (!d.filePath.get().isBlank()) {
                    vm.checkFile(d, () -> Browser.open(new File(d.filePath.get()).toURI().toString()));
                } else {
                    Browser.open(d.url.get());
                }
            });
            Button remove = new Button("Remove");
            remove.getStyleClass().addAll(Styles.BUTTON_OUTLINED, Styles.DANGER);
            remove.setOnAction(e -> vm.removeDocument(d));
            for (Button b : List.of(attach, open, remove)) {
                b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
            Label signedLabel = new Label("signed");
            Label expiresLabel = new Label("expires");
            signedLabel.getStyleClass().add("field-label");
            expiresLabel.getStyleClass().add("field-label");
            HBox first = new HBox(6, kind, status, signedLabel, signed, expiresLabel, expires);
            first.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            HBox second = new HBox(6, url, attach, open, remove);
            second.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            VBox line = new VBox(4, first, second);
            line.getStyleClass().add("document-row");
            Label file = new Label();
            file.getStyleClass().add(ConsoleStyles.MUTED);
            file.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> d.filePath.get().isBlank() ? ""
                    : "File: " + d.filePath.get() + " · SHA-256 " + d.sha256.get(), d.filePath, d.sha256));
            file.managedProperty().bind(d.filePath.isNotEmpty());
            file.visibleProperty().bind(d.filePath.isNotEmpty());
            Label err = new Label();
            err.getStyleClass().add("field-error");
            err.setWrapText(true);
            err.setManaged(false);
            err.setVisible(false);
            for (Node n : List.of(status, signed, expires, kind)) {
                onBlurValidate(n);
            }
            d.status.addListener((o, a, b) -> vm.validate());
            VBox box = new VBox(2, line, file, err);
            box.setUserData(i);
            documentsBox.getChildren().add(box);
        }
        showFieldErrors();
    }

    private void showWarnings() {
        warningsBox.getChildren().setAll(vm.warnings().stream().map(w -> {
            Label l = new Label("⚠ " + w);
            l.getStyleClass().addAll(ConsoleStyles.TAG, ConsoleStyles.TAG_WARNING);
            l.setWrapText(true);
            return (Node) l;
        }).toList());
    }

    @FXML
    private void addDocument() {
        vm.addDocument();
    }

    @FXML
    private void save() {
        vm.save();
    }

    @FXML
    private void apply() {
        Contract k = vm.openedProperty().get();
        if (k == null || k.isNew()) {
            vm.apply(); // says why there is nothing to apply
            return;
        }
        if (dialogs.confirm(new com.antevus.console.core.DialogService.Confirmation("Apply the contract",
                "Put " + k.organizationName() + " on its contract from " + com.antevus.console.core.Dates.day(k.startsOn()) + ": "
                        + com.antevus.console.core.Money.of(k.annualValueMinor(), k.currency()).format() + " a year, billed "
                        + k.schedule().label().toLowerCase(java.util.Locale.ROOT) + ", net " + k.paymentTerms().days() + " days.",
                List.of("Its current subscription ends on " + com.antevus.console.core.Dates.day(k.startsOn()) + " and a yearly subscription on the contract plan "
                                + "begins, carrying its add-ons; entitlements follow the contract's quotas.",
                        "If it pays by a self-serve Stripe subscription, Stripe cancels that subscription now; the contract bills instead.",
                        "Any other active contract of the organization ends."),
                "Apply contract", null))) {
            vm.apply();
        } else {
            vm.declined("Apply the contract");
        }
    }

    @FXML
    private void revert() {
        vm.revert();
    }

    @FXML
    private void keepMine() {
        vm.keepMineAndSave();
    }

    @FXML
    private void takeTheirs() {
        vm.takeTheirs();
    }

    /** Focus on the organization, where a new contract starts. */
    void focusOrganization() {
        orgBox.requestFocus();
    }
}
