package com.antevus.console.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.contracts.Contract;
import com.antevus.console.core.FxTaskExecutor;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.shell.ViewFactory;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The Activity view driven through its FXML: filter the audit log, read a change's before and after, export CSV. */
class ActivityViewTest {
    static ConsoleContext context;
    static FxTaskExecutor executor;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        context = TestContexts.withDemoData("activityview", 60);
        executor = new FxTaskExecutor(3);
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        executor.shutdown();
        context.close();
    }


    @Test
    void filterTheLogReadABeforeAndAfterAndExportIt() throws Exception {
        // a staff edit to find: a contract's payment terms and notes, with a reason
        Contract k = context.contracts().list().get(0);
        Contract.PaymentTerms newTerms = k.paymentTerms() == Contract.PaymentTerms.NET45 ? Contract.PaymentTerms.NET30 : Contract.PaymentTerms.NET45;
        context.contracts().save(k, new Contract(k.id(), k.organizationId(), k.organizationName(), k.handlesHealthData(), k.status(),
                k.currency(), k.annualValueMinor(), k.schedule().months() == 1 ? Contract.Schedule.QUARTERLY : k.schedule(), newTerms,
                k.startsOn(), k.endsOn(), k.autoRenew(), k.noticeDays(), k.discountPct(), k.overrides(), "Customer asked for Net 45",
                k.documents(), k.version()), "Terms renegotiated");

        ActivityViewModel vm = new ActivityViewModel(new AuditService(context.database().dataSource()), executor);
        AtomicReference<Parent> root = new AtomicReference<>();
        root.set(FxTestSupport.show(() -> ViewLoader.load(ViewFactory.ACTIVITY, new ActivityView(vm))));
        FxTestSupport.onFx(() -> {
            vm.load();
            return null;
        });
        FxTestSupport.waitUntil(() -> !vm.entries().isEmpty() && !vm.busyProperty().get() && vm.tables().contains("contracts"));
        FxTestSupport.onFx(() -> {
            vm.tableProperty().set("contracts");
            return null;
        });
        robot.clickOn("#orgField").write(k.organizationName().substring(0, Math.min(8, k.organizationName().length())));
        robot.clickOn("#searchButton");
        FxTestSupport.waitUntil(() -> !vm.busyProperty().get() && !vm.entries().isEmpty()
                && vm.entries().stream().allMatch(e -> e.table().equals("contracts")));
        AuditEntry edit = vm.entries().get(0);
        assertThat(edit.reason()).isEqualTo("Terms renegotiated");
        assertThat(edit.organizationName()).isEqualTo(k.organizationName());
        FxTestSupport.waitUntil(() -> vm.selectedProperty().get() == edit);
        assertThat(vm.changes()).anySatisfy(c -> {
            // in people's words: the column's label and the terms as a contract states them
            assertThat(c.field()).isEqualTo("Payment terms");
            assertThat(c.before()).isEqualTo("Net " + k.paymentTerms().days());
            assertThat(c.after()).isEqualTo("Net " + newTerms.days());
        });
        assertThat(vm.changes()).extracting(AuditEntry.Change::field).doesNotContain("Version", "Updated at", "Overrides")
                .noneMatch(f -> f.contains("_"));
        assertThat(robot.lookup("#reasonLabel").queryAs(Label.class).getText()).isEqualTo("Reason: Terms renegotiated");
        FxTestSupport.screenshots(root.get(), "activity");

        Path csv = Files.createTempFile("activity", ".csv");
        FxTestSupport.onFx(() -> {
            vm.exportCsv(csv);
            return null;
        });
        FxTestSupport.waitUntil(() -> vm.messageProperty().get().startsWith("Exported"));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("id,at,user,table,operation");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",payment_terms," + k.paymentTerms().db() + "," + newTerms.db()
                + ",Terms renegotiated,"));

        // an empty result says so, and a reversed time range is refused plainly
        FxTestSupport.onFx(() -> {
            vm.fromProperty().set(java.time.LocalDate.of(2030, 1, 2));
            vm.toProperty().set(java.time.LocalDate.of(2030, 1, 1));
            vm.search();
            return null;
        });
        FxTestSupport.waitUntil(() -> !vm.errorProperty().get().isEmpty());
        assertThat(vm.errorProperty().get()).contains("end of the time range must be after its start");
    }
}
