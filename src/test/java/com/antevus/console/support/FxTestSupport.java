package com.antevus.console.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import org.testfx.api.FxService;
import org.testfx.util.WaitForAsyncUtils;

/** Small helpers for TestFX tests on Monocle. */
public final class FxTestSupport {
    private FxTestSupport() {
    }

    /** Runs on the FX thread and returns its result. */
    public static <T> T onFx(Callable<T> work) {
        return WaitForAsyncUtils.waitForAsyncFx(20_000, work);
    }

    public static void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within 20 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Saves a PNG of the node under target/screenshots for people to look at. */
    public static void screenshot(Node node, String name) {
        try {
            Path dir = Path.of(System.getProperty("console.test.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            var image = onFx(() -> node.snapshot(null, null));
            FxService.serviceContext().getCaptureSupport().saveImage(image, dir.resolve(name + ".png"));
        } catch (Exception e) {
            throw new IllegalStateException("screenshot " + name + " failed", e);
        }
    }

    /** Screenshots of a view in the light theme and then the dark one ({@code name}-light.png, {@code name}-dark.png). */
    public static void screenshots(javafx.scene.Parent root, String name) {
        screenshot(root, name + "-light");
        onFx(() -> {
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet());
            return null;
        });
        screenshot(root, name + "-dark");
        onFx(() -> {
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            return null;
        });
    }

    /** Shows a view in the primary stage at 1280×800 with the light theme and the console's stylesheet; returns its root. */
    public static javafx.scene.Parent show(java.util.function.Supplier<javafx.scene.Parent> view) throws java.util.concurrent.TimeoutException {
        java.util.concurrent.atomic.AtomicReference<javafx.scene.Parent> root = new java.util.concurrent.atomic.AtomicReference<>();
        org.testfx.api.FxToolkit.setupStage(s -> {
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            root.set(view.get());
            javafx.scene.Scene scene = new javafx.scene.Scene(root.get(), 1280, 800);
            scene.getStylesheets().add(FxTestSupport.class.getResource(com.antevus.console.shell.ConsoleApp.STYLESHEET).toExternalForm());
            s.setScene(scene);
            s.show();
        });
        return root.get();
    }
}
