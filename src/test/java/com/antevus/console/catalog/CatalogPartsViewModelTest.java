package com.antevus.console.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.InlineTaskExecutor;
import com.antevus.console.demo.DemoData;
import com.antevus.console.pricing.Catalog;
import com.antevus.console.rating.RatedLine;
import com.antevus.console.support.TestClocks;
import com.antevus.console.support.TestPostgres;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each part of the plan catalog without a window, on a real database with a draft open: the plan editor keeps a plan
 * with problems and carries fixed edits into the working copy, the preview prices the form as typed, an add-on row with
 * a problem changes nothing, and the version history says what changed.
 */
class CatalogPartsViewModelTest {
    /** The instant this test lives at. */
    static final Clock CLOCK = TestClocks.at(TestClocks.NOV_22_2026_NOON);

    CatalogService service;
    CatalogViewModel vm;
    DataSource ds;

    @BeforeEach
    void openADraft() throws Exception {
        ds = TestPostgres.dataSource(TestPostgres.freshDatabase("catalogparts"), "postgres");
        DemoData.load(ds, new DemoData.Options(12, 1, 3, Instant.parse("2026-11-22T12:00:00Z"), 1), false);
        service = new CatalogService(ds, () -> {
            throw new AssertionError("no Stripe call expected");
        }, CLOCK);
        service.startDraft(null);
        vm = new CatalogViewModel(service, new InlineTaskExecutor());
        vm.load();
        assertThat(vm.editableProperty().get()).as("the draft opens editable").isTrue();
    }

    private void select(String code) {
        vm.editor().selectedPlanProperty().set(vm.editor().plans().stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow());
    }

    private long savedMonthly(String plan) {
        return service.load(vm.versionProperty().get().id()).plan(plan).orElseThrow().monthlyMinor();
    }

