package com.antevus.console.orgs;

import com.antevus.console.credits.CreditLedger;

import com.antevus.console.access.AuditWords;
import com.antevus.console.core.Columns;
import com.antevus.console.core.ConsoleStyles;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;

/**
 * One organization's page, the hub its records hang from: plan, status, MRR and badges above; subscription and
 * entitlements, invoices, contract and documents, verifications and its activity one tab each, so every record is at
 * most two clicks away.
 */
public final class OrganizationPageView {
    private final OrganizationPageViewModel vm;
    private final Runnable back;

    @FXML private Hyperlink backLink;
    @FXML private Label nameLabel;
    @FXML private FlowPane badges;
    @FXML private Label factsLabel;
    @FXML private Label errorLabel;
    @FXML private TabPane tabs;
    @FXML private Label subscriptionLabel;
    @FXML private TableView<OrganizationProfile.Entitlement> entitlementsTable;
    @FXML private TableColumn<OrganizationProfile.Entitlement, String> resourceColumn;
    @FXML private TableColumn<OrganizationProfile.Entitlement, String> limitColumn;
    @FXML private TableColumn<OrganizationProfile.Entitlement, String> usedColumn;
    @FXML private TableColumn<OrganizationProfile.Entitlement, String> shareColumn;
    @FXML private TableView<OrganizationProfile.Invoice> invoicesTable;
    @FXML private TableColumn<OrganizationProfile.Invoice, String> invNumberColumn;
    @FXML private TableColumn<OrganizationProfile.Invoice, String> invPeriodColumn;
    @FXML private TableColumn<OrganizationProfile.Invoice, String> invKindColumn;
    @FXML private TableColumn<OrganizationProfile.Invoice, String> invStatusColumn;
    @FXML private TableColumn<OrganizationProfile.Invoice, String> invTotalColumn;
    @FXML private TableColumn<OrganizationProfile.Invoice, String> invBalanceColumn;
    @FXML private TableColumn<OrganizationProfile.Invoice, String> invCreditedColumn;
    @FXML private TableColumn<OrganizationProfile.Invoice, String> invDueColumn;
    @FXML private TableView<OrganizationProfile.Contract> contractsTable;
    @FXML private TableColumn<OrganizationProfile.Contract, String> ctStatusColumn;
    @FXML private TableColumn<OrganizationProfile.Contract, String> ctValueColumn;
    @FXML private TableColumn<OrganizationProfile.Contract, String> ctScheduleColumn;
    @FXML private TableColumn<OrganizationProfile.Contract, String> ctTermsColumn;
    @FXML private TableColumn<OrganizationProfile.Contract, String> ctStartsColumn;
    @FXML private TableColumn<OrganizationProfile.Contract, String> ctEndsColumn;
    @FXML private TableView<OrganizationProfile.Document> documentsTable;
    @FXML private TableColumn<OrganizationProfile.Document, String> docKindColumn;
    @FXML private TableColumn<OrganizationProfile.Document, String> docStatusColumn;
    @FXML private TableColumn<OrganizationProfile.Document, String> docSignedColumn;
    @FXML private TableColumn<OrganizationProfile.Document, String> docExpiresColumn;
    @FXML private TableView<OrganizationProfile.Verification> verificationsTable;
    @FXML private TableColumn<OrganizationProfile.Verification, String> verRequesterColumn;
    @FXML private TableColumn<OrganizationProfile.Verification, String> verMethodColumn;
    @FXML private TableColumn<OrganizationProfile.Verification, String> verStatusColumn;
    @FXML private TableColumn<OrganizationProfile.Verification, String> verSubmittedColumn;
    @FXML private TableColumn<OrganizationProfile.Verification, String> verDecidedColumn;
    @FXML private Label creditsLabel;
    @FXML private Label creditsLowBadge;
    @FXML private Label creditsNote;
    @FXML private javafx.scene.layout.HBox creditsForm;
    @FXML private javafx.scene.control.ComboBox<CreditLedger.Bucket> creditKindBox;
    @FXML private javafx.scene.control.TextField creditAmountField;
    @FXML private javafx.scene.control.DatePicker creditExpiresPicker;
    @FXML private javafx.scene.control.TextField creditReasonField;
    @FXML private javafx.scene.control.Button recordCreditsButton;
    @FXML private javafx.scene.layout.HBox salesForm;
    @FXML private javafx.scene.control.ComboBox<com.antevus.console.credits.CreditService.CreditProduct> productBox;
    @FXML private javafx.scene.control.TextField saleReasonField;
    @FXML private javafx.scene.control.Button sellButton;
    @FXML private Label creditsMessage;
    @FXML private TableView<CreditLedger.Entry> ledgerTable;
    @FXML private TableColumn<CreditLedger.Entry, String> ledWhenColumn;
    @FXML private TableColumn<CreditLedger.Entry, String> ledEntryColumn;
    @FXML private TableColumn<CreditLedger.Entry, String> ledKindColumn;
    @FXML private TableColumn<CreditLedger.Entry, String> ledCreditsColumn;
    @FXML private TableColumn<CreditLedger.Entry, String> ledLeftColumn;
    @FXML private TableColumn<CreditLedger.Entry, String> ledExpiresColumn;
    @FXML private TableColumn<CreditLedger.Entry, String> ledReasonColumn;
    private java.util.Map<java.util.UUID, CreditLedger.Lot> lots = java.util.Map.of();
    @FXML private javafx.scene.control.Tab creditsTab;
    @FXML private TableView<OrganizationProfile.Change> activityTable;
    @FXML private TableColumn<OrganizationProfile.Change, String> actWhenColumn;
    @FXML private TableColumn<OrganizationProfile.Change, String> actUserColumn;
    @FXML private TableColumn<OrganizationProfile.Change, String> actWhatColumn;
    @FXML private TableColumn<OrganizationProfile.Change, String> actWhyColumn;

