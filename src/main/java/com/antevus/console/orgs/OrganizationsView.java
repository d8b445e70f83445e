package com.antevus.console.orgs;

import atlantafx.base.theme.Styles;
import com.antevus.console.core.ConsoleStyles;
import com.antevus.console.core.Money;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/** The searchable, sortable organization list. Thin: state and filtering live in the ViewModel. */
public final class OrganizationsView {
    private final OrganizationsViewModel viewModel;

    @FXML
    private javafx.scene.layout.VBox listPane;
    @FXML
    private javafx.scene.layout.VBox pagePane;
    @FXML
    private TextField searchField;
    @FXML
    private ComboBox<OrganizationsViewModel.Filter> filterBox;
    @FXML
    private Label countLabel;
    @FXML
    private Label errorLabel;
    @FXML
    private Label actionLabel;
    @FXML
    private javafx.scene.control.Button linkStripeButton;
    @FXML
    private TableView<OrganizationSummary> organizationsTable;
    @FXML
    private TableColumn<OrganizationSummary, String> nameColumn;
    @FXML
    private TableColumn<OrganizationSummary, String> domainColumn;
    @FXML
    private TableColumn<OrganizationSummary, String> planColumn;
    @FXML
    private TableColumn<OrganizationSummary, String> intervalColumn;
    @FXML
    private TableColumn<OrganizationSummary, String> statusColumn;
    @FXML
    private TableColumn<OrganizationSummary, String> academicColumn;
    @FXML
    private TableColumn<OrganizationSummary, String> stripeColumn;
    @FXML
    private TableColumn<OrganizationSummary, LocalDate> sinceColumn;
    @FXML
    private TableColumn<OrganizationSummary, Money> mrrColumn;

    public OrganizationsView(OrganizationsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        searchField.textProperty().bindBidirectional(viewModel.searchProperty());
        filterBox.getItems().setAll(OrganizationsViewModel.Filter.values());
        filterBox.valueProperty().bindBidirectional(viewModel.filterProperty());
        countLabel.textProperty().bind(viewModel.countTextProperty());
        errorLabel.textProperty().bind(viewModel.errorProperty());
        errorLabel.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());

