package com.antevus.console.invoicing;

import com.antevus.console.core.DialogService;
import com.antevus.console.core.StripeMode;
import com.antevus.console.core.ViewLoader;
import java.time.YearMonth;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.StringConverter;

/**
 * The Invoices section: the period, the section's status line and its tabs, each its own view (period review, draft,
 * invoice run, events and dunning, reconciliation) with its own view model and FXML file.
 */
public final class InvoicesView implements ViewLoader.Composed {
    private final InvoicesViewModel vm;
    private final PeriodReviewView review;
    private final DraftView draft;
    private final InvoiceRunView run;
    private final EventsView events;
    private final ReconciliationView reconciliation;

    @FXML private ComboBox<YearMonth> periodBox;
    @FXML private Label messageLabel;
    @FXML private Label errorLabel;
    @FXML private TabPane tabs;
    @FXML private Tab reviewTab;
    @FXML private Tab draftTab;
    @FXML private Tab runTab;
    @FXML private Tab eventsTab;
    @FXML private Tab reconTab;

    /** For view tests: every confirmation is accepted (tests that check a dialog's words pass their own). */
    public InvoicesView(InvoicesViewModel vm) {
        this(vm, StripeMode.SANDBOX, c -> true);
    }

    /** @param mode where Stripe calls go; in LIVE, confirmations also ask for a word to be typed */
    public InvoicesView(InvoicesViewModel vm, StripeMode mode, DialogService dialogs) {
        this.vm = vm;
        InvoiceDialogs ask = new InvoiceDialogs(vm, mode, dialogs);
        this.review = new PeriodReviewView(vm, () -> tabs.getSelectionModel().select(draftTab), () -> tabs.getSelectionModel().select(runTab));
        this.draft = new DraftView(vm, ask);
        this.run = new InvoiceRunView(vm, ask);
        this.events = new EventsView(vm);
        this.reconciliation = new ReconciliationView(vm);
    }

    @Override
    public List<Object> parts() {
        return List.of(review, draft, run, events, reconciliation);
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
                vm.review().load();
            }
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b == eventsTab) {
                vm.events().load();
            } else if (b == runTab) {
                vm.run().loadRuns();
            }
        });
    }

    /** Right-click on a row of the period review offers the organization's page. */
    public void onOpenOrganization(java.util.function.Consumer<java.util.UUID> open) {
        review.onOpenOrganization(open);
    }
}
