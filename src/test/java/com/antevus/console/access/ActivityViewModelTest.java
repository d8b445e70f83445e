package com.antevus.console.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.catalog.CatalogVersion;
import com.antevus.console.catalog.PublishOutcome;
import com.antevus.console.core.InlineTaskExecutor;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.support.TestContexts;
import com.antevus.console.support.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Activity view model without the window: a publish that moves every Team subscription is one line ("one line
 * per action"), its detail lists each row it changed; ungrouped, every row is its own line; the ids toggle shows
 * what the names stand for.
 */
class ActivityViewModelTest {
    static ConsoleContext context;
    static long moved;
    static long scheduled;

    @BeforeAll
    static void open() throws Exception {
        context = TestContexts.withDemoData("activityvm", 40);
        CatalogService s = context.catalog();
        CatalogVersion saved = com.antevus.console.support.CatalogDrafts.teamAt4200(s);
        s.publish(saved, java.time.LocalDate.of(2026, 12, 1), PublishOutcome.Decision.MOVE_AT_RENEWAL, "ada");
        // every live subscription was on v1: Team's move to v2 at renewal, the others move now; each is one changed row
        scheduled = TestPostgres.one(context.database().dataSource(), "select count(*) from subscriptions where pending_plan_id is not null");
        moved = TestPostgres.one(context.database().dataSource(), "select count(*) from subscriptions where status <> 'canceled'");
    }

    @AfterAll
    static void close() {
        context.close();
    }

    private ActivityViewModel searched() {
        ActivityViewModel vm = new ActivityViewModel(new AuditService(context.database().dataSource()), new InlineTaskExecutor());
        vm.search();
        return vm;
    }

    @Test
    void aPublishThatMovesSubscriptionsIsOneLineWithEveryRowInItsDetail() {
        assertThat(scheduled).as("the demo has Team subscribers to move at renewal").isGreaterThan(1);
        ActivityViewModel vm = searched();
        AuditEntry publish = vm.entries().stream().filter(e -> vm.membersOf(e).stream().anyMatch(m -> m.table().equals("subscriptions")
                && m.after() != null && m.after().matches(".*\"pending_plan_id\": ?\\d.*"))).findFirst().orElseThrow();
        List<AuditEntry> rows = vm.membersOf(publish);
        long subscriptionRows = rows.stream().filter(r -> r.table().equals("subscriptions")).count();
        assertThat(subscriptionRows).isEqualTo(moved);
        assertThat(rows).extracting(AuditEntry::txId).containsOnly(publish.txId());
        assertThat(vm.summaryOf(publish)).startsWith(rows.size() + " records: ").contains("Subscription changed ×" + moved);

        vm.selectedProperty().set(publish);
        assertThat(vm.changes()).filteredOn(c -> c.field().startsWith("Subscription (")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.field()).doesNotContain("_"));
        assertThat(vm.changes()).noneMatch(c -> c.field().endsWith("Record key"));
        vm.showIdsProperty().set(true);
        assertThat(vm.changes()).filteredOn(c -> c.field().endsWith("Record key")).hasSize(rows.size());
        assertThat(vm.changes()).anyMatch(c -> c.field().endsWith("pending_plan_id") && c.after().matches("\\d+"));
    }

    @Test
    void ungroupedEveryRowIsItsOwnLineAndTheCountsAgree() throws Exception {
        ActivityViewModel vm = searched();
        int lines = vm.entries().size();
        int rows = vm.entries().stream().mapToInt(e -> vm.membersOf(e).size()).sum();
        vm.groupedProperty().set(false);
        assertThat(vm.entries()).hasSize(rows);
        assertThat(vm.entries().size()).isGreaterThan(lines);
        assertThat(vm.summaryProperty().get()).startsWith(String.format("%,d changes in %,d actions", rows, lines));
        long inDatabase = TestPostgres.one(context.database().dataSource(), "select count(*) from audit_log");
        assertThat((long) rows).isEqualTo(Math.min(inDatabase, AuditService.LIMIT));
    }
}
