package com.antevus.console.shell;

import com.antevus.console.core.ConsoleStyles;
import com.antevus.console.core.StripeMode;
import com.antevus.console.core.TaskExecutor;
import com.antevus.console.core.ViewLoader;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/** The main window: sidebar, content area and status bar. */
public final class MainView {
    private final MainViewModel viewModel;
    private final TaskExecutor executor;
    private ViewFactory views;
    private Parent startupView;
    private Timeline healthCheck;
    private Timeline usageRefresh;

    @FXML
    private VBox nav;
    @FXML
    private StackPane content;
    @FXML
    private ToggleButton themeToggle;
    @FXML
    private Label databaseStatus;
    @FXML
    private Label stripeStatus;
    @FXML
    private Label clockStatus;
    @FXML
    private Label modeBanner;
    @FXML
    private javafx.scene.layout.BorderPane root;
    @FXML
    private javafx.scene.layout.VBox lockPane;
    @FXML
    private Label lockLabel;
    @FXML
    private javafx.scene.control.PasswordField unlockField;
    @FXML
    private javafx.scene.control.Hyperlink signOutLink;
    @FXML
    private javafx.scene.control.TextField globalSearch;
    @FXML
    private Label userStatus;

    private final com.antevus.console.core.DialogService dialogs;

    public MainView(MainViewModel viewModel, TaskExecutor executor) {
        this(viewModel, executor, new com.antevus.console.core.FxDialogService());
    }

    /** @param dialogs the confirmations every section asks through */
    public MainView(MainViewModel viewModel, TaskExecutor executor, com.antevus.console.core.DialogService dialogs) {
        this.viewModel = viewModel;
        this.executor = executor;
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        ToggleGroup group = new ToggleGroup();
        for (Section s : Section.values()) {
            ToggleButton b = new ToggleButton(s.title(), new FontIcon(s.icon()));
            b.setId("nav-" + s.name().toLowerCase());
            b.getStyleClass().add(ConsoleStyles.NAV_BUTTON);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setToggleGroup(group);
            b.setSelected(s == viewModel.sectionProperty().get());
            b.setOnAction(e -> {
                b.setSelected(true); // a nav button cannot be toggled off
                viewModel.sectionProperty().set(s);
            });
            // a section opened from elsewhere (the global search, a link in another section) is shown as selected too
            viewModel.sectionProperty().addListener((o, was, now) -> b.setSelected(now == s));
            nav.getChildren().add(b);
        }
        themeToggle.selectedProperty().bindBidirectional(viewModel.darkThemeProperty());
        com.antevus.console.core.ConsoleTheme.darkProperty().bind(viewModel.darkThemeProperty());
        themeToggle.textProperty().bind(javafx.beans.binding.Bindings.when(themeToggle.selectedProperty())
                .then("Light theme").otherwise("Dark theme"));
        themeToggle.setGraphic(new FontIcon("fth-moon"));
        themeToggle.selectedProperty().addListener((o, was, dark) -> ((FontIcon) themeToggle.getGraphic())
                .setIconLiteral(dark ? "fth-sun" : "fth-moon"));

        databaseStatus.textProperty().bind(viewModel.databaseTextProperty());
        databaseStatus.setGraphic(new FontIcon("fth-database"));
        viewModel.connectionProperty().addListener((o, was, now) -> styleConnection(now));
        styleConnection(viewModel.connectionProperty().get());
        stripeStatus.setText(viewModel.stripeText());
        stripeStatus.setGraphic(new FontIcon("fth-credit-card"));
        stripeStatus.getStyleClass().add(viewModel.stripeMode() == StripeMode.LIVE ? ConsoleStyles.STATUS_LIVE : ConsoleStyles.MUTED);
        // a clock set with --as-of is always in sight, never cut: every figure on screen is as of that moment
        clockStatus.setGraphic(new FontIcon("fth-clock"));
        clockStatus.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        if (!viewModel.clockExplanation().isEmpty()) {
            clockStatus.setTooltip(new javafx.scene.control.Tooltip(viewModel.clockExplanation()));
        }
        showClock();
        modeBanner.setText(switch (viewModel.stripeMode()) {
            case SANDBOX -> "SANDBOX · Stripe calls go to the local sandbox; no customer sees anything";
            case TEST -> "TEST MODE · Stripe test data; no real money moves";
            case LIVE -> "LIVE · real customers and real money: finalize, send, void and invoice runs ask you to type a confirmation";
        });
        modeBanner.getStyleClass().add("mode-" + viewModel.stripeMode().name().toLowerCase(java.util.Locale.ROOT));
        userStatus.textProperty().bind(viewModel.userTextProperty());
        initGlobalSearch();
        // signing out drops this login's sections and connections; then the window asks who signs in
        signOutLink.visibleProperty().bind(viewModel.stateProperty().isEqualTo(MainViewModel.State.READY)
                .and(viewModel.lockedProperty().not()));
        signOutLink.managedProperty().bind(signOutLink.visibleProperty());
        userStatus.setGraphic(new FontIcon("fth-user"));

        startupView = ViewLoader.load(ViewFactory.STARTUP, new StartupView(viewModel));
        viewModel.stateProperty().addListener((o, was, now) -> showContent());
        viewModel.sectionProperty().addListener((o, was, now) -> showContent());
        viewModel.contextProperty().addListener((o, was, ctx) -> {
            views = ctx == null ? null : new ViewFactory(ctx, executor, section -> viewModel.sectionProperty().set(section), dialogs);
            if (views != null) {
                views.access(viewModel.accessProperty().get());
            }
        });
        viewModel.usageRefreshedProperty().addListener((o, a, b) -> {
            if (views != null) {
                views.usageChanged();
            }
        });
        showContent();

        // the idle lock: any key or mouse movement counts as activity; the sections stay built (and typed text kept) behind it
        lockPane.visibleProperty().bind(viewModel.lockedProperty());
        content.visibleProperty().bind(viewModel.lockedProperty().not());
        nav.disableProperty().bind(viewModel.lockedProperty());
        lockLabel.textProperty().bind(viewModel.lockMessageProperty());
        root.addEventFilter(javafx.scene.input.InputEvent.ANY, e -> {
            if (!(e instanceof javafx.scene.input.MouseEvent me) || me.getEventType() != javafx.scene.input.MouseEvent.MOUSE_EXITED_TARGET) {
                viewModel.activity();
            }
        });
        viewModel.lockedProperty().addListener((o, was, now) -> {
            unlockField.clear();
            if (now) {
                unlockField.requestFocus();
            }
        });
        idleCheck = new Timeline(new KeyFrame(Duration.seconds(5), e -> {
            viewModel.checkIdle();
            showClock();
        }));
        idleCheck.setCycleCount(Animation.INDEFINITE);
        idleCheck.play();
        healthCheck = new Timeline(new KeyFrame(Duration.seconds(10), e -> viewModel.checkConnection()));
        healthCheck.setCycleCount(Animation.INDEFINITE);
        healthCheck.play();
        usageRefresh = new Timeline(new KeyFrame(Duration.seconds(2), e -> viewModel.refreshUsage()));
        usageRefresh.setCycleCount(Animation.INDEFINITE);
        usageRefresh.play();
    }

