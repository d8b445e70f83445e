package com.antevus.console.core;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** The live-mode confirmation: a dialog whose OK button works only once the word is typed exactly. */
public final class TypedConfirmDialog implements LiveConfirmation {
    @Override
    public boolean confirm(String action, String word) {
        Alert alert = new Alert(Alert.AlertType.WARNING, "", ButtonType.CANCEL, ButtonType.OK);
        alert.setTitle("Live Stripe: confirm");
        alert.setHeaderText("This moves real money.");
        TextField typed = new TextField();
        typed.setPromptText(word);
        Label what = new Label(action + "\n\nType " + word + " to go ahead.");
        what.setWrapText(true);
        VBox box = new VBox(10, what, typed);
        box.setPrefWidth(420);
        alert.getDialogPane().setContent(box);
        alert.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(typed.textProperty().isNotEqualTo(word));
        typed.requestFocus();
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent() && word.equals(typed.getText());
    }
}
