package com.antevus.console.invoicing;

import com.antevus.console.core.Columns;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The invoice run tab: dry run, run with progress, pause, cancel, and the latest runs. */
public final class InvoiceRunView {
    private final InvoicesViewModel section;
    private final InvoiceRunViewModel vm;
    private final InvoiceDialogs ask;

    @FXML private CheckBox onlyShownBox;
    @FXML private Button dryRunButton;
    @FXML private Button startRunButton;
    @FXML private Button pauseButton;
    @FXML private Button cancelButton;
    @FXML private ProgressBar runBar;
    @FXML private Label runStatusLabel;
    @FXML private ListView<String> runLogList;
    @FXML private TableView<InvoicingService.RunRecord> runsTable;
    @FXML private TableColumn<InvoicingService.RunRecord, String> runStartedColumn;
    @FXML private TableColumn<InvoicingService.RunRecord, String> runPeriodColumn;
    @FXML private TableColumn<InvoicingService.RunRecord, String> runStatusColumn;
    @FXML private TableColumn<InvoicingService.RunRecord, String> runCountsColumn;
    @FXML private TableColumn<InvoicingService.RunRecord, String> runByColumn;

    InvoiceRunView(InvoicesViewModel section, InvoiceDialogs ask) {
        this.section = section;
        this.vm = section.run();
        this.ask = ask;
    }

    @FXML
    private void initialize() {
        runBar.progressProperty().bind(vm.progressProperty());
        runStatusLabel.textProperty().bind(vm.statusProperty());
        runLogList.setItems(vm.log());
        runLogList.setPlaceholder(new Label("A dry run lists what would be created; a run shows each invoice as it is sent."));
        var mayNot = vm.readOnlyNoteProperty().isNotEmpty();
        dryRunButton.disableProperty().bind(vm.runningProperty().or(vm.busyProperty()));
        startRunButton.disableProperty().bind(vm.runningProperty().or(vm.busyProperty()).or(mayNot));
        com.antevus.console.core.ReadOnlyHints.explain(vm.readOnlyNoteProperty(), startRunButton);
        pauseButton.disableProperty().bind(vm.runningProperty().not());
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        pauseButton.textProperty().bind(Bindings.when(vm.pausedProperty()).then("Resume").otherwise("Pause"));
        Columns.value(runStartedColumn, r -> com.antevus.console.core.Dates.minute(r.startedAt()));
        Columns.value(runPeriodColumn, r -> r.period().getMonth().getDisplayName(TextStyle.SHORT, Locale.US) + " " + r.period().getYear());
        Columns.value(runStatusColumn, InvoicingService.RunRecord::status);
        Columns.value(runCountsColumn, r -> r.sent() + " / " + r.pending());
        Columns.value(runByColumn, InvoicingService.RunRecord::startedBy);
        runsTable.setItems(vm.runs());
        runsTable.setPlaceholder(new Label("No invoice runs yet."));
    }

    private List<UUID> scope() {
        return onlyShownBox.isSelected() ? section.review().shownOrganizations() : List.of();
    }

    @FXML
    private void dryRun() {
        vm.dryRun(scope());
    }

    @FXML
    private void startRun() {
        String period = section.periodProperty().get().toString();
        java.util.Optional<String> early = ask.closeEarlyReason(startRunButton, section.periodProperty().get());
        if (early.isEmpty()) {
            return;
        }
        long[] in = section.review().runScope(scope());
        String currency = section.review().currency();
        if (ask.confirmed("Invoice run", String.format("Invoice %s: %,d %s for %s.", InvoiceSteps.periodText(section.periodProperty().get()), in[0],
                        in[0] == 1 ? "organization" : "organizations", com.antevus.console.core.Money.of(in[1], currency).format()),
                List.of("Each invoice is created in Stripe, finalized and e-mailed to the organization's billing address.",
                        "Drafts already in Stripe resume where they stopped; nothing is billed twice.",
                        early.get().isEmpty() ? "The month is over and its grace has passed." : "Closed early: " + early.get()),
                "Start the run", "RUN " + period)) {
            vm.start(scope(), early.get().isEmpty() ? null : early.get());
        }
    }

    @FXML
    private void pauseRun() {
        vm.pauseOrResume();
    }

    @FXML
    private void cancelRun() {
        vm.cancel();
    }
}
