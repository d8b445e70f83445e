package com.antevus.console.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.InlineTaskExecutor;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.catalog.CatalogView;
import com.antevus.console.catalog.CatalogViewModel;
import com.antevus.console.contracts.ContractsView;
import com.antevus.console.contracts.ContractsViewModel;
import com.antevus.console.invoicing.InvoicesView;
import com.antevus.console.invoicing.InvoicesViewModel;
import com.antevus.console.orgs.OrganizationsView;
import com.antevus.console.usage.DashboardView;
import com.antevus.console.usage.DashboardViewModel;
import com.antevus.console.usage.UsageView;
import com.antevus.console.usage.UsageViewModel;
import com.antevus.console.orgs.OrganizationsViewModel;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.scene.Parent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** Every FXML file in fxml/ loads with its real controller; a new FXML file must be added here. */
class FxmlFilesLoadTest {
    static ConsoleContext context;

    @BeforeAll
    static void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        context = TestContexts.withDemoData("fxml", 12);
    }

    @AfterAll
    static void tearDown() {
        context.close();
    }

    private static Map<String, Supplier<Object>> controllers() {
        InlineTaskExecutor inline = new InlineTaskExecutor();
        MainViewModel main = new MainViewModel(context.config(), inline, (c, p) -> context);
        Map<String, Supplier<Object>> m = new java.util.LinkedHashMap<>();
        m.put(ViewFactory.MAIN, () -> new MainView(main, inline));
        m.put(ViewFactory.STARTUP, () -> new StartupView(main));
        m.put(ViewFactory.SIGN_IN, () -> new SignInView(main));
        m.put(ViewFactory.PLACEHOLDER, () -> new PlaceholderView(Section.ACTIVITY));
        m.put(ViewFactory.ACTIVITY, () -> new com.antevus.console.access.ActivityView(new com.antevus.console.access.ActivityViewModel(
                        new com.antevus.console.access.AuditService(context.database().dataSource()), inline)));
        Supplier<ContractsView> contracts = () -> new ContractsView(new ContractsViewModel(context.contracts(), inline));
        m.put(ViewFactory.CONTRACTS, contracts::get);
        parts(m, "/fxml/contracts/", contracts);
        m.put(ViewFactory.COMMITMENT, () -> {
            ContractsViewModel section = new ContractsViewModel(context.contracts(), inline);
            return new com.antevus.console.charges.CommitmentView(new com.antevus.console.charges.CommitmentViewModel(section,
                    new com.antevus.console.charges.CommitmentService(context.database().dataSource(), context.config().clock()), inline,
                    section.editor().openedProperty()), c -> true);
        });
        m.put(ViewFactory.VERIFICATIONS, () -> new com.antevus.console.verification.VerificationsView(
                        new com.antevus.console.verification.VerificationsViewModel(context.verifications(), inline)));
        m.put(ViewFactory.ORGANIZATIONS, () -> new OrganizationsView(new OrganizationsViewModel(context.organizations(), inline)));
        m.put(OrganizationsView.ORGANIZATION_PAGE, () -> new com.antevus.console.orgs.OrganizationPageView(
                new com.antevus.console.orgs.OrganizationPageViewModel(context.organizations(), inline), () -> { }));
        Supplier<CatalogView> catalog = () -> new CatalogView(new CatalogViewModel(context.catalog(), inline));
        m.put(ViewFactory.CATALOG, catalog::get);
        parts(m, "/fxml/catalog/", catalog);
        m.put(ViewFactory.DASHBOARD, () -> new DashboardView(new DashboardViewModel(context.usage(), inline, org -> { })));
        m.put(ViewFactory.USAGE, () -> new UsageView(new UsageViewModel(context.usage(), inline)));
        Supplier<InvoicesView> invoices = () -> new InvoicesView(new InvoicesViewModel(context.invoicing(), context.stripeEvents(),
                context.reconciliation(), inline));
        m.put(ViewFactory.INVOICES, invoices::get);
        parts(m, "/fxml/invoicing/", invoices);
        return m;
    }

    /** Each part of a section split by tab, and each part's parts, loads alone too, with its part of the section's controller. */
    private static void parts(Map<String, Supplier<Object>> m, String folder, Supplier<? extends ViewLoader.Composed> section) {
        for (Object part : section.get().parts()) {
            Supplier<Object> fresh = () -> section.get().parts().stream().filter(part.getClass()::isInstance).findFirst().orElseThrow();
            m.put(folder + part.getClass().getSimpleName() + ".fxml", fresh);
            if (part instanceof ViewLoader.Composed) {
                parts(m, folder, () -> (ViewLoader.Composed) fresh.get());
            }
        }
    }

    @Test
    void everyFxmlFileLoadsWithItsController() throws Exception {
        List<String> files;
        try (Stream<Path> walk = Files.walk(Path.of("fxml"))) {
            files = walk.filter(p -> p.toString().endsWith(".fxml"))
                    .map(p -> "/" + p.toString().replace('\\', '/')).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        Map<String, Supplier<Object>> known = controllers();
        assertThat(known.keySet()).as("every FXML file needs an entry in this test").containsExactlyInAnyOrderElementsOf(files);
        for (String fxml : files) {
            Parent root = FxTestSupport.onFx(() -> ViewLoader.load(fxml, known.get(fxml).get()));
            assertThat(root).as(fxml).isNotNull();
            // a SplitPane holds its panes as items until it is skinned
            List<?> content = root instanceof javafx.scene.control.SplitPane split ? split.getItems() : root.getChildrenUnmodifiable();
            assertThat(content).as(fxml).isNotEmpty();
        }
    }
}
