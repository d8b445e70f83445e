package com.antevus.console.catalog;

import com.antevus.console.core.Columns;
import com.antevus.console.core.DialogService;
import com.antevus.console.core.Dates;
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

/** The Coupons tab of the plan catalog: the list, a new coupon's form, and the chosen coupon's promotion codes. */
public final class CouponsView {
    private final CouponsViewModel vm;
    private final DialogService dialogs;

    @FXML private TableView<CouponService.Coupon> table;
    @FXML private TableColumn<CouponService.Coupon, String> idColumn;
    @FXML private TableColumn<CouponService.Coupon, String> nameColumn;
    @FXML private TableColumn<CouponService.Coupon, String> offColumn;
    @FXML private TableColumn<CouponService.Coupon, String> limitsColumn;
    @FXML private TableColumn<CouponService.Coupon, String> redeemedColumn;
    @FXML private TableColumn<CouponService.Coupon, String> statusColumn;
    @FXML private TextField idField;
    @FXML private TextField nameField;
    @FXML private ComboBox<String> kindBox;
    @FXML private TextField offField;
    @FXML private ComboBox<String> durationBox;
    @FXML private TextField monthsField;
    @FXML private TextField redeemByField;
    @FXML private TextField maxField;
    @FXML private TextField reasonField;
    @FXML private Button createButton;
    @FXML private Label problemLabel;
    @FXML private Label codesTitle;
    @FXML private ListView<CouponService.Code> codeList;
    @FXML private TextField codeField;
    @FXML private Button addCodeButton;
    @FXML private TextField actionReasonField;
    @FXML private Button deactivateButton;
    @FXML private Button archiveButton;
    @FXML private Label appliedTitle;
    @FXML private ListView<CouponService.Application> appliedList;
    @FXML private Button applyButton;
    @FXML private Button removeButton;