    private final com.antevus.console.core.DialogService dialogs;

    /** @param back returns to the list the page was opened from; every confirmation is accepted (view tests) */
    public OrganizationPageView(OrganizationPageViewModel vm, Runnable back) {
        this(vm, back, c -> true);
    }

    /** @param dialogs asks before credits are granted or taken */
    public OrganizationPageView(OrganizationPageViewModel vm, Runnable back, com.antevus.console.core.DialogService dialogs) {
        this.vm = vm;
        this.back = back;
        this.dialogs = dialogs;
    }

    private static String day(LocalDate d) {
        return d == null ? "—" : com.antevus.console.core.Dates.day(d);
    }

    private static String words(String snake) {
        return snake == null ? "—" : snake.replace('_', ' ');
    }

    @FXML
    private void initialize() {
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.managedProperty().bind(vm.errorProperty().isNotEmpty());
        Columns.value(resourceColumn, OrganizationProfile.Entitlement::resource);
        Columns.value(limitColumn, e -> e.limit() == null ? "unlimited" : String.format("%,d", e.limit()));
        Columns.value(usedColumn, e -> String.format("%,d", e.used()));
        Columns.value(shareColumn, e -> e.limit() == null || e.limit() == 0 ? "—" : Math.round(100.0 * e.used() / e.limit()) + "%");
        Columns.value(invNumberColumn, i -> i.number() == null ? "draft" : i.number());
        Columns.value(invPeriodColumn, i -> i.periodStart() == null ? "—"
                : YearMonth.from(i.periodStart()).getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + i.periodStart().getYear());
        Columns.value(invKindColumn, i -> words(i.kind()));
        Columns.value(invStatusColumn, OrganizationProfile.Invoice::status);
        Columns.value(invTotalColumn, i -> i.total().format());
        Columns.value(invBalanceColumn, i -> i.balance().minor() == 0 ? "—" : i.balance().format());
        Columns.value(invDueColumn, i -> day(i.due()));
        Columns.value(invCreditedColumn, i -> i.credited().minor() == 0 ? "—" : i.credited().format());
        Columns.value(ctStatusColumn, OrganizationProfile.Contract::status);
        Columns.value(ctValueColumn, k -> k.annualValue().format());
        Columns.value(ctScheduleColumn, k -> words(k.schedule()));
        Columns.value(ctTermsColumn, k -> k.paymentTerms() == null ? "—" : AuditWords.paymentTerms(k.paymentTerms()));
        Columns.value(ctStartsColumn, k -> day(k.startsOn()));
        Columns.value(ctEndsColumn, k -> day(k.endsOn()));
        Columns.value(docKindColumn, d -> switch (d.kind()) {
            case "msa" -> "Master services agreement";
            case "order_form" -> "Order form";
            case "dpa" -> "Data processing agreement";
            case "baa" -> "Business associate agreement";
            default -> words(d.kind());
        });
        Columns.value(docStatusColumn, OrganizationProfile.Document::status);
        Columns.value(docSignedColumn, d -> day(d.signedOn()));
        Columns.value(docExpiresColumn, d -> day(d.expiresOn()));
        Columns.value(verRequesterColumn, v -> v.requester());
        Columns.value(verMethodColumn, v -> words(v.method()));
        Columns.value(verStatusColumn, v -> words(v.status()));
        Columns.value(verSubmittedColumn, v -> com.antevus.console.core.Dates.day(v.submittedAt()));
        Columns.value(verDecidedColumn, v -> v.decidedBy() == null ? "—" : v.decidedBy());
        Columns.value(actWhenColumn, c -> com.antevus.console.core.Dates.second(c.at()));
        Columns.value(actUserColumn, OrganizationProfile.Change::user);
        Columns.value(actWhatColumn, c -> AuditWords.table(c.table()) + " " + AuditWords.operation(c.operation()).toLowerCase(Locale.ROOT));
        Columns.value(actWhyColumn, c -> c.reason() == null ? "" : c.reason());
        Columns.value(ledWhenColumn, e -> com.antevus.console.core.Dates.minute(e.effectiveAt()));
        Columns.value(ledEntryColumn, e -> switch (e.kind()) {
            case GRANT -> "Granted";
            case CONSUMPTION -> "Used";
            case EXPIRY -> "Expired";
            case ADJUSTMENT -> e.credits() > 0 ? "Added" : "Taken";
        });
        Columns.value(ledKindColumn, e -> e.bucket().db());
        Columns.value(ledCreditsColumn, e -> String.format(Locale.US, "%+,d", e.credits()));
        Columns.value(ledLeftColumn, e -> e.opensLot() && lots.containsKey(e.id()) ? String.format(Locale.US, "%,d", lots.get(e.id()).remaining()) : "");
        Columns.value(ledExpiresColumn, e -> e.expiresAt() == null ? (e.opensLot() ? "never" : "") : com.antevus.console.core.Dates.day(e.expiresAt()));
        Columns.value(ledReasonColumn, CreditLedger.Entry::reason);
        ledgerTable.setPlaceholder(new Label("No credits: this organization has never been granted any."));
        creditsLowBadge.getStyleClass().addAll(ConsoleStyles.TAG, ConsoleStyles.TAG_WARNING);
        creditsForm.setVisible(vm.canRecordCredits());
        creditsForm.setManaged(vm.canRecordCredits());
        creditKindBox.getItems().setAll(CreditLedger.Bucket.values());
        creditKindBox.setValue(CreditLedger.Bucket.PURCHASED);
        creditKindBox.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(CreditLedger.Bucket b) {
                return b == null ? "" : switch (b) {
                    case PURCHASED -> "Purchased";
                    case SUBSCRIPTION -> "This month's allocation";
                    case PROMOTIONAL -> "Promotional";
                };
            }

            @Override
            public CreditLedger.Bucket fromString(String s) {
                return null;
            }
        });
        creditExpiresPicker.setConverter(com.antevus.console.core.Dates.pickerConverter());
        creditExpiresPicker.disableProperty().bind(creditKindBox.valueProperty().isNotEqualTo(CreditLedger.Bucket.PROMOTIONAL));
        creditKindBox.valueProperty().addListener((o, a, b) -> {
            if (b != CreditLedger.Bucket.PROMOTIONAL) {
                creditExpiresPicker.setValue(null);
            }
        });
        com.antevus.console.core.FieldDecorations marks = new com.antevus.console.core.FieldDecorations(vm.creditErrors());
        marks.field("credits", creditAmountField);
        marks.field("expires", creditExpiresPicker);
        marks.field("reason", creditReasonField);
        recordCreditsButton.disableProperty().bind(vm.busyProperty().or(vm.creditsNoteProperty().isNotEmpty()));
        com.antevus.console.core.ReadOnlyHints.explain(vm.creditsNoteProperty(), recordCreditsButton);
        salesForm.setVisible(vm.canSellCredits());
        salesForm.setManaged(vm.canSellCredits());
        if (vm.canSellCredits()) {
            productBox.setItems(vm.products());
        }
        productBox.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(com.antevus.console.credits.CreditService.CreditProduct p) {
                return p == null ? "" : p.name() + " for " + com.antevus.console.core.Money.of(p.priceMinor(), p.currency()).format();
            }

            @Override
            public com.antevus.console.credits.CreditService.CreditProduct fromString(String s) {
                return null;
            }
        });
        sellButton.disableProperty().bind(vm.busyProperty().or(vm.creditsNoteProperty().isNotEmpty()).or(productBox.valueProperty().isNull()));
        com.antevus.console.core.ReadOnlyHints.explain(vm.creditsNoteProperty(), sellButton);
        creditsMessage.textProperty().bind(vm.messageProperty());
        creditsMessage.managedProperty().bind(vm.messageProperty().isNotEmpty());
        entitlementsTable.setPlaceholder(new Label("No entitlements."));
        invoicesTable.setPlaceholder(new Label("No invoices yet."));
        contractsTable.setPlaceholder(new Label("No contract: billed on its plan."));
        documentsTable.setPlaceholder(new Label("No contract documents."));
        verificationsTable.setPlaceholder(new Label("No academic verification requests."));
        activityTable.setPlaceholder(new Label("No recorded changes."));
        vm.profileProperty().addListener((o, a, p) -> show(p));
        show(vm.profileProperty().get());
    }

    private void show(OrganizationProfile p) {
        if (p == null) {
            nameLabel.setText("Loading…");
            return;
        }
        OrganizationSummary s = p.summary();
        nameLabel.setText(s.name());
        badges.getChildren().clear();
        badge(s.status().replace('_', ' '), "active".equals(s.status()) ? ConsoleStyles.TAG_SUCCESS : ConsoleStyles.TAG_WARNING);
        if (s.academic()) {
            badge("Academic", ConsoleStyles.TAG_ACCENT);
        }
        if (s.enterprise()) {
            badge("Enterprise", ConsoleStyles.TAG_ACCENT);
        }
        factsLabel.setText((s.planName() == null ? "No live plan" : s.planName()) + " · MRR " + s.mrr().format() + " · " + s.domain()
                + " · billed to " + p.billingEmail() + " · " + (p.stripeCustomerId() == null ? "no Stripe customer yet" : "Stripe " + p.stripeCustomerId())
                + " · customer since " + day(s.customerSince()));
        OrganizationProfile.Subscription sub = p.subscription();
        subscriptionLabel.setText(sub == null ? "No live subscription." : sub.planName() + ", billed " + ("year".equals(sub.interval()) ? "yearly" : "monthly")
                + ", " + words(sub.status()) + " · current period " + day(sub.periodStart()) + " to " + day(sub.periodEnd())
                + (sub.stripeSubscriptionId() == null ? "" : " · Stripe " + sub.stripeSubscriptionId())
                + "\nAdd-ons: " + (sub.addOns().isEmpty() ? "none" : String.join(", ", sub.addOns()))
                + (sub.coupons().isEmpty() ? "" : "\nCoupons: " + String.join("; ", sub.coupons())));
        entitlementsTable.getItems().setAll(p.entitlements());
        invoicesTable.getItems().setAll(p.invoices());
        contractsTable.getItems().setAll(p.contracts());
        documentsTable.getItems().setAll(p.documents());
        verificationsTable.getItems().setAll(p.verifications());
        showCredits(p);
        activityTable.getItems().setAll(p.activity());
        tabs.getTabs().get(1).setText("Invoices (" + p.invoices().size() + ")");
        tabs.getTabs().get(3).setText("Verifications (" + p.verifications().size() + ")");
    }

    /** The balance by kind (the sum of the ledger's entries), low against the threshold, and the ledger newest first. */
    private void showCredits(OrganizationProfile p) {
        CreditLedger ledger = p.credits();
        CreditLedger.Balance b = ledger.balance();
        lots = new java.util.HashMap<>();
        ledger.lots().forEach(l -> lots.put(l.id(), l));
        boolean any = !ledger.entries().isEmpty();
        creditsLabel.setText(!any ? "No credits" : String.format(Locale.US, "%,d credits: %,d purchased · %,d subscription · %,d promotional",
                b.total(), b.of(CreditLedger.Bucket.PURCHASED), b.of(CreditLedger.Bucket.SUBSCRIPTION), b.of(CreditLedger.Bucket.PROMOTIONAL)));
        boolean low = any && b.total() < p.lowBalanceThreshold();
        creditsLowBadge.setVisible(low);
        creditsLowBadge.setManaged(low);
        creditsLowBadge.setTooltip(new javafx.scene.control.Tooltip(String.format(Locale.US, "Below the low-balance threshold of %,d credits.",
                p.lowBalanceThreshold())));
        creditsNote.setText(any ? "The balance is the sum of the entries below; an entry is never changed, a correction is another entry. "
                + "Each month's usage is taken when the month is settled (credits settle)." : "");
        creditsNote.setManaged(any);
        java.util.List<CreditLedger.Entry> newestFirst = new java.util.ArrayList<>(ledger.entries());
        java.util.Collections.reverse(newestFirst);
        ledgerTable.getItems().setAll(newestFirst);
        creditsTab.setText(any ? "Credits (" + String.format(Locale.US, "%,d", b.total()) + ")" : "Credits");
    }

    private void badge(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().addAll(ConsoleStyles.TAG, style);
        badges.getChildren().add(l);
    }

    @FXML
    private void recordCredits() {
        OrganizationProfile p = vm.profileProperty().get();
        if (p == null) {
            return;
        }
        vm.checkCredits(creditKindBox.getValue(), creditAmountField.getText(), creditExpiresPicker.getValue(), creditReasonField.getText())
                .ifPresent(r -> {
                    com.antevus.console.core.DialogService.Confirmation c = OrganizationPageViewModel.confirmation(r, p.summary().name());
                    if (dialogs.confirm(c)) {
                        vm.record(r);
                        creditAmountField.clear();
                        creditReasonField.clear();
                    } else {
                        vm.declined(c.title());
                    }
                });
    }

    @FXML
    private void sellCredits() {
        OrganizationProfile p = vm.profileProperty().get();
        com.antevus.console.credits.CreditService.CreditProduct product = productBox.getValue();
        if (p == null || product == null) {
            return;
        }
        String reason = saleReasonField.getText();
        if (reason == null || reason.isBlank()) {
            vm.creditErrors().clear();
            saleReasonField.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), true);
            saleReasonField.setPromptText("Say why (the order number): it goes to the audit log");
            return;
        }
        saleReasonField.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), false);
        com.antevus.console.core.DialogService.Confirmation c = OrganizationPageViewModel.saleConfirmation(product, p.summary().name(), reason.strip());
        if (dialogs.confirm(c)) {
            vm.sell(product, reason.strip());
            saleReasonField.clear();
        } else {
            vm.declined(c.title());
        }
    }

    @FXML
    private void back() {
        back.run();
    }
}
