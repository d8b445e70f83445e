package com.antevus.console.orgs;

import com.antevus.console.core.Errors;
import com.antevus.console.core.TaskExecutor;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/** One organization's page: its profile, read in the background; a newer open wins over a slower older one. */
public final class OrganizationPageViewModel {
    private final OrganizationService service;
    private final TaskExecutor executor;
    private final ObjectProperty<OrganizationProfile> profile = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private UUID wanted;

    public OrganizationPageViewModel(OrganizationService service, TaskExecutor executor) {
        this.service = service;
        this.executor = executor;
    }

    /** Opens the organization's page (the previous organization's stays until this one has loaded). */
    public void open(UUID organization) {
        wanted = organization;
        busy.set(true);
        error.set("");
        executor.run(() -> service.profile(organization), p -> {
            if (organization.equals(wanted)) {
                busy.set(false);
                profile.set(p);
            }
        }, t -> {
            if (organization.equals(wanted)) {
                busy.set(false);
                error.set(Errors.plainMessage(t));
            }
        });
    }

    /** Reads the open organization again. */
    public void reload() {
        if (wanted != null) {
            open(wanted);
        }
    }

    public ObjectProperty<OrganizationProfile> profileProperty() { return profile; }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