    CouponsView(CouponsViewModel vm, DialogService dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        Columns.value(idColumn, CouponService.Coupon::stripeId);
        Columns.value(nameColumn, CouponService.Coupon::name);
        Columns.value(offColumn, k -> k.offWords() + " " + k.durationWords());
        // the last day it can be redeemed (redeem_by is the first instant it cannot)
        Columns.value(limitsColumn, k -> k.redeemBy() == null ? "any time" : Dates.day(k.redeemBy().minusSeconds(1)));
        Columns.value(redeemedColumn, k -> {
            var s = vm.stripe().get(k.stripeId());
            // redeemed at checkout (Stripe's count) and applied by staff here: both count toward the limit
            String used = s == null ? "—" : String.valueOf(s.timesRedeemed() + k.timesApplied());
            return k.maxRedemptions() == null ? used : used + " of " + k.maxRedemptions();
        });
        Columns.value(statusColumn, k -> {
            if (k.archived()) {
                return "archived";
            }
            var s = vm.stripe().get(k.stripeId());
            return s == null || s.valid() ? "valid" : "used up";
        });
        vm.stripe().addListener((javafx.collections.MapChangeListener<String, com.antevus.console.stripe.StripeModels.Coupon>) c -> table.refresh());
        table.setItems(vm.coupons());
        table.setPlaceholder(new Label("No coupons yet: create one below."));
        vm.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());
        // the list is read again after every change: the coupon chosen stays chosen
        java.util.UUID[] chosen = new java.util.UUID[1];
        table.getSelectionModel().selectedItemProperty().addListener((o, a, k) -> {
            if (k != null) {
                chosen[0] = k.id();
            }
        });
        vm.coupons().addListener((javafx.collections.ListChangeListener<CouponService.Coupon>) c -> {
            if (chosen[0] != null && table.getSelectionModel().getSelectedItem() == null) {
                vm.coupons().stream().filter(k -> k.id().equals(chosen[0])).findFirst().ifPresent(k -> table.getSelectionModel().select(k));
            }
        });
        idField.textProperty().bindBidirectional(vm.id);
        nameField.textProperty().bindBidirectional(vm.name);
        offField.textProperty().bindBidirectional(vm.off);
        monthsField.textProperty().bindBidirectional(vm.months);
        redeemByField.textProperty().bindBidirectional(vm.redeemBy);
        maxField.textProperty().bindBidirectional(vm.maxRedemptions);
        reasonField.textProperty().bindBidirectional(vm.reason);
        codeField.textProperty().bindBidirectional(vm.code);
        kindBox.getItems().setAll("percent", "amount");
        kindBox.setConverter(ConverterWords.of(k -> "percent".equals(k) ? "% off" : "$ off"));
        kindBox.valueProperty().bindBidirectional(vm.kind);
        durationBox.getItems().setAll("once", "repeating", "forever");
        durationBox.valueProperty().bindBidirectional(vm.duration);
        monthsField.disableProperty().bind(vm.duration.isNotEqualTo("repeating"));
        codeList.setItems(vm.codes());
        codeList.setPlaceholder(new Label("Choose a coupon to see its codes"));
        Columns.text(codeList, c -> c.code() + (c.active() ? "" : " · inactive") + (c.stripeId() == null ? " · not in Stripe" : ""), null);
        appliedList.setItems(vm.applications());
        appliedList.setPlaceholder(new Label("Choose a coupon first"));
        Columns.text(appliedList, a -> a.organizationName() + "\n" + (a.active() ? a.coversShort() : "Removed " + Dates.day(a.removedAt())
                + " · " + a.coversShort()), a -> a.coversWords() + ", applied by " + a.appliedBy() + " on " + Dates.day(a.appliedAt())
                + ": " + a.reason() + (a.active() ? "" : ". Removed by " + a.removedBy() + ": " + a.removedReason()));
        vm.selectedProperty().addListener((o, a, k) -> appliedTitle.setText(k == null ? "Applied to" : "Applied to · " + k.stripeId()));
        vm.selectedProperty().addListener((o, a, k) -> codeList.setPlaceholder(new Label(k == null ? "Choose a coupon to see its codes"
                : "No promotion codes yet")));
        vm.selectedProperty().addListener((o, a, k) -> appliedList.setPlaceholder(new Label(k == null ? "Choose a coupon first"
                : "Not applied to any organization")));
        vm.selectedProperty().addListener((o, a, k) -> codesTitle.setText(k == null ? "Promotion codes" : "Promotion codes · " + k.stripeId()));
        vm.problems().addListener((javafx.collections.MapChangeListener<String, String>) c -> showProblems());
        var mayNot = vm.writeNoteProperty().isNotEmpty();
        var none = vm.selectedProperty().isNull();
        var archived = Bindings.createBooleanBinding(() -> vm.selectedProperty().get() != null && vm.selectedProperty().get().archived(),
                vm.selectedProperty());
        createButton.disableProperty().bind(mayNot.or(vm.busyProperty()));
        addCodeButton.disableProperty().bind(mayNot.or(none).or(archived).or(vm.busyProperty()));
        archiveButton.disableProperty().bind(mayNot.or(none).or(archived).or(vm.busyProperty()));
        deactivateButton.disableProperty().bind(mayNot.or(vm.busyProperty()).or(Bindings.createBooleanBinding(
                () -> codeList.getSelectionModel().getSelectedItem() == null || !codeList.getSelectionModel().getSelectedItem().active(),
                codeList.getSelectionModel().selectedItemProperty())));
        applyButton.disableProperty().bind(mayNot.or(none).or(archived).or(vm.busyProperty()));
        removeButton.disableProperty().bind(mayNot.or(vm.busyProperty()).or(Bindings.createBooleanBinding(
                () -> appliedList.getSelectionModel().getSelectedItem() == null || !appliedList.getSelectionModel().getSelectedItem().active(),
                appliedList.getSelectionModel().selectedItemProperty())));
        com.antevus.console.core.ReadOnlyHints.explain(vm.writeNoteProperty(), createButton, addCodeButton, archiveButton, deactivateButton,
                applyButton, removeButton);
    }

    private void showProblems() {
        problemLabel.setText(vm.problems().isEmpty() ? "" : String.join(" ", vm.problems().values()));
        var danger = javafx.css.PseudoClass.getPseudoClass("danger");
        idField.pseudoClassStateChanged(danger, vm.problems().containsKey("id"));
        nameField.pseudoClassStateChanged(danger, vm.problems().containsKey("name"));
        offField.pseudoClassStateChanged(danger, vm.problems().containsKey("off"));
        monthsField.pseudoClassStateChanged(danger, vm.problems().containsKey("months"));
        redeemByField.pseudoClassStateChanged(danger, vm.problems().containsKey("redeemBy"));
        maxField.pseudoClassStateChanged(danger, vm.problems().containsKey("maxRedemptions"));
    }

    @FXML
    private void create() {
        CouponService.Draft d = vm.typed();
        if (d == null) {
            return;
        }
        String off = d.percentOff() != null ? d.percentOff().stripTrailingZeros().toPlainString() + "% off"
                : com.antevus.console.core.Money.of(d.amountOffMinor(), d.currency()).format() + " off";
        if (dialogs.confirm(new DialogService.Confirmation("Create coupon", "Create coupon " + d.stripeId() + " in Stripe: " + off + ", "
                + ("repeating".equals(d.duration()) ? "for " + d.months() + " months" : d.duration()) + ".",
                List.of("It can then be applied to a subscription or an invoice, or redeemed at checkout with a promotion code."),
                "Create coupon", null))) {
            vm.create();
        } else {
            vm.declined("Create coupon");
        }
    }

    @FXML
    private void addCode() {
        vm.createCode(reason());
    }

    @FXML
    private void deactivate() {
        CouponService.Code c = codeList.getSelectionModel().getSelectedItem();
        if (c != null) {
            vm.deactivate(c, reason());
        }
    }

    @FXML
    private void archive() {
        CouponService.Coupon k = vm.selectedProperty().get();
        if (k != null && dialogs.confirm(new DialogService.Confirmation("Archive coupon", "Archive coupon " + k.stripeId() + " ("
                        + k.offWords() + ").", List.of("Stripe deletes it: it can no longer be applied, and its promotion codes stop working.",
                        "Discounts already applied to subscriptions and invoices stay."), "Archive coupon", null))) {
            vm.archive(reason());
        }
    }

    @FXML
    private void apply() {
        CouponService.Coupon k = vm.selectedProperty().get();
        if (k == null) {
            return;
        }
        new CouponApplyDialog(vm, k).show(applyButton).ifPresent(r -> {
            if (dialogs.confirm(new DialogService.Confirmation("Apply coupon", r.words(), List.of("Reason: " + r.reason() + ".",
                    "Removing it later stops it for months not drafted yet; invoiced months stay as billed."), "Apply coupon", null))) {
                vm.apply(r.organization().id(), r.target(), r.month(), r.reason());
            } else {
                vm.declined("Apply coupon");
            }
        });
    }

    @FXML
    private void removeApplication() {
        CouponService.Application a = appliedList.getSelectionModel().getSelectedItem();
        if (a == null) {
            return;
        }
        String why = reason();
        if (why == null) {
            vm.refuse("Give a reason in the Reason field first; it goes to the audit log with the change.");
            return;
        }
        if (dialogs.confirm(new DialogService.Confirmation("Remove coupon", "Remove " + a.couponStripeId() + " (" + a.offWords() + ") from "
                + a.organizationName() + ".", List.of("Months not drafted yet are no longer discounted.",
                "Drafts that already carry its line keep it until edited; invoiced months stay as billed."), "Remove coupon", null))) {
            vm.removeApplication(a, why);
        }
    }

    private String reason() {
        return actionReasonField.getText() == null || actionReasonField.getText().isBlank() ? null : actionReasonField.getText().strip();
    }

    /** A combo box's words for its values. */
    private static final class ConverterWords {
        static javafx.util.StringConverter<String> of(java.util.function.Function<String, String> words) {
            return new javafx.util.StringConverter<>() {
                @Override
                public String toString(String s) {
                    return s == null ? "" : words.apply(s);
                }

                @Override
                public String fromString(String s) {
                    return null;
                }
            };
        }
    }
}
