package com.antevus.console.usage;

import com.antevus.console.core.Downsample;
import com.antevus.console.core.TaskExecutor;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** One organization's usage against its entitlements: picker, charts' series (downsampled), projection, alerts. Touches no Node. */
public final class UsageViewModel extends com.antevus.console.core.SectionViewModel {
    /** Chart series are cut to about this many points (LTTB), whatever the range. */
    public static final int MAX_POINTS = 2_000;
    private final UsageService service;
    private final TaskExecutor executor;
    private final ObservableList<UsageService.OrgRef> organizations = FXCollections.observableArrayList();
    private final FilteredList<UsageService.OrgRef> filtered = new FilteredList<>(organizations);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<UsageService.OrgRef> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<OrgUsage> usage = new SimpleObjectProperty<>();
    private final ObjectProperty<OrgUsage.MetricUsage> metric = new SimpleObjectProperty<>();
    private final ObservableList<Point> dailySeries = FXCollections.observableArrayList();
    private final ObservableList<Point> monthSeries = FXCollections.observableArrayList();
    private UUID pending;

    /** A chart point: x is the epoch day, y the value. */
    public record Point(long epochDay, double value) {
    }

    public UsageViewModel(UsageService service, TaskExecutor executor) {
        this.service = service;
        this.executor = executor;
        search.addListener((o, a, b) -> {
            String q = b == null ? "" : b.strip().toLowerCase(Locale.ROOT);
            filtered.setPredicate(r -> q.isEmpty() || r.name().toLowerCase(Locale.ROOT).contains(q) || r.planCode().contains(q));
        });
        selected.addListener((o, a, b) -> {
            if (b != null) {
                loadUsage(b.id());
            }
        });
        metric.addListener((o, a, m) -> buildSeries(m));
    }

    public void load() {
        busy.set(true);
        executor.run(service::organizations, rows -> {
            organizations.setAll(rows);
            busy.set(false);
            UUID want = pending;
            pending = null;
            rows.stream().filter(r -> r.id().equals(want)).findFirst().or(() -> rows.stream().findFirst()).ifPresent(selected::set);
        }, this::fail);
    }

    /** Shows an organization (from the dashboard), once the list is there. */
    public void select(UUID organization) {
        organizations.stream().filter(r -> r.id().equals(organization)).findFirst().ifPresentOrElse(selected::set, () -> pending = organization);
    }

    /** Reloads the organization shown (new usage was folded in). */
    public void reload() {
        if (selected.get() != null && !busy.get()) {
            loadUsage(selected.get().id());
        }
    }

    private void loadUsage(UUID org) {
        busy.set(true);
        error.set("");
        executor.run(() -> service.organization(org), u -> {
            busy.set(false);
            String keep = metric.get() == null ? null : metric.get().metric();
            usage.set(u);
            metric.set(u.metrics().stream().filter(m -> m.metric().equals(keep)).findFirst()
                    .orElse(u.metrics().isEmpty() ? null : u.metrics().get(0)));
            buildSeries(metric.get());
        }, this::fail);
    }

    /** The daily series over the months shown, and this month's running total (or daily level for averaged metrics). */
    private void buildSeries(OrgUsage.MetricUsage m) {
        if (m == null) {
            dailySeries.clear();
            monthSeries.clear();
            return;
        }
        double[] x = new double[m.days().size()];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = m.days().get(i).toEpochDay();
            y[i] = m.daily().get(i);
        }
        List<Point> pts = new ArrayList<>();
        for (int i : Downsample.lttb(x, y, MAX_POINTS)) {
            pts.add(new Point((long) x[i], y[i]));
        }
        dailySeries.setAll(pts);
        YearMonth month = usage.get().month();
        List<Point> cumulative = new ArrayList<>();
        long running = 0;
        for (int i = 0; i < m.days().size(); i++) {
            LocalDate d = m.days().get(i);
            if (!YearMonth.from(d).equals(month)) {
                continue;
            }
            running = "sum".equals(m.aggregation()) ? running + m.daily().get(i) : m.daily().get(i);
            cumulative.add(new Point(d.toEpochDay(), running));
        }
        monthSeries.setAll(cumulative);
    }

    public void acknowledge(OrgUsage.Alert alert, String note) {
        OrgUsage u = usage.get();
        if (u == null) {
            return;
        }
        busy.set(true);
        executor.run(() -> {
            service.acknowledge(u.id(), u.month(), alert, note, null);
            return alert;
        }, a -> {
            busy.set(false);
            message.set("Acknowledged the " + a.words() + ".");
            loadUsage(u.id());
        }, this::fail);
    }

    public void exportCsv(Path file) {
        OrgUsage u = usage.get();
        if (u == null) {
            return;
        }
        executor.run(() -> {
            com.antevus.console.core.SafeFiles.writeAtomically(file, UsageService.csv(u));
            return file;
        }, f -> message.set("Exported " + u.name() + "'s usage to " + f + "."), this::fail);
    }

    public ObservableList<UsageService.OrgRef> organizations() {
        return filtered;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<UsageService.OrgRef> selectedProperty() {
        return selected;
    }

    public ObjectProperty<OrgUsage> usageProperty() {
        return usage;
    }

    public ObjectProperty<OrgUsage.MetricUsage> metricProperty() {
        return metric;
    }

    public ObservableList<Point> dailySeries() {
        return dailySeries;
    }

    public ObservableList<Point> monthSeries() {
        return monthSeries;
    }



}
