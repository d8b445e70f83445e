package com.antevus.console.shell;

import com.antevus.console.contracts.ContractsView;
import com.antevus.console.contracts.ContractsViewModel;
import com.antevus.console.core.TaskExecutor;
import com.antevus.console.verification.VerificationsView;
import com.antevus.console.verification.VerificationsViewModel;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.catalog.CatalogView;
import com.antevus.console.catalog.CatalogViewModel;
import com.antevus.console.orgs.OrganizationsView;
import com.antevus.console.usage.DashboardView;
import com.antevus.console.usage.DashboardViewModel;
import com.antevus.console.usage.UsageView;
import com.antevus.console.usage.UsageViewModel;
import java.util.function.Consumer;
import com.antevus.console.orgs.OrganizationsViewModel;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.Parent;

/** Builds each section's view once, with its ViewModel and services from the context. */
public final class ViewFactory {
    public static final String MAIN = "/fxml/shell/MainView.fxml";
    public static final String STARTUP = "/fxml/shell/StartupView.fxml";
    public static final String SIGN_IN = "/fxml/shell/SignInView.fxml";
    public static final String PLACEHOLDER = "/fxml/shell/PlaceholderView.fxml";
    public static final String ORGANIZATIONS = "/fxml/orgs/OrganizationsView.fxml";
    public static final String CATALOG = "/fxml/catalog/CatalogView.fxml";
    public static final String DASHBOARD = "/fxml/usage/DashboardView.fxml";
    public static final String USAGE = "/fxml/usage/UsageView.fxml";
    public static final String INVOICES = "/fxml/invoicing/InvoicesView.fxml";
    public static final String CONTRACTS = "/fxml/contracts/ContractsView.fxml";
    public static final String COMMITMENT = "/fxml/charges/CommitmentView.fxml";
    public static final String VERIFICATIONS = "/fxml/verification/VerificationsView.fxml";
    public static final String ACTIVITY = "/fxml/access/ActivityView.fxml";

    private final ConsoleContext context;
    private final TaskExecutor executor;
    private final Map<Section, Parent> views = new EnumMap<>(Section.class);
    private final Map<Section, Runnable> onShow = new EnumMap<>(Section.class);
    private final Consumer<Section> navigate;
    private final com.antevus.console.core.DialogService dialogs;
    private final com.antevus.console.core.Notices notices = new com.antevus.console.core.FxNotices();
    private com.antevus.console.access.Access access;

    /** The signed-in login's roles, read at start; until then every section is treated as editable (the grants still apply). */
    public void access(com.antevus.console.access.Access access) {
        this.access = access;
    }

    private com.antevus.console.access.Access access() {
        return access == null ? com.antevus.console.access.Access.owner(context.sessionUser()) : access;
    }
    private UsageViewModel usage;

    public ViewFactory(ConsoleContext context, TaskExecutor executor) {
        this(context, executor, s -> { });
    }

    /** @param navigate switches the window to a section (the dashboard opens an organization's usage) */
    public ViewFactory(ConsoleContext context, TaskExecutor executor, Consumer<Section> navigate) {
        this(context, executor, navigate, new com.antevus.console.core.FxDialogService());
    }

    /** @param dialogs how every section asks a person to confirm (the window's dialogs; tests look at them) */
    public ViewFactory(ConsoleContext context, TaskExecutor executor, Consumer<Section> navigate,
            com.antevus.console.core.DialogService dialogs) {
        this.dialogs = dialogs;
        this.context = context;
        this.executor = executor;
        this.navigate = navigate;
    }

    /** The section's view, built the first time; sections showing live figures refresh each time they are shown. */
    public Parent view(Section section) {
        boolean existed = views.containsKey(section);
        Parent view = views.computeIfAbsent(section, this::create);
        if (existed) {
            onShow.getOrDefault(section, () -> { }).run();
        }
        return view;
    }

    /** New usage was folded into the rollups: the usage screens reload what they show. */
    public void usageChanged() {
        if (usage != null) {
            usage.reload();
        }
        long now = System.nanoTime();
        if (dashboard != null && now - dashboardLoadedAt > 15_000_000_000L) {
            dashboardLoadedAt = now; // the fleet's month is heavier: at most every 15 s
            dashboard.load();
        }
    }

    private OrganizationsView organizationsView;

    /** Shows one organization's page (the global search and other sections' links come here). */
    public void openOrganization(java.util.UUID organization) {
        navigate.accept(Section.ORGANIZATIONS);
        view(Section.ORGANIZATIONS);
        organizationsView.open(organization);
    }

    private DashboardViewModel dashboard;
    private long dashboardLoadedAt;

    private UsageViewModel usageViewModel() {
        if (usage == null) {
            usage = new UsageViewModel(context.usage(), executor);
        }
        return usage;
    }