    private void styleConnection(MainViewModel.Connection c) {
        databaseStatus.getStyleClass().removeAll(ConsoleStyles.STATUS_OK, ConsoleStyles.STATUS_BAD, ConsoleStyles.MUTED);
        databaseStatus.getStyleClass().add(switch (c) {
            case CONNECTED -> ConsoleStyles.STATUS_OK;
            case LOST -> ConsoleStyles.STATUS_BAD;
            case CONNECTING -> ConsoleStyles.MUTED;
        });
    }

    private void showContent() {
        MainViewModel.State state = viewModel.stateProperty().get();
        if (state == MainViewModel.State.SIGN_IN && signInView == null) {
            signInView = ViewLoader.load(ViewFactory.SIGN_IN, new SignInView(viewModel));
        }
        Parent next = state == MainViewModel.State.READY && views != null ? views.view(viewModel.sectionProperty().get())
                : state == MainViewModel.State.SIGN_IN ? signInView : startupView;
        if (content.getChildren().size() != 1 || content.getChildren().get(0) != next) {
            content.getChildren().setAll(next);
        }
    }

    private Parent signInView;
    private Timeline idleCheck;

    private void showClock() {
        String note = viewModel.clockNote();
        clockStatus.setText(note);
        clockStatus.setVisible(!note.isEmpty());
        clockStatus.setManaged(!note.isEmpty());
    }

    /**
     * The global search: organizations by name, domain, Stripe customer id or invoice number, suggested as one types
     * (ControlsFX's completion runs the query off the FX thread); choosing one opens its page. Ctrl+K (Cmd+K) focuses it.
     */
    private void initGlobalSearch() {
        globalSearch.disableProperty().bind(viewModel.stateProperty().isNotEqualTo(MainViewModel.State.READY).or(viewModel.lockedProperty()));
        org.controlsfx.control.textfield.AutoCompletionBinding<com.antevus.console.orgs.OrganizationService.Match> completion =
                org.controlsfx.control.textfield.TextFields.bindAutoCompletion(globalSearch, request -> {
                    ConsoleContext ctx = viewModel.contextProperty().get();
                    try {
                        return ctx == null ? java.util.List.of() : ctx.organizations().search(request.getUserText());
                    } catch (RuntimeException e) {
                        return java.util.List.of(); // a lost connection shows in the status bar; the search just finds nothing
                    }
                });
        completion.setDelay(150);
        completion.setVisibleRowCount(12);
        completion.setPrefWidth(380); // wider than the sidebar, so a name with its domain or invoice number shows whole
        completion.setOnAutoCompleted(e -> {
            if (views != null) {
                views.openOrganization(e.getCompletion().id());
            }
            javafx.application.Platform.runLater(globalSearch::clear);
        });
        globalSearch.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.K,
                        javafx.scene.input.KeyCombination.SHORTCUT_DOWN), globalSearch::requestFocus);
            }
        });
    }

    @FXML
    private void signOut() {
        viewModel.signOut();
    }

    @FXML
    private void unlock() {
        viewModel.unlock(unlockField.getText());
        unlockField.clear();
    }

    /** Stops the periodic health check when the window closes. */
    public void dispose() {
        idleCheck.stop();
        healthCheck.stop();
        usageRefresh.stop();
    }
}
