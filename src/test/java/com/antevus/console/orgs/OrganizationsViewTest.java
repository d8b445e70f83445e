package com.antevus.console.orgs;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import com.antevus.console.core.InlineTaskExecutor;
import com.antevus.console.core.Money;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.shell.ConsoleApp;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The organization list driven through its FXML: search, filters and sorting, checked against the database. */
class OrganizationsViewTest {
    static ConsoleContext context;
    static TableView<OrganizationSummary> table;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void open() throws Exception {
        context = TestContexts.withDemoData("orgsview", 150);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            OrganizationsViewModel vm = new OrganizationsViewModel(context.organizations(), new InlineTaskExecutor());
            var root = ViewLoader.load("/fxml/orgs/OrganizationsView.fxml", new OrganizationsView(vm));
            vm.load();
            Scene scene = new Scene(root, 1200, 700);
            scene.getStylesheets().add(OrganizationsViewTest.class.getResource(ConsoleApp.STYLESHEET).toExternalForm());
            s.setScene(scene);
            s.show();
        });
        table = new FxRobot().lookup("#organizationsTable").queryAs(TableView.class);
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        context.close();
    }

    static long sql(String query) throws Exception {
        try (Connection c = context.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Clears the field, then types like a person (typing a long text is slow on Monocle, so keep it short). */
    private void search(String text) {
        javafx.scene.control.TextField field = robot.lookup("#searchField").queryAs(javafx.scene.control.TextField.class);
        FxTestSupport.onFx(() -> {
            field.clear();
            return null;
        });
        if (!text.isEmpty()) {
            robot.clickOn(field).write(text);
        }
        FxTestSupport.waitUntil(() -> text.equals(field.getText()));
    }

    @Test
    void showsEveryOrganizationAndSearchMatchesNameDomainOrPlan() throws Exception {
        search("");
        assertThat(table.getItems()).hasSize(150);
        assertThat(robot.lookup("#countLabel").queryAs(Label.class).getText()).isEqualTo("150 organizations");

        search("bio");
        long expected = sql("""
                select count(*) from organizations o
                left join subscriptions s on s.organization_id = o.id and s.status <> 'canceled'
                left join plans p on p.id = s.plan_id
                where o.name ilike '%bio%' or o.domain ilike '%bio%' or p.name ilike '%bio%' or p.code ilike '%bio%'""");
        assertThat(expected).isPositive().isLessThan(150);
        assertThat(table.getItems()).hasSize((int) expected)
                .allMatch(o -> (o.name() + o.domain() + o.planName() + o.planCode()).toLowerCase().contains("bio"));
        assertThat(robot.lookup("#countLabel").queryAs(Label.class).getText()).isEqualTo(expected + " of 150 organizations");

        search("zqx");
        assertThat(table.getItems()).isEmpty();
        search("");
    }

    @Test
    @SuppressWarnings("unchecked")
    void academicFilterShowsExactlyTheAcademicOrganizations() throws Exception {
        search("");
        ComboBox<OrganizationsViewModel.Filter> filter = robot.lookup("#filterBox").queryAs(ComboBox.class);
        FxTestSupport.onFx(() -> {
            filter.setValue(OrganizationsViewModel.Filter.ACADEMIC);
            return null;
        });
        assertThat(table.getItems()).hasSize((int) sql("select count(*) from organizations where is_academic"))
                .isNotEmpty().allMatch(OrganizationSummary::academic);
        FxTestSupport.onFx(() -> {
            filter.setValue(OrganizationsViewModel.Filter.ALL);
            return null;
        });
        assertThat(table.getItems()).hasSize(150);
    }

    private void clickHeader(String title) {
        java.util.function.Predicate<javafx.scene.Node> isTitle = n -> n instanceof Label l && title.equals(l.getText());
        robot.clickOn(robot.lookup(".column-header .label").match(isTitle::test).queryAs(Label.class));
    }

    @Test
    void clickingAColumnHeaderSortsByItsModelValue() throws Exception {
        search("");
        clickHeader("MRR");
        assertThat(table.getItems()).extracting(OrganizationSummary::mrr)
                .isSortedAccordingTo(Comparator.comparingLong(Money::minor));
        clickHeader("MRR");
        // the largest MRR comes first; the largest monthly plan fee in the catalog bounds it from below
        assertThat(table.getItems().get(0).mrr().minor()).isGreaterThanOrEqualTo(sql(
                "select max(monthly_price_minor) from plans p join subscriptions s on s.plan_id = p.id "
                        + "where s.status not in ('canceled', 'trialing') and s.billing_interval = 'month'"));
        assertThat(table.getItems()).extracting(OrganizationSummary::mrr)
                .isSortedAccordingTo(Comparator.comparingLong(Money::minor).reversed());
        clickHeader("Name");
        assertThat(table.getItems()).extracting(OrganizationSummary::name).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    }

    @Test
    @SuppressWarnings("unchecked")
    void creatingAStripeCustomerLinksTheOrganizationAndAStripeFailureIsAPlainMessage() throws Exception {
        search("");
        FxTestSupport.onFx(() -> {
            table.getSelectionModel().select(table.getItems().stream().filter(o -> !o.hasStripeCustomer()).findFirst().orElseThrow());
            return null;
        });
        OrganizationSummary first = table.getSelectionModel().getSelectedItem();
        robot.clickOn("#linkStripeButton");
        FxTestSupport.waitUntil(() -> robot.lookup("#actionLabel").queryAs(Label.class).getText().startsWith("Linked"));
        String customerId = sqlText("select stripe_customer_id from organizations where id = '" + first.id() + "'");
        assertThat(customerId).startsWith("cus_");
        assertThat(robot.lookup("#actionLabel").queryAs(Label.class).getText()).contains(customerId).contains(first.name());
        assertThat(sql("select count(*) from audit_log where table_name = 'organizations' and reason = 'Linked to Stripe customer "
                + customerId + "' and new_row->>'stripe_customer_id' = '" + customerId + "'")).isEqualTo(1);
        assertThat(sqlText("select stripe_request_id from audit_log where reason = 'Linked to Stripe customer " + customerId + "'"))
                .startsWith("req_");
        assertThat(table.getItems().stream().filter(o -> o.id().equals(first.id())).findFirst().orElseThrow().hasStripeCustomer()).isTrue();
        assertThat(context.stripe().gateway().retrieveCustomer(customerId).metadata()).containsEntry("organization_id", first.id().toString());

        // Stripe refuses the key: the screen says so in one sentence, and nothing is written
        context.stripe().sandbox().revokeAllKeys();
        FxTestSupport.onFx(() -> {
            table.getSelectionModel().select(table.getItems().stream().filter(o -> !o.hasStripeCustomer()).findFirst().orElseThrow());
            return null;
        });
        OrganizationSummary second = table.getSelectionModel().getSelectedItem();
        long auditBefore = sql("select count(*) from audit_log");
        robot.clickOn("#linkStripeButton");
        Label error = robot.lookup("#errorLabel").queryAs(Label.class);
        FxTestSupport.waitUntil(() -> !error.getText().isEmpty());
        assertThat(error.getText()).startsWith("Stripe did not accept the API key (SANDBOX)").doesNotContain("Exception")
                .doesNotContain("sk_test_");
        assertThat(error.isVisible()).isTrue();
        assertThat(sqlText("select coalesce(stripe_customer_id, 'none') from organizations where id = '" + second.id() + "'")).isEqualTo("none");
        assertThat(sql("select count(*) from audit_log")).isEqualTo(auditBefore);
        FxTestSupport.screenshot(robot.lookup("#organizationsTable").queryAs(TableView.class).getScene().getRoot(), "organizations-stripe-error-light");
    }

    static String sqlText(String query) throws Exception {
        try (Connection c = context.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void mrrOfAMonthlyCoreCustomerIsThePlanPricePlusAddOns() throws Exception {
        search("");
        OrganizationSummary core = table.getItems().stream()
                .filter(o -> "core".equals(o.planCode()) && "month".equals(o.billingInterval()) && "active".equals(o.status()))
                .findFirst().orElseThrow();
        long addOns = sql("select coalesce(sum(a.monthly_price_minor * sa.quantity), 0) from subscription_add_ons sa "
                + "join add_ons a on a.code = sa.add_on_code where sa.active and sa.organization_id = '" + core.id() + "'");
        assertThat(core.mrr()).isEqualTo(Money.of(150_000 + addOns, "USD"));
    }
}
