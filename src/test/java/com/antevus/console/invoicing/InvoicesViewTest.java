package com.antevus.console.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.FxTaskExecutor;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.shell.ViewFactory;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
/** The Invoices section driven through its FXML: review, a draft edited and created in Stripe, a run, events, reconciliation. */
class InvoicesViewTest {
    static ConsoleContext context;
    static FxTaskExecutor executor;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        context = TestContexts.withDemoData("invoicesview", 60, java.time.Instant.parse("2026-11-22T12:00:00Z"));
        executor = new FxTaskExecutor(3);
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        executor.shutdown();
        context.close();
    }


    private void select(String tab) {
        FxTestSupport.onFx(() -> {
            TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals(tab)).findFirst().orElseThrow());
            return null;
        });
    }

    /**
     * The money bug of issue 18: what was typed into one organization's draft stayed in the form when another's
     * opened, and one click on Add one-off line billed it to the wrong customer. Runs first, while October's drafts
     * are still editable.
     */
    @Test
    @org.junit.jupiter.api.Order(1)
    void whatIsTypedForOneDraftNeverReachesAnother() throws Exception {
        InvoicesViewModel vm = new InvoicesViewModel(context.invoicing(), context.stripeEvents(), context.reconciliation(), executor);
        vm.periodProperty().set(YearMonth.of(2026, 10));
        Parent root = FxTestSupport.show(() -> ViewLoader.load(ViewFactory.INVOICES, new InvoicesView(vm)));
        FxTestSupport.onFx(() -> {
            vm.load();
            return null;
        });
        FxTestSupport.waitUntil(() -> !vm.review().rows().isEmpty() && !vm.busyProperty().get());
        java.util.List<ReviewRow> toInvoice = vm.review().rows().stream().filter(r -> r.billing() == ReviewRow.Billing.TO_INVOICE).limit(2).toList();
        assertThat(toInvoice).hasSize(2);
        // the demo has no Stripe customers yet: a step the run takes, not an anomaly that turns every row yellow
        assertThat(toInvoice).allSatisfy(r -> {
            assertThat(r.hasCustomer()).isFalse();
            assertThat(r.anomalies()).noneMatch(a -> a.contains("Stripe customer"));
        });
        TableView<ReviewRow> review = robot.lookup("#reviewTable").queryAs(TableView.class);

        // draft A: a one-off line typed but not added, a payment reference and a save reason
        FxTestSupport.onFx(() -> {
            review.getSelectionModel().select(toInvoice.get(0));
            return null;
        });
        robot.clickOn("#openDraftButton");
        FxTestSupport.waitUntil(() -> vm.draft().draftProperty().get() != null && !vm.busyProperty().get()
                && vm.draft().draftProperty().get().organizationId().equals(toInvoice.get(0).organizationId()));
        robot.clickOn("#lineDescField").write("Onboarding workshop");
        robot.clickOn("#lineAmountField").write("1200");
        robot.clickOn("#lineReasonField").write("Agreed on the call");
        robot.clickOn("#saveReasonField").write("Workshop for A");
        FxTestSupport.onFx(() -> {
            robot.lookup("#referenceField").queryAs(javafx.scene.control.TextField.class).setText("WIRE-A-1");
            return null;
        });

        // draft B: the forms are empty, and Add one-off line adds nothing to B
        select("Period review");
        FxTestSupport.onFx(() -> {
            review.getSelectionModel().select(toInvoice.get(1));
            return null;
        });
        robot.clickOn("#openDraftButton");
        FxTestSupport.waitUntil(() -> vm.draft().draftProperty().get() != null && !vm.busyProperty().get()
                && vm.draft().draftProperty().get().organizationId().equals(toInvoice.get(1).organizationId()));
        InvoiceDraft b = context.invoicing().draft(vm.draft().draftProperty().get().invoiceId());
        for (String field : new String[]{"#lineDescField", "#lineAmountField", "#lineReasonField", "#saveReasonField", "#referenceField",
                "#actionReasonField"}) {
            assertThat(robot.lookup(field).queryAs(javafx.scene.control.TextField.class).getText()).as(field).isEmpty();
        }
        robot.clickOn("#addLineButton");
        assertThat(vm.draft().lines()).as("nothing was added to B").hasSize(b.lines().size());
        assertThat(vm.draft().total()).isEqualTo(b.subtotalMinor());
        assertThat(robot.lookup("#lineError").queryAs(Label.class).getText()).isNotBlank();
        FxTestSupport.screenshots(root, "invoices-second-draft-opens-empty");
        // and A, reopened, has its stored lines only: nothing typed for it was saved either
        InvoiceDraft a = context.invoicing().draft(context.invoicing().review(YearMonth.of(2026, 10), java.util.List.of(toInvoice.get(0).organizationId()))
                .get(0).invoiceId());
        assertThat(a.lines()).extracting(DraftLine::description).doesNotContain("Onboarding workshop");
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void reviewDraftRunEventsAndReconciliation() throws Exception {
        InvoicesViewModel vm = new InvoicesViewModel(context.invoicing(), context.stripeEvents(), context.reconciliation(), executor);
        vm.periodProperty().set(YearMonth.of(2026, 10));
        java.util.List<com.antevus.console.core.DialogService.Confirmation> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicReference<Parent> root = new AtomicReference<>();
        root.set(FxTestSupport.show(() -> ViewLoader.load(ViewFactory.INVOICES, new InvoicesView(vm,
                com.antevus.console.core.StripeMode.SANDBOX, c -> asked.add(c)))));
        FxTestSupport.onFx(() -> {
            vm.load();
            return null;
        });
        FxTestSupport.waitUntil(() -> !vm.review().rows().isEmpty() && !vm.busyProperty().get());
        int all = vm.review().rows().size();
        robot.clickOn("#overQuotaBox");
        FxTestSupport.waitUntil(() -> vm.review().rows().size() < all);
        assertThat(vm.review().rows()).isNotEmpty().allSatisfy(r -> assertThat(r.overQuota()).isTrue());
        FxTestSupport.screenshots(root.get(), "invoices-review");

        // open the first over-quota organization's draft, adjust a line (a reason is required), save it
        TableView<?> review = robot.lookup("#reviewTable").queryAs(TableView.class);
        FxTestSupport.onFx(() -> {
            review.getSelectionModel().select(0);
            return null;
        });
        robot.clickOn("#openDraftButton");
        FxTestSupport.waitUntil(() -> vm.draft().draftProperty().get() != null && !vm.busyProperty().get());
        long rated = vm.draft().total();
        TableView<?> lines = robot.lookup("#linesTable").queryAs(TableView.class);
        FxTestSupport.onFx(() -> {
            lines.getSelectionModel().select(0);
            return null;
        });
        robot.doubleClickOn("#lineAmountField").eraseText(20).write("0");
        robot.clickOn("#applyLineButton");
        assertThat(robot.lookup("#lineError").queryAs(Label.class).getText()).contains("Say why");
        assertThat(vm.draft().total()).as("a line without a reason is not applied").isEqualTo(rated);
        robot.clickOn("#lineReasonField").write("Waived: onboarding month");
        robot.clickOn("#applyLineButton");
        FxTestSupport.waitUntil(() -> vm.draft().total() < rated);
        robot.clickOn("#saveReasonField").write("First month waived by sales");
        robot.clickOn("#saveDraftButton");
        FxTestSupport.waitUntil(() -> !vm.draft().dirtyProperty().get() && !vm.busyProperty().get());
        assertThat(context.invoicing().draft(vm.draft().draftProperty().get().invoiceId()).subtotalMinor()).isEqualTo(vm.draft().total());
        FxTestSupport.screenshots(root.get(), "invoices-draft");

        InvoiceDraft saved = vm.draft().draftProperty().get();
        robot.clickOn("#createInStripeButton");
        FxTestSupport.waitUntil(() -> vm.draft().stepLog().contains("✓ Send") && !vm.busyProperty().get());
        // it asked first, naming the organization, the month and the amount, and no typed word outside live mode
        assertThat(asked).last().satisfies(c -> {
            assertThat(c.title()).isEqualTo("Create the invoice in Stripe");
            assertThat(c.summary()).isEqualTo("Create, finalize and send " + saved.organizationName() + "'s invoice for October 2026: "
                    + com.antevus.console.core.Money.of(saved.subtotalMinor(), saved.currency()).format() + ".");
            assertThat(c.typedWord()).isNull();
        });
        assertThat(vm.draft().draftProperty().get().number()).isNotBlank();
        assertThat(vm.draft().draftProperty().get().status()).isEqualTo("open");
        FxTestSupport.screenshots(root.get(), "invoices-draft-in-stripe");

        // a run over the rest of the period, slowed down so it can be seen (and paused) in progress
        context.stripe().sandbox().faults().slow(60);
        robot.clickOn("#overQuotaBox");
        select("Invoice run");
        robot.clickOn("#dryRunButton");
        FxTestSupport.waitUntil(() -> vm.run().summaryProperty().get() != null && !vm.busyProperty().get());
        int planned = vm.run().summaryProperty().get().created().size();
        assertThat(planned).isPositive();
        robot.clickOn("#startRunButton");
        FxTestSupport.waitUntil(() -> vm.run().progressProperty().get() > 0.2);
        FxTestSupport.screenshots(root.get(), "invoices-run-in-progress");
        robot.clickOn("#pauseButton");
        FxTestSupport.waitUntil(() -> vm.run().pausedProperty().get());
        robot.clickOn("#pauseButton");
        context.stripe().sandbox().faults().none();
        FxTestSupport.waitUntil(() -> !vm.run().runningProperty().get());
        RunSummary s = vm.run().summaryProperty().get();
        assertThat(s.failed()).isEmpty();
        assertThat(s.created()).hasSize(planned);
        assertThat(robot.lookup("#runStatusLabel").queryAs(Label.class).getText()).contains("created");

        select("Events and dunning");
        robot.clickOn("#syncButton");
        FxTestSupport.waitUntil(() -> !vm.events().eventRows().isEmpty() && !vm.busyProperty().get());
        assertThat(vm.events().dunningRows()).isNotEmpty();
        FxTestSupport.screenshots(root.get(), "invoices-events-dunning");

        select("Reconciliation");
        robot.clickOn("#reconcileButton");
        FxTestSupport.waitUntil(() -> vm.reconciliation().summaryProperty().get().contains("agree") && !vm.busyProperty().get());
        // the waived line differs from the rating; everything else created this period agrees
        assertThat(vm.reconciliation().rows()).anySatisfy(r -> assertThat(r.problem()).contains("vs rating"));
        FxTestSupport.screenshots(root.get(), "invoices-reconciliation");
        assertThat(robot.lookup("#runLogList").queryAs(ListView.class).getItems()).isNotEmpty();

        // November is still running on 22 November: a run asks why it should close the month early, and backing out runs nothing
        FxTestSupport.onFx(() -> {
            vm.periodProperty().set(YearMonth.of(2026, 11));
            return null;
        });
        select("Invoice run");
        RunSummary before = vm.run().summaryProperty().get();
        robot.clickOn("#startRunButton");
        FxTestSupport.waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane ask = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(ask.getHeaderText()).startsWith("2026-11 is not over").doesNotContain("--close-early");
        javafx.scene.control.Button closeEarly = (javafx.scene.control.Button) ask.lookupButton(javafx.scene.control.ButtonType.OK);
        assertThat(closeEarly.isDisabled()).as("no reason, no early close").isTrue();
        robot.clickOn(ask.lookup(".text-field")).write("ok");
        assertThat(closeEarly.isDisabled()).as("a reason is words").isTrue();
        robot.write(" - the customer leaves on 25 November");
        assertThat(closeEarly.isDisabled()).isFalse();
        FxTestSupport.screenshot(ask, "invoices-close-early");
        robot.clickOn(ask.lookupButton(javafx.scene.control.ButtonType.CANCEL));
        FxTestSupport.waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
        assertThat(vm.run().runningProperty().get()).isFalse();
        assertThat(vm.run().summaryProperty().get()).as("backing out ran nothing").isSameAs(before);
    }
}
