package com.antevus.console.core;

import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** The window's notices: ControlsFX notifications at the bottom right of the console's window, gone after 8 seconds. */
public final class FxNotices implements Notices {
    @Override
    public void finished(String title, String text) {
        show(title, text, false);
    }

    @Override
    public void failed(String title, String text) {
        show(title, text, true);
    }

    private static void show(String title, String text, boolean failure) {
        Window owner = Window.getWindows().stream().filter(Window::isShowing).filter(w -> w instanceof javafx.stage.Stage)
                .filter(Window::isFocused).findFirst()
                .orElse(Window.getWindows().stream().filter(w -> w instanceof javafx.stage.Stage && w.isShowing()).findFirst().orElse(null));
        if (owner == null) {
            return; // no window (the command line, or the window is closing): the message line has said it
        }
        Notifications n = Notifications.create().title(title).text(text).owner(owner).position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(failure ? 12 : 8));
        if (ConsoleTheme.darkProperty().get()) {
            n.darkStyle();
        }
        if (failure) {
            n.showError();
        } else {
            n.showInformation();
        }
    }
}
