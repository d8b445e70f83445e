package com.antevus.console.invoicing;

import com.antevus.console.core.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The credit note form for one finalized invoice: which lines and how much of each (or an amount of its own), the
 * reason and a note, and where what exceeds the amount owed goes. Every edit re-plans it; the preview says in words
 * and amounts what it will do, the first problem shows under the form, and Issue stays disabled until there is none.
 */
final class CreditNoteDialog {
    private final CreditNoteService.Context ctx;
    private final String currency;
    private final List<CheckBox> picks = new ArrayList<>();
    private final List<TextField> amounts = new ArrayList<>();
    private final TextField otherDescription = new TextField();
    private final TextField otherAmount = new TextField();
    private final ComboBox<String> reason = new ComboBox<>();
    private final TextField note = new TextField();
    private final RadioButton toBalance = new RadioButton("Credit the customer's balance (spent by their next invoice)");
    private final RadioButton outOfBand = new RadioButton("Refunded outside Stripe (wire, check)");
    private final Label preview = new Label();
    private final Label problem = new Label();
    private final VBox settlementBox;
    private CreditNoteService.Request request;
    private CreditNoteService.Plan plan;

    CreditNoteDialog(CreditNoteService.Context ctx) {
        this.ctx = ctx;
        this.currency = ctx.currency();
        ToggleGroup g = new ToggleGroup();
        toBalance.setToggleGroup(g);
        outOfBand.setToggleGroup(g);
        toBalance.setSelected(true);
        Label settleLabel = new Label("Beyond what is owed");
        settleLabel.getStyleClass().add("field-label");
        settlementBox = new VBox(4, settleLabel, toBalance, outOfBand);
    }

