package com.antevus.console.shell;

import com.antevus.console.core.TaskExecutor;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.catalog.CatalogView;
import com.antevus.console.catalog.CatalogViewModel;
import com.antevus.console.orgs.OrganizationsView;
import com.antevus.console.orgs.OrganizationsViewModel;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.Parent;

/** Builds each section's view once, with its ViewModel and services from the context. */
public final class ViewFactory {
    public static final String MAIN = "/fxml/shell/MainView.fxml";
    public static final String STARTUP = "/fxml/shell/StartupView.fxml";
    public static final String PLACEHOLDER = "/fxml/shell/PlaceholderView.fxml";
    public static final String ORGANIZATIONS = "/fxml/orgs/OrganizationsView.fxml";
    public static final String CATALOG = "/fxml/catalog/CatalogView.fxml";

    private final ConsoleContext context;
    private final TaskExecutor executor;
    private final Map<Section, Parent> views = new EnumMap<>(Section.class);

    public ViewFactory(ConsoleContext context, TaskExecutor executor) {
        this.context = context;
        this.executor = executor;
    }

    public Parent view(Section section) {
        return views.computeIfAbsent(section, this::create);
    }

    private Parent create(Section section) {
        if (section == Section.ORGANIZATIONS) {
            OrganizationsViewModel vm = new OrganizationsViewModel(context.organizations(), executor);
            Parent view = ViewLoader.load(ORGANIZATIONS, new OrganizationsView(vm));
            vm.load();
            return view;
        }
        if (section == Section.PLANS) {
            CatalogViewModel vm = new CatalogViewModel(context.catalog(), executor);
            Parent view = ViewLoader.load(CATALOG, new CatalogView(vm));
            vm.load();
            return view;
        }
        return ViewLoader.load(PLACEHOLDER, new PlaceholderView(section));
    }
}
