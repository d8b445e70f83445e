package com.antevus.console.support;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.catalog.CatalogVersion;
import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.PlanSpec;
import java.util.ArrayList;
import java.util.List;

/** Catalog drafts the tests publish, saved through the catalog service as an admin would. */
public final class CatalogDrafts {
    private CatalogDrafts() {
    }

    /** A draft of the live catalog with Team at $4,200 a month and $40,320 a year (from $4,000 and $38,400). */
    public static CatalogVersion teamAt4200(CatalogService s) {
        CatalogVersion draft = s.startDraft(null);
        Catalog c = s.load(draft.id());
        List<PlanSpec> plans = new ArrayList<>(c.plans());
        plans.replaceAll(p -> !p.code().equals("team") ? p : new PlanSpec(p.code(), p.name(), p.family(), p.billingModel(), p.currency(),
                420_000L, 4_032_000L, p.minSeats(), p.academicOf(), p.selfServe(), p.graceDays(), p.alertThresholds(), p.quotas(), p.metered()));
        return s.saveDraft(draft, new Catalog(c.metrics(), c.resources(), plans, c.addOns()), "Team to $4,200");
    }
}
