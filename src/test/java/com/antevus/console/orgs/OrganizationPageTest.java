package com.antevus.console.orgs;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.InlineTaskExecutor;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.shell.ViewFactory;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import com.antevus.console.support.TestPostgres;
import java.util.UUID;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The organization page: opened from the list by double-click (or Enter), every record of the organization one tab
 * away (two clicks at most), the counts those of the database, and back to the list.
 */
@SuppressWarnings("unchecked")
class OrganizationPageTest {
    static ConsoleContext context;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        context = TestContexts.withDemoData("orgpage", 80, java.time.Instant.parse("2026-11-22T12:00:00Z"));
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        context.close();
    }

    private long count(String sql, UUID org) throws Exception {
        return TestPostgres.one(context.database().dataSource(), sql, org);
    }

    private TableView<?> table(String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    private void tab(String startsWith) {
        robot.clickOn(robot.lookup(".tab-pane > .tab-header-area .tab .tab-label")
                .match(n -> ((Label) n).getText().startsWith(startsWith)).queryAs(Label.class));
    }

    @Test
    void everyRecordOfAnOrganizationIsATabAwayFromItsPage() throws Exception {
        // an enterprise organization: it has a contract with documents, invoices and a recorded history
        Object[] row = TestPostgres.rows(context.database().dataSource(), "select o.id, o.name from organizations o "
                + "where o.is_enterprise and exists (select 1 from invoices i where i.organization_id = o.id) order by o.name limit 1").get(0);
        UUID org = (UUID) row[0];
        String name = (String) row[1];
        OrganizationsViewModel vm = new OrganizationsViewModel(context.organizations(), new InlineTaskExecutor());
        Parent root = FxTestSupport.show(() -> ViewLoader.load(ViewFactory.ORGANIZATIONS, new OrganizationsView(vm)));
        FxTestSupport.onFx(() -> {
            vm.load();
            vm.searchProperty().set(name);
            return null;
        });
        FxTestSupport.waitUntil(() -> vm.rows().size() == 1);

        robot.doubleClickOn(robot.lookup("#organizationsTable .table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        FxTestSupport.waitUntil(() -> robot.lookup("#nameLabel").tryQueryAs(Label.class).map(l -> l.getText().equals(name)).orElse(false));
        assertThat(robot.lookup("#factsLabel").queryAs(Label.class).getText()).contains("MRR $").contains("billed to");
        assertThat(robot.lookup("#badges .label").queryAllAs(Label.class)).extracting(Label::getText).contains("Enterprise");
        FxTestSupport.screenshots(root, "organization-page");

        // one click on a tab shows each kind of record, as many as the database holds
        assertThat(table("#entitlementsTable").getItems()).hasSize((int) count("select count(*) from entitlements where organization_id = ?", org));
        tab("Invoices");
        assertThat(table("#invoicesTable").getItems()).isNotEmpty()
                .hasSize((int) count("select count(*) from invoices where organization_id = ?", org));
        FxTestSupport.screenshots(root, "organization-page-invoices");
        tab("Contract");
        assertThat(table("#contractsTable").getItems()).hasSize((int) count("select count(*) from contracts where organization_id = ?", org));
        assertThat(table("#documentsTable").getItems()).hasSizeGreaterThanOrEqualTo(3)
                .hasSize((int) count("select count(*) from contract_documents where organization_id = ?", org));
        FxTestSupport.screenshots(root, "organization-page-contract");
        tab("Verifications");
        assertThat(table("#verificationsTable").getItems())
                .hasSize((int) count("select count(*) from academic_verifications where organization_id = ?", org));
        tab("Credits");
        assertThat(table("#ledgerTable").getItems()).hasSize((int) count("select count(*) from credit_ledger where organization_id = ?", org));
        tab("Activity");
        assertThat(table("#activityTable").getItems())
                .hasSize((int) Math.min(50, count("select count(*) from audit_log where organization_id = ?", org)));

        // back to the list, as it was left
        robot.clickOn("#backLink");
        assertThat(robot.lookup("#organizationsTable").query().isVisible()).isTrue();
        assertThat(vm.searchProperty().get()).isEqualTo(name);
        // Enter on a row opens it too
        robot.clickOn(robot.lookup("#organizationsTable .table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.type(javafx.scene.input.KeyCode.ENTER);
        FxTestSupport.waitUntil(() -> robot.lookup("#pagePane").query().isVisible());
        assertThat(robot.lookup("#tabs").queryAs(TabPane.class).getTabs()).hasSize(6);
    }

    @Test
    void theCreditsTabShowsTheBalanceAsTheSumOfTheLedgerByKindAndGrantsAndTakesWithAConfirmation() throws Exception {
        javax.sql.DataSource ds = context.database().dataSource();
        Object[] row = TestPostgres.rows(ds, "select organization_id from credit_ledger group by organization_id "
                + "order by count(*) desc, organization_id limit 1").get(0);
        UUID org = (UUID) row[0];
        OrganizationPageViewModel vm = new OrganizationPageViewModel(context.organizations(), new InlineTaskExecutor());
        vm.credits(new com.antevus.console.credits.CreditService(ds, com.antevus.console.support.TestClocks.at(
                com.antevus.console.support.TestClocks.NOV_22_2026_NOON)), "");
        java.util.List<com.antevus.console.core.DialogService.Confirmation> asked = new java.util.ArrayList<>();
        boolean[] accept = {true};
        Parent root = FxTestSupport.show(() -> ViewLoader.load(OrganizationsView.ORGANIZATION_PAGE, new OrganizationPageView(vm, () -> { },
                c -> {
                    asked.add(c);
                    return accept[0];
                })));
        FxTestSupport.onFx(() -> {
            vm.open(org);
            return null;
        });
        FxTestSupport.waitUntil(() -> vm.profileProperty().get() != null);
        // this page's own Credits tab and controls (an earlier test's page may still be in another window)
        FxTestSupport.onFx(() -> {
            TabPane tabs = (TabPane) root.lookup("#tabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().startsWith("Credits")).findFirst().orElseThrow());
            return null;
        });
        javafx.scene.control.Button recordButton = (javafx.scene.control.Button) root.lookup("#recordCreditsButton");
        Runnable record = () -> FxTestSupport.onFx(() -> {
            assertThat(recordButton.isVisible() && !recordButton.isDisabled()).as("Record… is there and enabled").isTrue();
            recordButton.fire();
            return null;
        });
        long total = count("select sum(credits) from credit_ledger where organization_id = ?", org);
        long purchased = count("select coalesce(sum(credits), 0) from credit_ledger where organization_id = ? and bucket = 'purchased'", org);
        long subscription = count("select coalesce(sum(credits), 0) from credit_ledger where organization_id = ? and bucket = 'subscription'", org);
        Label balance = (Label) root.lookup("#creditsLabel");
        assertThat(balance.getText()).isEqualTo(String.format(java.util.Locale.US,
                "%,d credits: %,d purchased · %,d subscription · %,d promotional", total, purchased, subscription, total - purchased - subscription));
        long entries = count("select count(*) from credit_ledger where organization_id = ?", org);
        assertThat(((TableView<?>) root.lookup("#ledgerTable")).getItems()).hasSize((int) entries);
        assertThat(((Label) root.lookup("#creditsLowBadge")).isVisible()).isEqualTo(total < 1000);
        FxTestSupport.screenshots(root, "organization-page-credits");

        // empty: marked at the fields, nothing asked, nothing written
        record.run();
        assertThat(vm.creditErrors()).containsKeys("credits", "reason");
        assertThat(asked).isEmpty();
        // promotional credits need a last day
        javafx.scene.control.TextField amount = (javafx.scene.control.TextField) root.lookup("#creditAmountField");
        javafx.scene.control.TextField reason = (javafx.scene.control.TextField) root.lookup("#creditReasonField");
        FxTestSupport.onFx(() -> {
            ((javafx.scene.control.ComboBox<com.antevus.console.credits.CreditLedger.Bucket>) root.lookup("#creditKindBox")).setValue(com.antevus.console.credits.CreditLedger.Bucket.PROMOTIONAL);
            amount.setText("2,500");
            reason.setText("Launch promotion");
            return null;
        });
        record.run();
        assertThat(vm.creditErrors()).containsOnlyKeys("expires");
        FxTestSupport.screenshots(root, "organization-page-credits-field-error");
        FxTestSupport.onFx(() -> {
            ((javafx.scene.control.DatePicker) root.lookup("#creditExpiresPicker")).setValue(java.time.LocalDate.of(2026, 11, 30));
            return null;
        });
        record.run();
        assertThat(asked).singleElement().satisfies(c -> {
            assertThat(c.summary()).isEqualTo("Grant 2,500 promotional credits to " + vm.profileProperty().get().summary().name() + ".");
            assertThat(c.details()).contains("They can be spent until " + com.antevus.console.core.Dates.minute(java.time.Instant.parse("2026-12-01T00:00:00Z")) + ".");
        });
        FxTestSupport.waitUntil(() -> balance.getText().startsWith(String.format(java.util.Locale.US, "%,d credits", total + 2500)));
        assertThat(count("select count(*) from credit_ledger where organization_id = ? and reason = 'Launch promotion' and bucket = 'promotional'", org))
                .isEqualTo(1);
        assertThat(((Label) root.lookup("#creditsMessage")).getText()).isEqualTo("Granted 2,500 promotional credits.");

        // taking credits, then backing out of the confirmation: nothing taken, and the page says so
        accept[0] = false;
        FxTestSupport.onFx(() -> {
            amount.setText("-100");
            reason.setText("Correction");
            return null;
        });
        record.run();
        assertThat(asked.get(1).summary()).isEqualTo("Take 100 credits from " + vm.profileProperty().get().summary().name() + ".");
        assertThat(((Label) root.lookup("#creditsMessage")).getText()).isEqualTo("Take credits: not done. Nothing was changed.");
        assertThat(count("select count(*) from credit_ledger where organization_id = ?", org)).isEqualTo(entries + 1);
    }

    @Test
    void theGlobalSearchFindsAnOrganizationByNameDomainStripeCustomerOrInvoiceNumber() throws Exception {
        javax.sql.DataSource ds = context.database().dataSource();
        Object[] inv = TestPostgres.rows(ds, "select o.id, o.name, o.domain, i.number from invoices i join organizations o on o.id = i.organization_id "
                + "where i.number is not null order by i.number limit 1").get(0);
        UUID org = (UUID) inv[0];
        OrganizationService s = context.organizations();
        assertThat(s.search(((String) inv[1]).substring(0, 5).toLowerCase(java.util.Locale.ROOT))).extracting(OrganizationService.Match::id).contains(org);
        assertThat(s.search((String) inv[2])).anySatisfy(m -> {
            assertThat(m.id()).isEqualTo(org);
            assertThat(m.toString()).contains("domain " + inv[2]);
        });
        assertThat(s.search(((String) inv[3]).toLowerCase(java.util.Locale.ROOT))).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(org);
            assertThat(m.toString()).isEqualTo(inv[1] + " · invoice " + inv[3]);
        });
        try (java.sql.Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "update organizations set stripe_customer_id = 'cus_SearchMe42' where id = ?")) {
            ps.setObject(1, org);
            ps.executeUpdate();
        }
        assertThat(s.search("cus_searchme42")).extracting(OrganizationService.Match::id).containsExactly(org);
        // one letter finds nothing (too broad), and LIKE's wildcards are taken literally
        assertThat(s.search("a")).isEmpty();
        assertThat(s.search("%%")).isEmpty();
    }

    @Test
    void everyListThatShowsAnOrganizationLeadsToItsPage() throws Exception {
        java.util.concurrent.atomic.AtomicReference<com.antevus.console.shell.Section> shown = new java.util.concurrent.atomic.AtomicReference<>();
        com.antevus.console.shell.ViewFactory views = new com.antevus.console.shell.ViewFactory(context, new InlineTaskExecutor(), shown::set);
        views.access(context.access());
        for (String[] list : new String[][]{{"CONTRACTS", "#contractsTable"}, {"VERIFICATIONS", "#queueTable"}, {"INVOICES", "#reviewTable"}}) {
            com.antevus.console.shell.Section section = com.antevus.console.shell.Section.valueOf(list[0]);
            Parent view = FxTestSupport.show(() -> views.view(section)); // shown, so the tables inside tabs have their skins
            TableView<Object> table = FxTestSupport.onFx(() -> (TableView<Object>) view.lookup(list[1]));
            FxTestSupport.waitUntil(() -> !table.getItems().isEmpty());
            shown.set(section);
            String name = FxTestSupport.onFx(() -> {
                table.getSelectionModel().select(0);
                Object row = table.getSelectionModel().getSelectedItem();
                table.getContextMenu().getItems().stream().filter(i -> "openOrganizationItem".equals(i.getId())).findFirst().orElseThrow().fire();
                return (String) row.getClass().getMethod("organizationName").invoke(row);
            });
            assertThat(shown.get()).as(list[0]).isEqualTo(com.antevus.console.shell.Section.ORGANIZATIONS);
            Parent orgs = FxTestSupport.onFx(() -> views.view(com.antevus.console.shell.Section.ORGANIZATIONS));
            FxTestSupport.waitUntil(() -> FxTestSupport.onFx(() -> orgs.lookup("#pagePane").isVisible()
                    && name.equals(((Label) orgs.lookup("#nameLabel")).getText())));
        }
    }
}
