package com.antevus.console.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.FxTaskExecutor;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.shell.ViewFactory;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The verification queue driven through its FXML: filters, a request's detail, approval, bulk approval's dry run. */
class VerificationsViewTest {
    static ConsoleContext context;
    static FxTaskExecutor executor;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        context = TestContexts.withDemoData("verificationsview", 200, java.time.Instant.parse("2026-11-22T12:00:00Z"));
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
    void queueDetailApprovalAndBulkDryRun() throws Exception {
        VerificationsViewModel vm = new VerificationsViewModel(context.verifications(), executor);
        AtomicReference<Parent> root = new AtomicReference<>();
        root.set(FxTestSupport.show(() -> ViewLoader.load(ViewFactory.VERIFICATIONS, new VerificationsView(vm))));
        FxTestSupport.onFx(() -> {
            vm.load();
            return null;
        });
        FxTestSupport.waitUntil(() -> !vm.rows().isEmpty() && !vm.busyProperty().get());
        assertThat(vm.rows()).allMatch(r -> r.status().open());
        int open = vm.rows().size();
        robot.clickOn("#olderBox");
        FxTestSupport.waitUntil(() -> vm.rows().size() < open || vm.rows().stream().allMatch(r -> r.overdue(vm.now())));
        assertThat(vm.rows()).allMatch(r -> r.overdue(vm.now()));
        robot.clickOn("#olderBox");
        FxTestSupport.waitUntil(() -> vm.rows().size() == open);
        FxTestSupport.screenshots(root.get(), "verifications-queue");

        // a request from a listed domain, for an organization linked to Stripe: approve it
        VerificationRequest pick = vm.rows().stream().filter(r -> r.check().verdict() == AcademicDomains.Verdict.LISTED
                && r.planCode() != null && r.academicPlanCode() != null).findFirst().orElseThrow();
        if (pick.stripeCustomerId() == null) {
            context.organizations().linkStripeCustomer(pick.organizationId());
            FxTestSupport.onFx(() -> {
                vm.load();
                return null;
            });
            FxTestSupport.waitUntil(() -> !vm.busyProperty().get() && vm.rows().stream().anyMatch(r -> r.id().equals(pick.id())
                    && r.stripeCustomerId() != null));
        }
        TableView<VerificationRequest> table = robot.lookup("#queueTable").queryAs(TableView.class);
        FxTestSupport.onFx(() -> {
            VerificationRequest row = vm.rows().stream().filter(r -> r.id().equals(pick.id())).findFirst().orElseThrow();
            table.getSelectionModel().select(row);
            table.scrollTo(row);
            return null;
        });
        FxTestSupport.waitUntil(() -> vm.selectedProperty().get() != null && vm.selectedProperty().get().id().equals(pick.id()));
        assertThat(robot.lookup("#checkLabel").queryAs(Label.class).getText()).startsWith("Listed");
        assertThat(robot.lookup("#priceLabel").queryAs(Label.class).getText()).contains("→").containsIgnoringCase("academic");
        assertThat(robot.lookup("#approveButton").queryAs(Button.class).isDisabled()).isFalse();
        FxTestSupport.screenshots(root.get(), "verifications-detail");
        robot.clickOn("#approveButton");
        FxTestSupport.waitUntil(() -> !vm.busyProperty().get() && vm.selectedProperty().get().status() == VerificationRequest.Status.APPROVED);
        assertThat(vm.messageProperty().get()).startsWith("Approved");
        assertThat(robot.lookup("#decisionLabel").queryAs(Label.class).getText()).contains("re-verify by");

        // a free-mail request cannot be approved as automatic, and says why next to the button
        vm.rows().stream().filter(r -> r.check().verdict() == AcademicDomains.Verdict.FREE_MAIL).findFirst().ifPresent(r -> {
            FxTestSupport.onFx(() -> {
                table.getSelectionModel().select(r);
                return null;
            });
            FxTestSupport.waitUntil(() -> vm.selectedProperty().get().id().equals(r.id()));
            assertThat(robot.lookup("#approveButton").queryAs(Button.class).isDisabled()).isTrue();
            assertThat(robot.lookup("#approveProblemLabel").queryAs(Label.class).getText()).isNotEmpty();
        });

        robot.clickOn("#bulkButton");
        FxTestSupport.waitUntil(() -> !vm.bulkSummaryProperty().get().isEmpty() && !vm.busyProperty().get());
        assertThat(vm.bulkSummaryProperty().get()).satisfiesAnyOf(s -> assertThat(s).contains("Nothing has changed yet"),
                s -> assertThat(s).contains("No pending automatic request"));
        FxTestSupport.screenshots(root.get(), "verifications-bulk");
    }
}
