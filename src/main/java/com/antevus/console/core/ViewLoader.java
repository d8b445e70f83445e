package com.antevus.console.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads an FXML view from {@code /fxml/...} with a controller the caller built (with its ViewModel).
 * The FXML's fx:controller must name the controller's class, so the file documents its controller.
 */
public final class ViewLoader {
    private ViewLoader() {
    }

    public static Parent load(String fxmlPath, Object controller) {
        URL url = ViewLoader.class.getResource(fxmlPath);
        if (url == null) {
            throw new IllegalArgumentException("No view at " + fxmlPath);
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setControllerFactory(type -> {
            if (!type.isInstance(controller)) {
                throw new IllegalStateException(fxmlPath + " names controller " + type.getName() + " but was given "
                        + controller.getClass().getName());
            }
            return controller;
        });
        try {
            Parent view = loader.load();
            Conventions.apply(view);
            return view;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load view " + fxmlPath, e);
        }
    }
}
