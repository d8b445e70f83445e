package com.antevus.console.verification;

import com.antevus.console.core.Columns;
import atlantafx.base.theme.Styles;
import com.antevus.console.core.Browser;
import com.antevus.console.core.ConsoleStyles;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The academic verification queue and a request's detail. A thin controller over {@link VerificationsViewModel}. */
public final class VerificationsView {
    private static final PseudoClass OVERDUE = PseudoClass.getPseudoClass("overdue");
    private final VerificationsViewModel vm;

    @FXML private Label messageLabel;
    @FXML private Label errorLabel;
    @FXML private Label roleNoteLabel;
    @FXML private Button bulkButton;
    @FXML private TextField searchField;
    @FXML private ComboBox<VerificationsViewModel.Show> showBox;
    @FXML private ComboBox<VerificationRequest.Method> methodBox;
    @FXML private CheckBox olderBox;
    @FXML private Label summaryLabel;
    @FXML private TableView<VerificationRequest> queueTable;
    @FXML private TableColumn<VerificationRequest, String> orgColumn;
    @FXML private TableColumn<VerificationRequest, String> domainColumn;
    @FXML private TableColumn<VerificationRequest, AcademicDomains.Verdict> checkColumn;
    @FXML private TableColumn<VerificationRequest, String> methodColumn;
    @FXML private TableColumn<VerificationRequest, Long> ageColumn;
    @FXML private TableColumn<VerificationRequest, String> statusColumn;
    @FXML private VBox bulkCard;
    @FXML private Button runBulkButton;
    @FXML private Label bulkSummaryLabel;
    @FXML private ListView<VerificationService.BulkLine> bulkList;
    @FXML private VBox detailBox;
    @FXML private Label detailTitle;
    @FXML private Label statusBadge;
    @FXML private Label requesterLabel;
    @FXML private Label checkTag;
    @FXML private Label checkLabel;
    @FXML private Label institutionLabel;
    @FXML private Label methodLabel;
    @FXML private Label submittedLabel;
    @FXML private VBox evidenceBox;
    @FXML private Label priceLabel;
    @FXML private Label stripeLabel;
    @FXML private Label decisionLabel;
    @FXML private VBox decideBox;
    @FXML private TextField approveReasonField;
    @FXML private Button approveButton;
    @FXML private Label approveProblemLabel;
    @FXML private ComboBox<String> templateBox;
    @FXML private TextField rejectNoteField;
    @FXML private Button rejectButton;
    @FXML private TextField infoField;
    @FXML private Button infoButton;

    private final com.antevus.console.core.DialogService dialogs;

    /** For view tests: every confirmation is accepted. */
    public VerificationsView(VerificationsViewModel vm) {
        this(vm, c -> true);
    }

    public VerificationsView(VerificationsViewModel vm, com.antevus.console.core.DialogService dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
    }


    /** The tag a verdict is shown with: what it is in two words, and its colour. */
    static String[] tag(AcademicDomains.Verdict v) {
        return switch (v) {
            case LISTED -> new String[]{"Listed", ConsoleStyles.TAG_SUCCESS};
            case HEURISTIC -> new String[]{"Academic suffix", ConsoleStyles.TAG_ACCENT};
            case UNKNOWN -> new String[]{"Unknown", ConsoleStyles.TAG_NEUTRAL};
            case FREE_MAIL -> new String[]{"Free mail", ConsoleStyles.TAG_WARNING};
            case DISPOSABLE -> new String[]{"Disposable", ConsoleStyles.TAG_DANGER};
            case STOPLISTED -> new String[]{"Stoplisted", ConsoleStyles.TAG_DANGER};
            case MALFORMED -> new String[]{"Malformed", ConsoleStyles.TAG_DANGER};
        };
    }