        // Plain comparators on the model values: TableView's default compares Strings with a Collator,
        // which is orders of magnitude slower on large lists.
        text(nameColumn, OrganizationSummary::name);
        text(domainColumn, OrganizationSummary::domain);
        text(planColumn, o -> o.planName() == null ? "\u2014" : o.planName());
        text(intervalColumn, o -> o.billingInterval() == null ? "\u2014" : switch (o.billingInterval()) {
            case "year" -> "Annual";
            case "quarter" -> "Quarterly";
            default -> "Monthly";
        });
        text(statusColumn, o -> statusLabel(o.status()));
        text(academicColumn, o -> o.academic() ? "Academic" : o.enterprise() ? "Enterprise" : "");
        text(stripeColumn, o -> o.hasStripeCustomer() ? "Linked" : "\u2014");
        mrrColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().mrr()));
        mrrColumn.setComparator(Comparator.comparingLong(Money::minor));
        mrrColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Money item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.format());
            }
        });
        organizationsTable.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        nameColumn.setCellFactory(c -> withTooltip());
        domainColumn.setCellFactory(c -> withTooltip());
        sinceColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().customerSince()));
        sinceColumn.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        sinceColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(LocalDate item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : com.antevus.console.core.Dates.day(item));
            }
        });
        statusColumn.setCellFactory(c -> tagCell(OrganizationsView::statusStyle));
        academicColumn.setCellFactory(c -> tagCell(v -> v.equals("Academic") ? ConsoleStyles.TAG_ACCENT : ConsoleStyles.TAG_NEUTRAL));
        stripeColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().remove(ConsoleStyles.MUTED);
                if (!empty && !"Linked".equals(item)) {
                    getStyleClass().add(ConsoleStyles.MUTED);
                }
            }
        });

        actionLabel.textProperty().bind(viewModel.actionMessageProperty());
        linkStripeButton.disableProperty().bind(viewModel.canLinkStripeProperty().not());
        viewModel.selectedProperty().bind(organizationsTable.getSelectionModel().selectedItemProperty());

        viewModel.rows().comparatorProperty().bind(organizationsTable.comparatorProperty());
        organizationsTable.setItems(viewModel.rows());
        organizationsTable.setPlaceholder(new Label("No organization matches this search."));
        organizationsTable.getSortOrder().add(nameColumn);
        // double-click or Enter opens the organization's page; its back link returns to the list as it was left
        organizationsTable.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openSelected();
            }
        });
        organizationsTable.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                openSelected();
            }
        });
    }

    private OrganizationPageViewModel page;
    private com.antevus.console.core.DialogService dialogs = c -> true;

    /** Asks before the organization page grants or takes credits (the window's dialogs). */
    public void dialogs(com.antevus.console.core.DialogService dialogs) {
        this.dialogs = dialogs;
    }

    private void openSelected() {
        OrganizationSummary o = organizationsTable.getSelectionModel().getSelectedItem();
        if (o != null) {
            open(o.id());
        }
    }

    /** Shows one organization's page in place of the list. */
    public void open(java.util.UUID organization) {
        if (page == null) {
            page = viewModel.newPage();
            pagePane.getChildren().setAll(com.antevus.console.core.ViewLoader.load(ORGANIZATION_PAGE, new OrganizationPageView(page, this::showList, dialogs)));
            javafx.scene.layout.VBox.setVgrow(pagePane.getChildren().get(0), javafx.scene.layout.Priority.ALWAYS);
        }
        page.open(organization);
        listPane.setVisible(false);
        pagePane.setVisible(true);
    }

    private void showList() {
        pagePane.setVisible(false);
        listPane.setVisible(true);
        organizationsTable.requestFocus();
    }

    /** The organization page's layout. */
    public static final String ORGANIZATION_PAGE = "/fxml/orgs/OrganizationPageView.fxml";

    @FXML
    private void linkStripe() {
        viewModel.linkStripeCustomer();
    }

    private static void text(TableColumn<OrganizationSummary, String> column, Function<OrganizationSummary, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setComparator(Comparator.nullsFirst(String.CASE_INSENSITIVE_ORDER));
    }

    /** A plain text cell that shows its whole value in a tooltip, for columns that truncate long values. */
    private static TableCell<OrganizationSummary, String> withTooltip() {
        return new TableCell<>() {
            private final javafx.scene.control.Tooltip tooltip = new javafx.scene.control.Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                tooltip.setText(item);
                setTooltip(empty || item == null || item.isEmpty() ? null : tooltip);
            }
        };
    }

    static String statusLabel(String status) {
        return switch (status) {
            case "active" -> "Active";
            case "trialing" -> "Trial";
            case "past_due" -> "Past due";
            case "unpaid" -> "Unpaid";
            case "canceled" -> "Canceled";
            default -> status;
        };
    }

    private static String statusStyle(String label) {
        return switch (label) {
            case "Active" -> ConsoleStyles.TAG_SUCCESS;
            case "Past due", "Unpaid" -> ConsoleStyles.TAG_DANGER;
            case "Trial" -> ConsoleStyles.TAG_WARNING;
            default -> ConsoleStyles.TAG_NEUTRAL;
        };
    }

    private static TableCell<OrganizationSummary, String> tagCell(Function<String, String> styleOf) {
        return new TableCell<>() {
            private final Label tag = new Label();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null || item.isEmpty()) {
                    setGraphic(null);
                    return;
                }
                tag.setText(item);
                tag.getStyleClass().setAll("label", ConsoleStyles.TAG, styleOf.apply(item));
                setGraphic(tag);
            }
        };
    }
}
