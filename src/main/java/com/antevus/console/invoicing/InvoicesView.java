package com.antevus.console.invoicing;

import com.antevus.console.core.Columns;
import com.antevus.console.core.Browser;
import com.antevus.console.core.DialogService;
import com.antevus.console.core.Money;
import com.antevus.console.core.StripeMode;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** The Invoices section: period review, a draft, invoice runs, Stripe events and dunning, reconciliation. */
public final class InvoicesView {
    private final InvoicesViewModel vm;

    @FXML private ComboBox<YearMonth> periodBox;
    @FXML private Label messageLabel;
    @FXML private Label errorLabel;
    @FXML private TabPane tabs;
    @FXML private Tab reviewTab;
    @FXML private Tab draftTab;
    @FXML private Tab runTab;
    @FXML private Tab eventsTab;
    @FXML private Tab reconTab;
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
    @FXML private Label draftTitle;
    @FXML private Label draftStatus;
    @FXML private Label draftTotal;
    @FXML private Label draftMeta;
    @FXML private TableView<DraftLine> linesTable;
    @FXML private TableColumn<DraftLine, String> lineNoColumn;
    @FXML private TableColumn<DraftLine, String> lineKindColumn;
    @FXML private TableColumn<DraftLine, String> lineDescColumn;
    @FXML private TableColumn<DraftLine, String> lineRatedColumn;
    @FXML private TableColumn<DraftLine, String> lineAmountColumn;
    @FXML private TableColumn<DraftLine, String> lineReasonColumn;
    @FXML private TextField lineDescField;
    @FXML private TextField lineAmountField;
    @FXML private TextField lineReasonField;
    @FXML private Button applyLineButton;
    @FXML private Button addLineButton;
    @FXML private Button removeLineButton;
    @FXML private Label lineError;
    @FXML private TextField saveReasonField;
    @FXML private Button saveDraftButton;
    @FXML private Button revertDraftButton;
    @FXML private Button discardDraftButton;
    @FXML private ListView<String> stepList;
    @FXML private Button createInStripeButton;
    @FXML private Button hostedButton;
    @FXML private ComboBox<String> methodBox;
    @FXML private TextField referenceField;
    @FXML private TextField actionReasonField;
    @FXML private Button markPaidButton;
    @FXML private Button voidButton;
    @FXML private CheckBox onlyShownBox;
    @FXML private Button dryRunButton;
    @FXML private Button startRunButton;
    @FXML private Button pauseButton;
    @FXML private Button cancelButton;
    @FXML private ProgressBar runBar;
    @FXML private Label runStatusLabel;
    @FXML private ListView<String> runLogList;
    @FXML private TableView<InvoicingService.RunRecord> runsTable;
    @FXML private TableColumn<InvoicingService.RunRecord, String> runStartedColumn;
    @FXML private TableColumn<InvoicingService.RunRecord, String> runPeriodColumn;
    @FXML private TableColumn<InvoicingService.RunRecord, String> runStatusColumn;
    @FXML private TableColumn<InvoicingService.RunRecord, String> runCountsColumn;
    @FXML private TableColumn<InvoicingService.RunRecord, String> runByColumn;
    @FXML private Button syncButton;
    @FXML private Button replayButton;
    @FXML private TableView<StripeEventSync.EventRow> eventsTable;
    @FXML private TableColumn<StripeEventSync.EventRow, String> eventTimeColumn;
    @FXML private TableColumn<StripeEventSync.EventRow, String> eventTypeColumn;
    @FXML private TableColumn<StripeEventSync.EventRow, String> eventOrgColumn;
    @FXML private TableColumn<StripeEventSync.EventRow, String> eventStatusColumn;
    @FXML private TableColumn<StripeEventSync.EventRow, String> eventErrorColumn;
    @FXML private TableView<Reconciliation.DunningRow> dunningTable;
    @FXML private TableColumn<Reconciliation.DunningRow, String> dunOrgColumn;
    @FXML private TableColumn<Reconciliation.DunningRow, String> dunNumberColumn;
    @FXML private TableColumn<Reconciliation.DunningRow, String> dunDueColumn;
    @FXML private TableColumn<Reconciliation.DunningRow, Long> dunDaysColumn;
    @FXML private TableColumn<Reconciliation.DunningRow, String> dunAmountColumn;
    @FXML private TableColumn<Reconciliation.DunningRow, String> dunStateColumn;
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

