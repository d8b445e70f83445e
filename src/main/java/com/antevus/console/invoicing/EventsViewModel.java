package com.antevus.console.invoicing;

import com.antevus.console.core.Errors;
import com.antevus.console.core.SectionViewModel;
import com.antevus.console.core.TaskExecutor;
import java.time.Clock;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The events and dunning tab: Stripe's events as logged (sync, replay) and the invoices past due. */
public final class EventsViewModel extends SectionViewModel {
    private final InvoicesViewModel section;
    private final StripeEventSync events;
    private final Reconciliation reconciliation;
    private final Clock clock;
    private final TaskExecutor executor;
    private final ObservableList<StripeEventSync.EventRow> eventRows = FXCollections.observableArrayList();
    private final ObservableList<Reconciliation.DunningRow> dunningRows = FXCollections.observableArrayList();

    EventsViewModel(InvoicesViewModel section, StripeEventSync events, Reconciliation reconciliation, Clock clock, TaskExecutor executor) {
        super(section);
        this.section = section;
        this.events = events;
        this.reconciliation = reconciliation;
        this.clock = clock;
        this.executor = executor;
    }

    /** How a finished sync reads: what came in and what it did to the invoices, with the rest explained. */
    static String syncWords(StripeEventSync.SyncResult r) {
        if (r.stored() == 0 && r.processed() + r.ignored() + r.failed() == 0) {
            return "Stripe sync: nothing new since the last sync.";
        }
        return String.format("Stripe sync: %,d new %s logged; %,d moved an invoice (paid, voided, payment failed…), %,d needed nothing "
                        + "(about customers, prices or invoices the console does not bill, or already applied)%s.",
                r.stored(), r.stored() == 1 ? "event" : "events", r.processed(), r.ignored(),
                r.failed() == 0 ? "" : String.format(", %,d failed and can be replayed from the list", r.failed()));
    }

    public void load() {
        executor.run(() -> events.events(null, 300), eventRows::setAll, this::fail);
        executor.run(() -> reconciliation.dunning(com.antevus.console.core.ConsoleClock.today(clock)), dunningRows::setAll, this::fail);
    }

    public void sync() {
        busy.set(true);
        error.set("");
        message.set("Asking Stripe for new events\u2026");
        executor.run(() -> events.sync(step -> executor.onUiThread(() -> message.set(step))), r -> {
            busy.set(false);
            message.set(syncWords(r));
            notices().finished("Stripe sync", syncWords(r));
            load();
            section.review().load();
        }, t -> {
            fail(t);
            message.set("");
            notices().failed("Stripe sync failed", Errors.plainMessage(t));
        });
    }

    public void replay(StripeEventSync.EventRow row) {
        if (row == null) {
            return;
        }
        executor.run(() -> events.replay(row.eventId()), s -> {
            message.set("Event " + row.eventId() + " replayed: " + s + ".");
            load();
        }, this::fail);
    }

    public ObservableList<StripeEventSync.EventRow> eventRows() { return eventRows; }
    public ObservableList<Reconciliation.DunningRow> dunningRows() { return dunningRows; }
}
