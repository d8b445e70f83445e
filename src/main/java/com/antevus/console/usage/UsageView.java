package com.antevus.console.usage;

import com.antevus.console.core.Money;
import java.io.File;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** One organization's usage: entitlements, the month's projection, daily and month-to-date charts with quota bands, alerts. */
public final class UsageView {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.US);
    private final UsageViewModel vm;
    @FXML
    private Label messageLabel;
    @FXML
    private Label errorLabel;
    @FXML
    private TextField searchField;
    @FXML
    private ListView<UsageService.OrgRef> orgList;
    @FXML
    private Label nameLabel;
    @FXML
    private Label planLabel;
    @FXML
    private ComboBox<OrgUsage.MetricUsage> metricBox;
    @FXML
    private Button exportButton;
    @FXML
    private Label addOnsLabel;
    @FXML
    private FlowPane entitlementsPane;
    @FXML
    private GridPane summaryGrid;
    @FXML
    private VBox chartsBox;
    @FXML
    private TableView<OrgUsage.Alert> alertsTable;
    @FXML
    private TableColumn<OrgUsage.Alert, String> alertMetricColumn;
    @FXML
    private TableColumn<OrgUsage.Alert, String> alertThresholdColumn;
    @FXML
    private TableColumn<OrgUsage.Alert, String> alertWhenColumn;
    @FXML
    private TableColumn<OrgUsage.Alert, String> alertAckColumn;
    @FXML
    private TextField noteField;
    @FXML
    private Button ackButton;
    private final LineChart<Number, Number> dailyChart = chart("Daily (up to 13 months)");
    private final LineChart<Number, Number> monthChart = chart("This month to date; dashed: included, and the alert thresholds");

    /** Right-click (or the menu key) on an organization of the picker offers its page. */
    public void onOpenOrganization(java.util.function.Consumer<java.util.UUID> open) {
        javafx.scene.control.MenuItem page = new javafx.scene.control.MenuItem("Open organization page");
        page.setId("openOrganizationItem");
        page.disableProperty().bind(orgList.getSelectionModel().selectedItemProperty().isNull());
        page.setOnAction(e -> open.accept(orgList.getSelectionModel().getSelectedItem().id()));
        orgList.setContextMenu(new javafx.scene.control.ContextMenu(page));
    }

    public UsageView(UsageViewModel vm) {
        this.vm = vm;
    }

    private static LineChart<Number, Number> chart(String title) {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return LocalDate.ofEpochDay(n.longValue()).format(DAY);
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        NumberAxis y = new NumberAxis();
        y.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return compact(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setPrefHeight(250);
        c.setMinHeight(220);
        c.getStyleClass().add("usage-chart");
        return c;
    }

    static String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return trim(v / 1e9) + "B";
        }
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.US, "%.1f", v);
    }

    @FXML
    private void initialize() {
        messageLabel.textProperty().bind(vm.messageProperty());
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.managedProperty().bind(errorLabel.textProperty().isNotEmpty());
        searchField.textProperty().bindBidirectional(vm.searchProperty());
        orgList.setItems(vm.organizations());
        orgList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b != vm.selectedProperty().get()) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != orgList.getSelectionModel().getSelectedItem()) {
                orgList.getSelectionModel().select(b);
                orgList.scrollTo(b);
            }
        });
        metricBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(OrgUsage.MetricUsage m) {
                return m == null ? "" : m.name();
            }

            @Override
            public OrgUsage.MetricUsage fromString(String s) {
                return null;
            }
        });
        metricBox.valueProperty().bindBidirectional(vm.metricProperty());
        chartsBox.getChildren().setAll(monthChart, dailyChart);
        monthChart.setLegendVisible(false);
        dailyChart.setLegendVisible(false);
        orgList.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(UsageService.OrgRef r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.name());
                setPrefWidth(0); // ellipsize long names instead of scrolling sideways
            }
        });
        vm.usageProperty().addListener((o, a, u) -> showUsage(u));
        vm.metricProperty().addListener((o, a, m) -> showSummary());
        vm.dailySeries().addListener((ListChangeListener<UsageViewModel.Point>) c -> drawCharts());
        vm.monthSeries().addListener((ListChangeListener<UsageViewModel.Point>) c -> drawCharts());
        exportButton.disableProperty().bind(vm.usageProperty().isNull());
        alertMetricColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().what()));
        alertThresholdColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().line()));
        alertWhenColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().firstCrossedAt().atZone(ZoneOffset.UTC)
                .toLocalDate().format(DAY)));
        alertAckColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().acknowledgedAt() == null ? "open"
                : c.getValue().acknowledgedBy() + ": " + c.getValue().note()));
        alertsTable.setPlaceholder(new Label("No threshold crossed this month"));
        ackButton.disableProperty().bind(alertsTable.getSelectionModel().selectedItemProperty().isNull()
                .or(noteField.textProperty().isEmpty()).or(vm.busyProperty()));
    }

    private void showUsage(OrgUsage u) {
        if (u == null) {
            return;
        }
        nameLabel.setText(u.name());
        planLabel.setText(u.planName() + " (" + u.planCode() + ", catalog v" + u.catalogVersion() + ")");
        addOnsLabel.setText(u.addOns().isEmpty() ? "No add-ons" : "Add-ons: " + String.join(", ", u.addOns()));
        entitlementsPane.getChildren().clear();
        for (OrgUsage.Entitlement e : u.entitlements()) {
            ProgressBar bar = new ProgressBar(e.limit() == null || e.limit() == 0 ? 0 : Math.min(1.0, (double) e.used() / e.limit()));
            bar.setPrefWidth(150);
            if (e.limit() != null && e.used() >= e.limit()) {
                bar.getStyleClass().add("at-limit");
            }
            Label l = new Label(e.resource() + "  " + e.used() + " of " + (e.limit() == null ? "unlimited" : e.limit()));
            l.getStyleClass().add("muted");
            entitlementsPane.getChildren().add(new VBox(3, l, bar));
        }
        metricBox.getItems().setAll(u.metrics());
        metricBox.setValue(vm.metricProperty().get());
        alertsTable.getItems().setAll(u.alerts());
        showSummary();
    }

    private void showSummary() {
        OrgUsage u = vm.usageProperty().get();
        OrgUsage.MetricUsage m = vm.metricProperty().get();
        summaryGrid.getChildren().clear();
        if (u == null || m == null) {
            return;
        }
        String unit = "GB".equals(m.unit()) ? " GB" : "";
        String included = m.included() == null ? "unlimited" : String.format(Locale.US, "%,d%s", m.included(), unit);
        String[][] rows = {
                {"Included", included},
                m.isLevel() && m.samplesThisMonth() == 0
                        ? new String[]{"Latest reading", m.latestReading() == null ? "none yet"
                                : String.format(Locale.US, "%,d%s", m.latestReading(), unit) + pct(m.latestReading(), m.included())}
                        : new String[]{m.isLevel() ? "Peak this month" : "Month to date",
                                String.format(Locale.US, "%,d%s", m.monthToDate(), unit) + pct(m.monthToDate(), m.included())},
                {"Projected month end", String.format(Locale.US, "%,d%s", m.projected(), unit) + pct(m.projected(), m.included())},
                {"Previous month", String.format(Locale.US, "%,d%s", m.previousMonth(), unit) + pct(m.previousMonth(), m.included())},
                {"Projected overage, all metrics", Money.of(u.projectedOverageMinor(), u.currency()).format()},
                {"Last month's overage", Money.of(u.previousOverageMinor(), u.currency()).format()}};
        for (int i = 0; i < rows.length; i++) {
            Label k = new Label(rows[i][0]);
            k.getStyleClass().add("field-label");
            k.setMinWidth(Region.USE_PREF_SIZE);
            Label v = new Label(rows[i][1]);
            v.getStyleClass().add("summary-value");
            v.setMinWidth(Region.USE_PREF_SIZE);
            summaryGrid.add(k, (i % 2) * 2, i / 2);
            summaryGrid.add(v, (i % 2) * 2 + 1, i / 2);
        }
        // how the projection was made, on its own line under the figures, so no figure is pushed out of sight
        Label basis = new Label("Projection: " + m.projectionBasis());
        basis.getStyleClass().add("muted");
        basis.setWrapText(true);
        summaryGrid.add(basis, 0, rows.length / 2, 4, 1);
    }

    private static String pct(long v, Long included) {
        return included == null || included == 0 ? "" : "  (" + Math.round(100.0 * v / included) + "%)";
    }

    private void drawCharts() {
        OrgUsage.MetricUsage m = vm.metricProperty().get();
        dailyChart.getData().setAll(List.of(series(m == null ? "" : m.name(), vm.dailySeries())));
        monthChart.getData().clear();
        if (m == null || vm.monthSeries().isEmpty()) {
            return;
        }
        // the whole month on the axis, whatever day it is: on the 1st one point at its left edge, not a stretched axis
        NumberAxis days = (NumberAxis) monthChart.getXAxis();
        days.setAutoRanging(false);
        days.setLowerBound(vm.usageProperty().get().month().atDay(1).toEpochDay());
        days.setUpperBound(vm.usageProperty().get().month().atEndOfMonth().toEpochDay());
        days.setTickUnit(7);
        monthChart.getData().add(series(m.name() + " this month", vm.monthSeries()));
        if (m.included() != null) {
            long first = vm.monthSeries().get(0).epochDay();
            long last = vm.usageProperty().get().month().atEndOfMonth().toEpochDay();
            XYChart.Series<Number, Number> included = line("Included", m.included(), first, last);
            monthChart.getData().add(included);
            included.getNode().setStyle("-fx-stroke: #cf222e; -fx-stroke-width: 1.6px; -fx-stroke-dash-array: 8 5;");
            for (int t : m.thresholds()) {
                if (t != 100) {
                    XYChart.Series<Number, Number> band = line(t + "%", m.included() * t / 100.0, first, last);
                    monthChart.getData().add(band);
                    band.getNode().setStyle("-fx-stroke: #9a6700; -fx-stroke-width: 1px; -fx-stroke-dash-array: 3 5;");
                }
            }
        }
    }

    private static XYChart.Series<Number, Number> series(String name, List<UsageViewModel.Point> pts) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        s.getData().setAll(pts.stream().map(p -> new XYChart.Data<Number, Number>(p.epochDay(), p.value())).toList());
        return s;
    }

    private static XYChart.Series<Number, Number> line(String name, double y, long from, long to) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        s.getData().setAll(List.of(new XYChart.Data<>(from, y), new XYChart.Data<>(to, y)));
        return s;
    }

    @FXML
    private void exportCsv() {
        OrgUsage u = vm.usageProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export usage as CSV");
        chooser.setInitialFileName((u == null ? "usage" : u.name().replaceAll("[^A-Za-z0-9]+", "-")) + "-usage.csv");
        File f = chooser.showSaveDialog(orgList.getScene() == null ? null : orgList.getScene().getWindow());
        if (f != null) {
            vm.exportCsv(f.toPath());
        }
    }

    @FXML
    private void acknowledge() {
        OrgUsage.Alert a = alertsTable.getSelectionModel().getSelectedItem();
        if (a != null) {
            vm.acknowledge(a, noteField.getText());
            noteField.clear();
        }
    }
}
