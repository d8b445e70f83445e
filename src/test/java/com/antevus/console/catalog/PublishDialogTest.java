package com.antevus.console.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.support.CatalogScreen;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** Publishing from the window: the dialog shows who is affected and the revenue impact, then publishes to the database and Stripe. */
class PublishDialogTest {
    static ConsoleContext context;
    static CatalogViewModel vm;
    static Parent root;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        context = TestContexts.withDemoData("publishdialog", 40);
        com.antevus.console.support.CatalogDrafts.teamAt4200(context.catalog());
        CatalogScreen screen = CatalogScreen.open(context);
        vm = screen.viewModel();
        root = screen.root();
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        context.close();
    }

    private static long sql(String q) throws Exception {
        try (Connection c = context.database().dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void thePublishDialogShowsTheImpactAndPublishesToTheDatabaseAndStripe() throws Exception {
        long team = sql("select count(*) from subscriptions s join plans p on p.id = s.plan_id where p.code = 'team' and s.status <> 'canceled'");
        assertThat(team).isPositive();
        robot.clickOn("#publishButton");
        FxTestSupport.waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        Label total = robot.from(pane).lookup((java.util.function.Predicate<javafx.scene.Node>) n -> n instanceof Label l && l.getText().startsWith("Monthly revenue impact")).queryAs(Label.class);
        long monthlyTeam = sql("select count(*) from subscriptions s join plans p on p.id = s.plan_id where p.code = 'team' "
                + "and s.status <> 'canceled' and s.billing_interval = 'month'");
        // monthly subscribers pay $200 more; annual ones ($40,320 − $38,400) ÷ 12 = $160 more a month
        long expected = monthlyTeam * 200_00 + (team - monthlyTeam) * 160_00;
        assertThat(total.getText()).endsWith("+" + com.antevus.console.core.Money.of(expected, "USD").format());
        FxTestSupport.screenshot(pane, "catalog-publish-dialog-light");
        FxTestSupport.onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            return null;
        });
        FxTestSupport.screenshot(pane, "catalog-publish-dialog-dark");
        FxTestSupport.onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            return null;
        });
        robot.clickOn(robot.from(pane).lookup((java.util.function.Predicate<javafx.scene.Node>) n -> n instanceof RadioButton r && r.getText().startsWith("Move them")).queryAs(RadioButton.class));
        robot.clickOn(robot.from(pane).lookup((java.util.function.Predicate<javafx.scene.Node>) n -> n instanceof javafx.scene.control.Button b && "Publish".equals(b.getText()))
                .queryAs(javafx.scene.control.Button.class));
        FxTestSupport.waitUntil(() -> vm.versionProperty().get() != null && !vm.versionProperty().get().isDraft()
                && vm.versionProperty().get().stripeSyncedAt() != null);
        assertThat(robot.lookup("#messageLabel").queryAs(Label.class).getText()).contains("Published v2").contains(team + " at renewal");
        assertThat(sql("select count(*) from subscriptions where pending_plan_id is not null")).isEqualTo(team);
        assertThat(sql("select count(*) from catalog_stripe_prices sp join catalog_versions v on v.id = sp.catalog_version_id "
                + "where v.version_no = 2 and sp.item_code = 'team' and sp.origin = 'created'")).isEqualTo(2);
    }
}
