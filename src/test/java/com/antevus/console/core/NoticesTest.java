package com.antevus.console.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.support.FxTestSupport;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** A notice appears in a popup of the console's window with its title and text, and the window keeps working under it. */
class NoticesTest {
    static Parent root;

    @BeforeAll
    static void open() throws Exception {
        FxToolkit.registerPrimaryStage();
        root = FxTestSupport.show(() -> new StackPane(new Label("The console")));
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void aFinishedSyncIsSaidInTheCornerWithoutAskingAnything() {
        int before = FxTestSupport.onFx(() -> Window.getWindows().size());
        FxTestSupport.onFx(() -> {
            new FxNotices().finished("Stripe sync", "Stripe sync: 12 new events logged; 3 moved an invoice.");
            return null;
        });
        FxTestSupport.waitUntil(() -> Window.getWindows().size() > before);
        Window popup = FxTestSupport.onFx(() -> Window.getWindows().stream().filter(w -> !(w instanceof javafx.stage.Stage))
                .reduce((a, b) -> b).orElseThrow());
        assertThat(FxTestSupport.onFx(() -> popup.getScene().getRoot().lookupAll(".label").stream()
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).toList()))
                .contains("Stripe sync", "Stripe sync: 12 new events logged; 3 moved an invoice.");
        assertThat(FxTestSupport.onFx(() -> root.getScene().getWindow().isShowing())).isTrue();
        FxTestSupport.screenshot(popup.getScene().getRoot(), "notice-light");
    }
}