    /** Shows the form; the request to issue when the person pressed Issue with a plan that has no problem. */
    Optional<Result> show(Node owner, String title) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner.getScene().getWindow());
        d.setTitle(title);
        d.setHeaderText("Credit " + ctx.invoice().organizationName() + "'s invoice " + ctx.invoice().number() + " ("
                + m(ctx.invoice().totalMinor()) + ", " + m(ctx.owedMinor()) + " still owed"
                + (ctx.invoice().creditedMinor() > 0 ? ", " + m(ctx.invoice().creditedMinor()) + " already credited" : "") + ")");
        ButtonType issue = new ButtonType("Review and issue…", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, issue);
        d.getDialogPane().setContent(content());
        d.getDialogPane().setPrefWidth(760);
        d.setResizable(true);
        Button ok = (Button) d.getDialogPane().lookupButton(issue);
        Runnable replan = () -> {
            replan();
            ok.setDisable(plan == null || !plan.ok());
        };
        picks.forEach(c -> c.selectedProperty().addListener((o, a, b) -> replan.run()));
        amounts.forEach(t -> t.textProperty().addListener((o, a, b) -> replan.run()));
        for (TextField t : List.of(otherDescription, otherAmount, note)) {
            t.textProperty().addListener((o, a, b) -> replan.run());
        }
        reason.valueProperty().addListener((o, a, b) -> replan.run());
        toBalance.selectedProperty().addListener((o, a, b) -> replan.run());
        replan.run();
        Optional<ButtonType> pressed = d.showAndWait();
        if (pressed.isEmpty() || pressed.get() != issue || plan == null || !plan.ok()) {
            return Optional.empty();
        }
        return Optional.of(new Result(request, plan));
    }

    record Result(CreditNoteService.Request request, CreditNoteService.Plan plan) {
    }

    private Node content() {
        GridPane lines = new GridPane();
        lines.setHgap(10);
        lines.setVgap(6);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        lines.getColumnConstraints().addAll(grow, new ColumnConstraints(), new ColumnConstraints(130));
        int row = 0;
        for (CreditNoteService.InvoiceLine l : ctx.lines()) {
            CheckBox pick = new CheckBox(l.lineNo() + ". " + l.description());
            pick.setWrapText(true);
            pick.setMaxWidth(Double.MAX_VALUE);
            TextField amount = new TextField(Money.of(Math.max(0, l.creditableMinor()), currency).toMajor().toPlainString());
            amount.setPrefColumnCount(9);
            amount.disableProperty().bind(pick.selectedProperty().not());
            Label of = new Label("of " + m(l.amountMinor()) + (l.creditedMinor() > 0 ? " (" + m(l.creditedMinor()) + " credited)" : ""));
            of.getStyleClass().add("muted");
            of.setMinWidth(Label.USE_PREF_SIZE);
            if (l.creditableMinor() <= 0) {
                pick.setDisable(true);
            }
            lines.addRow(row++, pick, amount, of);
            picks.add(pick);
            amounts.add(amount);
        }
        otherDescription.setPromptText("Or an amount of its own: description");
        otherAmount.setPromptText("Amount");
        otherAmount.setPrefColumnCount(9);
        lines.addRow(row, otherDescription, otherAmount);
        ScrollPane scroll = new ScrollPane(lines);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(Math.min(280, 48.0 * (ctx.lines().size() + 1)));
        scroll.getStyleClass().add("edge-to-edge");

        reason.getItems().setAll(CreditNoteService.REASONS.values());
        reason.setValue(CreditNoteService.REASONS.get("order_change"));
        note.setPromptText("Why (shown on the credit note, kept in the audit log)");
        HBox.setHgrow(note, Priority.ALWAYS);
        Label reasonLabel = new Label("Reason");
        reasonLabel.getStyleClass().add("field-label");
        HBox why = new HBox(8, reasonLabel, reason, note);
        why.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        preview.setWrapText(true);
        preview.getStyleClass().add("preview-sentence");
        preview.setMinHeight(Label.USE_PREF_SIZE);
        preview.setMaxWidth(Double.MAX_VALUE);
        problem.setWrapText(true);
        problem.setMinHeight(Label.USE_PREF_SIZE);
        problem.getStyleClass().add("error-text");
        VBox box = new VBox(10, scroll, why, settlementBox, preview, problem);
        box.setMinWidth(720);
        box.setPrefWidth(720);
        box.setPadding(new Insets(4, 0, 0, 0));
        return box;
    }

    private void replan() {
        List<CreditNoteService.LineCredit> credits = new ArrayList<>();
        String bad = null;
        for (int i = 0; i < picks.size(); i++) {
            if (!picks.get(i).isSelected()) {
                continue;
            }
            CreditNoteService.InvoiceLine l = ctx.lines().get(i);
            Long a = parse(amounts.get(i).getText());
            if (a == null) {
                bad = "Line " + l.lineNo() + ": enter an amount such as 150.00.";
                continue;
            }
            credits.add(new CreditNoteService.LineCredit(l.lineNo(), l.description(), a));
        }
        if (otherAmount.getText() != null && !otherAmount.getText().isBlank()) {
            Long a = parse(otherAmount.getText());
            if (a == null) {
                bad = "The amount of its own: enter an amount such as 150.00.";
            } else {
                credits.add(new CreditNoteService.LineCredit(null, otherDescription.getText() == null ? "" : otherDescription.getText().strip(), a));
            }
        }
        String code = CreditNoteService.REASONS.entrySet().stream().filter(e -> e.getValue().equals(reason.getValue()))
                .map(java.util.Map.Entry::getKey).findFirst().orElse(null);
        request = new CreditNoteService.Request(ctx.invoice().invoiceId(), credits, code, note.getText(),
                toBalance.isSelected() ? CreditNoteService.Settlement.CUSTOMER_BALANCE : CreditNoteService.Settlement.OUT_OF_BAND);
        plan = ctx.plan(request);
        boolean beyond = plan.amountMinor() > plan.owedBeforeMinor();
        settlementBox.setDisable(!beyond);
        if (bad != null) {
            plan = null;
            problem.setText(bad);
            preview.setText("");
            return;
        }
        preview.setText(plan.amountMinor() > 0 ? plan.words() : "Choose lines to credit, or an amount of its own.");
        // nothing chosen yet is not a mistake: the problems show once something is credited
        problem.setText(plan.ok() || plan.amountMinor() == 0 ? "" : plan.problems().get(0).message());
    }

    private Long parse(String text) {
        try {
            return Money.parseMajor(text, currency);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String m(long minor) {
        return Money.of(minor, currency).format();
    }
}
