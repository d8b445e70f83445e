package com.antevus.console.shell;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.antevus.console.core.DialogService;
import com.antevus.console.core.FxDialogService;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.support.CountingExecutor;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.ScreenFit;
import com.antevus.console.support.TestContexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Every section and every tab of the real main window, with the demo's 300 organizations, at 1280×800 in the light and
 * the dark theme and at 1920×1080 in the light: no money, label, button, header or cell is cut off, except the long-name columns on {@link #MAY_TRUNCATE}
 * (they show the whole name on hover). Each screen and each confirmation is saved to target/screenshots (fit-*.png).
 */
class EveryScreenFitsTest {
    /**
     * Columns holding names and free text whose length has no bound: they truncate, with the full text on hover, so the
     * columns of figures beside them never do.
     */
    static final Set<String> MAY_TRUNCATE = Set.of("Organization", "Name", "Requester", "Institution", "Domain", "What changed", "Notes",
            "Description", "Detail", "Reason", "Billing e-mail", "E-mail", "Why",
            "Warnings", "Field");

    static ConsoleContext context;
    static Stage stage;
    static MainViewModel viewModel;
    static CountingExecutor executor;
    static final List<DialogService.Confirmation> asked = new CopyOnWriteArrayList<>();
    final FxRobot robot = new FxRobot();
    final List<String> cutOff = new ArrayList<>();

    @BeforeAll
    static void open() throws Exception {
        context = TestContexts.withDemoData("fit", 300);
        // the automatic requests' organizations get their Stripe customers, as staff would link them, so bulk approval can be asked
        for (Object[] r : com.antevus.console.support.TestPostgres.rows(context.database().dataSource(),
                "select distinct organization_id from academic_verifications where method = 'auto' and status = 'pending'")) {
            context.organizations().linkStripeCustomer((java.util.UUID) r[0]);
        }
        stage = FxToolkit.registerPrimaryStage();
        executor = new CountingExecutor(2);
        // every confirmation is recorded and declined, except creating one invoice in Stripe (so mark paid and void can be asked)
        DialogService dialogs = c -> {
            asked.add(c);
            return c.title().startsWith("Create the invoice");
        };
        viewModel = new MainViewModel(context.config(), executor, (config, progress) -> context);
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Parent root = ViewLoader.load(ViewFactory.MAIN, new MainView(viewModel, executor, dialogs));
            Scene scene = new Scene(root, 1280, 800);
            scene.getStylesheets().add(EveryScreenFitsTest.class.getResource(ConsoleApp.STYLESHEET).toExternalForm());
            s.setScene(scene);
            s.show();
        });
        FxTestSupport.onFx(() -> {
            viewModel.start();
            return null;
        });
        FxTestSupport.waitUntil(() -> viewModel.stateProperty().get() == MainViewModel.State.READY);
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        executor.shutdown();
        context.close();
    }

    /** Waits until every piece of background work has been handed back and the screen has laid itself out. */
    private void settle() {
        FxTestSupport.waitUntil(() -> executor.idle());
        FxTestSupport.onFx(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return null;
        });
    }

    private void theme(boolean dark) {
        FxTestSupport.onFx(() -> {
            Application.setUserAgentStylesheet((dark ? new PrimerDark() : new PrimerLight()).getUserAgentStylesheet());
            viewModel.darkThemeProperty().set(dark);
            return null;
        });
        settle();
    }

    private Parent content() {
        return robot.lookup("#content").queryAs(Parent.class);
    }

    /** Checks what shows now and saves it as fit-{name}-{theme}.png. */
    private void check(String name, String theme) {
        settle();
        for (String line : FxTestSupport.onFx(() -> ScreenFit.truncations(stage.getScene().getRoot(), MAY_TRUNCATE))) {
            cutOff.add(name + " (" + theme + "): " + line);
        }
        FxTestSupport.screenshot(stage.getScene().getRoot(), "fit-" + name + "-" + theme);
    }

    /** Checks the screen under each tab of each tab pane in sight (a tab may hold tab panes of its own). */
    private void checkTabs(String name, String theme) {
        List<TabPane> panes = FxTestSupport.onFx(() -> visibleTabPanes(content()));
        if (panes.isEmpty()) {
            check(name, theme);
            return;
        }
        TabPane pane = panes.get(0);
        int selected = FxTestSupport.onFx(() -> pane.getSelectionModel().getSelectedIndex());
        for (int i = 0; i < pane.getTabs().size(); i++) {
            int index = i;
            Tab tab = pane.getTabs().get(i);
            if (tab.isDisable()) {
                continue;
            }
            FxTestSupport.onFx(() -> {
                pane.getSelectionModel().select(index);
                return null;
            });
            check(name + "-" + slug(tab.getText()), theme);
        }
        FxTestSupport.onFx(() -> {
            pane.getSelectionModel().select(selected);
            return null;
        });
    }

    private static List<TabPane> visibleTabPanes(Parent root) {
        List<TabPane> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Node n, List<TabPane> found) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof TabPane t) {
            found.add(t);
            return;
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, found));
        }
    }

    private static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private void go(Section s) {
        robot.clickOn("#nav-" + s.name().toLowerCase(Locale.ROOT));
        settle();
    }

    private void walk(String theme) {
        for (Section s : Section.values()) {
            go(s);
            checkTabs(slug(s.title()), theme);
        }
        // an organization's page, opened from the list
        go(Section.ORGANIZATIONS);
        robot.doubleClickOn(robot.lookup("#organizationsTable .table-row-cell").nth(0).queryAs(Node.class));
        settle();
        checkTabs("organization-page", theme);
        robot.clickOn("#backLink");
        settle();
        openFirstDraft();
        check("invoices-draft-open", theme);
    }

    /** The period review's first organization's draft, opened as a person would. */
    private void openFirstDraft() {
        go(Section.INVOICES);
        selectTab("Period review");
        FxTestSupport.onFx(() -> {
            robot.lookup("#reviewTable").queryAs(TableView.class).getSelectionModel().select(0);
            return null;
        });
        robot.clickOn("#openDraftButton");
        settle();
    }

    private void selectTab(String title) {
        FxTestSupport.onFx(() -> {
            for (TabPane p : visibleTabPanes(content())) {
                p.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst().ifPresent(t -> p.getSelectionModel().select(t));
            }
            return null;
        });
        settle();
    }

    /** Shows the confirmation as the window would, checks it fits, saves it light and dark, and closes it. */
    private void checkConfirmation(DialogService.Confirmation c) {
        String name = "fit-confirm-" + slug(c.title());
        Alert alert = FxTestSupport.onFx(() -> {
            Alert a = new FxDialogService().alert(c);
            a.initOwner(stage);
            a.getDialogPane().getStylesheets().setAll(stage.getScene().getStylesheets());
            a.show();
            return a;
        });
        DialogPane pane = alert.getDialogPane();
        for (String theme : List.of("light", "dark")) {
            theme(theme.equals("dark"));
            FxTestSupport.onFx(() -> {
                pane.applyCss();
                pane.layout();
                return null;
            });
            for (String line : FxTestSupport.onFx(() -> ScreenFit.truncations(pane, Set.of()))) {
                cutOff.add(name + " (" + theme + "): " + line);
            }
            FxTestSupport.screenshot(pane, name + "-" + theme);
        }
        theme(false);
        FxTestSupport.onFx(() -> {
            alert.close();
            return null;
        });
    }

    private void ask(String what) {
        int before = asked.size();
        robot.clickOn(what);
        settle();
        assertThat(asked).as("clicking " + what + " asks for a confirmation").hasSizeGreaterThan(before);
    }

    @Test
    void everySectionTabAndConfirmationFitsAt1280x800InBothThemes() {
        walk("light");
        theme(true);
        walk("dark");
        theme(false);
        // and the same screens on a 1920×1080 monitor: they grow into the room, nothing is cut there either
        FxTestSupport.onFx(() -> {
            stage.setWidth(1920);
            stage.setHeight(1080);
            return null;
        });
        FxTestSupport.waitUntil(() -> stage.getScene().getWidth() >= 1900);
        walk("1920-light");
        FxTestSupport.onFx(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
            return null;
        });
        FxTestSupport.waitUntil(() -> stage.getScene().getWidth() <= 1300);

        // the confirmations, with the words and amounts each action states
        go(Section.INVOICES);
        selectTab("Invoice run");
        ask("#startRunButton");
        openFirstDraft();
        ask("#createInStripeButton"); // accepted: the draft becomes an open invoice in the sandbox
        FxTestSupport.waitUntil(() -> !robot.lookup("#markPaidButton").queryAs(Button.class).isDisabled());
        ask("#markPaidButton");
        ask("#voidButton");
        go(Section.CONTRACTS);
        FxTestSupport.onFx(() -> {
            robot.lookup("#contractsTable").queryAs(TableView.class).getSelectionModel().select(0);
            return null;
        });
        settle();
        ask("#applyButton");
        go(Section.VERIFICATIONS);
        robot.clickOn("#bulkButton");
        settle();
        FxTestSupport.waitUntil(() -> !robot.lookup("#runBulkButton").queryAs(Button.class).isDisabled());
        ask("#runBulkButton");
        go(Section.PLANS);
        robot.clickOn("#editButton");
        settle();
        robot.clickOn("#publishButton");
        FxTestSupport.waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane form = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        for (String line : FxTestSupport.onFx(() -> ScreenFit.truncations(form, Set.of("Plan")))) {
            cutOff.add("publish form: " + line);
        }
        FxTestSupport.screenshot(form, "fit-publish-form-light");
        robot.clickOn(robot.from(form).lookup((java.util.function.Predicate<Node>) n -> n instanceof Button b && "Publish".equals(b.getText()))
                .queryAs(Button.class));
        settle();
        ask("#discardButton");

        assertThat(asked).extracting(DialogService.Confirmation::title).contains("Invoice run", "Create the invoice in Stripe",
                "Mark paid", "Void invoice", "Bulk approve", "Discard the draft").anyMatch(t -> t.startsWith("Publish v"));
        for (DialogService.Confirmation c : asked) {
            checkConfirmation(c);
        }
        assertThat(cutOff).as("text cut off at 1280×800").isEmpty();
    }
}
