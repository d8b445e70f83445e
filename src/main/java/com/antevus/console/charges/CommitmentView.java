package com.antevus.console.charges;

import com.antevus.console.contracts.Contract;
import com.antevus.console.core.DialogService;
import com.antevus.console.core.Money;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The contract's commitment: its figures (committed, counted to date, projected at term end, the true-up that
 * projection bills), the burn-down chart month by month, and the form that sets it.
 */
public final class CommitmentView {
    private final CommitmentViewModel vm;
    private final DialogService dialogs;

    @FXML private Label titleLabel;
    @FXML private Label verdictLabel;
    @FXML private Label termLabel;
    @FXML private FlowPane figures;
    @FXML private LineChart<String, Number> chart;
    @FXML private CategoryAxis monthAxis;
    @FXML private NumberAxis amountAxis;
    @FXML private TextField amountField;
    @FXML private ComboBox<Commitment.Basis> basisBox;
    @FXML private CheckBox usageBox;
    @FXML private CheckBox addOnsBox;
    @FXML private CheckBox feesBox;
    @FXML private TextField reasonField;
    @FXML private Button saveButton;
    @FXML private Button removeButton;
    @FXML private Label fieldError;

    public CommitmentView(CommitmentViewModel vm, DialogService dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        amountField.textProperty().bindBidirectional(vm.amountProperty());
        reasonField.textProperty().bindBidirectional(vm.reasonProperty());
        usageBox.selectedProperty().bindBidirectional(vm.usageProperty());
        addOnsBox.selectedProperty().bindBidirectional(vm.addOnsProperty());
        feesBox.selectedProperty().bindBidirectional(vm.feesProperty());
        basisBox.getItems().setAll(Commitment.Basis.values());
        basisBox.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Commitment.Basis b) {
                return b == null ? "" : b == Commitment.Basis.TERM ? "over the term" : "each month";
            }

