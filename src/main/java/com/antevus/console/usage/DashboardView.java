package com.antevus.console.usage;

import com.antevus.console.core.Money;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/** The fleet dashboard: six tiles, the utilization heatmap and the top projected overages. */
public final class DashboardView {
    private final DashboardViewModel vm;
    @FXML
    private Label monthLabel;
    @FXML
    private Label errorLabel;
    @FXML
    private javafx.scene.layout.HBox tilesPane;
    @FXML
    private GridPane heatGrid;
    @FXML
    private javafx.scene.layout.HBox legendBox;
    @FXML
    private TableView<FleetUsage.OrgMonth> overagesTable;
    @FXML
    private TableColumn<FleetUsage.OrgMonth, String> orgColumn;
    @FXML
    private TableColumn<FleetUsage.OrgMonth, String> planColumn;
    @FXML
    private TableColumn<FleetUsage.OrgMonth, Double> utilColumn;
    @FXML
    private TableColumn<FleetUsage.OrgMonth, Long> overageColumn;
    private Tile mrr;
    private Tile arr;
    private Tile over;
    private Tile projected;
    private Tile pending;
    private Tile overdue;

    public DashboardView(DashboardViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        monthLabel.setText("Loading this month's figures\u2026");
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.managedProperty().bind(errorLabel.textProperty().isNotEmpty());
        mrr = tile("MRR", "monthly recurring revenue");
        arr = tile("ARR", "MRR × 12");
        over = tile("Over quota", "organizations above 100% of a quota");
        projected = tile("Projected overage", "this month, at the current rate");
        pending = tile("Pending verifications", "academic requests to review");
        overdue = tile("Overdue invoices", "open past their due date");
        tilesPane.getChildren().setAll(mrr, arr, over, projected, pending, overdue);
        tilesPane.getChildren().forEach(t -> javafx.scene.layout.HBox.setHgrow(t, javafx.scene.layout.Priority.ALWAYS));
        vm.fleetProperty().addListener((o, a, f) -> show(f));
        String[][] legend = {{"heat-ok", "under 80%"}, {"heat-over80", "80–100%"}, {"heat-over100", "100–120%"},
                {"heat-over120", "over 120%"}, {"heat-none", "not limited"}};
        for (String[] l : legend) {
            Region swatch = new Region();
            swatch.setMinSize(14, 14);
            swatch.getStyleClass().addAll("heat-cell", l[0]);
            Label label = new Label(l[1]);
            label.getStyleClass().add("muted");
            legendBox.getChildren().addAll(swatch, label);
        }

        overagesTable.setItems(vm.topOverages());
        orgColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        planColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().planName()));
        // numbers sort as numbers: the model's own comparators, never the Collator on formatted text
        utilColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().maxUtilization()));
        utilColumn.setComparator(Comparator.naturalOrder());
        utilColumn.setCellFactory(col -> text(v -> Math.round(v * 100) + "%"));
        overageColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().projectedOverageMinor()));
        overageColumn.setComparator(Comparator.naturalOrder());
        overageColumn.setCellFactory(col -> text(v -> Money.of(v, "USD").format()));
        overagesTable.setPlaceholder(new Label("No organization is on course for overage this month"));
        overagesTable.setRowFactory(t -> {
            TableRow<FleetUsage.OrgMonth> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    vm.open(row.getItem().id());
                }
            });
            return row;
        });
    }

    private static <T> TableCell<FleetUsage.OrgMonth, T> text(java.util.function.Function<T, String> f) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : f.apply(item));
            }
        };
    }

    private final java.util.Map<Tile, Label> values = new java.util.HashMap<>();

    /** A tile with its value as a large label (TilesFX custom skin), the same in both themes. */
    private Tile tile(String title, String description) {
        Label value = new Label("…");
        value.getStyleClass().add("tile-value");
        value.setTextFill(Color.WHITE);
        value.setStyle("-fx-font-size: 24px; -fx-font-weight: bold;");
        Tile t = TileBuilder.create().skinType(Tile.SkinType.CUSTOM).prefSize(200, 112).minSize(130, 100).title(title).titleColor(Color.web("#d0d7de"))
                .text(description).textVisible(true).textSize(Tile.TextSize.BIGGER).textColor(Color.web("#afb8c1")).graphic(value)
                .backgroundColor(Color.web("#24292f")).roundedCorners(true).build();
        t.getStyleClass().add("dashboard-tile");
        values.put(t, value);
        return t;
    }

    private void set(Tile t, String text, boolean alarming) {
        Label l = values.get(t);
        l.setText(text);
        t.setTooltipText(t.getTitle() + ": " + text);
        l.setTextFill(alarming ? Color.web("#ff9492") : Color.WHITE);
    }

    private void show(FleetUsage f) {
        if (f == null) {
            return;
        }
        java.time.YearMonth thisMonth = java.time.YearMonth.from(f.asOf().atZone(ZoneOffset.UTC));
        String month = com.antevus.console.core.Dates.month(thisMonth);
        // "now" is the console's clock; the rollups' watermark is the database's own time, so it is not shown beside it
        boolean justBegun = f.asOf().atZone(ZoneOffset.UTC).getDayOfMonth() == 1;
        monthLabel.setText(justBegun && f.usageAsOf() != null ? month + " has just begun: the tiles count its first hours; "
                + com.antevus.console.core.Dates.monthName(thisMonth.minusMonths(1))
                + "'s closed figures are beside them and in Invoices" : f.usageAsOf() == null ? month + " · usage is being summed in the background; figures will follow"
                : month + ", month to date as of " + com.antevus.console.core.Dates.minute(f.asOf())
                + " · projections: " + f.projectionBasis());
        set(mrr, whole(f.mrrMinor(), f.currency()), false);
        set(arr, whole(f.mrrMinor() * 12, f.currency()), false);
        set(over, f.overQuota() + " of " + f.liveOrganizations(), f.overQuota() > 0);
        String lastMonth = com.antevus.console.core.Dates.monthName(thisMonth.minusMonths(1));
        over.setText("above 100% of a quota this month · " + lastMonth + ", closed: " + f.overQuotaLastMonth());
        set(projected, whole(f.projectedOverageMinor(), f.currency()), false);
        set(pending, String.valueOf(f.pendingVerifications()), false);
        set(overdue, f.overdueInvoices() == 0 ? "0" : f.overdueInvoices() + " · " + whole(f.overdueMinor(), f.currency()), f.overdueInvoices() > 0);
        buildHeatmap(f);
    }

    private void buildHeatmap(FleetUsage f) {
        heatGrid.getChildren().clear();
        int col = 1;
        for (String m : f.metrics()) {
            Label h = new Label(m.replace('_', ' '));
            h.getStyleClass().add("heat-header");
            GridPane.setHalignment(h, HPos.CENTER);
            heatGrid.add(h, col++, 0);
        }
        int row = 1;
        for (FleetUsage.OrgMonth o : vm.heatmap()) {
            Label name = new Label(o.name());
            name.getStyleClass().addAll("heat-name", com.antevus.console.core.ConsoleStyles.MAY_TRUNCATE);
            name.setMaxWidth(220);
            name.setTooltip(new Tooltip(o.name() + "\nClick for its usage; right-click for its page"));
            name.setOnMouseClicked(e -> {
                if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY) {
                    vm.open(o.id());
                }
            });
            javafx.scene.control.MenuItem page = new javafx.scene.control.MenuItem("Open organization page");
            page.setOnAction(e -> openOrganization.accept(o.id()));
            javafx.scene.control.MenuItem usage = new javafx.scene.control.MenuItem("Show its usage");
            usage.setOnAction(e -> vm.open(o.id()));
            name.setContextMenu(new javafx.scene.control.ContextMenu(usage, page));
            heatGrid.add(name, 0, row);
            col = 1;
            for (String m : f.metrics()) {
                Double u = o.utilization().get(m);
                Region cell = new Region();
                cell.setMinSize(64, 18);
                cell.setPrefSize(90, 18);
                cell.getStyleClass().addAll("heat-cell", heatClass(u));
                Tooltip.install(cell, new Tooltip(o.name() + " · " + m + ": " + (u == null ? "not limited"
                        : Math.round(u * 100) + "% of the included amount, month to date")));
                cell.setOnMouseClicked(e -> vm.open(o.id()));
                heatGrid.add(cell, col++, row);
            }
            row++;
        }
    }

    /** Whole units, and millions or thousands shortened so a tile never cuts a figure: $15.6M, $692k. */
    private static String whole(long minor, String currency) {
        String sym = "USD".equals(currency) ? "$" : currency + " ";
        double major = Money.of(minor, currency).toMajor().doubleValue();
        if (Math.abs(major) >= 1_000_000) {
            return sym + String.format(Locale.US, major >= 10_000_000 ? "%.1fM" : "%.2fM", major / 1_000_000);
        }
        if (Math.abs(major) >= 100_000) {
            return sym + Math.round(major / 1_000) + "k";
        }
        return Money.of(minor, currency).format().replaceAll("\\.\\d\\d$", "");
    }

    static String heatClass(Double u) {
        if (u == null) {
            return "heat-none";
        }
        if (u > 1.2) {
            return "heat-over120";
        }
        if (u > 1.0) {
            return "heat-over100";
        }
        return u >= 0.8 ? "heat-over80" : "heat-ok";
    }

    /** Right-click on a row offers the organization's page. */
    private java.util.function.Consumer<java.util.UUID> openOrganization = id -> { };

    public void onOpenOrganization(java.util.function.Consumer<java.util.UUID> open) {
        this.openOrganization = open;
        com.antevus.console.core.TableMenus.openOrganization(overagesTable, FleetUsage.OrgMonth::id, open);
    }
}
