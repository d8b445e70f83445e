package com.antevus.console.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.FxTaskExecutor;
import com.antevus.console.core.UiPreferences;
import com.antevus.console.core.ViewLoader;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The JavaFX application: shows the window at once, then connects in the background. */
public final class ConsoleApp extends Application {
    public static final String STYLESHEET = "/styles/console.css";
    private static volatile ConsoleConfig launchConfig;
    private static final java.util.logging.Logger PLATFORM_LOG =
            java.util.logging.Logger.getLogger("com.sun.javafx.application.PlatformImpl");

    private FxTaskExecutor executor;
    private MainViewModel viewModel;
    private MainView mainView;
    private UiPreferences preferences;

    /** Opens the window and blocks until it is closed. */
    public static void launch(ConsoleConfig config) {
        launchConfig = config;
        // JavaFX warns that it runs from the classpath; that is deliberate (see README), so keep stderr clean
        PLATFORM_LOG.setLevel(java.util.logging.Level.SEVERE);
        Application.launch(ConsoleApp.class);
    }

    @Override
    public void start(Stage stage) {
        ConsoleConfig config = launchConfig;
        com.antevus.console.core.Browser.install(getHostServices()::showDocument);
        preferences = UiPreferences.load(config.home());
        executor = new FxTaskExecutor(3);
        viewModel = new MainViewModel(config, executor, (c, progress) -> Startup.start(c, progress, executor.background()));
        viewModel.darkThemeProperty().set(preferences.darkTheme());
        viewModel.lockAfter(java.time.Duration.ofMinutes(preferences.lockMinutes()));
        applyTheme(viewModel.darkThemeProperty().get());
        viewModel.darkThemeProperty().addListener((o, was, dark) -> {
            applyTheme(dark);
            preferences.setDarkTheme(dark);
            preferences.save();
        });

        if (preferences.section() != null) {
            java.util.Arrays.stream(Section.values()).filter(x -> x.name().equals(preferences.section())).findFirst()
                    .ifPresent(viewModel.sectionProperty()::set);
        }
        viewModel.sectionProperty().addListener((o, was, now) -> {
            preferences.setSection(now.name());
            preferences.save();
        });
        mainView = new MainView(viewModel, executor);
        Parent root = ViewLoader.load(ViewFactory.MAIN, mainView);
        double[] b = preferences.windowBounds();
        Scene scene = new Scene(root, b == null ? 1280 : b[2], b == null ? 800 : b[3]);
        scene.getStylesheets().add(ConsoleApp.class.getResource(STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Billing Console");
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        var icon = ConsoleApp.class.getResource("/styles/icon.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon.toExternalForm()));
        }
        if (b != null && onSomeScreen(b)) {
            stage.setX(b[0]);
            stage.setY(b[1]);
        }
        stage.setMaximized(preferences.windowMaximized());
        stage.setOnCloseRequest(e -> rememberWindow(stage));
        stage.show();
        org.slf4j.LoggerFactory.getLogger(ConsoleApp.class).info("Window shown {} ms after the JVM started",
                com.antevus.console.core.ConsoleClock.uptimeMillis());
        if (viewModel.needsSignIn()) {
            viewModel.showSignIn();
        } else {
            viewModel.start();
        }
    }

    private static boolean onSomeScreen(double[] b) {
        return !Screen.getScreensForRectangle(new Rectangle2D(b[0], b[1], Math.min(b[2], 100), Math.min(b[3], 100))).isEmpty();
    }

    private void rememberWindow(Stage stage) {
        if (!stage.isMaximized()) {
            preferences.setWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        } else {
            double[] old = preferences.windowBounds();
            if (old != null) {
                preferences.setWindow(old[0], old[1], old[2], old[3], true);
            } else {
                preferences.setWindow(0, 0, 1280, 800, true);
            }
        }
        preferences.save();
    }

    static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    @Override
    public void stop() {
        if (mainView != null) {
            mainView.dispose();
        }
        if (executor != null) {
            executor.shutdown();
        }
        ConsoleContext ctx = viewModel == null ? null : viewModel.contextProperty().get();
        if (ctx != null) {
            ctx.close();
        }
    }
}