    @FXML
    private void initialize() {
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.managedProperty().bind(vm.errorProperty().isNotEmpty());
        messageLabel.textProperty().bind(vm.messageProperty());
        roleNoteLabel.textProperty().bind(vm.readOnlyNoteProperty());
        roleNoteLabel.visibleProperty().bind(vm.readOnlyNoteProperty().isNotEmpty());
        roleNoteLabel.managedProperty().bind(roleNoteLabel.visibleProperty());
        searchField.textProperty().bindBidirectional(vm.searchProperty());
        showBox.getItems().setAll(VerificationsViewModel.Show.values());
        showBox.valueProperty().bindBidirectional(vm.showProperty());
        methodBox.getItems().add(null);
        methodBox.getItems().addAll(VerificationRequest.Method.values());
        methodBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(VerificationRequest.Method m) {
                return m == null ? "Any method" : m.toString();
            }

            @Override
            public VerificationRequest.Method fromString(String s) {
                return null;
            }
        });
        methodBox.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(VerificationRequest.Method m, boolean empty) {
                super.updateItem(m, empty);
                setText(m == null ? "Any method" : m.toString());
            }
        });
        methodBox.valueProperty().bindBidirectional(vm.methodProperty());
        olderBox.selectedProperty().bindBidirectional(vm.olderThan3DaysProperty());
        summaryLabel.textProperty().bind(vm.summaryProperty());

        queueTable.setItems(vm.rows());
        queueTable.setPlaceholder(new Label("No requests match."));
        Columns.value(orgColumn, VerificationRequest::organizationName);
        Columns.value(domainColumn, r -> r.check().domain());
        Columns.value(checkColumn, r -> r.check().verdict());
        checkColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(AcademicDomains.Verdict v, boolean empty) {
                super.updateItem(v, empty);
                if (empty || v == null) {
                    setGraphic(null);
                    return;
                }
                String[] t = tag(v);
                Label l = new Label(t[0]);
                l.getStyleClass().addAll(ConsoleStyles.TAG, t[1]);
                setGraphic(l);
            }
        });
        Columns.value(methodColumn, r -> r.method().toString());
        Columns.value(ageColumn, r -> r.ageDays(vm.now()));
        ageColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d + " d");
            }
        });
        Columns.value(statusColumn, r -> r.status() == VerificationRequest.Status.INFO_REQUESTED ? "Info asked" : r.status().toString());
        queueTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(VerificationRequest r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(OVERDUE, !empty && r != null && r.overdue(vm.now()));
            }
        });
        queueTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, r) -> showDetail(r));
        showDetail(null);

        approveReasonField.textProperty().bindBidirectional(vm.approveReasonProperty());
        approveProblemLabel.textProperty().bind(vm.approvalProblemProperty());
        approveProblemLabel.managedProperty().bind(vm.approvalProblemProperty().isNotEmpty());
        approveButton.disableProperty().bind(vm.busyProperty().or(vm.approvalProblemProperty().isNotEmpty())
                .or(vm.selectedProperty().isNull()));
        templateBox.getItems().setAll(VerificationService.REJECTION_TEMPLATES);
        templateBox.valueProperty().bindBidirectional(vm.rejectTemplateProperty());
        rejectNoteField.textProperty().bindBidirectional(vm.rejectNoteProperty());
        rejectButton.disableProperty().bind(vm.busyProperty().or(vm.rejectTemplateProperty().isNull()
                .and(vm.rejectNoteProperty().isEmpty())));
        rejectButton.getStyleClass().addAll(Styles.BUTTON_OUTLINED, Styles.DANGER);
        infoField.textProperty().bindBidirectional(vm.infoMessageProperty());
        infoButton.disableProperty().bind(vm.busyProperty().or(vm.infoMessageProperty().isEmpty()));

        bulkCard.visibleProperty().bind(vm.bulkSummaryProperty().isNotEmpty());
        bulkCard.managedProperty().bind(bulkCard.visibleProperty());
        bulkSummaryLabel.textProperty().bind(vm.bulkSummaryProperty());
        bulkList.setItems(vm.bulkLines());
        bulkList.setCellFactory(l -> new ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0); // wrap to the list's width instead of scrolling sideways
            }

            @Override
            protected void updateItem(VerificationService.BulkLine line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty || line == null ? null : (line.ok() ? "✓ " : "– ") + line.request().organizationName() + " · "
                        + line.request().requesterEmail() + " · " + line.outcome());
            }
        });
        runBulkButton.disableProperty().bind(vm.bulkPlannedProperty().not().or(vm.busyProperty()));
        bulkButton.disableProperty().bind(vm.busyProperty().or(vm.readOnlyNoteProperty().isNotEmpty()));
    }

    private void showDetail(VerificationRequest r) {
        detailBox.setDisable(r == null);
        if (r == null) {
            detailTitle.setText("Choose a request");
            statusBadge.setVisible(false);
            for (Label l : List.of(requesterLabel, checkLabel, institutionLabel, methodLabel, submittedLabel, priceLabel, stripeLabel,
                    decisionLabel, checkTag)) {
                l.setText("");
            }
            checkTag.getStyleClass().setAll("label");
            evidenceBox.getChildren().clear();
            return;
        }
        detailTitle.setText(r.organizationName());
        statusBadge.setVisible(true);
        statusBadge.setText(r.status().toString());
        statusBadge.pseudoClassStateChanged(Styles.STATE_SUCCESS, r.status() == VerificationRequest.Status.APPROVED);
        statusBadge.pseudoClassStateChanged(Styles.STATE_WARNING, r.status().open());
        requesterLabel.setText(r.requesterEmail());
        String[] t = tag(r.check().verdict());
        checkTag.setText(t[0]);
        checkTag.getStyleClass().setAll("label", ConsoleStyles.TAG, t[1]);
        checkLabel.setText(r.check().explanation());
        institutionLabel.setText(r.institution() == null || r.institution().isBlank() ? "—" : r.institution()
                + (r.check().institution() != null && !r.check().institution().equalsIgnoreCase(r.institution())
                ? "  (the list says " + r.check().institution() + ")" : ""));
        methodLabel.setText(r.method() + (r.sheeridReference() == null ? "" : " · reference " + r.sheeridReference()));
        submittedLabel.setText(com.antevus.console.core.Dates.minute(r.submittedAt()) + " · " + r.ageDays(vm.now()) + " days ago"
                + (r.overdue(vm.now()) ? " · waiting more than 3 days" : ""));
        evidenceBox.getChildren().clear();
        if (r.notes() != null && !r.notes().isBlank()) {
            Label notes = new Label(r.notes());
            notes.setWrapText(true);
            evidenceBox.getChildren().add(notes);
        }
        for (String link : r.links()) {
            Hyperlink h = new Hyperlink(link);
            h.setOnAction(e -> Browser.open(link));
            evidenceBox.getChildren().add(h);
        }
        if (evidenceBox.getChildren().isEmpty()) {
            Label none = new Label("None given");
            none.getStyleClass().add(ConsoleStyles.MUTED);
            evidenceBox.getChildren().add((Node) none);
        }
        priceLabel.setText(VerificationsViewModel.priceMove(r));
        stripeLabel.setText(r.stripeCustomerId() == null ? "No Stripe customer: link the organization in Organizations before approving"
                : "Customer " + r.stripeCustomerId() + (r.stripeSubscriptionId() == null
                ? " · no Stripe subscription (invoice runs bill the plan)" : " · subscription " + r.stripeSubscriptionId()));
        decisionLabel.setText(r.status() == VerificationRequest.Status.PENDING ? "—"
                : r.status() + (r.decidedBy() == null ? "" : " by " + r.decidedBy())
                + (r.decidedAt() == null ? "" : " at " + com.antevus.console.core.Dates.minute(r.decidedAt()))
                + (r.decisionReason() == null ? "" : ": " + r.decisionReason())
                + (r.reverifyDue() == null ? "" : " · re-verify by " + r.reverifyDue()));
        decideBox.setDisable(!r.status().open() || !vm.readOnlyNoteProperty().get().isEmpty());
        decideBox.setVisible(r.status().open());
        decideBox.setManaged(r.status().open());
    }

    @FXML
    private void approve() {
        vm.approve();
    }

    @FXML
    private void reject() {
        vm.reject();
    }

    @FXML
    private void requestInformation() {
        vm.requestInformation();
    }

    @FXML
    private void planBulk() {
        vm.planBulk();
    }

    @FXML
    private void runBulk() {
        List<VerificationService.BulkLine> approving = vm.bulkLines().stream().filter(VerificationService.BulkLine::ok).toList();
        List<String> details = new java.util.ArrayList<>();
        approving.stream().limit(8).forEach(l -> details.add(l.request().organizationName() + ": " + l.outcome().replaceFirst("^Would approve ", "")));
        if (approving.size() > 8) {
            details.add(String.format("… and %,d more (listed in the dry run)", approving.size() - 8));
        }
        details.add("Each organization's Stripe subscription moves to the academic price; re-verification is due in "
                + VerificationService.REVERIFY_MONTHS + " months.");
        if (dialogs.confirm(new com.antevus.console.core.DialogService.Confirmation("Bulk approve",
                String.format("Approve %,d automatic %s with a listed academic domain.", approving.size(),
                        approving.size() == 1 ? "request" : "requests"), details, "Approve all", null))) {
            vm.runBulk();
        } else {
            vm.closeBulk();
        }
    }

    @FXML
    private void closeBulk() {
        vm.closeBulk();
    }

    @FXML
    private void reload() {
        vm.load();
    }

    /** Right-click on a row offers the organization's page. */
    public void onOpenOrganization(java.util.function.Consumer<java.util.UUID> open) {
        com.antevus.console.core.TableMenus.openOrganization(queueTable, VerificationRequest::organizationId, open);
    }
}
