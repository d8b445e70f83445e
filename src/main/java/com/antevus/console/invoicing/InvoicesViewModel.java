package com.antevus.console.invoicing;

import com.antevus.console.core.Errors;
import com.antevus.console.core.Money;
import com.antevus.console.core.TaskExecutor;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Invoices section's state: the period review with its filters, the open draft with its lines and Stripe
 * steps, invoice runs with progress, Stripe events and the dunning list, and reconciliation. All work runs on
 * the task executor; nothing here touches a Node.
 */
public final class InvoicesViewModel extends com.antevus.console.core.SectionViewModel {
    private final InvoicingService service;
    private final StripeEventSync events;
    private final Reconciliation reconciliation;
    private final TaskExecutor executor;

    private final ObjectProperty<YearMonth> period = new SimpleObjectProperty<>();
    private final List<ReviewRow> allRows = new ArrayList<>();
    private final ObservableList<ReviewRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ReviewFilter> filter = new SimpleObjectProperty<>(ReviewFilter.NONE);
    private final StringProperty reviewSummary = new SimpleStringProperty("");

    private final ObjectProperty<InvoiceDraft> draft = new SimpleObjectProperty<>();
    private final ObservableList<DraftLine> draftLines = FXCollections.observableArrayList();
    private final BooleanProperty draftDirty = new SimpleBooleanProperty();
    // what is typed into the draft's forms belongs to the draft it was typed for: cleared when another one opens
    private final StringProperty lineDescription = new javafx.beans.property.SimpleStringProperty("");
    private final StringProperty lineAmount = new javafx.beans.property.SimpleStringProperty("");
    private final StringProperty lineReason = new javafx.beans.property.SimpleStringProperty("");
    private final StringProperty saveReason = new javafx.beans.property.SimpleStringProperty("");
    private final StringProperty paymentReference = new javafx.beans.property.SimpleStringProperty("");
    private final StringProperty actionReason = new javafx.beans.property.SimpleStringProperty("");
    private final ObservableList<String> stepLog = FXCollections.observableArrayList();

    private final ObjectProperty<RunSummary> runSummary = new SimpleObjectProperty<>();
    private final DoubleProperty runProgress = new SimpleDoubleProperty(0);
    private final StringProperty runStatus = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final ObservableList<String> runLog = FXCollections.observableArrayList();
    private final ObservableList<InvoicingService.RunRecord> runs = FXCollections.observableArrayList();
    private RunControl control;

    private final ObservableList<StripeEventSync.EventRow> eventRows = FXCollections.observableArrayList();
    private final ObservableList<Reconciliation.DunningRow> dunningRows = FXCollections.observableArrayList();
    private final ObservableList<Reconciliation.Row> reconRows = FXCollections.observableArrayList();
    private final List<Reconciliation.Row> reconAll = new ArrayList<>();
    private final BooleanProperty onlyDifferences = new SimpleBooleanProperty(true);
    private final StringProperty reconSummary = new SimpleStringProperty("");

