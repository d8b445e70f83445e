package com.antevus.console.catalog;

import com.antevus.console.core.Money;
import com.antevus.console.rating.RatedLine;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** The live price preview beside the plan editor: usage and options in, the bill line by line and its total out. */
public final class PricePreviewView {
    private final PricePreviewViewModel vm;
    private final PlanForm form;

    @FXML private Label headlineLabel;
    @FXML private GridPane usageGrid;
    @FXML private CheckBox annualCheck;
    @FXML private CheckBox byoCheck;
    @FXML private TextField seatsField;
    @FXML private FlowPane addOnChecks;
    @FXML private TableView<RatedLine> previewTable;
    @FXML private TableColumn<RatedLine, String> previewDescriptionColumn;
    @FXML private TableColumn<RatedLine, String> previewAmountColumn;
    @FXML private Label totalLabel;
    @FXML private Label previewErrorLabel;

    PricePreviewView(CatalogViewModel section) {
        this.vm = section.preview();
        this.form = section.editor().form();
    }

    @FXML
    private void initialize() {
        headlineLabel.textProperty().bind(vm.headlineProperty());
        onMembership(vm.usage(), this::rebuildUsageGrid);
        annualCheck.selectedProperty().bindBidirectional(vm.annualProperty());
        byoCheck.selectedProperty().bindBidirectional(vm.byoLlmProperty());
        seatsField.textProperty().bindBidirectional(vm.seatsProperty());
        onMembership(vm.addOnChoices(), this::rebuildAddOnChecks);
        previewTable.setItems(vm.lines());
        previewTable.setPlaceholder(new Label("Type usage to price it"));
        previewDescriptionColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().description()));
        previewDescriptionColumn.setCellFactory(col -> CatalogView.tooltipCell());
        previewAmountColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Money.of(c.getValue().amountMinor(),
                form.currency.get() == null || form.currency.get().length() != 3 ? "USD" : form.currency.get()).format()));
        totalLabel.textProperty().bind(vm.totalProperty());
        previewErrorLabel.textProperty().bind(vm.problemProperty());
    }

    /** Runs {@code rebuild} when items join or leave the list (not when one of them changes inside). */
    private static <T> void onMembership(ObservableList<T> list, Runnable rebuild) {
        list.addListener((ListChangeListener<T>) ch -> {
            while (ch.next()) {
                if (ch.wasAdded() || ch.wasRemoved() || ch.wasReplaced()) {
                    rebuild.run();
                    return;
                }
            }
        });
    }

    private void rebuildUsageGrid() {
        usageGrid.getChildren().clear();
        int row = 0;
        for (PricePreviewViewModel.UsageInput u : vm.usage()) {
            Label l = new Label(u.label);
            TextField t = new TextField();
            t.setId("usage-" + u.metric);
            t.setPromptText("0");
            t.textProperty().bindBidirectional(u.quantity);
            t.setAlignment(Pos.CENTER_RIGHT);
            GridPane.setHgrow(t, Priority.ALWAYS);
            usageGrid.addRow(row++, l, t);
        }
    }

    private void rebuildAddOnChecks() {
        addOnChecks.getChildren().clear();
        for (PricePreviewViewModel.AddOnChoice a : vm.addOnChoices()) {
            CheckBox cb = new CheckBox(a.toString());
            cb.selectedProperty().bindBidirectional(a.chosen);
            addOnChecks.getChildren().add(cb);
        }
    }
}
