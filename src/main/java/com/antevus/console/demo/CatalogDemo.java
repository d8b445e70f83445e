package com.antevus.console.demo;

import com.antevus.console.catalog.CatalogContentsRepository;
import com.antevus.console.db.Sql;
import com.antevus.console.pricing.ShippedCatalogs;
import java.sql.SQLException;

/** The demo catalog: the shipped file catalogs/antevus.yaml as version 1, read the way an admin's import reads it. */
final class CatalogDemo extends DemoFamily {
    CatalogDemo(DemoRun run) {
        super(run);
    }

    void write() throws SQLException {
        long versionId = Sql.first(c, "insert into catalog_versions (version_no, status, notes) values (1, 'draft', "
                + "'Antevus catalog from the billing guide: Core, Team, Scale, academic variants, add-ons') returning id",
                rs -> rs.getLong(1)).orElseThrow();
        run.catalog = ShippedCatalogs.read(ShippedCatalogs.ANTEVUS);
        run.planIds.putAll(CatalogContentsRepository.insert(c, versionId, run.catalog));
        // published once complete: a published version's contents are immutable
        Sql.update(c, "update catalog_versions set status = 'published', effective_from = date '2024-01-01', published_at = now(), "
                + "published_by = 'demo-data' where id = ?", versionId);
    }
}
