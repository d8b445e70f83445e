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
}
