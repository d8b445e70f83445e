package com.antevus.console.access;

import com.antevus.console.core.Errors;
import com.antevus.console.core.TaskExecutor;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Activity view's state: the audit log's filters, the rows found, the selected row's before/after. */
public final class ActivityViewModel {
    private final AuditService service;
    private final TaskExecutor executor;
    private final ObjectProperty<String> user = new SimpleObjectProperty<>();
    private final ObjectProperty<String> table = new SimpleObjectProperty<>();
    private final StringProperty organization = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObservableList<String> users = FXCollections.observableArrayList();
    private final ObservableList<String> tables = FXCollections.observableArrayList();
    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<AuditEntry> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<AuditWords> words = new SimpleObjectProperty<>(new AuditWords(java.util.Map.of()));
    private final ObservableList<AuditEntry.Change> changes = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");

    public ActivityViewModel(AuditService service, TaskExecutor executor) {
        this.service = service;
        this.executor = executor;
        selected.addListener((o, a, e) -> changes.setAll(e == null ? List.of() : e.changes(words.get())));
    }

    public void load() {
        executor.run(service::choices, c -> {
            String u = user.get();
            String t = table.get();
            users.setAll(c.users());
            users.add(0, null);
            tables.setAll(c.tables());
            tables.add(0, null);
            user.set(u);
            table.set(t);
        }, t -> error.set(Errors.plainMessage(t)));
        search();
    }

    public void search() {
        AuditService.Filter f = new AuditService.Filter(user.get(), table.get(), organization.get(),
                from.get() == null ? null : from.get().atStartOfDay().toInstant(ZoneOffset.UTC),
                to.get() == null ? null : to.get().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        busy.set(true);
        error.set("");
        executor.run(() -> java.util.Map.entry(service.find(f), service.words()), found -> {
            List<AuditEntry> list = found.getKey();
            busy.set(false);
            words.set(found.getValue());
            entries.setAll(list);
            summary.set(list.size() >= AuditService.LIMIT
                    ? String.format("The newest %,d changes; narrow the filters to see older ones.", list.size())
                    : String.format("%,d change%s", list.size(), list.size() == 1 ? "" : "s"));
            if (!list.isEmpty() && (selected.get() == null || !list.contains(selected.get()))) {
                selected.set(list.get(0));
            }
        }, t -> {
            busy.set(false);
            error.set(Errors.plainMessage(t));
        });
    }

    public void clearFilters() {
        user.set(null);
        table.set(null);
        organization.set("");
        from.set(null);
        to.set(null);
        search();
    }

    public void exportCsv(Path file) {
        List<AuditEntry> rows = List.copyOf(entries);
        executor.run(() -> {
            AuditService.exportCsv(rows, file);
            return rows.size();
        }, n -> message.set(String.format("Exported %,d changes to %s.", n, file)), t -> error.set(Errors.plainMessage(t)));
    }

    public ObjectProperty<String> userProperty() { return user; }
    public ObjectProperty<String> tableProperty() { return table; }
    public StringProperty organizationProperty() { return organization; }
    public ObjectProperty<LocalDate> fromProperty() { return from; }
    public ObjectProperty<LocalDate> toProperty() { return to; }
    public ObservableList<String> users() { return users; }
    public ObservableList<String> tables() { return tables; }
    public ObservableList<AuditEntry> entries() { return entries; }
    public ObjectProperty<AuditEntry> selectedProperty() { return selected; }
    public ObservableList<AuditEntry.Change> changes() { return changes; }
    /** The words the entries are shown in (plan names are read with each search). */
    public ObjectProperty<AuditWords> wordsProperty() { return words; }
    public StringProperty summaryProperty() { return summary; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty errorProperty() { return error; }
    public StringProperty messageProperty() { return message; }
}
