package com.antevus.console.invoicing;

import com.antevus.console.core.Errors;
import com.antevus.console.core.SectionViewModel;
import com.antevus.console.core.TaskExecutor;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The reconciliation tab: the period's rating, invoices and Stripe's invoice lines side by side, with how far it has got. */
public final class ReconciliationViewModel extends SectionViewModel {
    private final InvoicesViewModel section;
    private final Reconciliation reconciliation;
    private final TaskExecutor executor;
    private final ObservableList<Reconciliation.Row> rows = FXCollections.observableArrayList();
    private final List<Reconciliation.Row> all = new ArrayList<>();
    private final BooleanProperty onlyDifferences = new SimpleBooleanProperty(true);
    private final StringProperty summary = new SimpleStringProperty("");
    /** -1 (indeterminate) while the period is read and rated, then the share of invoices compared with Stripe. */
    private final DoubleProperty progress = new SimpleDoubleProperty(0);

    ReconciliationViewModel(InvoicesViewModel section, Reconciliation reconciliation, TaskExecutor executor) {
        super(section);
        this.section = section;
        this.reconciliation = reconciliation;
        this.executor = executor;
        onlyDifferences.addListener((o, a, b) -> applyFilter());
    }

    public void reconcile() {
        busy.set(true);
        error.set("");
        YearMonth p = section.periodProperty().get();
        summary.set("Reading " + InvoiceSteps.periodText(p) + " from the database and rating it…");
        progress.set(-1);
        executor.run(() -> reconciliation.reconcile(p, step -> {
            if (step.done() % 10 != 0 && step.done() != step.total()) {
                return; // a line every ten invoices is enough to watch
            }
            executor.onUiThread(() -> {
                progress.set(step.total() == 0 ? 1 : (double) step.done() / step.total());
                summary.set(String.format("Compared %,d of %,d invoices with Stripe…", step.done(), step.total()));
            });
        }), r -> {
            busy.set(false);
            progress.set(1);
            all.clear();
            all.addAll(r);
            applyFilter();
            notices().finished("Reconciliation: " + InvoiceSteps.periodText(p), summary.get());
        }, t -> {
            fail(t);
            progress.set(0);
            summary.set("");
            notices().failed("Reconciliation failed", Errors.plainMessage(t));
        });
    }

    private void applyFilter() {
        rows.setAll(all.stream().filter(r -> !onlyDifferences.get() || !r.matches()).toList());
        long differ = all.stream().filter(r -> !r.matches()).count();
        summary.set(all.isEmpty() ? "" : String.format("%,d organizations · %,d agree · %,d differ", all.size(),
                all.size() - differ, differ));
    }

    public void export(Path file) {
        List<Reconciliation.Row> rowsNow = List.copyOf(all);
        executor.run(() -> {
            com.antevus.console.core.SafeFiles.writeAtomically(file, Reconciliation.csv(rowsNow));
            return file;
        }, f -> message.set("Exported " + rowsNow.size() + " rows to " + f.getFileName() + "."), this::fail);
    }

    public ObservableList<Reconciliation.Row> rows() { return rows; }
    public BooleanProperty onlyDifferencesProperty() { return onlyDifferences; }
    public StringProperty summaryProperty() { return summary; }
    public DoubleProperty progressProperty() { return progress; }
}
