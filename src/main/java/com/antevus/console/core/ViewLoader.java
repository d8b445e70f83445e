package com.antevus.console.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads an FXML view from {@code /fxml/...} with a controller the caller built (with its ViewModel).
 * The FXML's fx:controller must name the controller's class, so the file documents its controller. A section split by
 * tab ({@link Composed}) brings its tabs' controllers too: each tab's file is an {@code fx:include} of the section's
 * file and gets the part whose class it names.
 */
public final class ViewLoader {
    private ViewLoader() {
    }

    /** A controller whose FXML includes other files, each with its own controller: its parts (which may have parts). */
    public interface Composed {
        java.util.List<Object> parts();
    }

    /** The controller, its parts, their parts, and so on: one for each file the view includes, however deep. */
    private static void collect(Object controller, java.util.List<Object> into) {
        into.add(controller);
        if (controller instanceof Composed composed) {
            composed.parts().forEach(part -> collect(part, into));
        }
    }

    public static Parent load(String fxmlPath, Object controller) {
        URL url = ViewLoader.class.getResource(fxmlPath);
        if (url == null) {
            throw new IllegalArgumentException("No view at " + fxmlPath);
        }
        FXMLLoader loader = new FXMLLoader(url);
        java.util.List<Object> given = new java.util.ArrayList<>();
        collect(controller, given);
        loader.setControllerFactory(type -> given.stream().filter(type::isInstance).findFirst().orElseThrow(() ->
                new IllegalStateException(fxmlPath + " names controller " + type.getName() + " but was given "
                        + given.stream().map(c -> c.getClass().getName()).toList())));
        try {
            Parent view = loader.load();
            Conventions.apply(view);
            return view;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load view " + fxmlPath, e);
        }
    }
}
