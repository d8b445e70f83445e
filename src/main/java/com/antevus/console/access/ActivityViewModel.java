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
public final class ActivityViewModel extends com.antevus.console.core.SectionViewModel {
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
    /** One line per action (the rows one transaction wrote), or one per changed row. */
    private final BooleanProperty grouped = new SimpleBooleanProperty(true);
    /** The ids behind the names (row keys, plan ids, raw values) in the detail, for whoever needs to look one up. */
    private final BooleanProperty showIds = new SimpleBooleanProperty(false);
    private List<AuditEntry> found = List.of();
    /** Each shown line's rows: itself alone, or every row of its action, newest first. */
    private final java.util.Map<AuditEntry, List<AuditEntry>> members = new java.util.IdentityHashMap<>();

    public ActivityViewModel(AuditService service, TaskExecutor executor) {
        this.service = service;
        this.executor = executor;
        selected.addListener((o, a, e) -> showChanges());
        showIds.addListener((o, a, b) -> showChanges());
        grouped.addListener((o, a, b) -> show(found));
    }

    /** The rows an action wrote: the same transaction (rows from before V13 have none and stand alone). */
    static List<List<AuditEntry>> actions(List<AuditEntry> newestFirst) {
        java.util.Map<Object, List<AuditEntry>> byAction = new java.util.LinkedHashMap<>();
        for (AuditEntry e : newestFirst) {
            Object key = e.txId() == null ? e : e.txId();
            byAction.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(e);
        }
        return List.copyOf(byAction.values());
    }

    private void show(List<AuditEntry> list) {
        members.clear();
        List<AuditEntry> lines = new java.util.ArrayList<>();
        if (grouped.get()) {
            for (List<AuditEntry> action : actions(list)) {
                members.put(action.get(0), action);
                lines.add(action.get(0));
            }
        } else {
            list.forEach(e -> {
                members.put(e, List.of(e));
                lines.add(e);
            });
        }
        entries.setAll(lines);
        int actions = grouped.get() ? lines.size() : actions(list).size();
        summary.set((list.size() >= AuditService.LIMIT ? String.format("The newest %,d changes", list.size())
                : String.format("%,d change%s", list.size(), list.size() == 1 ? "" : "s"))
                + String.format(" in %,d action%s", actions, actions == 1 ? "" : "s")
                + (list.size() >= AuditService.LIMIT ? "; narrow the filters to see older ones." : ""));
        AuditEntry keep = selected.get();
        AuditEntry line = keep == null ? null : lines.stream().filter(l -> members.get(l).contains(keep)).findFirst().orElse(null);
        selected.set(line != null ? line : lines.isEmpty() ? null : lines.get(0));
        showChanges();
    }

    /** The rows behind a shown line (one, or its whole action). */
    public List<AuditEntry> membersOf(AuditEntry line) {
        return members.getOrDefault(line, line == null ? List.of() : List.of(line));
    }

    /**
     * A line's "What changed": the row's own changes, or for an action of several rows what it did to how many of
     * which records ("Subscription changed ×4 · Catalog version changed").
     */
    public String summaryOf(AuditEntry line) {
        List<AuditEntry> rows = membersOf(line);
        if (rows.size() <= 1) {
            return line.summary(words.get());
        }
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (AuditEntry e : rows) {
            counts.merge(AuditWords.table(e.table()) + " " + AuditWords.operation(e.operation()).toLowerCase(java.util.Locale.ROOT), 1,
                    Integer::sum);
        }
        StringBuilder sb = new StringBuilder(String.format("%,d records: ", rows.size()));
        counts.forEach((what, n) -> sb.append(sb.charAt(sb.length() - 2) == ':' ? "" : " · ").append(what).append(n > 1 ? " ×" + n : ""));
        return sb.toString();
    }

    private void showChanges() {
        AuditEntry line = selected.get();
        List<AuditEntry> rows = membersOf(line);
        List<AuditEntry.Change> out = new java.util.ArrayList<>();
        for (AuditEntry e : rows) {
            String prefix = rows.size() > 1 ? AuditWords.table(e.table()) + (e.organizationName() == null ? "" : " (" + e.organizationName() + ")")
                    + " · " : "";
            if (showIds.get()) {
                out.add(new AuditEntry.Change(prefix + "Record key", "", e.rowKey() == null ? "" : e.rowKey()));
                e.changes().forEach(c -> out.add(new AuditEntry.Change(prefix + c.field(), c.before(), c.after())));
            } else {
                e.changes(words.get()).forEach(c -> out.add(new AuditEntry.Change(prefix + c.field(), c.before(), c.after())));
            }
        }
        changes.setAll(out);
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
        executor.run(() -> java.util.Map.entry(service.find(f), service.words()), result -> {
            busy.set(false);
            words.set(result.getValue());
            found = List.copyOf(result.getKey());
            show(found);
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
        List<AuditEntry> rows = found; // every row found, one per line, whatever the grouping on screen
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
    public BooleanProperty groupedProperty() { return grouped; }
    public BooleanProperty showIdsProperty() { return showIds; }
    /** The words the entries are shown in (plan names are read with each search). */
    public ObjectProperty<AuditWords> wordsProperty() { return words; }
    public StringProperty summaryProperty() { return summary; }
}