    public InvoicesViewModel(InvoicingService service, StripeEventSync events, Reconciliation reconciliation, TaskExecutor executor) {
        this.service = service;
        this.events = events;
        this.reconciliation = reconciliation;
        this.executor = executor;
        period.set(thisMonth().minusMonths(1)); // last month, the one to invoice
        filter.addListener((o, a, b) -> applyFilter());
        onlyDifferences.addListener((o, a, b) -> applyReconFilter());
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


    // ---- review ---------------------------------------------------------------------------------
    public void load() {
        loadReview();
        loadRuns();
        loadEvents();
    }

    public void loadReview() {
        busy.set(true);
        error.set("");
        YearMonth p = period.get();
        executor.run(() -> service.review(p, List.of()), r -> {
            busy.set(false);
            allRows.clear();
            allRows.addAll(r);
            applyFilter();
        }, this::fail);
    }

    private void applyFilter() {
        List<ReviewRow> shown = allRows.stream().filter(filter.get()).toList();
        rows.setAll(shown);
        long toInvoice = shown.stream().filter(ReviewRow::needsInvoicing).count();
        long total = shown.stream().filter(ReviewRow::needsInvoicing).mapToLong(ReviewRow::totalMinor).sum();
        long anomalies = shown.stream().filter(r -> !r.anomalies().isEmpty()).count();
        String currency = allRows.isEmpty() ? "USD" : allRows.get(0).currency();
        reviewSummary.set(String.format("%,d organizations shown of %,d · %,d to invoice for %s · %,d with anomalies",
                shown.size(), allRows.size(), toInvoice, Money.of(total, currency).format(), anomalies));
    }

    /** What a run over {@code only} (every organization when empty) would bill, from the period review: invoices and their total. */
    public long[] runScope(List<java.util.UUID> only) {
        List<ReviewRow> in = allRows.stream().filter(r -> r.billing() == ReviewRow.Billing.TO_INVOICE)
                .filter(r -> only.isEmpty() || only.contains(r.organizationId())).toList();
        return new long[]{in.size(), in.stream().mapToLong(ReviewRow::totalMinor).sum()};
    }

    // ---- drafts ---------------------------------------------------------------------------------
    /** Opens (creating if needed) the draft of a review row. */
    public void openDraft(ReviewRow row, Runnable shown) {
        if (row == null) {
            return;
        }
        busy.set(true);
        error.set("");
        YearMonth p = period.get();
        executor.run(() -> row.invoiceId() != null ? service.draft(row.invoiceId()) : service.createDraft(row.organizationId(), p, "console"),
                d -> {
                    busy.set(false);
                    showDraft(d);
                    shown.run();
                    if (row.invoiceId() == null) {
                        loadReview();
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
        draftLines.setAll(d.lines());
        draftDirty.set(false);
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
        for (int i = 0; i < draftLines.size(); i++) {
            if (draftLines.get(i).lineNo() == line.lineNo()) {
                draftLines.set(i, line);
                draftDirty.set(true);
                return;
            }
        }
        draftLines.add(line);
        draftDirty.set(true);
    }

    public void removeLine(DraftLine line) {
        draftLines.remove(line);
        draftDirty.set(true);
    }

    public int nextLineNo() {
        return draftLines.stream().mapToInt(DraftLine::lineNo).max().orElse(0) + 1;
    }

    public long draftTotal() {
        return draftLines.stream().mapToLong(DraftLine::amountMinor).sum();
    }

    public List<InvoicingService.LineProblem> draftProblems() {
        return InvoicingService.validate(draftLines);
    }

    public void saveDraft(String reason) {
        InvoiceDraft d = draft.get();
        if (d == null) {
            return;
        }
        List<InvoicingService.LineProblem> problems = draftProblems();
        if (!problems.isEmpty()) {
            error.set("Not saved: " + problems.get(0).message() + (problems.get(0).lineNo() > 0 ? " (line " + problems.get(0).lineNo() + ")" : ""));
            return;
        }
        busy.set(true);
        error.set("");
        List<DraftLine> lines = List.copyOf(draftLines);
        executor.run(() -> service.saveDraft(d, lines, d.memo(), reason), saved -> {
            busy.set(false);
            showDraft(saved);
            clearLineForm();
            saveReason.set("");
            message.set("Draft saved.");
            loadReview();
        }, this::fail);
    }

    public void revertDraft() {
        InvoiceDraft d = draft.get();
        if (d != null) {
            showDraft(d);
        }
    }

    public void discardDraft(String reason) {
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
            draftLines.clear();
            stepLog.clear();
            clearLineForm();
            saveReason.set("");
            clearPaymentForm();
            message.set("Draft discarded.");
            loadReview();
        }, this::fail);
    }

    /** Why the period may not be billed now (null when it may), for the view to ask for a close-early reason first. */
    public String notBillable(YearMonth p, boolean closeEarly) {
        String why = service.notBillable(p, closeEarly);
        return why == null ? null : why.replace(" (--close-early)", "");
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
            loadReview();
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
            loadReview();
        }, this::fail);
    }

