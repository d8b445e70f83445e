package com.antevus.console.contracts;

import atlantafx.base.theme.Styles;
import com.antevus.console.core.ConsoleStyles;
import java.util.List;
import javafx.collections.ListChangeListener;
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
import javafx.scene.layout.VBox;

/**
 * The contract editor: the terms, warnings, a save conflict, save and apply; the included amounts and rates
 * ({@link ContractOverridesView}) and the documents ({@link ContractDocumentsView}) are components of their own.
 */
public final class ContractEditorView implements com.antevus.console.core.ViewLoader.Composed {
    private final ContractEditorViewModel vm;
    private final com.antevus.console.core.DialogService dialogs;

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
    @FXML private VBox warningsBox;
    @FXML private VBox conflictCard;
    @FXML private VBox conflictLinesBox;
    @FXML private Button keepMineButton;
    @FXML private Button takeTheirsButton;
    @FXML private TextField reasonField;
    @FXML private Button saveButton;
    @FXML private Button applyButton;
    @FXML private Button revertButton;

    private final ContractOverridesView overrides;
    private final ContractDocumentsView documents;

    ContractEditorView(ContractsViewModel section, com.antevus.console.core.DialogService dialogs) {
        this.vm = section.editor();
        this.dialogs = dialogs;
        this.overrides = new ContractOverridesView(section);
        this.documents = new ContractDocumentsView(section);
    }

    @Override
    public List<Object> parts() {
        return List.of(overrides, documents);
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
        // documents, which are lists, are components that show their own
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
        validateOnBlur(vm, node);
    }

    /** The form is checked when {@code n} loses focus. */
    static void validateOnBlur(ContractEditorViewModel vm, Node n) {
        n.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                vm.validate();
            }
        });
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