    /** For view tests: every confirmation is accepted (tests that check a dialog's words pass their own). */
    public InvoicesView(InvoicesViewModel vm) {
        this(vm, StripeMode.SANDBOX, c -> true);
    }

    /** @param mode where Stripe calls go; in LIVE, confirmations also ask for a word to be typed */
    public InvoicesView(InvoicesViewModel vm, StripeMode mode, DialogService dialogs) {
        this.vm = vm;
        this.mode = mode;
        this.dialogs = dialogs;
    }

    private final StripeMode mode;
    private final DialogService dialogs;

    /** Asks before a consequential action; says so when the person backs out. */
    private boolean confirmed(String title, String summary, List<String> details, String action, String liveWord) {
        if (dialogs.confirm(new DialogService.Confirmation(title, summary, details, action, null).typedIn(mode, liveWord))) {
            return true;
        }
        vm.declined(title);
        return false;
    }



    private static String money(long minor, String currency) {
        return Money.of(minor, currency).format();
    }

    @FXML
    private void initialize() {
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.managedProperty().bind(vm.errorProperty().isNotEmpty());
        messageLabel.textProperty().bind(vm.messageProperty());
        periodBox.getItems().setAll(vm.periods());
        periodBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(YearMonth m) {
                return m == null ? "" : InvoiceSteps.periodText(m);
            }

            @Override
            public YearMonth fromString(String s) {
                return null;
            }
        });
        periodBox.setValue(vm.periodProperty().get());
        periodBox.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.periodProperty().set(b);
                vm.loadReview();
            }
        });
        initReview();
        initDraft();
        initRun();
        initEvents();
        initRecon();
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b == eventsTab) {
                vm.loadEvents();
            } else if (b == runTab) {
                vm.loadRuns();
            }
        });
    }

    private void initReview() {
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
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("anomaly"), !empty && r != null && !r.anomalies().isEmpty());
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("settled"), !empty && r != null && !r.needsInvoicing());
            }
        });
        reviewTable.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openDraft();
            }
        });
        Label reviewPlaceholder = new Label();
        reviewPlaceholder.textProperty().bind(Bindings.when(vm.busyProperty()).then("Loading the period's ratings…")
                .otherwise("No organization matches the search and filters."));
        reviewTable.setPlaceholder(reviewPlaceholder);
        reviewSummaryLabel.textProperty().bind(vm.reviewSummaryProperty());
        openDraftButton.disableProperty().bind(reviewTable.getSelectionModel().selectedItemProperty().isNull().or(vm.busyProperty()));
        for (CheckBox b : List.of(toInvoiceBox, overQuotaBox, academicBox, enterpriseBox, noCustomerBox, anomaliesBox)) {
            b.selectedProperty().addListener((o, x, y) -> updateFilter());
        }
        searchField.textProperty().addListener((o, x, y) -> updateFilter());
        amountField.textProperty().addListener((o, x, y) -> updateFilter());
    }

    private void updateFilter() {
        Long above = null;
        amountField.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), false);
        String text = amountField.getText() == null ? "" : amountField.getText().strip();
        if (!text.isEmpty()) {
            try {
                above = Money.parseMajor(text, currency());
            } catch (IllegalArgumentException e) {
                amountField.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), true);
            }
        }
        vm.filterProperty().set(new ReviewFilter(overQuotaBox.isSelected(), academicBox.isSelected(), enterpriseBox.isSelected(),
                noCustomerBox.isSelected(), anomaliesBox.isSelected(), toInvoiceBox.isSelected(), above, searchField.getText()));
    }

    @FXML
    private void openDraft() {
        vm.openDraft(reviewTable.getSelectionModel().getSelectedItem(), () -> tabs.getSelectionModel().select(draftTab));
    }

    @FXML
    private void toRun() {
        tabs.getSelectionModel().select(runTab);
    }

    // ---- draft ----------------------------------------------------------------------------------------------
    private void initDraft() {
        Columns.value(lineNoColumn, l -> String.valueOf(l.lineNo()));
        Columns.value(lineKindColumn, l -> l.kind().replace('_', ' '));
        Columns.value(lineDescColumn, DraftLine::description);
        Columns.value(lineRatedColumn, l -> l.ratedAmountMinor() == null ? "—" : money(l.ratedAmountMinor(), currency()));
        Columns.value(lineAmountColumn, l -> money(l.amountMinor(), currency()));
        Columns.value(lineReasonColumn, l -> l.adjustmentReason() == null ? "" : l.adjustmentReason());
        linesTable.setItems(vm.draftLines());
        linesTable.setPlaceholder(new Label("Open a draft from the period review (double-click an organization)."));
        // the forms are the view model's state, so they follow the draft they belong to
        lineDescField.textProperty().bindBidirectional(vm.lineDescriptionProperty());
        lineAmountField.textProperty().bindBidirectional(vm.lineAmountProperty());
        lineReasonField.textProperty().bindBidirectional(vm.lineReasonProperty());
        saveReasonField.textProperty().bindBidirectional(vm.saveReasonProperty());
        referenceField.textProperty().bindBidirectional(vm.paymentReferenceProperty());
        actionReasonField.textProperty().bindBidirectional(vm.actionReasonProperty());
        linesTable.getSelectionModel().selectedItemProperty().addListener((o, a, l) -> {
            lineError.setText("");
            if (l != null) {
                vm.lineDescriptionProperty().set(l.description());
                vm.lineAmountProperty().set(Money.of(l.amountMinor(), currency()).toMajor().toPlainString());
                vm.lineReasonProperty().set(l.adjustmentReason() == null ? "" : l.adjustmentReason());
            }
        });
        vm.draftProperty().addListener((o, a, d) -> {
            if (a == null || d == null || !a.invoiceId().equals(d.invoiceId())) {
                lineError.setText("");
                lineReasonField.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), false);
            }
            showDraft(d);
        });
        vm.draftLines().addListener((javafx.collections.ListChangeListener<DraftLine>) c -> updateTotal());
        stepList.setItems(vm.stepLog());
        stepList.setPlaceholder(new Label("Not in Stripe yet"));
        methodBox.getItems().setAll("wire", "ach", "check", "other");
        methodBox.setValue("wire");
        var noDraft = vm.draftProperty().isNull();
        // a role that may only read invoices sees the draft, its changing controls disabled with the reason on hover
        var mayNot = vm.readOnlyNoteProperty().isNotEmpty();
        var editable = Bindings.createBooleanBinding(() -> vm.draftProperty().get() != null && vm.draftProperty().get().editable()
                && !vm.readOnly(), vm.draftProperty(), vm.readOnlyNoteProperty());
        var open = Bindings.createBooleanBinding(() -> vm.draftProperty().get() != null && vm.draftProperty().get().inStripe()
                && "open".equals(vm.draftProperty().get().status()) && !vm.readOnly(), vm.draftProperty(), vm.readOnlyNoteProperty());
        com.antevus.console.core.ReadOnlyHints.explain(vm.readOnlyNoteProperty(), applyLineButton, saveDraftButton, createInStripeButton,
                markPaidButton);
        for (Button b : List.of(applyLineButton, addLineButton, removeLineButton)) {
            b.disableProperty().bind(editable.not().or(vm.busyProperty()));
        }
        saveDraftButton.disableProperty().bind(editable.not().or(vm.draftDirtyProperty().not()).or(vm.busyProperty()));
        revertDraftButton.disableProperty().bind(vm.draftDirtyProperty().not());
        discardDraftButton.disableProperty().bind(editable.not().or(vm.busyProperty()));
        createInStripeButton.disableProperty().bind(noDraft.or(mayNot).or(vm.draftDirtyProperty()).or(vm.busyProperty()).or(Bindings.createBooleanBinding(
                () -> vm.draftProperty().get() != null && "sent".equals(vm.draftProperty().get().journalState()), vm.draftProperty())));
        hostedButton.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.draftProperty().get() == null
                || vm.draftProperty().get().hostedInvoiceUrl() == null, vm.draftProperty()));
        markPaidButton.disableProperty().bind(open.not().or(vm.busyProperty()));
        voidButton.disableProperty().bind(open.not().or(vm.busyProperty()));
        showDraft(null);
    }

    private String currency() {
        InvoiceDraft d = vm.draftProperty().get();
        return d == null ? "USD" : d.currency();
    }

    private void showDraft(InvoiceDraft d) {
        if (d == null) {
            draftTitle.setText("No draft open");
            draftStatus.setText("");
            draftStatus.setVisible(false);
            draftMeta.setText("Double-click an organization in the period review to open or create its draft.");
            draftTotal.setText("");
            return;
        }
        draftTitle.setText(d.organizationName() + " · " + InvoiceSteps.periodText(d.period()));
        draftStatus.setVisible(true);
        draftStatus.setText(d.number() == null ? d.status() : d.status() + " · " + d.number());
        draftStatus.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("success"), "paid".equals(d.status()));
        draftStatus.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("warning"), "draft".equals(d.status()));
        draftMeta.setText("Kind " + d.kind() + " · net " + d.daysUntilDue() + " days" + (d.dueDate() == null ? "" : ", due " + com.antevus.console.core.Dates.day(d.dueDate()))
                + " · billed to " + d.billingEmail() + (d.stripeCustomerId() == null ? " · no Stripe customer yet" : " · " + d.stripeCustomerId())
                + (d.lastError() == null ? "" : "\nLast attempt failed: " + d.lastError())
                + (d.editable() ? "" : "\nIn Stripe: lines can no longer change (void it and draft again to correct it)."));
        updateTotal();
    }

    private void updateTotal() {
        draftTotal.setText(vm.draftProperty().get() == null ? "" : "Total " + money(vm.draftTotal(), currency()));
    }

    private Long amountEntered() {
        try {
            return Money.parseMajor(lineAmountField.getText(), currency());
        } catch (IllegalArgumentException e) {
            lineError.setText(e.getMessage().startsWith("more decimals") ? "At most " + Money.digits(currency()) + " decimals."
                    : "Enter an amount such as 1500.00 (negative for a credit).");
            return null;
        }
    }

    @FXML
    private void applyLine() {
        DraftLine l = linesTable.getSelectionModel().getSelectedItem();
        if (l == null) {
            lineError.setText("Choose a line first.");
            return;
        }
        Long amount = amountEntered();
        if (amount == null) {
            return;
        }
        String reason = lineReasonField.getText() == null || lineReasonField.getText().isBlank() ? null : lineReasonField.getText().strip();
        DraftLine changed = new DraftLine(l.lineNo(), l.kind(), lineDescField.getText(), l.metric(), l.quantity(), amount, l.ratedAmountMinor(), reason,
                l.adjustsPeriod());
        List<InvoicingService.LineProblem> problems = InvoicingService.validate(List.of(changed)).stream()
                .filter(p -> p.lineNo() == changed.lineNo()).toList();
        if (!problems.isEmpty()) {
            lineError.setText(problems.get(0).message());
            lineReasonField.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"),
                    problems.stream().anyMatch(p -> p.field().equals("reason")));
            return;
        }
        lineReasonField.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), false);
        lineError.setText("");
        vm.putLine(changed);
    }

    @FXML
    private void addLine() {
        Long amount = amountEntered();
        if (amount == null) {
            return;
        }
        DraftLine added = new DraftLine(vm.nextLineNo(), "one_off", lineDescField.getText() == null ? "" : lineDescField.getText().strip(),
                null, 1, amount, null, lineReasonField.getText());
        List<InvoicingService.LineProblem> problems = InvoicingService.validate(List.of(added));
        if (!problems.isEmpty()) {
            lineError.setText(problems.get(0).message());
            return;
        }
        lineError.setText("");
        vm.putLine(added);
        vm.clearLineForm(); // one click, one line: the form does not offer the same line again
    }

    @FXML
    private void removeLine() {
        DraftLine l = linesTable.getSelectionModel().getSelectedItem();
        if (l != null) {
            vm.removeLine(l);
        }
    }

    @FXML
    private void saveDraft() {
        vm.saveDraft(saveReasonField.getText());
    }

    @FXML
    private void revertDraft() {
        vm.revertDraft();
    }

    @FXML
    private void discardDraft() {
        vm.discardDraft(saveReasonField.getText() == null || saveReasonField.getText().isBlank() ? "Draft discarded" : saveReasonField.getText());
    }

    @FXML
    private void createInStripe() {
        InvoiceDraft d = vm.draftProperty().get();
        if (d == null) {
            return;
        }
        java.util.Optional<String> early = d.inStripe() ? java.util.Optional.of("") : closeEarlyReason(d.period());
        if (early.isEmpty()) {
            return;
        }
        if (confirmed("Create the invoice in Stripe", "Create, finalize and send " + d.organizationName() + "'s invoice for "
                        + InvoiceSteps.periodText(d.period()) + ": " + money(d.subtotalMinor(), d.currency()) + ".",
                List.of("Stripe creates the invoice with " + d.lines().size() + (d.lines().size() == 1 ? " line" : " lines")
                                + ", finalizes it and e-mails it to " + d.billingEmail() + ".",
                        "Once finalized its lines can no longer change; correcting it means voiding it."),
                "Create and send", "FINALIZE")) {
            vm.createInStripe(early.get().isEmpty() ? null : early.get());
        }
    }

    @FXML
    private void openHosted() {
        InvoiceDraft d = vm.draftProperty().get();
        if (d != null && !Browser.open(d.hostedInvoiceUrl())) {
            vm.say("Hosted invoice page: " + d.hostedInvoiceUrl());
        }
    }

    @FXML
    private void markPaid() {
        InvoiceDraft d = vm.draftProperty().get();
        if (d != null && confirmed("Mark paid", "Record " + d.organizationName() + "'s invoice " + d.number() + " as paid in full: "
                        + money(d.subtotalMinor(), d.currency()) + " by " + methodBox.getValue() + ".",
                List.of("Stripe marks the invoice paid out of band; no card is charged and no money moves.",
                        "Reference: " + (referenceField.getText() == null || referenceField.getText().isBlank() ? "(none given)" : referenceField.getText().strip()) + "."),
                "Mark paid", "PAID")) {
            vm.markPaid(methodBox.getValue(), referenceField.getText(), actionReasonField.getText());
        }
    }

    @FXML
    private void voidInvoice() {
        InvoiceDraft d = vm.draftProperty().get();
        if (d != null && confirmed("Void invoice", "Void " + d.organizationName() + "'s invoice " + d.number() + " for "
                        + money(d.subtotalMinor(), d.currency()) + ".",
                List.of("Stripe voids the invoice: the customer no longer owes it, and its page says so.",
                        "A void cannot be undone; bill the period again with a new draft if it was a mistake."),
                "Void invoice", "VOID")) {
            vm.voidInvoice(actionReasonField.getText());
        }
    }

    // ---- runs -----------------------------------------------------------------------------------------------
    private void initRun() {
        runBar.progressProperty().bind(vm.runProgressProperty());
        runStatusLabel.textProperty().bind(vm.runStatusProperty());
        runLogList.setItems(vm.runLog());
        runLogList.setPlaceholder(new Label("A dry run lists what would be created; a run shows each invoice as it is sent."));
        var mayNot = vm.readOnlyNoteProperty().isNotEmpty();
        dryRunButton.disableProperty().bind(vm.runningProperty().or(vm.busyProperty()));
        startRunButton.disableProperty().bind(vm.runningProperty().or(vm.busyProperty()).or(mayNot));
        com.antevus.console.core.ReadOnlyHints.explain(vm.readOnlyNoteProperty(), startRunButton);
        pauseButton.disableProperty().bind(vm.runningProperty().not());
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        pauseButton.textProperty().bind(Bindings.when(vm.pausedProperty()).then("Resume").otherwise("Pause"));
        Columns.value(runStartedColumn, r -> com.antevus.console.core.Dates.minute(r.startedAt()));
        Columns.value(runPeriodColumn, r -> r.period().getMonth().getDisplayName(TextStyle.SHORT, Locale.US) + " " + r.period().getYear());
        Columns.value(runStatusColumn, InvoicingService.RunRecord::status);
        Columns.value(runCountsColumn, r -> r.sent() + " / " + r.pending());
        Columns.value(runByColumn, InvoicingService.RunRecord::startedBy);
        runsTable.setItems(vm.runs());
        runsTable.setPlaceholder(new Label("No invoice runs yet."));
    }

    private List<UUID> scope() {
        return onlyShownBox.isSelected() ? vm.rows().stream().map(ReviewRow::organizationId).toList() : List.of();
    }

    @FXML
    private void dryRun() {
        vm.dryRun(scope());
    }

    @FXML
    private void startRun() {
        String period = vm.periodProperty().get().toString();
        java.util.Optional<String> early = closeEarlyReason(vm.periodProperty().get());
        if (early.isEmpty()) {
            return;
        }
        long[] in = vm.runScope(scope());
        String currency = vm.rows().isEmpty() ? "USD" : vm.rows().get(0).currency();
        if (confirmed("Invoice run", String.format("Invoice %s: %,d %s for %s.", InvoiceSteps.periodText(vm.periodProperty().get()), in[0],
                        in[0] == 1 ? "organization" : "organizations", money(in[1], currency)),
                List.of("Each invoice is created in Stripe, finalized and e-mailed to the organization's billing address.",
                        "Drafts already in Stripe resume where they stopped; nothing is billed twice.",
                        early.get().isEmpty() ? "The month is over and its grace has passed." : "Closed early: " + early.get()),
                "Start the run", "RUN " + period)) {
            vm.startRun(scope(), early.get().isEmpty() ? null : early.get());
        }
    }

    /**
     * Empty when the person backed out; "" when the month may be billed as it is; otherwise the reason they gave to
     * close a month that is not over (or still within its grace for late usage). A month that has not begun is refused.
     */
    private java.util.Optional<String> closeEarlyReason(java.time.YearMonth period) {
        String never = vm.notBillable(period, true);
        if (never != null) {
            vm.refuse(never);
            return java.util.Optional.empty();
        }
        String notYet = vm.notBillable(period, false);
        if (notYet == null) {
            return java.util.Optional.of("");
        }
        TextInputDialog ask = new TextInputDialog();
        ask.initOwner(startRunButton.getScene().getWindow());
        ask.setTitle("Close " + InvoiceSteps.periodText(period) + " early");
        ask.setHeaderText(notYet.replace(" Nothing was created.", "").replace("; nothing was created.", "."));
        ask.setContentText("Why bill it now? (kept in the audit log)");
        Button ok = (Button) ask.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK);
        ok.setText("Close early and bill");
        ok.disableProperty().bind(Bindings.createBooleanBinding(() -> ask.getEditor().getText() == null
                || ask.getEditor().getText().codePoints().filter(Character::isLetter).count() < 3, ask.getEditor().textProperty()));
        return ask.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    @FXML
    private void pauseRun() {
        vm.pauseOrResume();
    }

    @FXML
    private void cancelRun() {
        vm.cancelRun();
    }

    // ---- events and dunning -----------------------------------------------------------------------------------
    private void initEvents() {
        Columns.value(eventTimeColumn, e -> com.antevus.console.core.Dates.minute(e.createdAt()));
        Columns.value(eventTypeColumn, StripeEventSync.EventRow::type);
        Columns.value(eventOrgColumn, e -> e.organizationName() == null ? "" : e.organizationName());
        Columns.value(eventStatusColumn, StripeEventSync.EventRow::status);
        Columns.value(eventErrorColumn, e -> e.error() == null ? "" : e.error());
        eventsTable.setItems(vm.eventRows());
        eventsTable.setPlaceholder(new Label("No events yet: Sync from Stripe pulls them."));
        replayButton.disableProperty().bind(eventsTable.getSelectionModel().selectedItemProperty().isNull()
                .or(vm.readOnlyNoteProperty().isNotEmpty()));
        syncButton.disableProperty().bind(vm.busyProperty().or(vm.readOnlyNoteProperty().isNotEmpty()));
        com.antevus.console.core.ReadOnlyHints.explain(vm.readOnlyNoteProperty(), syncButton);
        Columns.value(dunOrgColumn, Reconciliation.DunningRow::organizationName);
        Columns.value(dunNumberColumn, d -> d.number() == null ? "" : d.number());
        Columns.value(dunDueColumn, d -> com.antevus.console.core.Dates.day(d.dueDate()));
        Columns.value(dunDaysColumn, Reconciliation.DunningRow::daysOverdue);
        Columns.value(dunAmountColumn, d -> money(d.dueMinor(), d.currency()));
        Columns.value(dunStateColumn, d -> d.pastGrace() ? "Past grace (" + d.graceDays() + " days)" : "Within grace (" + d.graceDays() + " days)");
        dunningTable.setItems(vm.dunningRows());
        dunningTable.setPlaceholder(new Label("Nothing is past due."));
        dunningTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Reconciliation.DunningRow r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("anomaly"), !empty && r != null && r.pastGrace());
            }
        });
    }

    @FXML
    private void sync() {
        vm.syncEvents();
    }

    @FXML
    private void replay() {
        vm.replay(eventsTable.getSelectionModel().getSelectedItem());
    }

    // ---- reconciliation -----------------------------------------------------------------------------------------
    private void initRecon() {
        Columns.value(recOrgColumn, Reconciliation.Row::organizationName);
        Columns.value(recNumberColumn, r -> r.number() == null ? "" : r.number());
        Columns.money(recRatedColumn, Reconciliation.Row::ratedMinor, Reconciliation.Row::currency);
        Columns.money(recLocalColumn, Reconciliation.Row::localMinor, Reconciliation.Row::currency);
        Columns.money(recStripeColumn, Reconciliation.Row::stripeMinor, Reconciliation.Row::currency);
        Columns.value(recStatusColumn, r -> (r.localStatus() == null ? "—" : r.localStatus()) + " / " + (r.stripeStatus() == null ? "—" : r.stripeStatus()));
        Columns.value(recProblemColumn, r -> r.problem() == null ? "Agrees" : r.problem());
        reconTable.setItems(vm.reconRows());
        reconTable.setPlaceholder(new Label("Reconcile compares the period's rating, invoices and Stripe's invoice lines."));
        reconTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Reconciliation.Row r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("anomaly"), !empty && r != null && !r.matches());
            }
        });
        onlyDiffBox.selectedProperty().bindBidirectional(vm.onlyDifferencesProperty());
        reconSummaryLabel.textProperty().bind(vm.reconSummaryProperty());
        reconcileButton.disableProperty().bind(vm.busyProperty());
        reconExportButton.disableProperty().bind(Bindings.isEmpty(vm.reconRows()).and(vm.reconSummaryProperty().isEmpty()));
    }

    @FXML
    private void reconcile() {
        vm.reconcile();
    }

    @FXML
    private void exportRecon() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the reconciliation");
        chooser.setInitialFileName("reconciliation-" + vm.periodProperty().get() + ".csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        java.io.File f = chooser.showSaveDialog(reconTable.getScene().getWindow());
        if (f != null) {
            vm.exportReconciliation(Path.of(f.getPath()));
        }
    }

    /** Right-click on a row offers the organization's page. */
    public void onOpenOrganization(java.util.function.Consumer<java.util.UUID> open) {
        com.antevus.console.core.TableMenus.openOrganization(reviewTable, ReviewRow::organizationId, open);
    }
}
