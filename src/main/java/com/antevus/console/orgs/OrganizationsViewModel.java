package com.antevus.console.orgs;

import com.antevus.console.core.Errors;
import com.antevus.console.core.TaskExecutor;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/** State of the organization list: all rows, the search and filter, and what is shown. Touches no Node. */
public final class OrganizationsViewModel extends com.antevus.console.core.SectionViewModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OrganizationsViewModel.class);

    /** Quick filters above the list. */
    public enum Filter {
        ALL("All organizations"), ACADEMIC("Academic"), ENTERPRISE("Enterprise"), PAST_DUE("Past due"),
        NO_STRIPE_CUSTOMER("No Stripe customer"), CANCELED("Canceled");

        private final String label;

        Filter(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final OrganizationService service;
    private final TaskExecutor executor;
    private final ObservableList<OrganizationSummary> all = FXCollections.observableArrayList();
    private final FilteredList<OrganizationSummary> filtered = new FilteredList<>(all);
    private final SortedList<OrganizationSummary> sorted = new SortedList<>(filtered);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(Filter.ALL);
    private final StringBinding countText;
    private final ObjectProperty<OrganizationSummary> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper actionMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper linking = new ReadOnlyBooleanWrapper(false);
    private final javafx.beans.binding.BooleanBinding canLinkStripe;

    public OrganizationsViewModel(OrganizationService service, TaskExecutor executor) {
        this.service = service;
        this.executor = executor;
        search.addListener((o, a, b) -> refilter());
        filter.addListener((o, a, b) -> refilter());
        countText = Bindings.createStringBinding(() -> {
            if (busy.get() && all.isEmpty()) {
                return "Loading organizations\u2026";
            }
            int shown = filtered.size();
            return shown == all.size() ? String.format("%,d organizations", shown)
                    : String.format("%,d of %,d organizations", shown, all.size());
        }, filtered, all, busy);
        canLinkStripe = Bindings.createBooleanBinding(() -> selected.get() != null && !selected.get().hasStripeCustomer()
                && !linking.get(), selected, linking);
    }

    /**
     * Creates (or finds) the selected organization's Stripe customer and links it. Refused by the database
     * for roles that may not change Stripe customer ids; the message says so.
     */
    public void linkStripeCustomer() {
        OrganizationSummary org = selected.get();
        if (org == null || org.hasStripeCustomer()) {
            return;
        }
        linking.set(true);
        error.set("");
        actionMessage.set("Creating the Stripe customer for " + org.name() + "\u2026");
        executor.run(() -> service.linkStripeCustomer(org.id()), customerId -> {
            linking.set(false);
            actionMessage.set("Linked " + org.name() + " to Stripe customer " + customerId + ".");
            int i = all.indexOf(org);
            if (i >= 0) {
                all.set(i, org.withStripeCustomer());
            }
        }, failure -> {
            linking.set(false);
            actionMessage.set("");
            error.set(Errors.plainMessage(failure));
        });
    }

    public ObjectProperty<OrganizationSummary> selectedProperty() {
        return selected;
    }

    public javafx.beans.binding.BooleanBinding canLinkStripeProperty() {
        return canLinkStripe;
    }

    public ReadOnlyStringProperty actionMessageProperty() {
        return actionMessage.getReadOnlyProperty();
    }

    /** Loads the list in the background. */
    public void load() {
        busy.set(true);
        error.set("");
        executor.run(service::listOrganizations, rows -> {
            all.setAll(rows);
            busy.set(false);
            LOG.info("Showing {} organizations, {} ms after the JVM started", rows.size(),
                    com.antevus.console.core.ConsoleClock.uptimeMillis());
            if (Boolean.getBoolean("console.exitAfterFirstData")) {
                // the installer's class-list recording and start-time measurement: the first screen with data is the end
                javafx.application.Platform.exit();
            }
        }, failure -> {
            error.set(Errors.plainMessage(failure));
            busy.set(false);
        });
    }

    private void refilter() {
        filtered.setPredicate(predicate(search.get(), filter.get()));
    }

    static Predicate<OrganizationSummary> predicate(String text, Filter f) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Predicate<OrganizationSummary> byFilter = switch (f == null ? Filter.ALL : f) {
            case ALL -> o -> true;
            case ACADEMIC -> OrganizationSummary::academic;
            case ENTERPRISE -> OrganizationSummary::enterprise;
            case PAST_DUE -> o -> "past_due".equals(o.status()) || "unpaid".equals(o.status());
            case NO_STRIPE_CUSTOMER -> o -> !o.hasStripeCustomer();
            case CANCELED -> o -> "canceled".equals(o.status());
        };
        if (q.isEmpty()) {
            return byFilter;
        }
        return byFilter.and(o -> contains(o.name(), q) || contains(o.domain(), q) || contains(o.planName(), q)
                || contains(o.planCode(), q));
    }

    private static boolean contains(String value, String q) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(q);
    }

    /** The rows to show, filtered; the view binds the table's comparator to it for sorting. */
    /** A page for one organization at a time, over the same service. */
    public OrganizationPageViewModel newPage() {
        OrganizationPageViewModel page = new OrganizationPageViewModel(service, executor);
        if (sales != null) {
            page.sales(sales);
        }
        if (credits != null) {
            page.credits(credits, creditsNote);
        }
        return page;
    }

    private com.antevus.console.invoicing.CreditSales sales;

    /** Organization pages may sell credit products through Stripe. */
    public void sales(com.antevus.console.invoicing.CreditSales service) {
        this.sales = service;
    }

    private com.antevus.console.credits.CreditService credits;
    private String creditsNote = "";

    /** Organization pages may grant and take credits; {@code readOnlyNote} is non-empty for a role that may only read them. */
    public void credits(com.antevus.console.credits.CreditService service, String readOnlyNote) {
        this.credits = service;
        this.creditsNote = readOnlyNote;
    }

    public SortedList<OrganizationSummary> rows() {
        return sorted;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<Filter> filterProperty() {
        return filter;
    }



    public StringBinding countTextProperty() {
        return countText;
    }

}
