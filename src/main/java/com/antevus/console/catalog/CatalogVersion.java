package com.antevus.console.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/** One version of the catalog: a draft being edited, or a published (immutable) version. */
public record CatalogVersion(long id, int number, Status status, LocalDate effectiveFrom, Instant publishedAt, String publishedBy,
                             String notes, Instant createdAt, String createdBy, int rowVersion, Long basedOnId, Instant stripeSyncedAt,
                             int plans, int subscriptions) {
    public enum Status {
        DRAFT, PUBLISHED, RETIRED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean isDraft() {
        return status == Status.DRAFT;
    }

    /** For people: "v3 (published, effective Nov 1, 2026)" in the user's locale, or "v4 (draft)". */
    public String title() {
        return title(com.antevus.console.core.Dates.day(effectiveFrom));
    }

    /** For files: "v3 (published, effective 2026-11-01)", the day in ISO-8601. */
    public String isoTitle() {
        return title(effectiveFrom == null ? "" : effectiveFrom.toString());
    }

    private String title(String day) {
        return "v" + number + (status == Status.DRAFT ? " (draft)" : " (" + status.label() + (day.isEmpty() ? "" : ", effective " + day) + ")");
    }
}
