package com.antevus.console.invoicing;

import com.antevus.console.core.Errors;
import com.antevus.console.core.Money;
import com.antevus.console.core.SectionViewModel;
import com.antevus.console.core.TaskExecutor;
import java.time.YearMonth;
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

/** The invoice run tab: a dry run, a run with its progress, pause and cancel, and the latest runs. */
public final class InvoiceRunViewModel extends SectionViewModel {
    private final InvoicesViewModel section;
    private final InvoicingService service;
    private final TaskExecutor executor;
    private final ObjectProperty<RunSummary> summary = new SimpleObjectProperty<>();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<InvoicingService.RunRecord> runs = FXCollections.observableArrayList();
    private RunControl control;

    InvoiceRunViewModel(InvoicesViewModel section, InvoicingService service, TaskExecutor executor) {
        super(section);
        this.section = section;
        this.service = service;
        this.executor = executor;
    }

    public void dryRun(List<UUID> only) {
        busy.set(true);
        error.set("");
        YearMonth p = section.periodProperty().get();
        executor.run(() -> service.run(p, only, true, new RunControl(), x -> { }), s -> {
            busy.set(false);
            summary.set(s);
            status.set(String.format("Dry run for %s: %,d invoices for %s would be created; %,d skipped. Nothing was changed.",
                    s.period(), s.created().size(), Money.of(s.createdTotalMinor(), s.currency()).format(), s.skipped().size()));
            log.setAll(s.created().stream().map(e -> e.organizationName() + " — " + Money.of(e.totalMinor(), s.currency()).format()
                    + " (" + e.reason() + ")").toList());
        }, this::fail);
    }

    public void start(List<UUID> only) {
        start(only, null);
    }

    /** Starts a run; {@code closeEarlyReason} bills a month that is not over yet (kept in the audit log). */
    public void start(List<UUID> only, String closeEarlyReason) {
        if (running.get()) {
            return;
        }
        control = new RunControl();
        RunControl c = control;
        running.set(true);
        paused.set(false);
        error.set("");
        log.clear();
        progress.set(0);
        YearMonth p = section.periodProperty().get();
        status.set("Planning " + InvoiceSteps.periodText(p) + "…");
        executor.run(() -> service.run(p, only, false, closeEarlyReason, c, step -> executor.onUiThread(() -> {
            progress.set(step.total() == 0 ? 0 : (double) (step.finished() + step.failed()) / step.total());
            status.set(String.format("%s %,d of %,d invoices sent · %,d failed · %,d Stripe steps", c.paused() ? "Paused:" : "Running:",
                    step.finished(), step.total(), step.failed(), step.stepsDone()));
            if (step.organizationName() != null) {
                log.add(0, step.organizationName() + ": " + step.step() + (step.message() == null ? "" : " — " + step.message()));
                if (log.size() > 500) {
                    log.remove(500, log.size());
                }
            }
        })), s -> {
            running.set(false);
            summary.set(s);
            progress.set(1);
            status.set(runWords(s));
            notices().finished("Invoice run: " + InvoiceSteps.periodText(s.period()), runWords(s));
            s.failed().forEach(f -> log.add(0, "Failed: " + f.organizationName() + " — " + f.reason()));
            section.review().load();
            loadRuns();
        }, t -> {
            running.set(false);
            fail(t);
            notices().failed("Invoice run stopped", Errors.plainMessage(t));
        });
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
            status.set("Pausing: each invoice finishes its current step…");
        }
    }

    public void cancel() {
        if (control != null) {
            control.cancel();
            status.set("Cancelling: invoices stop before their next step; a later run resumes them.");
        }
    }

    public void loadRuns() {
        executor.run(() -> service.runs(20), runs::setAll, this::fail);
    }

    public ObjectProperty<RunSummary> summaryProperty() { return summary; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty statusProperty() { return status; }
    public BooleanProperty runningProperty() { return running; }
    public BooleanProperty pausedProperty() { return paused; }
    public ObservableList<String> log() { return log; }
    public ObservableList<InvoicingService.RunRecord> runs() { return runs; }
}
