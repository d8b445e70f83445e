package com.antevus.console.catalog;

import com.antevus.console.core.Dates;
import java.time.YearMonth;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SearchableComboBox;

/**
 * Applying the chosen coupon to an organization: which one (searched by name), its subscription or one invoice, the
 * month it starts with, and why. Every change asks the database what applying would do (in a transaction it rolls
 * back), so the words under the form are the amounts applying will write, or the one sentence saying why it cannot;
 * Apply stays disabled until there is such a preview for what is typed.
 */
final class CouponApplyDialog {
    private final CouponsViewModel vm;
    private final CouponService.Coupon coupon;
    private final SearchableComboBox<CouponService.OrganizationChoice> organization = new SearchableComboBox<>();
    private final RadioButton subscription = new RadioButton();
    private final RadioButton invoice = new RadioButton("One invoice only");
    private final ComboBox<YearMonth> month = new ComboBox<>();
    private final TextField reason = new TextField();
    private final Label preview = new Label();
    private String previewed;
    private long asked;

    /** What the person asked for, with the words of its preview. */
    record Request(CouponService.OrganizationChoice organization, CouponService.Target target, YearMonth month, String reason, String words) {
    }

    CouponApplyDialog(CouponsViewModel vm, CouponService.Coupon coupon) {
        this.vm = vm;
        this.coupon = coupon;
    }

    Optional<Request> show(Node owner) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner.getScene().getWindow());
        d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        d.setTitle("Apply coupon");
        d.setHeaderText("Apply " + coupon.stripeId() + " (" + coupon.offWords() + " " + coupon.durationWords() + ") to an organization");
        ButtonType apply = new ButtonType("Review and apply…", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, apply);
        d.getDialogPane().setContent(content());
        d.getDialogPane().setPrefWidth(640);
        d.setResizable(true);
        Button ok = (Button) d.getDialogPane().lookupButton(apply);
        ok.setDisable(true);
        Runnable ask = () -> {
            previewed = null;
            ok.setDisable(true);
            CouponService.OrganizationChoice org = organization.getValue();
            if (org == null || month.getValue() == null || reason.getText() == null || reason.getText().isBlank()) {
                preview.setText("Choose the organization and the month, and say why: the words here then say what applying will do.");
                preview.getStyleClass().remove("error-text");
                return;
            }
            long mine = ++asked;
            preview.setText("Checking…");
            vm.preview(org.id(), target(), month.getValue(), reason.getText(), words -> {
                if (mine == asked) {
                    previewed = words;
                    d.getDialogPane().getScene().getWindow().sizeToScene();
                    preview.setText(words);
                    preview.getStyleClass().remove("error-text");
                    ok.setDisable(false);
                }
            }, refused -> {
                if (mine == asked) {
                    preview.setText(refused);
                    d.getDialogPane().getScene().getWindow().sizeToScene();
                    if (!preview.getStyleClass().contains("error-text")) {
                        preview.getStyleClass().add("error-text");
                    }
                }
            });
        };
        organization.valueProperty().addListener((o, a, b) -> ask.run());
        month.valueProperty().addListener((o, a, b) -> ask.run());
        subscription.selectedProperty().addListener((o, a, b) -> ask.run());
        reason.textProperty().addListener((o, a, b) -> ask.run());
        vm.organizations(list -> organization.getItems().setAll(list));
        ask.run();
        Optional<ButtonType> pressed = d.showAndWait();
        if (pressed.isEmpty() || pressed.get() != apply || previewed == null) {
            return Optional.empty();
        }
        return Optional.of(new Request(organization.getValue(), target(), month.getValue(), reason.getText().strip(), previewed));
    }

    private CouponService.Target target() {
        return subscription.isSelected() ? CouponService.Target.SUBSCRIPTION : CouponService.Target.INVOICE;
    }

    private Node content() {
        ToggleGroup g = new ToggleGroup();
        subscription.setToggleGroup(g);
        invoice.setToggleGroup(g);
        subscription.setText("The subscription, " + coupon.durationWords() + (coupon.duration().equals("once") ? " (its next invoice)" : ""));
        subscription.setSelected(true);
        month.getItems().setAll(vm.startMonths());
        month.setValue(vm.startMonths().get(1));
        month.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(YearMonth m) {
                return m == null ? "" : Dates.month(m);
            }

            @Override
            public YearMonth fromString(String s) {
                return null;
            }
        });
        organization.setPromptText("Search by name");
        organization.setMaxWidth(Double.MAX_VALUE);
        reason.setPromptText("Why (goes to the audit log)");
        preview.setWrapText(true);
        preview.setMinHeight(Label.USE_PREF_SIZE);
        preview.setPrefHeight(64); // three lines: the window is sized for the longest preview from the start
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Label.USE_PREF_SIZE);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, grow);
        form.addRow(0, label("Organization"), organization);
        form.addRow(1, label("Applies to"), new VBox(4, subscription, invoice));
        Label from = label("Starting with");
        subscription.selectedProperty().addListener((o, was, on) -> from.setText(on ? "Starting with" : "Invoice of"));
        form.addRow(2, from, month);
        form.addRow(3, label("Reason"), reason);
        return new VBox(12, form, preview);
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }
}