    @Test
    void theCatalogAsksStripeNothingUntilTheCouponsTabIsOpenedAndThenOnEachReload() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        CatalogViewModel counted = new CatalogViewModel(new CatalogService(ds, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("Stripe is not reachable in this test");
        }, CLOCK), new InlineTaskExecutor());
        counted.load();
        counted.load();
        assertThat(calls).as("loading the catalog twice").hasValue(0);
        counted.coupons().show();
        counted.coupons().show();
        assertThat(calls).as("the tab opened (twice)").hasValue(1);
        counted.load();
        assertThat(calls).as("a reload once the tab was seen").hasValue(2);
    }

    @Test
    void aPlanWithProblemsKeepsTheAdminOnItAndFixedEditsJoinTheWorkingCopyUntilSaved() {
        PlanEditorViewModel editor = vm.editor();
        select("team");
        assertThat(editor.form().monthly.get()).isEqualTo("4000.00");
        editor.form().monthly.set("forty");
        assertThat(editor.fieldErrors()).containsKey("monthly");
        select("core");
        assertThat(editor.selectedPlanProperty().get().code()).as("a plan with problems keeps the admin on it").isEqualTo("team");
        assertThat(vm.errorProperty().get()).startsWith("Plan team has problems marked in red");

        editor.form().monthly.set("4100.00");
        assertThat(editor.fieldErrors()).isEmpty();
        select("core");
        assertThat(editor.selectedPlanProperty().get().code()).isEqualTo("core");
        assertThat(editor.form().monthly.get()).as("the form shows the plan switched to").isEqualTo("1500.00");
        assertThat(vm.catalogProperty().get().plan("team").orElseThrow().monthlyMinor()).isEqualTo(410_000L);
        assertThat(vm.dirtyProperty().get()).isTrue();
        assertThat(savedMonthly("team")).as("nothing is written before Save draft").isEqualTo(400_000L);

        editor.removePlan();
        assertThat(vm.errorProperty().get()).isEqualTo("Plan core has an academic variant; remove the variant first.");
        assertThat(vm.catalogProperty().get().plan("core")).isPresent();

        vm.saveDraft();
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(savedMonthly("team")).isEqualTo(410_000L);
        assertThat(vm.messageProperty().get()).isEqualTo("Saved plan core in draft v2.");
    }

    @Test
    void thePreviewPricesTheFormAsTypedAndItsTotalIsTheSumOfItsLines() {
        PricePreviewViewModel preview = vm.preview();
        select("core");
        assertThat(preview.usage()).extracting(u -> u.metric).contains("events", "storage_gb");
        preview.usage().stream().filter(u -> u.metric.equals("events")).findFirst().orElseThrow().quantity.set("1.6M");
        // the shipped catalog: 600k events over Core's 1M, in blocks of 250k at $100 each, is 3 blocks
        assertThat(preview.headlineProperty().get()).isEqualTo("1.6M events on Core → $300.00 overage");
        assertThat(preview.totalProperty().get()).isEqualTo("$1,800.00");
        assertThat(preview.lines().stream().mapToLong(RatedLine::amountMinor).sum()).isEqualTo(180_000L);

        vm.editor().form().monthly.set("1600.00");
        assertThat(preview.totalProperty().get()).as("the form's price, not the saved one").isEqualTo("$1,900.00");
        assertThat(preview.lines().stream().mapToLong(RatedLine::amountMinor).sum()).isEqualTo(190_000L);

        preview.seatsProperty().set("three");
        assertThat(preview.problemProperty().get()).isEqualTo("Seats is a whole number.");
        assertThat(preview.lines()).isEmpty();
        assertThat(preview.totalProperty().get()).isEmpty();
        preview.seatsProperty().set("");

        vm.editor().form().monthly.set("-1");
        assertThat(preview.problemProperty().get()).isEqualTo("Fix the plan's fields to see its price.");
        assertThat(preview.lines()).isEmpty();
    }

    @Test
    void anAddOnRowWithAProblemChangesNothingAndBlocksSavingUntilFixed() {
        AddOnsViewModel addOns = vm.addOns();
        AddOnsViewModel.AddOnRow connector = addOns.rows().stream().filter(r -> r.code.get().equals("premium-connector")).findFirst()
                .orElseThrow();
        connector.monthly.set("-5");
        int row = addOns.rows().indexOf(connector);
        assertThat(addOns.errors()).containsEntry(row, "a price cannot be negative");
        Catalog working = vm.catalogProperty().get();
        assertThat(working.addOn("premium-connector").orElseThrow().monthlyMinor()).isEqualTo(50_000L);
        vm.saveDraft();
        assertThat(vm.errorProperty().get()).isEqualTo("Fix the fields marked in red first (add-ons); nothing was saved.");

        connector.monthly.set("550.00");
        assertThat(addOns.errors()).isEmpty();
        assertThat(vm.catalogProperty().get().addOn("premium-connector").orElseThrow().monthlyMinor()).isEqualTo(55_000L);
        assertThat(vm.preview().addOnChoices()).extracting(Object::toString).contains("Premium Connector ($550.00)");
        vm.saveDraft();
        assertThat(service.load(vm.versionProperty().get().id()).addOn("premium-connector").orElseThrow().monthlyMinor()).isEqualTo(55_000L);
    }

    @Test
    void theHistoryComparesTheNewestVersionWithTheOneBeforeAndSaysWhatChanged() {
        VersionsViewModel history = vm.history();
        assertThat(history.versions()).extracting(CatalogVersion::number).containsExactly(2, 1);
        assertThat(history.toProperty().get().number()).isEqualTo(2);
        assertThat(history.fromProperty().get().number()).isEqualTo(1);
        assertThat(history.summaryProperty().get()).isEqualTo("v1 and v2 sell the same things at the same prices.");

        select("scale");
        vm.editor().form().monthly.set("7900.00");
        vm.saveDraft();
        history.toProperty().set(vm.versionProperty().get());
        assertThat(history.diff()).extracting(Object::toString).containsExactly("~ plan scale · monthly price: $7,500.00 → $7,900.00");
        assertThat(history.summaryProperty().get()).isEqualTo("From v1 to v2: 1 changed, 0 added, 0 removed.");
    }
}
