package com.antevus.console.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.CatalogDiff;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.support.CatalogScreen;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The plan editor driven through its FXML on a real database: live preview, field errors, saving, the version diff. */
class CatalogViewTest {
    static ConsoleContext context;
    static CatalogViewModel vm;
    static Parent root;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        context = TestContexts.withDemoData("catalogview", 30);
        context.catalog().startDraft(null); // an admin started editing: the draft opens editable
        CatalogScreen screen = CatalogScreen.open(context);
        vm = screen.viewModel();
        root = screen.root();
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        context.close();
    }

    private void select(String planCode) {
        FxTestSupport.onFx(() -> {
            vm.editor().selectedPlanProperty().set(vm.editor().plans().stream().filter(p -> p.code().equals(planCode)).findFirst().orElseThrow());
            return null;
        });
    }

    private void type(String id, String text) {
        TextField field = robot.lookup(id).queryAs(TextField.class);
        FxTestSupport.onFx(() -> {
            field.clear();
            return null;
        });
        robot.clickOn(field).write(text);
        FxTestSupport.waitUntil(() -> text.equals(field.getText()));
    }

    private static void theme(boolean dark) {
        FxTestSupport.onFx(() -> {
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
            return null;
        });
    }

    @Test
    void typingUsagePricesItLive() {
        select("core");
        assertThat(vm.versionProperty().get().isDraft()).isTrue();
        type("#usage-events", "1.6M");
        Label headline = robot.lookup("#headlineLabel").queryAs(Label.class);
        // seed 000: 600k over Core's 1M in blocks of 250k at $100 → 3 blocks
        FxTestSupport.waitUntil(() -> headline.getText().equals("1.6M events on Core → $300.00 overage"));
        type("#usage-storage_gb", "1500");
        FxTestSupport.waitUntil(() -> robot.lookup("#totalLabel").queryAs(Label.class).getText().equals("$1,810.00"));
        FxTestSupport.screenshot(root, "catalog-editor-preview-light");
        theme(true);
        FxTestSupport.screenshot(root, "catalog-editor-preview-dark");
        theme(false);
        type("#usage-events", "abc");
        FxTestSupport.waitUntil(() -> robot.lookup("#previewErrorLabel").queryAs(Label.class).getText().contains("'abc' is not a quantity"));
        type("#usage-events", "");
    }

    @Test
    void aBadFieldIsMarkedAtTheFieldAndNothingIsSaved() {
        select("team");
        long before = context.catalog().load(vm.versionProperty().get().id()).plan("team").orElseThrow().annualMinor();
        TextField annual = robot.lookup(n -> n instanceof TextField t && "38400.00".equals(t.getText())).queryAs(TextField.class);
        FxTestSupport.onFx(() -> {
            annual.setText("48000.01");
            return null;
        });
        FxTestSupport.waitUntil(() -> annual.getTooltip() != null
                && "the annual price is above twelve monthly prices".equals(annual.getTooltip().getText()));
        assertThat(annual.getPseudoClassStates()).anyMatch(p -> p.getPseudoClassName().equals("danger"));
        FxTestSupport.screenshot(root, "catalog-field-error-light");
        robot.clickOn("#saveButton");
        FxTestSupport.waitUntil(() -> robot.lookup("#errorLabel").queryAs(Label.class).getText().contains("Fix the fields marked in red"));
        assertThat(context.catalog().load(vm.versionProperty().get().id()).plan("team").orElseThrow().annualMinor()).isEqualTo(before);
        FxTestSupport.onFx(() -> {
            annual.setText("38400.00");
            return null;
        });
        FxTestSupport.waitUntil(() -> vm.editor().fieldErrors().isEmpty());
    }

    @Test
    void savingAPriceChangeShowsInTheVersionDiff() {
        select("scale");
        TextField monthly = robot.lookup(n -> n instanceof TextField t && "7500.00".equals(t.getText())).queryAs(TextField.class);
        FxTestSupport.onFx(() -> {
            monthly.setText("7900.00");
            return null;
        });
        Button save = robot.lookup("#saveButton").queryAs(Button.class);
        FxTestSupport.waitUntil(() -> !save.isDisabled());
        robot.clickOn(save);
        FxTestSupport.waitUntil(() -> robot.lookup("#messageLabel").queryAs(Label.class).getText().startsWith("Saved plan scale"));
        PlanSpec saved = context.catalog().load(vm.versionProperty().get().id()).plan("scale").orElseThrow();
        assertThat(saved.monthlyMinor()).isEqualTo(790_000L);

        FxTestSupport.onFx(() -> {
            robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel().select(2);
            vm.history().fromProperty().set(vm.versions().stream().filter(v -> v.number() == 1).findFirst().orElseThrow());
            vm.history().toProperty().set(vm.versionProperty().get());
            return null;
        });
        @SuppressWarnings("unchecked")
        ListView<CatalogDiff.Change> diff = robot.lookup("#diffList").queryAs(ListView.class);
        FxTestSupport.waitUntil(() -> diff.getItems().stream().anyMatch(c -> c.toString().equals("~ plan scale · monthly price: $7,500.00 → $7,900.00")));
        FxTestSupport.screenshot(root, "catalog-version-diff-light");
        theme(true);
        FxTestSupport.screenshot(root, "catalog-version-diff-dark");
        theme(false);
        FxTestSupport.onFx(() -> {
            robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel().select(0);
            return null;
        });
    }

    @Test
    void editsSurviveSwitchingPlansAndSaveTogetherWithAddOns() {
        select("team");
        TextField monthly = robot.lookup(n -> n instanceof TextField t && "4000.00".equals(t.getText())).queryAs(TextField.class);
        FxTestSupport.onFx(() -> {
            monthly.setText("4100.00");
            return null;
        });
        select("core-academic");
        select("team");
        assertThat(vm.editor().form().monthly.get()).isEqualTo("4100.00");
        assertThat(vm.dirtyProperty().get()).isTrue();
        AddOnsViewModel.AddOnRow connector = vm.addOns().rows().stream().filter(r -> r.code.get().equals("premium-connector")).findFirst().orElseThrow();
        FxTestSupport.onFx(() -> {
            connector.monthly.set("-5");
            return null;
        });
        assertThat(vm.addOns().errors()).containsValue("a price cannot be negative");
        FxTestSupport.onFx(() -> {
            connector.monthly.set("550.00");
            return null;
        });
        assertThat(vm.addOns().errors()).isEmpty();
        FxTestSupport.onFx(() -> {
            robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel().select(1);
            return null;
        });
        FxTestSupport.screenshot(root, "catalog-add-ons-light");
        FxTestSupport.onFx(() -> {
            robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel().select(0);
            return null;
        });
        robot.clickOn("#saveButton");
        FxTestSupport.waitUntil(() -> !vm.dirtyProperty().get());
        var saved = context.catalog().load(vm.versionProperty().get().id());
        assertThat(saved.plan("team").orElseThrow().monthlyMinor()).isEqualTo(410_000L);
        assertThat(saved.addOn("premium-connector").orElseThrow().monthlyMinor()).isEqualTo(55_000L);
    }
}
