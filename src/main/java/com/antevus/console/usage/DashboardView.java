package com.antevus.console.usage;

import com.antevus.console.core.Money;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
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
    private javafx.scene.layout.HBox trendsPane;
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
    private Card mrr;
    private Card over;
    private Card projected;
    private Card pending;
    private Card overdue;
    private Card credits;

    public DashboardView(DashboardViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        monthLabel.setText("Loading this month's figures\u2026");
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.managedProperty().bind(errorLabel.textProperty().isNotEmpty());
        mrr = new Card("MRR", "recurring, per month");
        over = new Card("Over quota", "above 100% of a quota");
        projected = new Card("Projected overage", "at this month's pace");
        pending = new Card("Verifications", "waiting for review");
        overdue = new Card("Overdue invoices", "open, past due");
        credits = new Card("Low on credits", "organizations");
        tilesPane.getChildren().setAll(mrr, over, projected, pending, overdue, credits);
        tilesPane.getChildren().forEach(t -> javafx.scene.layout.HBox.setHgrow(t, javafx.scene.layout.Priority.ALWAYS));
        // the trends: TilesFX's area chart for the closed months and its percentage gauge for the over-quota share; the
        // cards' words are the console's own labels (TilesFX draws its captions at a fixed share of the tile, too small to read)
        invoicedTrend = chartTile(Tile.SkinType.SMOOTH_AREA_CHART);
        usageTrend = chartTile(Tile.SkinType.SMOOTH_AREA_CHART);
        overShare = TileBuilder.create().skinType(Tile.SkinType.PERCENTAGE).prefSize(160, 110).minSize(120, 100)
                .unit("%").maxValue(100).decimals(0).build();
        invoicedCard = new Card("Invoiced per month", "", invoicedTrend);
        usageCard = new Card("Fleet usage per month", "", usageTrend);
        shareCard = new Card("Over-quota share", "", overShare);
        overdueBands = new GridPane();
        overdueBands.setHgap(8);
        overdueBands.setVgap(6);
        overdueCard = new Card("Overdue by age", "", overdueBands);
        trendsPane.getChildren().setAll(invoicedCard, usageCard, shareCard, overdueCard);
        trendsPane.getChildren().forEach(t -> javafx.scene.layout.HBox.setHgrow(t, javafx.scene.layout.Priority.ALWAYS));
        javafx.scene.layout.HBox.setHgrow(shareCard, javafx.scene.layout.Priority.NEVER);
        // weakly: a dashboard dropped at sign-out is not kept alive by the window's theme
        com.antevus.console.core.ConsoleTheme.darkProperty().addListener(new javafx.beans.value.WeakChangeListener<>(themeListener));
        paintAll();
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

    private Tile invoicedTrend;
    private Tile usageTrend;
    private Tile overShare;
    private Tile overdueAge;

    private final javafx.beans.value.ChangeListener<Boolean> themeListener = (o, was, dark) -> paintAll();
    private Card invoicedCard;
    private Card usageCard;
    private Card shareCard;
    private Card overdueCard;
    private GridPane overdueBands;

    /** A figure with its title above and a line of explanation below, in the theme's colours (styles: kpi-*). */
    static final class Card extends javafx.scene.layout.VBox {
        final Label title = new Label();
        final Label value = new Label("\u2026");
        final Label caption = new Label();

        Card(String title, String caption) {
            this(title, caption, null);
        }

        /** A card whose body is {@code body} (a chart) instead of one large figure. */
        Card(String title, String caption, javafx.scene.Node body) {
            super(4);
            getStyleClass().add("kpi-card");
            setId("card-" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"));
            this.title.setText(title);
            this.title.getStyleClass().add("kpi-title");
            this.value.getStyleClass().add("kpi-value");
            this.caption.setText(caption);
            this.caption.getStyleClass().add("kpi-caption");
            for (Label l : List.of(this.title, this.value, this.caption)) {
                l.setMinWidth(0);
            }
            getChildren().addAll(this.title, body == null ? this.value : body, this.caption);
            if (body != null) {
                javafx.scene.layout.VBox.setVgrow(body, javafx.scene.layout.Priority.ALWAYS);
            }
            setMinWidth(120);
        }

        void set(String text, boolean alarming) {
            value.setText(text);
            value.getStyleClass().remove("kpi-alarm");
            if (alarming) {
                value.getStyleClass().add("kpi-alarm");
            }
            Tooltip.install(this, new Tooltip(title.getText() + ": " + text + (caption.getText().isEmpty() ? "" : "\n" + caption.getText())));
        }
    }

    private static Tile chartTile(Tile.SkinType skin) {
        return TileBuilder.create().skinType(skin).prefSize(240, 110).minSize(160, 100).smoothing(true).decimals(0).tickLabelDecimals(0)
                .valueVisible(false).backgroundColor(Color.TRANSPARENT).build();
    }

    /** The charts' own colours follow the theme: the line, the fill and the gauge's bar. */
    private void paintAll() {
        boolean dark = com.antevus.console.core.ConsoleTheme.darkProperty().get();
        for (Tile t : List.of(invoicedTrend, usageTrend, overShare)) {
            t.setBackgroundColor(Color.TRANSPARENT);
            t.setBarColor(dark ? Color.web("#4493f8") : Color.web("#0969da"));
            t.setBarBackgroundColor(dark ? Color.web("#30363d") : Color.web("#d0d7de"));
            t.setValueColor(dark ? Color.web("#f0f6fc") : Color.web("#1f2328"));
            t.setUnitColor(dark ? Color.web("#afb8c1") : Color.web("#57606a"));
            t.setForegroundBaseColor(dark ? Color.web("#f0f6fc") : Color.web("#1f2328"));
            t.setTitleColor(Color.TRANSPARENT);
            t.setTextColor(Color.TRANSPARENT);
            t.setDescriptionColor(Color.TRANSPARENT);
            t.setChartGridColor(dark ? Color.web("#30363d") : Color.web("#d0d7de"));
        }
    }


    /** A divisor and its suffix that keep a tile's figure to a few digits: 1,234,567 shows as 1.2 M. */
    static Object[] scale(double max) {
        return max >= 1e9 ? new Object[]{1e9, "B"} : max >= 1e6 ? new Object[]{1e6, "M"} : max >= 1e3 ? new Object[]{1e3, "k"} : new Object[]{1.0, ""};
    }

    /** A count in a few digits: 456,962,133 reads "457.0M". */
    static String compact(long v) {
        Object[] sc = scale(v);
        double d = (double) sc[0];
        return d == 1.0 ? String.format(Locale.US, "%,d", v) : String.format(Locale.US, "%.1f%s", v / d, sc[1]);
    }

    private static void area(Tile t, java.util.List<FleetTrends.Month> months, double perUnit, String unitPrefix) {
        double max = months.stream().mapToDouble(m -> m.value() / perUnit).max().orElse(0);
        Object[] sc = scale(max);
        double div = (double) sc[0];
        t.setUnit((unitPrefix + sc[1]).strip());
        t.setDecimals(div == 1.0 ? 0 : 1);
        t.clearChartData();
        t.setChartData(months.stream().map(m -> new eu.hansolo.tilesfx.chart.ChartData(m.month().getMonth()
                .getDisplayName(java.time.format.TextStyle.SHORT, com.antevus.console.core.Dates.locale()), m.value() / perUnit / div)).toList());
    }

    /**
     * The trend tiles from the closed months the database holds (this month is in the row above), and the over-quota
     * share and overdue bands of today.
     */
    private void showTrends(FleetUsage f) {
        FleetTrends tr = f.trends();
        List<FleetTrends.Month> invoiced = tr.invoiced().subList(0, Math.max(0, tr.invoiced().size() - 1));
        List<FleetTrends.Month> usage = tr.usage().subList(0, Math.max(0, tr.usage().size() - 1));
        area(invoicedTrend, invoiced, 100.0, "$");
        FleetTrends.Month last = invoiced.isEmpty() ? null : invoiced.get(invoiced.size() - 1);
        long months = invoiced.stream().filter(m -> m.value() > 0).count();
        invoicedCard.caption.setText(last == null ? "" : com.antevus.console.core.Dates.monthName(last.month()) + ": "
                + whole(last.value(), f.currency()) + (months < invoiced.size() ? " · " + months + " of " + invoiced.size() + " months billed" : ""));
        Tooltip.install(invoicedCard, new Tooltip("Invoiced (open or paid), by the month its period starts:\n" + invoiced.stream()
                .map(m -> com.antevus.console.core.Dates.month(m.month()) + ": " + Money.of(m.value(), f.currency()).format())
                .collect(java.util.stream.Collectors.joining("\n"))));
        usageCard.title.setText("Fleet " + tr.usageMetric().replace('_', ' ') + " per month");
        area(usageTrend, usage, 1.0, "");
        FleetTrends.Month lastUse = usage.isEmpty() ? null : usage.get(usage.size() - 1);
        FleetTrends.Month before = usage.size() < 2 ? null : usage.get(usage.size() - 2);
        usageCard.caption.setText(lastUse == null ? "" : com.antevus.console.core.Dates.monthName(lastUse.month()) + ": "
                + compact(lastUse.value()) + (before == null || before.value() == 0 ? ""
                : String.format(Locale.US, " · %+.0f%% on %s", 100.0 * (lastUse.value() - before.value()) / before.value(),
                com.antevus.console.core.Dates.monthName(before.month()))));
        Tooltip.install(usageCard, new Tooltip(usage.stream().map(m -> com.antevus.console.core.Dates.month(m.month()) + ": "
                + String.format(Locale.US, "%,d", m.value())).collect(java.util.stream.Collectors.joining("\n"))));
        overShare.setValue(f.liveOrganizations() == 0 ? 0 : 100.0 * f.overQuota() / f.liveOrganizations());
        shareCard.caption.setText(f.overQuota() + " of " + f.liveOrganizations() + " organizations");
        // overdue money by age: one bar per band, its length the band's share of what is overdue
        overdueBands.getChildren().clear();
        long most = tr.overdue().stream().mapToLong(FleetTrends.Overdue::owedMinor).max().orElse(0);
        long total = tr.overdue().stream().mapToLong(FleetTrends.Overdue::owedMinor).sum();
        int row = 0;
        for (FleetTrends.Overdue o : tr.overdue()) {
            Label band = new Label(o.band());
            band.getStyleClass().add("kpi-caption");
            band.setMinWidth(Region.USE_PREF_SIZE);
            Region bar = new Region();
            bar.getStyleClass().addAll("overdue-bar", row >= 2 ? "overdue-late" : "overdue-early");
            bar.setMinHeight(10);
            bar.setMaxHeight(10);
            bar.setMinWidth(0);
            javafx.scene.layout.StackPane track = new javafx.scene.layout.StackPane(bar);
            track.getStyleClass().add("overdue-track");
            track.setAlignment(Pos.CENTER_LEFT);
            track.setMinWidth(40);
            double share = most == 0 ? 0 : (double) o.owedMinor() / most;
            bar.maxWidthProperty().bind(track.widthProperty().multiply(share));
            bar.prefWidthProperty().bind(track.widthProperty().multiply(share));
            Label owed = new Label(whole(o.owedMinor(), f.currency()) + " · " + o.invoices());
            owed.getStyleClass().add("kpi-figure");
            owed.setMinWidth(Region.USE_PREF_SIZE);
            GridPane.setHgrow(track, javafx.scene.layout.Priority.ALWAYS);
            GridPane.setHalignment(owed, HPos.RIGHT);
            overdueBands.addRow(row++, band, track, owed);
        }
        overdueCard.caption.setText(total == 0 ? "nothing overdue" : whole(total, f.currency()) + " overdue in all");
        paintAll();
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
        mrr.set(whole(f.mrrMinor(), f.currency()), false);
        mrr.caption.setText("ARR " + whole(f.mrrMinor() * 12, f.currency()) + " (MRR × 12)");
        over.set(f.overQuota() + " of " + f.liveOrganizations(), f.overQuota() > 0);
        String lastMonth = com.antevus.console.core.Dates.monthName(thisMonth.minusMonths(1));
        over.caption.setText(lastMonth + ", closed: " + f.overQuotaLastMonth());
        Tooltip.install(over, new Tooltip(f.overQuota() + " of " + f.liveOrganizations() + " live organizations are above 100% of a quota this month; "
                + f.overQuotaLastMonth() + " ended " + lastMonth + " above one"));
        projected.set(whole(f.projectedOverageMinor(), f.currency()), false);
        pending.set(String.valueOf(f.pendingVerifications()), false);
        overdue.set(f.overdueInvoices() == 0 ? "0" : f.overdueInvoices() + " · " + whole(f.overdueMinor(), f.currency()), f.overdueInvoices() > 0);
        credits.set(String.valueOf(f.lowOnCredits()), f.lowOnCredits() > 0);
        credits.caption.setText(String.format(Locale.US, "below %,d credits", f.lowBalanceThreshold()));
        Tooltip.install(credits, new Tooltip(String.format(Locale.US, "%d organization%s with prepaid credits can spend fewer than %,d now "
                + "(credits settings sets the threshold)", f.lowOnCredits(), f.lowOnCredits() == 1 ? "" : "s", f.lowBalanceThreshold())));
        buildHeatmap(f);
        showTrends(f);
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