            @Override
            public Commitment.Basis fromString(String s) {
                return null;
            }
        });
        basisBox.valueProperty().bindBidirectional(vm.basisProperty());
        fieldError.textProperty().bind(vm.fieldErrorProperty());
        amountAxis.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return Money.of(Math.round(n.doubleValue() * 100), "USD").format().replace(".00", "");
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        });
        var noContract = Bindings.createBooleanBinding(() -> vm.contractProperty().get() == null || vm.contractProperty().get().isNew(),
                vm.contractProperty());
        var mayNot = vm.readOnlyNoteProperty().isNotEmpty();
        saveButton.disableProperty().bind(noContract.or(vm.busyProperty()).or(mayNot));
        removeButton.disableProperty().bind(vm.commitmentProperty().isNull().or(vm.busyProperty()).or(mayNot));
        com.antevus.console.core.ReadOnlyHints.explain(vm.readOnlyNoteProperty(), saveButton, removeButton);
        vm.burnDownProperty().addListener((o, a, b) -> show());
        vm.commitmentProperty().addListener((o, a, b) -> show());
        vm.contractProperty().addListener((o, a, b) -> show());
        show();
    }

    private void show() {
        Contract k = vm.contractProperty().get();
        PeriodCharges.BurnDown b = vm.burnDownProperty().get();
        figures.getChildren().clear();
        chart.getData().clear();
        chart.setVisible(b != null && b.commitment().basis() == Commitment.Basis.TERM);
        chart.setManaged(chart.isVisible());
        figures.setManaged(b != null);
        verdictLabel.setVisible(false);
        if (k == null) {
            titleLabel.setText("Open a contract to see its commitment");
            termLabel.setText("Choose a contract on the Contracts tab.");
            return;
        }
        titleLabel.setText("Minimum commitment · " + k.organizationName());
        termLabel.setText("Term " + com.antevus.console.core.Dates.day(k.startsOn()) + " to " + com.antevus.console.core.Dates.day(k.endsOn().minusDays(1))
                + " · " + Money.of(k.annualValueMinor(), k.currency()).format() + " a year"
                + (b == null ? " · no commitment: set one below (it is trued up by the invoice run)." : " · counting "
                + b.commitment().countsWords() + ", " + b.commitment().basis().words() + "."));
        if (b == null) {
            return;
        }
        String cur = b.commitment().currency();
        boolean month = b.commitment().basis() == Commitment.Basis.MONTH;
        figures.getChildren().addAll(
                figure(Money.of(b.commitment().amountMinor(), cur).format(), month ? "Committed this month" : "Committed over the term", null),
                figure(Money.of(b.consumedMinor(), cur).format(), month ? "Counted this month so far" : "Counted to date ("
                        + b.months().size() + " of " + (b.months().size() + b.monthsLeft()) + " months)", null),
                figure(Money.of(b.projectedMinor(), cur).format(), month ? "This month so far" : "Projected at term end", null),
                figure(Money.of(b.projectedTrueUpMinor(), cur).format(), "True-up it would bill", b.underRun() ? "danger" : "success"));
        verdictLabel.setVisible(true);
        verdictLabel.setText(CommitmentService.verdict(b));
        verdictLabel.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("warning"), b.underRun());
        verdictLabel.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("success"), !b.underRun());
        if (month) {
            return;
        }
        XYChart.Series<String, Number> counted = new XYChart.Series<>();
        counted.setName("Counted");
        XYChart.Series<String, Number> projected = new XYChart.Series<>();
        projected.setName("Projected");
        XYChart.Series<String, Number> committed = new XYChart.Series<>();
        committed.setName("Committed");
        List<YearMonth> term = b.commitment().termMonths();
        long running = 0;
        for (PeriodCharges.MonthCounted m : b.months()) {
            running += m.countedMinor();
            counted.getData().add(new XYChart.Data<>(label(m.month()), running / 100.0));
        }
        long step = b.monthsLeft() == 0 ? 0 : (b.projectedMinor() - b.consumedMinor()) / b.monthsLeft();
        long p = b.consumedMinor();
        if (!b.months().isEmpty()) {
            projected.getData().add(new XYChart.Data<>(label(b.months().get(b.months().size() - 1).month()), p / 100.0));
        }
        for (int i = b.months().size(); i < term.size(); i++) {
            p = i == term.size() - 1 ? b.projectedMinor() : p + step;
            projected.getData().add(new XYChart.Data<>(label(term.get(i)), p / 100.0));
        }
        for (YearMonth m : term) {
            committed.getData().add(new XYChart.Data<>(label(m), b.commitment().amountMinor() / 100.0));
        }
        monthAxis.setCategories(javafx.collections.FXCollections.observableArrayList(term.stream().map(CommitmentView::label).toList()));
        chart.getData().setAll(List.of(counted, projected, committed));
    }

    private static String label(YearMonth m) {
        return m.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + (m.getYear() % 100);
    }

    private static VBox figure(String value, String caption, String style) {
        Label v = new Label(value);
        v.getStyleClass().add("figure-value");
        v.setMinWidth(Label.USE_PREF_SIZE);
        Label c = new Label(caption);
        c.getStyleClass().add("figure-caption");
        c.setMinWidth(Label.USE_PREF_SIZE);
        VBox box = new VBox(v, c);
        box.getStyleClass().add("figure-card");
        if (style != null) {
            box.getStyleClass().add(style);
        }
        return box;
    }

    @FXML
    private void save() {
        String words = vm.saveWords();
        if (words == null) {
            return;
        }
        if (dialogs.confirm(new DialogService.Confirmation("Save the commitment", words, List.of(
                "The invoice run bills the true-up with the invoice of " + (vm.basisProperty().get() == Commitment.Basis.TERM
                        ? "the term's last month" : "each month") + ": what the counted charges fall short of it."),
                "Save commitment", null))) {
            vm.save();
        } else {
            vm.declined("Save the commitment");
        }
    }

    @FXML
    private void remove() {
        Commitment m = vm.commitmentProperty().get();
        if (m != null && dialogs.confirm(new DialogService.Confirmation("Remove the commitment", "Remove the "
                + Money.of(m.amountMinor(), m.currency()).format() + " commitment of " + vm.contractProperty().get().organizationName() + ".",
                List.of("No true-up is billed for it any more."), "Remove", null))) {
            vm.remove();
        }
    }
}
