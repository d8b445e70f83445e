package com.antevus.console.invoicing;

import com.antevus.console.core.Money;
import com.antevus.console.core.SectionViewModel;
import com.antevus.console.core.TaskExecutor;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The period review tab: every organization's rating for the section's period, filtered, with what it adds up to. */
public final class PeriodReviewViewModel extends SectionViewModel {
    private final InvoicesViewModel section;
    private final InvoicingService service;
    private final TaskExecutor executor;
    private final List<ReviewRow> allRows = new ArrayList<>();
    private final ObservableList<ReviewRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ReviewFilter> filter = new SimpleObjectProperty<>(ReviewFilter.NONE);
    private final StringProperty summary = new SimpleStringProperty("");

    PeriodReviewViewModel(InvoicesViewModel section, InvoicingService service, TaskExecutor executor) {
        super(section);
        this.section = section;
        this.service = service;
        this.executor = executor;
        filter.addListener((o, a, b) -> applyFilter());
    }

    /** Rates the section's period for every organization (again, after anything that changes a draft). */
    public void load() {
        busy.set(true);
        error.set("");
        YearMonth p = section.periodProperty().get();
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
        summary.set(String.format("%,d organizations shown of %,d · %,d to invoice for %s · %,d with anomalies",
                shown.size(), allRows.size(), toInvoice, Money.of(total, currency()).format(), anomalies));
    }

    /** The period's currency (the console bills one; USD before anything is rated). */
    public String currency() {
        return allRows.isEmpty() ? "USD" : allRows.get(0).currency();
    }

    /** What a run over {@code only} (every organization when empty) would bill, from the period review: invoices and their total. */
    public long[] runScope(List<UUID> only) {
        List<ReviewRow> in = allRows.stream().filter(r -> r.billing() == ReviewRow.Billing.TO_INVOICE)
                .filter(r -> only.isEmpty() || only.contains(r.organizationId())).toList();
        return new long[]{in.size(), in.stream().mapToLong(ReviewRow::totalMinor).sum()};
    }

    /** The organizations the filters show, for a run over only those. */
    public List<UUID> shownOrganizations() {
        return rows.stream().map(ReviewRow::organizationId).toList();
    }

    public ObservableList<ReviewRow> rows() { return rows; }
    public ObjectProperty<ReviewFilter> filterProperty() { return filter; }
    public StringProperty summaryProperty() { return summary; }
}
