package com.antevus.console.invoicing;

import com.antevus.console.core.SectionViewModel;
import com.antevus.console.core.TaskExecutor;
import java.time.YearMonth;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The draft tab: one organization's invoice for the period, its lines as edited, and its Stripe steps. What is typed
 * into the forms belongs to the draft it was typed for and is cleared when another one opens.
 */
public final class DraftViewModel extends SectionViewModel {
    private final InvoicesViewModel section;
    private final InvoicingService service;
    private final TaskExecutor executor;
    private final ObjectProperty<InvoiceDraft> draft = new SimpleObjectProperty<>();
    private final ObservableList<DraftLine> lines = FXCollections.observableArrayList();
    private final BooleanProperty dirty = new SimpleBooleanProperty();
    private final StringProperty lineDescription = new SimpleStringProperty("");
    private final StringProperty lineAmount = new SimpleStringProperty("");
    private final StringProperty lineReason = new SimpleStringProperty("");
    private final StringProperty saveReason = new SimpleStringProperty("");
    private final StringProperty paymentReference = new SimpleStringProperty("");
    private final StringProperty actionReason = new SimpleStringProperty("");
    private final ObservableList<String> stepLog = FXCollections.observableArrayList();
    private final ObservableList<CreditNoteService.Note> creditNotes = FXCollections.observableArrayList();
    private CreditNoteService creditNoteService;

    DraftViewModel(InvoicesViewModel section, InvoicingService service, TaskExecutor executor) {
        super(section);
        this.section = section;
        this.service = service;
        this.executor = executor;
    }

    void creditNotes(CreditNoteService service) {
        this.creditNoteService = service;
    }

    /** Whether credit notes can be issued here (the section was given the service). */
    public boolean creditNotesAvailable() {
        return creditNoteService != null;
    }

    /** Reads what a credit note form needs for the open invoice, then hands it to {@code form} on the FX thread. */
    public void prepareCreditNote(java.util.function.Consumer<CreditNoteService.Context> form) {
        InvoiceDraft d = draft.get();
        if (d == null || creditNoteService == null) {
            return;
        }
        busy.set(true);
        error.set("");
        executor.run(() -> creditNoteService.context(d.invoiceId()), ctx -> {
            busy.set(false);
            form.accept(ctx);
        }, this::fail);
    }

    /** Issues the credit note in the background; the invoice and its credit notes are read again after. */
    public void issueCreditNote(CreditNoteService.Request r) {
        creditNoteWork(() -> creditNoteService.issue(r), n -> "Credit note " + n.number() + " issued: " + n.settledWords() + ".");
    }

    public void voidCreditNote(CreditNoteService.Note n, String reason) {
        creditNoteWork(() -> creditNoteService.voidNote(n.id(), reason), v -> "Credit note " + v.number() + " voided.");
    }

    private void creditNoteWork(java.util.concurrent.Callable<CreditNoteService.Note> work,
                                java.util.function.Function<CreditNoteService.Note, String> done) {
        InvoiceDraft d = draft.get();
        if (d == null || creditNoteService == null) {
            return;
        }
        busy.set(true);
        error.set("");
        executor.run(work, n -> {
            busy.set(false);
            message.set(done.apply(n));
            executor.run(() -> service.draft(d.invoiceId()), this::showDraft, this::fail);
            section.review().load();
        }, t -> {
            fail(t);
            loadCreditNotes(d);
        });
    }

    private void loadCreditNotes(InvoiceDraft d) {
        creditNotes.clear();
        if (creditNoteService == null || d == null || !d.inStripe()) {
            return;
        }
        executor.run(() -> creditNoteService.forInvoice(d.invoiceId()), found -> {
            InvoiceDraft now = draft.get();
            if (now != null && now.invoiceId().equals(d.invoiceId())) {
                creditNotes.setAll(found);
            }
        }, this::fail);
    }

    public ObservableList<CreditNoteService.Note> creditNotes() {
        return creditNotes;
    }

    /** Opens (creating if needed) the draft of a review row. */
    public void open(ReviewRow row, Runnable shown) {
        if (row == null) {
            return;
        }
        busy.set(true);
        error.set("");
        YearMonth p = section.periodProperty().get();
        executor.run(() -> row.invoiceId() != null ? service.draft(row.invoiceId()) : service.createDraft(row.organizationId(), p, "console"),
                d -> {
                    busy.set(false);
                    showDraft(d);
                    shown.run();
                    if (row.invoiceId() == null) {
                        section.review().load();
                    }
                }, this::fail);
    }

    private void showDraft(InvoiceDraft d) {
        InvoiceDraft shown = draft.get();
        if (shown == null || !shown.invoiceId().equals(d.invoiceId())) {
            clearLineForm();
            saveReason.set("");
            clearPaymentForm();
        }
        draft.set(d);
        lines.setAll(d.lines());
        loadCreditNotes(d);
        dirty.set(false);
        stepLog.clear();
        if (d.journalState() != null) {
            for (String[] step : InvoicingService.steps()) {
                boolean done = reachedState(d.journalState(), step[1]);
                stepLog.add((done ? "✓ " : "○ ") + step[0]);
            }
        }
    }

