package com.antevus.console.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.api.FxAssert.verifyThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.FxTaskExecutor;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.orgs.OrganizationSummary;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.base.NodeMatchers;

/** The real main window on headless Monocle: start failure with Retry, the organization list, sections, themes. */
class MainWindowTest {
    static ConsoleContext context;
    static Stage stage;
    static MainViewModel viewModel;
    static final AtomicInteger attempts = new AtomicInteger();
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        context = TestContexts.withDemoData("mainwindow", 120);
        stage = FxToolkit.registerPrimaryStage();
        FxTaskExecutor executor = new FxTaskExecutor(2);
        // the first start fails as an unreachable server would; Retry then succeeds
        BiFunction<ConsoleConfig, Consumer<String>, ConsoleContext> starter = (config, progress) -> {
            progress.accept("Connecting to the database\u2026");
            if (attempts.incrementAndGet() == 1) {
                throw new UserFacingException("Cannot reach the database server at db.example.com:5432/billing (connection refused). "
                        + "Check the URL in --db-url or CONSOLE_DB_URL and that the server is running.");
            }
            return context;
        };
        viewModel = new MainViewModel(context.config(), executor, starter);
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Parent root = ViewLoader.load(ViewFactory.MAIN, new MainView(viewModel, executor));
            Scene scene = new Scene(root, 1280, 800);
            scene.getStylesheets().add(MainWindowTest.class.getResource(ConsoleApp.STYLESHEET).toExternalForm());
            s.setScene(scene);
            s.show();
        });
        FxTestSupport.onFx(() -> {
            viewModel.start();
            return null;
        });
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        context.close();
    }

    @Test
    void failureShowsAPlainMessageAndRetryConnectsAndShowsOrganizations() {
        FxTestSupport.waitUntil(() -> viewModel.stateProperty().get() == MainViewModel.State.FAILED);
        verifyThat("#retryButton", NodeMatchers.isVisible());
        Label error = robot.lookup("#errorLabel").queryAs(Label.class);
        assertThat(error.getText()).startsWith("Cannot reach the database server at db.example.com:5432/billing")
                .doesNotContain("Exception");
        assertThat(robot.lookup("#databaseStatus").queryAs(Label.class).getText()).contains("not connected");
        FxTestSupport.screenshot(stage.getScene().getRoot(), "startup-error-light");

        robot.clickOn("#retryButton");
        FxTestSupport.waitUntil(() -> viewModel.stateProperty().get() == MainViewModel.State.READY);
        @SuppressWarnings("unchecked")
        TableView<OrganizationSummary> table = robot.lookup("#organizationsTable").queryAs(TableView.class);
        FxTestSupport.waitUntil(() -> table.getItems().size() == 120);
        assertThat(robot.lookup("#databaseStatus").queryAs(Label.class).getText()).contains("connected")
                .contains(context.database().target());
        assertThat(robot.lookup("#stripeStatus").queryAs(Label.class).getText()).isEqualTo("Stripe: SANDBOX");
        assertThat(robot.lookup("#userStatus").queryAs(Label.class).getText()).startsWith("Signed in: postgres");
        FxTestSupport.screenshot(stage.getScene().getRoot(), "organizations-light");

        // every section is built now: the activity log opens with the demo data's changes
        robot.clickOn("#nav-activity");
        FxTestSupport.waitUntil(() -> robot.lookup("#entriesTable").tryQuery().isPresent()
                && !robot.lookup("#entriesTable").queryAs(javafx.scene.control.TableView.class).getItems().isEmpty());
        robot.clickOn("#nav-organizations");
        assertThat(robot.lookup("#organizationsTable").tryQuery()).isPresent();
        assertThat(robot.lookup("#nav-organizations").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();

        // dark theme
        robot.clickOn("#themeToggle");
        assertThat(viewModel.darkThemeProperty().get()).isTrue();
        FxTestSupport.onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            return null;
        });
        FxTestSupport.screenshot(stage.getScene().getRoot(), "organizations-dark");
        robot.clickOn("#nav-plans");
        FxTestSupport.screenshot(stage.getScene().getRoot(), "plans-dark");
        robot.clickOn("#nav-organizations");
    }
}
