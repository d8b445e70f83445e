package com.antevus.console.usage;

import com.antevus.console.core.Errors;
import com.antevus.console.core.TaskExecutor;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The fleet dashboard's state: the month's figures, the utilization heatmap's rows and the top overages. Touches no Node. */
public final class DashboardViewModel extends com.antevus.console.core.SectionViewModel {
    /** Rows in the heatmap: the organizations closest to (or over) their quotas. */
    public static final int HEATMAP_ROWS = 36;
    private final UsageService service;
    private final TaskExecutor executor;
    private final Consumer<UUID> openOrganization;
    private final ObjectProperty<FleetUsage> fleet = new SimpleObjectProperty<>();
    private final ObservableList<FleetUsage.OrgMonth> heatmap = FXCollections.observableArrayList();
    private final ObservableList<FleetUsage.OrgMonth> topOverages = FXCollections.observableArrayList();
    private boolean loading;

    public DashboardViewModel(UsageService service, TaskExecutor executor, Consumer<UUID> openOrganization) {
        this.service = service;
        this.executor = executor;
        this.openOrganization = openOrganization;
    }

    /** Loads the month in the background; a load already running is not doubled. */
    public void load() {
        if (loading) {
            return;
        }
        loading = true;
        busy.set(true);
        executor.run(service::fleet, f -> {
            loading = false;
            busy.set(false);
            error.set("");
            heatmap.setAll(f.organizations().stream()
                    .sorted(Comparator.comparingDouble(FleetUsage.OrgMonth::maxUtilization).reversed()
                            .thenComparing(FleetUsage.OrgMonth::name))
                    .limit(HEATMAP_ROWS).toList());
            topOverages.setAll(f.organizations().stream().filter(o -> o.projectedOverageMinor() > 0)
                    .sorted(Comparator.comparingLong(FleetUsage.OrgMonth::projectedOverageMinor).reversed()).toList());
            fleet.set(f); // last: the view draws the heatmap from the rows above
        }, failure -> {
            loading = false;
            busy.set(false);
            error.set(Errors.plainMessage(failure));
        });
    }

    public void open(UUID organization) {
        openOrganization.accept(organization);
    }

    public ObjectProperty<FleetUsage> fleetProperty() {
        return fleet;
    }

    public ObservableList<FleetUsage.OrgMonth> heatmap() {
        return heatmap;
    }

    public ObservableList<FleetUsage.OrgMonth> topOverages() {
        return topOverages;
    }


}
