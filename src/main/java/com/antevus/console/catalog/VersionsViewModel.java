package com.antevus.console.catalog;

import com.antevus.console.core.SectionViewModel;
import com.antevus.console.core.TaskExecutor;
import com.antevus.console.pricing.CatalogDiff;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Versions tab: every version of the catalog (the section's list) and what changed between two of them, in
 * plain lines with a one-line summary. Touches no Node.
 */
public final class VersionsViewModel extends SectionViewModel {
    private final CatalogViewModel section;
    private final CatalogService service;
    private final TaskExecutor executor;
    private final ObjectProperty<CatalogVersion> from = new SimpleObjectProperty<>();
    private final ObjectProperty<CatalogVersion> to = new SimpleObjectProperty<>();
    private final ObservableList<CatalogDiff.Change> diff = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    VersionsViewModel(CatalogViewModel section, CatalogService service, TaskExecutor executor) {
        super(section);
        this.section = section;
        this.service = service;
        this.executor = executor;
        from.addListener(x -> refresh());
        to.addListener(x -> refresh());
    }

    /** The versions were (re)loaded, newest first: compare the newest with the one before it. */
    void compareLatest(List<CatalogVersion> all) {
        if (all.size() >= 2) {
            to.set(all.get(0));
            from.set(all.get(1));
        }
    }

    private void refresh() {
        CatalogVersion a = from.get();
        CatalogVersion b = to.get();
        if (a == null || b == null) {
            diff.clear();
            summary.set("");
            return;
        }
        executor.run(() -> service.diff(a, b), changes -> {
            if (a != from.get() || b != to.get()) {
                return;
            }
            diff.setAll(changes);
            summary.set(summary(a, b, changes));
        }, this::fail);
    }

    /** "From v1 to v2: 3 changed, 1 added, 0 removed." or that the two sell the same things at the same prices. */
    static String summary(CatalogVersion a, CatalogVersion b, List<CatalogDiff.Change> changes) {
        long added = changes.stream().filter(c -> c.kind() == CatalogDiff.Kind.ADDED).count();
        long removed = changes.stream().filter(c -> c.kind() == CatalogDiff.Kind.REMOVED).count();
        long changed = changes.size() - added - removed;
        return changes.isEmpty() ? "v" + a.number() + " and v" + b.number() + " sell the same things at the same prices."
                : String.format("From v%d to v%d: %d changed, %d added, %d removed.", a.number(), b.number(), changed, added, removed);
    }

    /** Every version, newest first (the section's list). */
    public ObservableList<CatalogVersion> versions() {
        return section.versions();
    }

    public ObjectProperty<CatalogVersion> fromProperty() {
        return from;
    }

    public ObjectProperty<CatalogVersion> toProperty() {
        return to;
    }

    public ObservableList<CatalogDiff.Change> diff() {
        return diff;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