    /** Empties the line form (description, amount, reason). */
    public void clearLineForm() {
        lineDescription.set("");
        lineAmount.set("");
        lineReason.set("");
    }

    private void clearPaymentForm() {
        paymentReference.set("");
        actionReason.set("");
    }

    private static boolean reachedState(String current, String state) {
        List<String> order = List.of("planned", "customer_ready", "invoice_created", "lines_added", "finalized", "sent");
        return order.indexOf(current) >= order.indexOf(state);
    }

    /** Replaces one line (or adds it when {@code lineNo} is new); the change is saved with Save draft. */
    public void putLine(DraftLine line) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).lineNo() == line.lineNo()) {
                lines.set(i, line);
                dirty.set(true);
                return;
            }
        }
        lines.add(line);
        dirty.set(true);
    }

    public void removeLine(DraftLine line) {
        lines.remove(line);
        dirty.set(true);
    }

    public int nextLineNo() {
        return lines.stream().mapToInt(DraftLine::lineNo).max().orElse(0) + 1;
    }

    public long total() {
        return lines.stream().mapToLong(DraftLine::amountMinor).sum();
    }

    public List<InvoicingService.LineProblem> problems() {
        return InvoicingService.validate(lines);
    }

    public void save(String reason) {
        InvoiceDraft d = draft.get();
        if (d == null) {
            return;
        }
        List<InvoicingService.LineProblem> problems = problems();
        if (!problems.isEmpty()) {
            error.set("Not saved: " + problems.get(0).message() + (problems.get(0).lineNo() > 0 ? " (line " + problems.get(0).lineNo() + ")" : ""));
            return;
        }
        busy.set(true);
        error.set("");
        List<DraftLine> edited = List.copyOf(lines);
        executor.run(() -> service.saveDraft(d, edited, d.memo(), reason), saved -> {
            busy.set(false);
            showDraft(saved);
            clearLineForm();
            saveReason.set("");
            message.set("Draft saved.");
            section.review().load();
        }, this::fail);
    }

    public void revert() {
        InvoiceDraft d = draft.get();
        if (d != null) {
            showDraft(d);
        }
    }

    public void discard(String reason) {
        InvoiceDraft d = draft.get();
        if (d == null) {
            return;
        }
        busy.set(true);
        executor.run(() -> {
            service.discardDraft(d, reason);
            return true;
        }, ok -> {
            busy.set(false);
            draft.set(null);
            lines.clear();
            stepLog.clear();
            clearLineForm();
            saveReason.set("");
            clearPaymentForm();
            message.set("Draft discarded.");
            section.review().load();
        }, this::fail);
    }

    /** Creates the open draft in Stripe, step by step. */
    public void createInStripe() {
        createInStripe(null);
    }

    /** Creates the open draft in Stripe, closing its month early with {@code closeEarlyReason} when it is given. */
    public void createInStripe(String closeEarlyReason) {
        InvoiceDraft d = draft.get();
        if (d == null) {
            return;
        }
        busy.set(true);
        error.set("");
        stepLog.clear();
        executor.run(() -> service.createInStripe(d.invoiceId(), closeEarlyReason, e -> executor.onUiThread(() ->
                stepLog.add((e.done() ? "✓ " : "… ") + e.step() + (e.done() ? "" : ": calling Stripe")))), done -> {
            busy.set(false);
            showDraft(done);
            message.set("Invoice " + done.number() + " created, finalized and sent.");
            section.review().load();
        }, t -> {
            fail(t);
            executor.run(() -> service.draft(d.invoiceId()), this::showDraft, x -> { });
        });
    }

    public void voidInvoice(String reason) {
        act(() -> service.voidInvoice(draft.get().invoiceId(), reason), "Invoice voided.");
    }

    public void markPaid(String method, String reference, String reason) {
        act(() -> service.markPaidOutOfBand(draft.get().invoiceId(), method, reference, reason), "Payment recorded.");
    }

    private void act(java.util.concurrent.Callable<InvoiceDraft> work, String done) {
        if (draft.get() == null) {
            return;
        }
        busy.set(true);
        error.set("");
        executor.run(work, d -> {
            busy.set(false);
            showDraft(d);
            clearPaymentForm();
            message.set(done);
            section.review().load();
        }, this::fail);
    }

    public ObjectProperty<InvoiceDraft> draftProperty() { return draft; }
    public ObservableList<DraftLine> lines() { return lines; }
    public BooleanProperty dirtyProperty() { return dirty; }
    public StringProperty lineDescriptionProperty() { return lineDescription; }
    public StringProperty lineAmountProperty() { return lineAmount; }
    public StringProperty lineReasonProperty() { return lineReason; }
    public StringProperty saveReasonProperty() { return saveReason; }
    public StringProperty paymentReferenceProperty() { return paymentReference; }
    public StringProperty actionReasonProperty() { return actionReason; }
    public ObservableList<String> stepLog() { return stepLog; }
}
