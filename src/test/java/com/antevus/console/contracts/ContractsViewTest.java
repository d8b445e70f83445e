package com.antevus.console.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.cli.ConsoleCommand;
import com.antevus.console.core.FxTaskExecutor;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.shell.ViewFactory;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import picocli.CommandLine;

/**
 * The Contracts section driven through its FXML: a contract with custom rates created, saved and applied, then
 * {@code rate --org} on the command line prices the organization with those rates; a stale editor is told what changed
 * and keeps its edits; the renewal pipeline.
 */
class ContractsViewTest {
    /** The instant the test lives at: demo data up to it, the console's clock fixed there. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-11-22T12:00:00Z");
    static ConsoleContext context;
    static FxTaskExecutor executor;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        // the editor works in the clock's dates, so the demo data runs up to the same instant
        context = TestContexts.withDemoData("contractsview", 200, NOW);
        executor = new FxTaskExecutor(3);
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        executor.shutdown();
        context.close();
    }


    private static Object[] one(String sql) throws Exception {
        try (Connection c = context.database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Object[] row = new Object[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getObject(i + 1);
            }
            return row;
        }
    }

    /** Scrolls the editor so the node is in view (the robot clicks only what is on screen). */
    private void reveal(String id) {
        FxTestSupport.onFx(() -> {
            javafx.scene.Node n = robot.lookup(id).query();
            javafx.scene.control.ScrollPane sp = robot.lookup("#editorScroll").queryAs(javafx.scene.control.ScrollPane.class);
            if (!isInside(n, sp.getContent())) {
                return null;
            }
            javafx.geometry.Bounds b = sp.getContent().sceneToLocal(n.localToScene(n.getBoundsInLocal()));
            double free = sp.getContent().getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
            if (free > 0) {
                sp.setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 60) / free)));
            }
            return null;
        });
        robot.sleep(100);
    }

    private static boolean isInside(javafx.scene.Node n, javafx.scene.Node parent) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (p == parent) {
                return true;
            }
        }
        return false;
    }

    private void click(String id) {
        reveal(id);
        robot.clickOn(id);
    }

    private void type(String id, String text) {
        reveal(id);
        robot.clickOn(id);
        robot.push(KeyCode.CONTROL, KeyCode.A).eraseText(1);
        robot.write(text);
    }

    private ContractsViewModel show(AtomicReference<Parent> root) throws Exception {
        ContractsViewModel vm = new ContractsViewModel(context.contracts(), executor);
        root.set(FxTestSupport.show(() -> ViewLoader.load(ViewFactory.CONTRACTS, new ContractsView(vm))));
        FxTestSupport.onFx(() -> {
            vm.load();
            return null;
        });
        FxTestSupport.waitUntil(() -> !vm.list().contracts().isEmpty() && !vm.editor().organizations().isEmpty() && !vm.busyProperty().get());
        return vm;
    }

    @Test
    void aContractWithCustomRatesCreatedInTheEditorIsWhatRateOrgPrices() throws Exception {
        AtomicReference<Parent> root = new AtomicReference<>();
        ContractsViewModel vm = show(root);
        FxTestSupport.screenshots(root.get(), "contracts-list");

        // a self-serve Scale organization signs an enterprise deal
        UUID org = (UUID) one("select o.id from organizations o join subscriptions s on s.organization_id = o.id "
                + "and s.status = 'active' join plans p on p.id = s.plan_id where p.code = 'scale' and not o.is_enterprise "
                + "and s.billing_interval = 'month' order by o.name limit 1")[0];
        robot.clickOn("#newButton");
        FxTestSupport.onFx(() -> {
            vm.editor().form().organization.set(vm.editor().organizations().stream().filter(o -> o.id().equals(org)).findFirst().orElseThrow());
            return null;
        });
        LocalDate start = LocalDate.ofInstant(NOW, ZoneOffset.UTC).withDayOfMonth(1);
        type("#valueField", "-5");
        click("#noticeField"); // leaving the field checks it
        FxTestSupport.waitUntil(() -> vm.editor().fieldErrors().containsKey("annualValue"));
        // the error is at the field: marked, bordered red, and said on hover, without moving the form
        javafx.scene.control.TextField value = robot.lookup("#valueField").queryAs(javafx.scene.control.TextField.class);
        assertThat(value.getTooltip().getText()).contains("cannot be negative");
        assertThat(value.getPseudoClassStates()).extracting(Object::toString).contains("danger");
        FxTestSupport.screenshots(root.get(), "contracts-field-error");
        type("#valueField", "240,000");
        FxTestSupport.onFx(() -> {
            vm.editor().form().schedule.set(Contract.Schedule.MONTHLY);
            vm.editor().form().startsOn.set(start);
            vm.editor().form().endsOn.set(start.plusYears(1));
            return null;
        });
        type("#discountField", "10");
        type("#included-events", "1,000");
        FxTestSupport.onFx(() -> {
            robot.lookup("#model-events").queryAs(ComboBox.class).getSelectionModel().select(
                    com.antevus.console.pricing.Catalog.PricingModel.PACKAGE);
            return null;
        });
        type("#price-events", "50");
        type("#size-events", "100000");
        type("#included-agents", "9");
        click("#addDocumentButton");
        click("#addDocumentButton");
        FxTestSupport.waitUntil(() -> vm.editor().form().documents.size() == 2);
        FxTestSupport.onFx(() -> {
            for (ContractForm.DocumentRow d : vm.editor().form().documents) {
                d.status.set(ContractDocument.Status.SIGNED); // MSA and order form
            }
            return null;
        });
        // signed without a date is refused at the field, and nothing is saved
        robot.clickOn("#saveButton");
        FxTestSupport.waitUntil(() -> vm.editor().fieldErrors().containsKey("documents.0.signedOn"));
        // the documents component shows the problem on the line under that document
        String missingDate = vm.editor().fieldErrors().get("documents.0.signedOn");
        FxTestSupport.waitUntil(() -> robot.lookup("#documentsBox").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .filter(n -> Integer.valueOf(0).equals(n.getUserData())).flatMap(n -> ((javafx.scene.layout.VBox) n).getChildren().stream())
                .anyMatch(n -> n instanceof Label l && l.isVisible() && l.getText().contains(missingDate)));
        assertThat(vm.editor().openedProperty().get().isNew()).isTrue();
        FxTestSupport.onFx(() -> {
            vm.editor().form().documents.forEach(d -> d.signedOn.set(start.minusDays(3)));
            return null;
        });
        type("#reasonField", "Enterprise deal signed");
        assertThat(vm.editor().billingSummaryProperty().get()).contains("Billed monthly").contains("$20,000.00");
        FxTestSupport.waitUntil(() -> vm.editor().fieldErrors().isEmpty() && vm.errorProperty().get().isEmpty());
        robot.clickOn("#saveButton");
        FxTestSupport.waitUntil(() -> !vm.busyProperty().get() && vm.editor().openedProperty().get() != null && !vm.editor().openedProperty().get().isNew());
        assertThat(vm.errorProperty().get()).isEmpty();
        reveal("#orgBox");
        FxTestSupport.screenshots(root.get(), "contracts-editor");
        reveal("#addDocumentButton");
        FxTestSupport.screenshots(root.get(), "contracts-editor-rates");
        Contract saved = vm.editor().openedProperty().get();
        assertThat(saved.overrides().rates()).containsKey("events");
        robot.clickOn("#applyButton");
        FxTestSupport.waitUntil(() -> !vm.busyProperty().get() && vm.editor().openedProperty().get().status() == Contract.Status.ACTIVE);
        assertThat(vm.messageProperty().get()).startsWith("Applied");

        // the command line, as a finance script would run it, prices the organization with the contract's terms
        String period = YearMonth.from(start).toString();
        CommandLine cl = ConsoleCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("--home", Files.createTempDirectory("rate-home").toString(), "--db-url", context.config().dbUrl(),
                "--db-user", context.config().dbUser(), "--as-of", NOW.toString(), "rate", "--org", org.toString(), "--period", period, "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        long contractLine = 0;
        long eventsLine = -1;
        long discount = 0;
        long sum = 0;
        for (JsonNode line : json.path("lines")) {
            long amount = line.path("amount_minor").asLong();
            sum += amount;
            switch (line.path("kind").asText()) {
                case "contract" -> contractLine = amount;
                case "overage" -> {
                    if (line.path("code").asText().equals("events")) {
                        eventsLine = amount;
                    }
                }
                case "discount" -> discount = amount;
                default -> { }
            }
        }
        assertThat(contractLine).as("month 1 of 12 of $240,000").isEqualTo(20_000_00L);
        long used = json.path("usage").path("events").asLong();
        assertThat(used).as("the organization recorded events this month").isGreaterThan(1_000L);
        long blocks = (used - 1_000 + 99_999) / 100_000;
        assertThat(eventsLine).as("$50 per started 100k events over the 1,000 included").isEqualTo(blocks * 50_00);
        assertThat(discount).isEqualTo(-Math.round((sum - discount) * 0.10));
        assertThat(json.path("total_minor").asLong()).isEqualTo(sum);
        assertThat(one("select limit_value from entitlements where organization_id = '" + org + "' and resource = 'agents'")[0])
                .isNotNull();

        // the renewal pipeline
        FxTestSupport.onFx(() -> {
            TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(1);
            return null;
        });
        robot.clickOn("#days90");
        FxTestSupport.waitUntil(() -> vm.renewals().renewalSummaryProperty().get().contains("within 90 days"));
        TableView<?> attention = robot.lookup("#attentionTable").queryAs(TableView.class);
        FxTestSupport.waitUntil(() -> !attention.getItems().isEmpty());
        FxTestSupport.screenshots(root.get(), "contracts-renewals");
    }

    @Test
    void aStaleEditorSeesWhatChangedAndKeepsItsEdits() throws Exception {
        AtomicReference<Parent> root = new AtomicReference<>();
        ContractsViewModel vm = show(root);
        Contract target = vm.list().contracts().get(vm.list().contracts().size() - 1);
        FxTestSupport.onFx(() -> {
            robot.lookup("#contractsTable").queryAs(TableView.class).getSelectionModel().select(target);
            return null;
        });
        FxTestSupport.waitUntil(() -> vm.editor().openedProperty().get() != null && target.id().equals(vm.editor().openedId()) && !vm.busyProperty().get());
        type("#noticeField", "45");
        // meanwhile a colleague raises the annual value
        Contract theirs = context.contracts().load(target.id());
        context.contracts().save(theirs, new Contract(theirs.id(), theirs.organizationId(), theirs.organizationName(),
                theirs.handlesHealthData(), theirs.status(), theirs.currency(), theirs.annualValueMinor() + 12_000_00, theirs.schedule(),
                theirs.paymentTerms(), theirs.startsOn(), theirs.endsOn(), theirs.autoRenew(), theirs.noticeDays(), theirs.discountPct(),
                theirs.overrides(), theirs.notes(), theirs.documents(), theirs.version()), "Upsell");
        robot.clickOn("#saveButton");
        FxTestSupport.waitUntil(() -> vm.editor().conflictProperty().get() != null);
        assertThat(vm.errorProperty().get()).contains("changed this contract").contains("your edits are kept");
        assertThat(vm.editor().conflictLines()).anySatisfy(l -> assertThat(l).startsWith("Annual value: ")
                .contains(com.antevus.console.core.Money.of(target.annualValueMinor() + 12_000_00, target.currency()).format()));
        assertThat(vm.editor().form().noticeDays.get()).isEqualTo("45");
        assertThat(robot.lookup("#conflictCard").query().isVisible()).isTrue();
        FxTestSupport.screenshots(root.get(), "contracts-conflict");
        robot.clickOn("#keepMineButton");
        FxTestSupport.waitUntil(() -> vm.editor().conflictProperty().get() == null && !vm.busyProperty().get() && !vm.editor().dirtyProperty().get());
        Contract now = context.contracts().load(target.id());
        assertThat(now.noticeDays()).isEqualTo(45);
        assertThat(now.annualValueMinor()).isEqualTo(target.annualValueMinor() + 12_000_00);
    }
}
