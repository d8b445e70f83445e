package com.antevus.console.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.FxTaskExecutor;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.demo.DemoData;
import com.antevus.console.db.DemoLogins;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import com.antevus.console.support.TestPostgres;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The sign-in screen as the embedded default shows it: the demo logins offered, one chosen, the console started as
 * that login with its roles shown; an unknown login comes back to the screen with a plain reason.
 */
class SignInTest {
    /** Noon on 22 November 2026; the test moves it by hand to leave the window idle. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-11-22T12:00:00Z");
    static final com.antevus.console.support.TestClocks.Settable CLOCK = com.antevus.console.support.TestClocks.settable(NOW);
    static String db;
    static FxTaskExecutor executor;
    static final List<ConsoleContext> started = new ArrayList<>();
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        db = TestPostgres.freshDatabase("signin");
        DemoData.load(TestPostgres.dataSource(db, "postgres"), new DemoData.Options(30, 3, 4, NOW, 1), false);
        DemoLogins.ensure(TestPostgres.dataSource(db, "postgres"));
        executor = new FxTaskExecutor(2);
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        started.forEach(ConsoleContext::close);
    }


    @Test
    void theDemoLoginsAreOfferedAndTheConsoleRunsAsTheChosenOne() throws Exception {
        ConsoleConfig shared = TestContexts.configFor(db, NOW).withClock(CLOCK);
        // as the embedded default shows it (no URL, no login), started on the test server instead of an embedded one
        ConsoleConfig embeddedDefault = new ConsoleConfig(shared.home(), null, null, null, null, null, null, CLOCK, java.time.Duration.ofHours(24));
        MainViewModel vm = new MainViewModel(embeddedDefault, executor, (cfg, progress) -> {
            ConsoleContext ctx = Startup.start(new ConsoleConfig(shared.home(), shared.dbUrl(), cfg.dbUser(), cfg.dbPassword(), null, null, null, CLOCK, java.time.Duration.ofHours(24)),
                    progress, Runnable::run);
            started.add(ctx);
            return ctx;
        });
        assertThat(vm.needsSignIn()).isTrue();
        AtomicReference<Parent> root = new AtomicReference<>();
        root.set(FxTestSupport.show(() -> ViewLoader.load(ViewFactory.MAIN, new MainView(vm, executor))));
        FxTestSupport.onFx(() -> {
            vm.showSignIn();
            return null;
        });
        FxTestSupport.waitUntil(() -> robot.lookup("#demo-finance").tryQuery().isPresent());
        for (String role : com.antevus.console.access.DemoAccounts.ROLES) {
            assertThat(robot.lookup("#demo-" + role).tryQuery()).as(role).isPresent();
        }
        FxTestSupport.screenshots(root.get(), "sign-in");

        // a login the database does not know: back to the screen, with the reason
        robot.clickOn("#loginField").write("nobody_here");
        robot.clickOn("#passwordField").write("x");
        robot.type(javafx.scene.input.KeyCode.ENTER); // Enter in the password field signs in
        FxTestSupport.waitUntil(() -> vm.stateProperty().get() == MainViewModel.State.SIGN_IN && !vm.errorProperty().get().isEmpty());
        assertThat(vm.errorProperty().get()).contains("nobody_here").doesNotContain("Exception");

        robot.clickOn("#demo-finance");
        FxTestSupport.waitUntil(() -> vm.stateProperty().get() == MainViewModel.State.READY);
        FxTestSupport.waitUntil(() -> vm.userTextProperty().get().contains("(finance)"));
        assertThat(vm.userTextProperty().get()).isEqualTo("Signed in: demo_finance (finance)");
        assertThat(vm.contextProperty().get().sessionUser()).isEqualTo("demo_finance");
        assertThat(robot.lookup("#userStatus").queryAs(Label.class).getText()).contains("demo_finance");

        // finance may read contracts but not change them: the screen says so and its buttons are off (the grants decide)
        robot.clickOn("#nav-contracts");
        FxTestSupport.waitUntil(() -> robot.lookup("#roleNoteLabel").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        assertThat(robot.lookup("#roleNoteLabel").queryAs(Label.class).getText())
                .isEqualTo("Your role (finance) can read contracts; changes need sales or admin.");
        assertThat(robot.lookup("#newButton").queryAs(javafx.scene.control.Button.class).isDisabled()).isTrue();
        robot.clickOn("#nav-plans");
        FxTestSupport.waitUntil(() -> robot.lookup(".role-note").queryAll().stream().anyMatch(n -> n.isVisible()
                && ((Label) n).getText().equals("Your role (finance) can read the plan catalog; changes need admin.")));
        robot.clickOn("#nav-contracts");
        FxTestSupport.screenshots(root.get(), "role-note");

        // left idle, the window locks; what was typed stays; only the session's password unlocks it
        robot.clickOn("#searchField").write("Bas");
        FxTestSupport.onFx(() -> {
            vm.lockAfter(java.time.Duration.ofMinutes(15));
            vm.checkIdle();
            return null;
        });
        assertThat(vm.lockedProperty().get()).as("not idle long enough yet").isFalse();
        CLOCK.advance(java.time.Duration.ofMinutes(15).plusSeconds(1));
        FxTestSupport.onFx(() -> {
            vm.checkIdle();
            return null;
        });
        FxTestSupport.waitUntil(() -> vm.lockedProperty().get());
        assertThat(robot.lookup("#lockPane").query().isVisible()).isTrue();
        assertThat(robot.lookup("#content").query().isVisible()).isFalse();
        robot.clickOn("#unlockField").write("not-it");
        robot.clickOn("#unlockButton");
        assertThat(vm.lockedProperty().get()).isTrue();
        assertThat(robot.lookup("#lockLabel").queryAs(Label.class).getText()).contains("not the password of demo_finance");
        FxTestSupport.screenshots(root.get(), "locked");
        FxTestSupport.onFx(() -> {
            vm.lockAfter(java.time.Duration.ofMinutes(15));
            return null;
        });
        robot.clickOn("#unlockField").write(com.antevus.console.access.DemoAccounts.PASSWORD);
        robot.type(javafx.scene.input.KeyCode.ENTER); // Enter unlocks, as it does everywhere else
        assertThat(vm.lockedProperty().get()).isFalse();
        assertThat(robot.lookup("#searchField").queryAs(javafx.scene.control.TextField.class).getText()).isEqualTo("Bas");

        // sign out: this login's sections and connections go, and the next person starts from a clean sign-in screen
        ConsoleContext finance = vm.contextProperty().get();
        robot.clickOn("#signOutLink");
        FxTestSupport.waitUntil(() -> vm.stateProperty().get() == MainViewModel.State.SIGN_IN);
        assertThat(vm.contextProperty().get()).isNull();
        assertThat(vm.userTextProperty().get()).isEmpty();
        FxTestSupport.waitUntil(() -> ((com.zaxxer.hikari.HikariDataSource) finance.database().dataSource()).isClosed());
        assertThat(robot.lookup("#passwordField").queryAs(javafx.scene.control.PasswordField.class).getText()).isEmpty();
        robot.clickOn("#demo-sales");
        FxTestSupport.waitUntil(() -> vm.stateProperty().get() == MainViewModel.State.READY);
        FxTestSupport.waitUntil(() -> vm.userTextProperty().get().contains("(sales)"));
        assertThat(vm.contextProperty().get().sessionUser()).isEqualTo("demo_sales");
        assertThat(robot.lookup("#searchField").queryAs(javafx.scene.control.TextField.class).getText())
                .as("what the last person typed went with their sections").isEmpty();
    }
}
