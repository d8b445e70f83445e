package com.antevus.console.core;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Whether the window shows the dark theme, for the few controls that paint their own colours instead of taking them
 * from the stylesheet (TilesFX tiles). The theme itself is the application's user-agent stylesheet, which is as
 * global as this; the main window keeps the two in step.
 */
public final class ConsoleTheme {
    private static final BooleanProperty DARK = new SimpleBooleanProperty(false);

    private ConsoleTheme() {
    }

    public static BooleanProperty darkProperty() {
        return DARK;
    }
}
