package com.antevus.console.invoicing;

import com.antevus.console.core.Browser;
import com.antevus.console.core.Columns;
import com.antevus.console.core.Money;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/** The draft tab: one organization's invoice, its lines and their editor, its Stripe steps, mark paid and void. */
public final class DraftView {
    private final DraftViewModel vm;
    private final InvoiceDialogs ask;
    private String baseMeta = "";

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
    @FXML private ListView<CreditNoteService.Note> creditNoteList;
    @FXML private Button issueCreditButton;
    @FXML private Button voidCreditButton;

    DraftView(InvoicesViewModel section, InvoiceDialogs ask) {
        this.vm = section.draft();
        this.ask = ask;
    }

    @FXML
    private void initialize() {
        Columns.value(lineNoColumn, l -> String.valueOf(l.lineNo()));
        Columns.value(lineKindColumn, l -> l.kind().replace('_', ' '));
        Columns.value(lineDescColumn, DraftLine::description);
        Columns.value(lineRatedColumn, l -> l.ratedAmountMinor() == null ? "—" : Money.of(l.ratedAmountMinor(), currency()).format());
        Columns.value(lineAmountColumn, l -> Money.of(l.amountMinor(), currency()).format());
        Columns.value(lineReasonColumn, l -> l.adjustmentReason() == null ? "" : l.adjustmentReason());
        linesTable.setItems(vm.lines());
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
        vm.lines().addListener((javafx.collections.ListChangeListener<DraftLine>) c -> updateTotal());
        vm.creditNotes().addListener((javafx.collections.ListChangeListener<CreditNoteService.Note>) c -> updateTotal());
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
        saveDraftButton.disableProperty().bind(editable.not().or(vm.dirtyProperty().not()).or(vm.busyProperty()));
        revertDraftButton.disableProperty().bind(vm.dirtyProperty().not());
        discardDraftButton.disableProperty().bind(editable.not().or(vm.busyProperty()));
        createInStripeButton.disableProperty().bind(noDraft.or(mayNot).or(vm.dirtyProperty()).or(vm.busyProperty()).or(Bindings.createBooleanBinding(
                () -> vm.draftProperty().get() != null && "sent".equals(vm.draftProperty().get().journalState()), vm.draftProperty())));
        hostedButton.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.draftProperty().get() == null
                || vm.draftProperty().get().hostedInvoiceUrl() == null, vm.draftProperty()));
        markPaidButton.disableProperty().bind(open.not().or(vm.busyProperty()));
        voidButton.disableProperty().bind(open.not().or(vm.busyProperty()));
        creditNoteList.setItems(vm.creditNotes());
        creditNoteList.setPlaceholder(new Label("None"));
        creditNoteList.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(CreditNoteService.Note n, boolean empty) {
                super.updateItem(n, empty);
                if (empty || n == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText((n.number() == null ? "planned" : n.number()) + " · " + Money.of(n.amountMinor(), n.currency()).format()
                        + (n.state().equals("issued") ? "" : " · " + n.state()));
                setTooltip(new javafx.scene.control.Tooltip(n.reasonWords() + ": " + n.note() + "\n" + n.settledWords()
                        + (n.voidReason() == null ? "" : "\nVoided: " + n.voidReason())));
            }
        });
        var creditable = Bindings.createBooleanBinding(() -> vm.creditNotesAvailable() && vm.draftProperty().get() != null
                && vm.draftProperty().get().inStripe() && java.util.Set.of("open", "paid").contains(vm.draftProperty().get().status())
                && !vm.readOnly(), vm.draftProperty(), vm.readOnlyNoteProperty());
        issueCreditButton.disableProperty().bind(creditable.not().or(vm.busyProperty()));
        voidCreditButton.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            CreditNoteService.Note n = creditNoteList.getSelectionModel().getSelectedItem();
            return n == null || !"issued".equals(n.state()) || vm.readOnly();
        }, creditNoteList.getSelectionModel().selectedItemProperty(), vm.readOnlyNoteProperty()).or(vm.busyProperty()));
        com.antevus.console.core.ReadOnlyHints.explain(vm.readOnlyNoteProperty(), issueCreditButton);
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
        baseMeta = ("Kind " + d.kind() + " · net " + d.daysUntilDue() + " days" + (d.dueDate() == null ? "" : ", due " + com.antevus.console.core.Dates.day(d.dueDate()))
                + " · billed to " + d.billingEmail() + (d.stripeCustomerId() == null ? " · no Stripe customer yet" : " · " + d.stripeCustomerId())
                + (d.lastError() == null ? "" : "\nLast attempt failed: " + d.lastError())
                + (d.editable() ? "" : "\nIn Stripe: lines can no longer change (credit or void it to correct it)."));
        draftMeta.setText(baseMeta);
        updateTotal();
    }

    private void updateTotal() {
        long credited = vm.creditNotes().stream().filter(n -> "issued".equals(n.state())).mapToLong(CreditNoteService.Note::amountMinor).sum();
        draftTotal.setText(vm.draftProperty().get() == null ? "" : "Total " + Money.of(vm.total(), currency()).format());
        long notes = vm.creditNotes().stream().filter(n -> "issued".equals(n.state())).count();
        if (vm.draftProperty().get() != null) {
            draftMeta.setText(baseMeta + (credited == 0 ? "" : "\nCredited " + Money.of(credited, currency()).format() + " by " + notes
                    + (notes == 1 ? " credit note" : " credit notes") + " (see In Stripe)."));
        }
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
        vm.save(saveReasonField.getText());
    }

    @FXML
    private void revertDraft() {
        vm.revert();
    }

    @FXML
    private void discardDraft() {
        vm.discard(saveReasonField.getText() == null || saveReasonField.getText().isBlank() ? "Draft discarded" : saveReasonField.getText());
    }

    @FXML
    private void createInStripe() {
        InvoiceDraft d = vm.draftProperty().get();
        if (d == null) {
            return;
        }
        java.util.Optional<String> early = d.inStripe() ? java.util.Optional.of("") : ask.closeEarlyReason(createInStripeButton, d.period());
        if (early.isEmpty()) {
            return;
        }
        if (ask.confirmed("Create the invoice in Stripe", "Create, finalize and send " + d.organizationName() + "'s invoice for "
                        + InvoiceSteps.periodText(d.period()) + ": " + Money.of(d.subtotalMinor(), d.currency()).format() + ".",
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
        if (d != null && ask.confirmed("Mark paid", "Record " + d.organizationName() + "'s invoice " + d.number() + " as paid in full: "
                        + Money.of(d.subtotalMinor(), d.currency()).format() + " by " + methodBox.getValue() + ".",
                List.of("Stripe marks the invoice paid out of band; no card is charged and no money moves.",
                        "Reference: " + (referenceField.getText() == null || referenceField.getText().isBlank() ? "(none given)" : referenceField.getText().strip()) + "."),
                "Mark paid", "PAID")) {
            vm.markPaid(methodBox.getValue(), referenceField.getText(), actionReasonField.getText());
        }
    }

    @FXML
    private void issueCreditNote() {
        InvoiceDraft d = vm.draftProperty().get();
        if (d == null) {
            return;
        }
        vm.prepareCreditNote(ctx -> new CreditNoteDialog(ctx).show(issueCreditButton, "Credit note").ifPresent(r -> {
            CreditNoteService.Plan p = r.plan();
            if (ask.confirmed("Issue the credit note", p.words(), List.of(
                            "Reason: " + CreditNoteService.REASONS.get(r.request().reason()) + ". Note: " + r.request().note().strip() + ".",
                            "Stripe issues it against invoice " + p.invoiceNumber() + "; it can be voided later, which undoes it."),
                    "Issue credit note", "CREDIT")) {
                vm.issueCreditNote(r.request());
            }
        }));
    }

    @FXML
    private void voidCreditNote() {
        CreditNoteService.Note n = creditNoteList.getSelectionModel().getSelectedItem();
        String reason = actionReasonField.getText();
        if (n == null) {
            return;
        }
        if (reason == null || reason.isBlank()) {
            vm.refuse("Give a reason in the Reason field first; it goes to the audit log with the void.");
            return;
        }
        if (ask.confirmed("Void credit note", "Void credit note " + n.number() + " for " + Money.of(n.amountMinor(), n.currency()).format()
                        + " on invoice " + n.invoiceNumber() + ".",
                List.of("Stripe reverses it: " + n.settledWords() + " is undone.", "A void cannot be undone; issue a new credit note if needed."),
                "Void credit note", "VOID")) {
            vm.voidCreditNote(n, reason);
        }
    }

    @FXML
    private void voidInvoice() {
        InvoiceDraft d = vm.draftProperty().get();
        if (d != null && ask.confirmed("Void invoice", "Void " + d.organizationName() + "'s invoice " + d.number() + " for "
                        + Money.of(d.subtotalMinor(), d.currency()).format() + ".",
                List.of("Stripe voids the invoice: the customer no longer owes it, and its page says so.",
                        "A void cannot be undone; bill the period again with a new draft if it was a mistake."),
                "Void invoice", "VOID")) {
            vm.voidInvoice(actionReasonField.getText());
        }
    }
}
