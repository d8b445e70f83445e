package com.antevus.console.invoicing;

import com.antevus.console.core.DialogService;
import com.antevus.console.core.StripeMode;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;

/** The questions the Invoices tabs ask before they bill: a confirmation in words and amounts, and why a month closes early. */
final class InvoiceDialogs {
    private final InvoicesViewModel section;
    private final StripeMode mode;
    private final DialogService dialogs;

    InvoiceDialogs(InvoicesViewModel section, StripeMode mode, DialogService dialogs) {
        this.section = section;
        this.mode = mode;
        this.dialogs = dialogs;
    }

    /** Asks before a consequential action (in LIVE also for a typed word); says so when the person backs out. */
    boolean confirmed(String title, String summary, List<String> details, String action, String liveWord) {
        if (dialogs.confirm(new DialogService.Confirmation(title, summary, details, action, null).typedIn(mode, liveWord))) {
            return true;
        }
        section.declined(title);
        return false;
    }

    /**
     * Empty when the person backed out; "" when the month may be billed as it is; otherwise the reason they gave to
     * close a month that is not over (or still within its grace for late usage). A month that has not begun is refused.
     */
    Optional<String> closeEarlyReason(Node owner, YearMonth period) {
        String never = section.notBillable(period, true);
        if (never != null) {
            section.refuse(never);
            return Optional.empty();
        }
        String notYet = section.notBillable(period, false);
        if (notYet == null) {
            return Optional.of("");
        }
        TextInputDialog ask = new TextInputDialog();
        ask.initOwner(owner.getScene().getWindow());
        ask.setTitle("Close " + InvoiceSteps.periodText(period) + " early");
        ask.setHeaderText(notYet.replace(" Nothing was created.", "").replace("; nothing was created.", "."));
        ask.setContentText("Why bill it now? (kept in the audit log)");
        Button ok = (Button) ask.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Close early and bill");
        ok.disableProperty().bind(Bindings.createBooleanBinding(() -> ask.getEditor().getText() == null
                || ask.getEditor().getText().codePoints().filter(Character::isLetter).count() < 3, ask.getEditor().textProperty()));
        return ask.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }
}
