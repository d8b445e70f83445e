package com.antevus.console.invoicing;

import com.antevus.console.core.Columns;
import com.antevus.console.core.Money;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The events and dunning tab: Stripe's events as the console logged them, and the invoices past due. */
public final class EventsView {
    private final EventsViewModel vm;

    @FXML private Button syncButton;
    @FXML private Button replayButton;
    @FXML private TableView<StripeEventSync.EventRow> eventsTable;
    @FXML private TableColumn<StripeEventSync.EventRow, String> eventTimeColumn;
    @FXML private TableColumn<StripeEventSync.EventRow, String> eventTypeColumn;
    @FXML private TableColumn<StripeEventSync.EventRow, String> eventOrgColumn;
    @FXML private TableColumn<StripeEventSync.EventRow, String> eventStatusColumn;
    @FXML private TableColumn<StripeEventSync.EventRow, String> eventErrorColumn;
    @FXML private TableView<Reconciliation.DunningRow> dunningTable;
    @FXML private TableColumn<Reconciliation.DunningRow, String> dunOrgColumn;
    @FXML private TableColumn<Reconciliation.DunningRow, String> dunNumberColumn;
    @FXML private TableColumn<Reconciliation.DunningRow, String> dunDueColumn;
    @FXML private TableColumn<Reconciliation.DunningRow, Long> dunDaysColumn;
    @FXML private TableColumn<Reconciliation.DunningRow, String> dunAmountColumn;
    @FXML private TableColumn<Reconciliation.DunningRow, String> dunStateColumn;

    EventsView(InvoicesViewModel section) {
        this.vm = section.events();
    }

    @FXML
    private void initialize() {
        Columns.value(eventTimeColumn, e -> com.antevus.console.core.Dates.minute(e.createdAt()));
        Columns.value(eventTypeColumn, StripeEventSync.EventRow::type);
        Columns.value(eventOrgColumn, e -> e.organizationName() == null ? "" : e.organizationName());
        Columns.value(eventStatusColumn, StripeEventSync.EventRow::status);
        Columns.value(eventErrorColumn, e -> e.error() == null ? "" : e.error());
        eventsTable.setItems(vm.eventRows());
        eventsTable.setPlaceholder(new Label("No events yet: Sync from Stripe pulls them."));
        replayButton.disableProperty().bind(eventsTable.getSelectionModel().selectedItemProperty().isNull()
                .or(vm.readOnlyNoteProperty().isNotEmpty()));
        syncButton.disableProperty().bind(vm.busyProperty().or(vm.readOnlyNoteProperty().isNotEmpty()));
        com.antevus.console.core.ReadOnlyHints.explain(vm.readOnlyNoteProperty(), syncButton);
        Columns.value(dunOrgColumn, Reconciliation.DunningRow::organizationName);
        Columns.value(dunNumberColumn, d -> d.number() == null ? "" : d.number());
        Columns.value(dunDueColumn, d -> com.antevus.console.core.Dates.day(d.dueDate()));
        Columns.value(dunDaysColumn, Reconciliation.DunningRow::daysOverdue);
        Columns.value(dunAmountColumn, d -> Money.of(d.dueMinor(), d.currency()).format());
        Columns.value(dunStateColumn, d -> d.pastGrace() ? "Past grace (" + d.graceDays() + " days)" : "Within grace (" + d.graceDays() + " days)");
        dunningTable.setItems(vm.dunningRows());
        dunningTable.setPlaceholder(new Label("Nothing is past due."));
        dunningTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Reconciliation.DunningRow r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("anomaly"), !empty && r != null && r.pastGrace());
            }
        });
    }

    @FXML
    private void sync() {
        vm.sync();
    }

    @FXML
    private void replay() {
        vm.replay(eventsTable.getSelectionModel().getSelectedItem());
    }
}