    /** A section the role may only read gets one line above it saying so (the grants are what stop a write). */
    private static Parent withRoleNote(Parent view, String note) {
        if (note.isEmpty()) {
            return view;
        }
        javafx.scene.control.Label l = new javafx.scene.control.Label(note);
        l.getStyleClass().add("role-note");
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(l, view);
        javafx.scene.layout.VBox.setMargin(l, new javafx.geometry.Insets(12, 24, 0, 24));
        javafx.scene.layout.VBox.setVgrow(view, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    private Parent create(Section section) {
        if (section == Section.ORGANIZATIONS) {
            OrganizationsViewModel vm = new OrganizationsViewModel(context.organizations(), executor);
            vm.credits(new com.antevus.console.credits.CreditService(context.database().dataSource(), context.config().clock()),
                    access().readOnlyNote("credits", "finance"));
            vm.sales(new com.antevus.console.invoicing.CreditSales(context.database().dataSource(), context.stripe()::gateway, context.config().clock()));
            organizationsView = new OrganizationsView(vm);
            organizationsView.dialogs(dialogs);
            Parent view = ViewLoader.load(ORGANIZATIONS, organizationsView);
            vm.load();
            return withRoleNote(view, access().readOnlyNote("organizations' Stripe links", "finance"));
        }
        if (section == Section.PLANS) {
            CatalogViewModel vm = new CatalogViewModel(context.catalog(), executor);
            vm.notices(notices);
            vm.readOnlyNoteProperty().set(access().readOnlyNote("the plan catalog"));
            vm.coupons().writeNoteProperty().set(access().readOnlyNote("coupons", "finance"));
            Parent view = ViewLoader.load(CATALOG, new CatalogView(vm, dialogs, context.config().stripeMode()));
            vm.load();
            return withRoleNote(view, access().readOnlyNote("the plan catalog"));
        }
        if (section == Section.DASHBOARD) {
            DashboardViewModel vm = new DashboardViewModel(context.usage(), executor, org -> {
                usageViewModel().select(org);
                navigate.accept(Section.USAGE);
            });
            DashboardView controller = new DashboardView(vm);
            Parent view = ViewLoader.load(DASHBOARD, controller);
            controller.onOpenOrganization(this::openOrganization);
            vm.load();
            dashboard = vm;
            dashboardLoadedAt = System.nanoTime();
            onShow.put(section, vm::load);
            return view;
        }
        if (section == Section.USAGE) {
            UsageViewModel vm = usageViewModel();
            UsageView controller = new UsageView(vm);
            Parent view = ViewLoader.load(USAGE, controller);
            controller.onOpenOrganization(this::openOrganization);
            vm.load();
            return view;
        }
        if (section == Section.INVOICES) {
            com.antevus.console.invoicing.InvoicesViewModel vm = new com.antevus.console.invoicing.InvoicesViewModel(
                    context.invoicing(), context.stripeEvents(), context.reconciliation(), executor);
            vm.creditNotes(context.creditNotes());
            vm.notices(notices);
            vm.readOnlyNoteProperty().set(access().readOnlyNote("invoices", "finance"));
            com.antevus.console.invoicing.InvoicesView controller = new com.antevus.console.invoicing.InvoicesView(vm,
                    context.config().stripeMode(), dialogs);
            Parent view = ViewLoader.load(INVOICES, controller);
            controller.onOpenOrganization(this::openOrganization);
            vm.load();
            return withRoleNote(view, access().readOnlyNote("invoices", "finance"));
        }
        if (section == Section.CONTRACTS) {
            ContractsViewModel vm = new ContractsViewModel(context.contracts(), executor);
            vm.notices(notices);
            vm.readOnlyNoteProperty().set(access().readOnlyNote("contracts", "sales"));
            ContractsView controller = new ContractsView(vm, dialogs);
            Parent view = ViewLoader.load(CONTRACTS, controller);
            controller.onOpenOrganization(this::openOrganization);
            com.antevus.console.charges.CommitmentService commitmentService = new com.antevus.console.charges.CommitmentService(
                    context.database().dataSource(), context.config().clock());
            com.antevus.console.charges.CommitmentViewModel commitment = new com.antevus.console.charges.CommitmentViewModel(vm,
                    commitmentService, executor, vm.editor().openedProperty());
            commitment.onChanged(vm.renewals()::load);
            controller.addTab("Commitment", ViewLoader.load(COMMITMENT, new com.antevus.console.charges.CommitmentView(commitment, dialogs)));
            vm.renewals().commitmentVerdicts(rows -> {
                java.util.Map<java.util.UUID, java.util.UUID> byOrg = new java.util.LinkedHashMap<>();
                rows.forEach(r -> byOrg.put(r.contract().organizationId(), r.contract().id()));
                java.util.Map<java.util.UUID, String> out = new java.util.HashMap<>();
                commitmentService.burnDowns(byOrg).forEach((contractId, b) -> out.put(contractId,
                        com.antevus.console.charges.CommitmentService.verdict(b)));
                return out;
            });
            vm.load();
            return view;
        }
        if (section == Section.VERIFICATIONS) {
            VerificationsViewModel vm = new VerificationsViewModel(context.verifications(), executor);
            vm.notices(notices);
            vm.readOnlyNoteProperty().set(access().readOnlyNote("verification requests", "support"));
            VerificationsView controller = new VerificationsView(vm, dialogs);
            Parent view = ViewLoader.load(VERIFICATIONS, controller);
            controller.onOpenOrganization(this::openOrganization);
            vm.load();
            onShow.put(section, vm::load);
            return view;
        }
        if (section == Section.ACTIVITY) {
            com.antevus.console.access.ActivityViewModel vm = new com.antevus.console.access.ActivityViewModel(
                    new com.antevus.console.access.AuditService(context.database().dataSource()), executor);
            Parent view = ViewLoader.load(ACTIVITY, new com.antevus.console.access.ActivityView(vm));
            vm.load();
            onShow.put(section, vm::search);
            return view;
        }
        return ViewLoader.load(PLACEHOLDER, new PlaceholderView(section));
    }
}
