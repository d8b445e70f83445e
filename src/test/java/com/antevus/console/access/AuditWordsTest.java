package com.antevus.console.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit log in people's words: labels, money with its currency, one timestamp format, plan names. */
class AuditWordsTest {
    final AuditWords words = new AuditWords(Map.of(16L, "Team (catalog v2)"));

    private static AuditEntry entry(String table, String op, String before, String after) {
        return new AuditEntry(1, Instant.parse("2026-12-02T17:05:24Z"), "demo_finance", null, table, op, UUID.randomUUID(), "Harbor Pharma",
                "{}", before, after, "why", null, 7L);
    }

    @Test
    void columnsValuesAndRecordsReadAsPeopleSayThem() {
        assertThat(AuditWords.table("academic_verifications")).isEqualTo("Academic verification");
        assertThat(AuditWords.table("some_new_table")).isEqualTo("Some new table");
        assertThat(AuditWords.operation("UPDATE")).isEqualTo("Changed");
        assertThat(AuditWords.field("amount_minor")).isEqualTo("Amount");
        assertThat(AuditWords.field("plan_id")).isEqualTo("Plan");
        assertThat(AuditWords.field("decided_at")).isEqualTo("Decided at");
        assertThat(AuditWords.field("is_academic")).isEqualTo("Academic");
        assertThat(words.value("amount_minor", "-8857500", "USD")).isEqualTo("-$88,575.00");
        assertThat(words.value("amount_minor", "150000", "JPY")).isEqualTo("¥150,000");
        assertThat(words.value("plan_id", "16", "USD")).isEqualTo("Team (catalog v2)");
        assertThat(words.value("plan_id", "99", "USD")).isEqualTo("plan 99");
        assertThat(words.value("decided_at", "2026-12-02T17:05:24.123456+00:00", "USD")).isEqualTo("Dec 2, 2026 17:05:24 UTC");
        assertThat(words.value("ends_on", "2027-01-31", "USD")).as("a day reads as the screens write days").isEqualTo("Jan 31, 2027");
        assertThat(words.value("status", "info_requested", "USD")).isEqualTo("info requested");
        assertThat(words.value("metric", "ai_tokens", "USD")).as("codes stay codes").isEqualTo("ai_tokens");
        assertThat(words.value("is_academic", "true", "USD")).isEqualTo("yes");
        assertThat(words.value("payment_terms", "net45", "USD")).isEqualTo("Net 45");
    }

    @Test
    void aChangeIsSummarizedInTheRowsCurrencyAndABulkLoadInOneLine() {
        AuditEntry line = entry("invoice_lines", "UPDATE", "{\"amount_minor\": 120000, \"currency\": \"EUR \", \"version\": 1}",
                "{\"amount_minor\": 99000, \"currency\": \"EUR \", \"version\": 2}");
        assertThat(line.summary(words)).isEqualTo("Amount: €1,200.00 → €990.00");
        assertThat(line.changes(words)).singleElement().satisfies(c -> assertThat(c.field()).isEqualTo("Amount"));
        AuditEntry moved = entry("subscriptions", "UPDATE", "{\"plan_id\": 2}", "{\"plan_id\": 16}");
        assertThat(moved.summary(words)).isEqualTo("Plan: plan 2 → Team (catalog v2)");
        AuditEntry added = entry("usage_alerts", "INSERT", null, "{\"metric\": \"storage_gb\"}");
        assertThat(added.summary(words)).isEqualTo("Metric: storage_gb");
        AuditEntry demo = new AuditEntry(2, Instant.parse("2026-12-02T17:00:00Z"), "postgres", null, "*", "DEMO_DATA", null, null, null,
                null, "{\"organizations\": 300}", "demo-data --orgs 300", null, null);
        assertThat(demo.summary(words)).isEqualTo("Demo data loaded (demo-data --orgs 300)");
        assertThat(AuditWords.table(demo.table())).isEqualTo("Bulk load");
    }
}
