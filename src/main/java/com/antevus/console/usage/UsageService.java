package com.antevus.console.usage;

import com.antevus.console.db.Jdbc;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/** Usage for the views: rollup refreshes, an organization's series, the fleet's month. Owns its transactions. */
public final class UsageService {
    private final Jdbc jdbc;
    private final UsageRollups rollups;

    public UsageService(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
        this.rollups = new UsageRollups(dataSource);
    }

    /** One background refresh: folds what arrived, then records this month's new alert crossings. */
    public UsageRollups.Refresh refresh() {
        UsageRollups.Refresh r = rollups.refresh();
        if (!r.busy() && r.rowsFolded() > 0) {
            rollups.refreshAlerts(LocalDate.now(ZoneOffset.UTC));
        }
        return r;
    }

    Jdbc jdbc() {
        return jdbc;
    }
}
