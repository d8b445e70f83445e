package com.antevus.console.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.FxTaskExecutor;
import com.antevus.console.core.Secret;
import com.antevus.console.core.StripeMode;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.invoicing.InvoicesView;
import com.antevus.console.invoicing.InvoicesViewModel;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.shell.MainView;
import com.antevus.console.shell.MainViewModel;
import com.antevus.console.shell.ViewFactory;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** Live mode: a red banner over every section, and money-moving actions whose confirmation waits for a typed word. */
class LiveModeTest {
    static ConsoleContext context;
    static FxTaskExecutor executor;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        context = TestContexts.withDemoData("livemode", 40);
        executor = new FxTaskExecutor(2);
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        executor.shutdown();
        context.close();
    }



    /** The main window on {@code config}, started over the test's context and ready. */
    private static Parent showStarted(ConsoleConfig config) throws Exception {
        MainViewModel vm = new MainViewModel(config, executor, (cfg, progress) -> context);
        Parent root = FxTestSupport.show(() -> ViewLoader.load(ViewFactory.MAIN, new MainView(vm, executor)));
        FxTestSupport.onFx(() -> {
            vm.start();
            return null;
        });
        FxTestSupport.waitUntil(() -> vm.stateProperty().get() == MainViewModel.State.READY);
        return root;
    }

    @Test
    void aLiveKeyShowsARedBannerOverEverySection() throws Exception {
        ConsoleConfig c = context.config();
        ConsoleConfig live = c.withStripeKey(Secret.ofNullable("sk_live_bannertest0000000000000042"));
        assertThat(live.stripeMode()).isEqualTo(StripeMode.LIVE);
        Parent root = showStarted(live);
        Label banner = robot.lookup("#modeBanner").queryAs(Label.class);
        assertThat(banner.getText()).startsWith("LIVE").contains("type a confirmation");
        assertThat(banner.getStyleClass()).contains("mode-live");
        assertThat(robot.lookup("#stripeStatus").queryAs(Label.class).getText()).contains("LIVE").contains("0042")
                .doesNotContain("bannertest");
        FxTestSupport.screenshots(root, "live-banner");
    }

    @Test
    void aClockSetFromOutsideIsAlwaysInSightInTheStatusBar() throws Exception {
        ConsoleConfig c = context.config();
        java.time.Instant asOf = java.time.Instant.parse("2027-01-31T23:50:00Z");
        // started at 23:50 with --as-of; the clock has run on two minutes since
        ConsoleConfig rehearsal = new ConsoleConfig(c.home(), c.dbUrl(), c.dbUser(), c.dbPassword(), null, c.stripeApiBase(), asOf,
                com.antevus.console.support.TestClocks.at(asOf.plusSeconds(120)), c.invoiceGrace());
        Parent root = showStarted(rehearsal);
        Label clock = robot.lookup("#clockStatus").queryAs(Label.class);
        assertThat(clock.isVisible()).isTrue();
        assertThat(clock.getText()).isEqualTo("Clock set: Jan 31, 2027 23:52 UTC");
        assertThat(clock.getTooltip().getText()).contains("2027-01-31T23:50:00Z").contains("--as-of");
        FxTestSupport.screenshots(root, "clock-set");

        MainViewModel normal = new MainViewModel(c, executor, (cfg, progress) -> context);
        FxTestSupport.show(() -> ViewLoader.load(ViewFactory.MAIN, new MainView(normal, executor)));
        assertThat(robot.lookup("#clockStatus").queryAs(Label.class).isVisible()).as("on the machine's clock nothing is shown").isFalse();
    }

    @Test
    void inLiveModeAnInvoiceRunWaitsForTheTypedWordAndStartsNothingWithout() throws Exception {
        List<com.antevus.console.core.DialogService.Confirmation> asked = new ArrayList<>();
        boolean[] answer = {false};
        InvoicesViewModel vm = new InvoicesViewModel(context.invoicing(), context.stripeEvents(), context.reconciliation(), executor);
        vm.periodProperty().set(YearMonth.of(2026, 10));
        FxTestSupport.show(() -> ViewLoader.load(ViewFactory.INVOICES, new InvoicesView(vm, StripeMode.LIVE, c -> {
            asked.add(c);
            return answer[0];
        })));
        FxTestSupport.onFx(() -> {
            vm.load();
            TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Invoice run")).findFirst().orElseThrow());
            return null;
        });
        FxTestSupport.waitUntil(() -> !vm.review().rows().isEmpty() && !vm.busyProperty().get());
        robot.clickOn("#startRunButton");
        // the dialog says what the run bills, in organizations and money, and asks for the word in live mode
        List<com.antevus.console.invoicing.ReviewRow> due = context.invoicing().review(YearMonth.of(2026, 10), List.of()).stream()
                .filter(r -> r.billing() == com.antevus.console.invoicing.ReviewRow.Billing.TO_INVOICE).toList();
        String total = com.antevus.console.core.Money.of(due.stream().mapToLong(com.antevus.console.invoicing.ReviewRow::totalMinor).sum(), "USD").format();
        assertThat(asked).singleElement().satisfies(a -> {
            assertThat(a.summary()).isEqualTo(String.format("Invoice October 2026: %,d organizations for %s.", due.size(), total));
            assertThat(a.details()).anyMatch(d -> d.contains("e-mailed"));
            assertThat(a.typedWord()).isEqualTo("RUN 2026-10");
        });
        assertThat(vm.messageProperty().get()).isEqualTo("Invoice run: not done. Nothing was changed.");
        assertThat(vm.run().runningProperty().get()).isFalse();
        assertThat(vm.run().log()).isEmpty();
        assertThat(vm.run().runs()).isEmpty();
    }
}
