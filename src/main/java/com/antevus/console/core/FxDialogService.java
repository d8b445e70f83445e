package com.antevus.console.core;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** The window's confirmations: one dialog with what will happen, the go-ahead button named for the action. */
public final class FxDialogService implements DialogService {
    @Override
    public boolean confirm(Confirmation c) {
        Alert alert = alert(c);
        ButtonType go = alert.getButtonTypes().get(1);
        TextField typed = (TextField) alert.getDialogPane().lookup("#typedWord");
        boolean yes = alert.showAndWait().filter(b -> b == go).isPresent();
        return yes && (c.typedWord() == null || c.typedWord().equals(typed.getText()));
    }

    /**
     * The confirmation's dialog, ready to show: Cancel first and the default, the action second (disabled in live mode
     * until the word is typed, into the field {@code #typedWord}).
     */
    public Alert alert(Confirmation c) {
        ButtonType go = new ButtonType(c.actionLabel(), ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(c.typedWord() == null ? Alert.AlertType.CONFIRMATION : Alert.AlertType.WARNING, "", ButtonType.CANCEL, go);
        alert.setTitle(c.title());
        alert.setHeaderText(c.summary());
        VBox box = new VBox(8);
        box.setPrefWidth(480);
        for (String line : c.details()) {
            Label l = new Label("• " + line);
            l.setWrapText(true);
            box.getChildren().add(l);
        }
        TextField typed = new TextField();
        typed.setId("typedWord");
        if (c.typedWord() != null) {
            Label ask = new Label("Live Stripe: this moves real money. Type " + c.typedWord() + " to go ahead.");
            ask.setWrapText(true);
            typed.setPromptText(c.typedWord());
            box.getChildren().addAll(ask, typed);
            alert.getDialogPane().lookupButton(go).disableProperty().bind(typed.textProperty().isNotEqualTo(c.typedWord()));
        }
        alert.getDialogPane().setContent(box);
        // owned by the console's window, with its stylesheet (the light or dark theme is the application's own)
        javafx.stage.Window.getWindows().stream().filter(javafx.stage.Window::isFocused).findFirst().ifPresent(owner -> {
            alert.initOwner(owner);
            if (owner.getScene() != null) {
                alert.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
            }
        });
        // the safe choice is the default: Enter cancels, the action needs its own button
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(go)).setDefaultButton(false);
        return alert;
    }
}