    // ---- runs -------------------------------------------------------------------------------------
    public void dryRun(List<UUID> only) {
        busy.set(true);
        error.set("");
        YearMonth p = period.get();
        executor.run(() -> service.run(p, only, true, new RunControl(), x -> { }), s -> {
            busy.set(false);
            runSummary.set(s);
            runStatus.set(String.format("Dry run for %s: %,d invoices for %s would be created; %,d skipped. Nothing was changed.",
                    s.period(), s.created().size(), Money.of(s.createdTotalMinor(), s.currency()).format(), s.skipped().size()));
            runLog.setAll(s.created().stream().map(e -> e.organizationName() + " — " + Money.of(e.totalMinor(), s.currency()).format()
                    + " (" + e.reason() + ")").toList());
        }, this::fail);
    }

    public void startRun(List<UUID> only) {
        startRun(only, null);
    }

    /** Starts a run; {@code closeEarlyReason} bills a month that is not over yet (kept in the audit log). */
    public void startRun(List<UUID> only, String closeEarlyReason) {
        if (running.get()) {
            return;
        }
        control = new RunControl();
        RunControl c = control;
        running.set(true);
        paused.set(false);
        error.set("");
        runLog.clear();
        runProgress.set(0);
        YearMonth p = period.get();
        runStatus.set("Planning " + p + "…");
        executor.run(() -> service.run(p, only, false, closeEarlyReason, c, progress -> executor.onUiThread(() -> {
            runProgress.set(progress.total() == 0 ? 0 : (double) (progress.finished() + progress.failed()) / progress.total());
            runStatus.set(String.format("%s %,d of %,d invoices sent · %,d failed · %,d Stripe steps", c.paused() ? "Paused:" : "Running:",
                    progress.finished(), progress.total(), progress.failed(), progress.stepsDone()));
            if (progress.organizationName() != null) {
                runLog.add(0, progress.organizationName() + ": " + progress.step() + (progress.message() == null ? "" : " — " + progress.message()));
                if (runLog.size() > 500) {
                    runLog.remove(500, runLog.size());
                }
            }
        })), s -> {
            running.set(false);
            runSummary.set(s);
            runProgress.set(1);
            runStatus.set(runWords(s));
            notices.finished("Invoice run: " + InvoiceSteps.periodText(s.period()), runWords(s));
            s.failed().forEach(f -> runLog.add(0, "Failed: " + f.organizationName() + " — " + f.reason()));
            loadReview();
            loadRuns();
        }, t -> {
            running.set(false);
            fail(t);
            notices.failed("Invoice run stopped", Errors.plainMessage(t));
        });
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

    /** How a finished run reads: what it did, in words, with its money. */
    static String runWords(RunSummary s) {
        if ("nothing to do".equals(s.status())) {
            return String.format("Nothing to invoice: every organization of %s is invoiced already or has nothing to bill (%,d skipped).",
                    InvoiceSteps.periodText(s.period()), s.skipped().size());
        }
        String status = switch (s.status()) {
            case "completed" -> "Run completed";
            case "paused" -> "Run paused (run the period again to resume)";
            case "cancelled" -> "Run cancelled";
            default -> "Run " + s.status();
        };
        return String.format("%s: %,d %s created and sent for %s · %,d skipped · %,d failed", status, s.created().size(),
                s.created().size() == 1 ? "invoice" : "invoices", Money.of(s.createdTotalMinor(), s.currency()).format(),
                s.skipped().size(), s.failed().size());
    }

    public void pauseOrResume() {
        if (control == null) {
            return;
        }
        if (control.paused()) {
            control.resume();
            paused.set(false);
        } else {
            control.pause();
            paused.set(true);
            runStatus.set("Pausing: each invoice finishes its current step…");
        }
    }

    public void cancelRun() {
        if (control != null) {
            control.cancel();
            runStatus.set("Cancelling: invoices stop before their next step; a later run resumes them.");
        }
    }

    public void loadRuns() {
        executor.run(() -> service.runs(20), runs::setAll, this::fail);
    }

    // ---- events and dunning -------------------------------------------------------------------------
    public void loadEvents() {
        executor.run(() -> events.events(null, 300), eventRows::setAll, this::fail);
        executor.run(() -> reconciliation.dunning(com.antevus.console.core.ConsoleClock.today(service.clock())), dunningRows::setAll, this::fail);
    }

    public void syncEvents() {
        busy.set(true);
        error.set("");
        message.set("Asking Stripe for new events\u2026");
        executor.run(() -> events.sync(step -> executor.onUiThread(() -> message.set(step))), r -> {
            busy.set(false);
            message.set(syncWords(r));
            notices.finished("Stripe sync", syncWords(r));
            loadEvents();
            loadReview();
        }, t -> {
            fail(t);
            message.set("");
            notices.failed("Stripe sync failed", Errors.plainMessage(t));
        });
    }

    public void replay(StripeEventSync.EventRow row) {
        if (row == null) {
            return;
        }
        executor.run(() -> events.replay(row.eventId()), s -> {
            message.set("Event " + row.eventId() + " replayed: " + s + ".");
            loadEvents();
        }, this::fail);
    }

    // ---- reconciliation -----------------------------------------------------------------------------
    public void reconcile() {
        busy.set(true);
        error.set("");
        YearMonth p = period.get();
        reconSummary.set("Reading " + p + " from the database and Stripe…");
        executor.run(() -> reconciliation.reconcile(p, n -> {
            if (n % 25 == 0) {
                executor.onUiThread(() -> reconSummary.set("Compared " + n + " invoices with Stripe…"));
            }
        }), r -> {
            busy.set(false);
            reconAll.clear();
            reconAll.addAll(r);
            applyReconFilter();
            notices.finished("Reconciliation: " + InvoiceSteps.periodText(p), reconSummary.get());
        }, t -> {
            fail(t);
            reconSummary.set("");
            notices.failed("Reconciliation failed", Errors.plainMessage(t));
        });
    }

    private void applyReconFilter() {
        reconRows.setAll(reconAll.stream().filter(r -> !onlyDifferences.get() || !r.matches()).toList());
        long differ = reconAll.stream().filter(r -> !r.matches()).count();
        reconSummary.set(reconAll.isEmpty() ? "" : String.format("%,d organizations · %,d agree · %,d differ", reconAll.size(),
                reconAll.size() - differ, differ));
    }

    public void exportReconciliation(Path file) {
        List<Reconciliation.Row> all = List.copyOf(reconAll);
        executor.run(() -> {
            com.antevus.console.core.SafeFiles.writeAtomically(file, Reconciliation.csv(all));
            return file;
        }, f -> message.set("Exported " + all.size() + " rows to " + f.getFileName() + "."), this::fail);
    }

    // ---- properties ---------------------------------------------------------------------------------
    public ObjectProperty<YearMonth> periodProperty() { return period; }
    public ObservableList<ReviewRow> rows() { return rows; }
    public ObjectProperty<ReviewFilter> filterProperty() { return filter; }
    public StringProperty reviewSummaryProperty() { return reviewSummary; }
    public ObjectProperty<InvoiceDraft> draftProperty() { return draft; }
    public ObservableList<DraftLine> draftLines() { return draftLines; }
    public BooleanProperty draftDirtyProperty() { return draftDirty; }
    public StringProperty lineDescriptionProperty() { return lineDescription; }
    public StringProperty lineAmountProperty() { return lineAmount; }
    public StringProperty lineReasonProperty() { return lineReason; }
    public StringProperty saveReasonProperty() { return saveReason; }
    public StringProperty paymentReferenceProperty() { return paymentReference; }
    public StringProperty actionReasonProperty() { return actionReason; }
    public ObservableList<String> stepLog() { return stepLog; }
    public ObjectProperty<RunSummary> runSummaryProperty() { return runSummary; }
    public DoubleProperty runProgressProperty() { return runProgress; }
    public StringProperty runStatusProperty() { return runStatus; }
    public BooleanProperty runningProperty() { return running; }
    public BooleanProperty pausedProperty() { return paused; }
    public ObservableList<String> runLog() { return runLog; }
    public ObservableList<InvoicingService.RunRecord> runs() { return runs; }
    public ObservableList<StripeEventSync.EventRow> eventRows() { return eventRows; }
    public ObservableList<Reconciliation.DunningRow> dunningRows() { return dunningRows; }
    public ObservableList<Reconciliation.Row> reconRows() { return reconRows; }
    public BooleanProperty onlyDifferencesProperty() { return onlyDifferences; }
    public StringProperty reconSummaryProperty() { return reconSummary; }
}
