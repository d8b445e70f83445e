package com.antevus.console.support;

import atlantafx.base.theme.PrimerLight;
import com.antevus.console.catalog.CatalogView;
import com.antevus.console.catalog.CatalogViewModel;
import com.antevus.console.core.InlineTaskExecutor;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.shell.ConsoleApp;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.shell.ViewFactory;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import org.testfx.api.FxToolkit;

/** The plan catalog screen on the primary stage, through its FXML, over a real context. */
public record CatalogScreen(CatalogViewModel viewModel, Parent root) {
    public static CatalogScreen open(ConsoleContext context) throws Exception {
        FxToolkit.registerPrimaryStage();
        CatalogViewModel[] vm = new CatalogViewModel[1];
        Parent[] root = new Parent[1];
        FxToolkit.setupStage(stage -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            vm[0] = new CatalogViewModel(context.catalog(), new InlineTaskExecutor());
            root[0] = ViewLoader.load(ViewFactory.CATALOG, new CatalogView(vm[0]));
            vm[0].load();
            Scene scene = new Scene(root[0], 1280, 780);
            scene.getStylesheets().add(CatalogScreen.class.getResource(ConsoleApp.STYLESHEET).toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
        return new CatalogScreen(vm[0], root[0]);
    }
}
