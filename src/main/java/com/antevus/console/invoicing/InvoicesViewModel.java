package com.antevus.console.invoicing;

import com.antevus.console.core.SectionViewModel;
import com.antevus.console.core.TaskExecutor;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Invoices section: the period every tab works on and one view model per tab (the period review, the open draft,
 * invoice runs, Stripe events and dunning, reconciliation). The tabs share the section's busy flag, error and message
 * line; nothing here touches a Node.
 */
public final class InvoicesViewModel extends SectionViewModel {
    private final InvoicingService service;
    private final ObjectProperty<YearMonth> period = new SimpleObjectProperty<>();
    private final PeriodReviewViewModel review;
    private final DraftViewModel draft;
    private final InvoiceRunViewModel run;
    private final EventsViewModel events;
    private final ReconciliationViewModel reconciliation;

    public InvoicesViewModel(InvoicingService service, StripeEventSync events, Reconciliation reconciliation, TaskExecutor executor) {
        this.service = service;
        period.set(thisMonth().minusMonths(1)); // last month, the one to invoice
        this.review = new PeriodReviewViewModel(this, service, executor);
        this.draft = new DraftViewModel(this, service, executor);
        this.run = new InvoiceRunViewModel(this, service, executor);
        this.events = new EventsViewModel(this, events, reconciliation, service.clock(), executor);
        this.reconciliation = new ReconciliationViewModel(this, reconciliation, executor);
    }

    /** Lets the draft tab issue and void credit notes. */
    public void creditNotes(CreditNoteService service) {
        draft.creditNotes(service);
    }

    /** The periods offered: the last 13 months, newest first. */
    public List<YearMonth> periods() {
        List<YearMonth> out = new ArrayList<>();
        YearMonth m = thisMonth();
        for (int i = 0; i < 13; i++) {
            out.add(m.minusMonths(i));
        }
        return out;
    }

    /** This month on the console's clock. */
    private YearMonth thisMonth() {
        return com.antevus.console.core.ConsoleClock.thisMonth(service.clock());
    }

    /** What the section shows when it opens: the review, the latest runs, the events and the dunning list. */
    public void load() {
        review.load();
        run.loadRuns();
        events.load();
    }

    /** Why the period may not be billed now (null when it may), for the view to ask for a close-early reason first. */
    public String notBillable(YearMonth p, boolean closeEarly) {
        String why = service.notBillable(p, closeEarly);
        return why == null ? null : why.replace(" (--close-early)", "");
    }

    public ObjectProperty<YearMonth> periodProperty() { return period; }
    public PeriodReviewViewModel review() { return review; }
    public DraftViewModel draft() { return draft; }
    public InvoiceRunViewModel run() { return run; }
    public EventsViewModel events() { return events; }
    public ReconciliationViewModel reconciliation() { return reconciliation; }
}
