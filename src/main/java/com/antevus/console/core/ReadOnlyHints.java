package com.antevus.console.core;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Tooltip;

/**
 * The one read-only pattern: a role that may only look sees the changing controls disabled, and hovering where they
 * are says why (a disabled control shows no tooltip of its own, so the sentence is on the bar that holds it). The
 * grants are what refuse a write; this only says so before anyone clicks.
 */
public final class ReadOnlyHints {
    private ReadOnlyHints() {
    }

    /** While {@code note} is not empty, hovering the parent of each of {@code controls} shows it. */
    public static void explain(ObservableStringValue note, Node... controls) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(note);
        for (Node c : controls) {
            Runnable apply = () -> {
                Parent bar = c.getParent();
                if (bar == null) {
                    return;
                }
                if (note.get() == null || note.get().isEmpty()) {
                    Tooltip.uninstall(bar, tip);
                } else {
                    Tooltip.install(bar, tip);
                }
            };
            c.parentProperty().addListener((o, was, now) -> {
                if (was != null) {
                    Tooltip.uninstall(was, tip);
                }
                apply.run();
            });
            note.addListener((o, was, now) -> apply.run());
            apply.run();
        }
    }
}
