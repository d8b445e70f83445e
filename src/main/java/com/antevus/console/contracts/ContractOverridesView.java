package com.antevus.console.contracts;

import com.antevus.console.pricing.Catalog.PricingModel;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * A component of the contract editor: what the contract includes and charges where it differs from its plan, one row
 * per resource or metric (included amount; for a metric, the rate's model, price, unit or block, and margin), with the
 * problems of these rows on one line below them.
 */
public final class ContractOverridesView {
    private final ContractEditorViewModel vm;

    @FXML private GridPane overridesGrid;
    @FXML private Label overridesError;

    ContractOverridesView(ContractsViewModel section) {
        this.vm = section.editor();
    }

    @FXML
    private void initialize() {
        vm.form().overrides.addListener((ListChangeListener<ContractForm.OverrideRow>) ch -> {
            if (ContractDocumentsView.joinedOrLeft(ch)) {
                buildOverrides();
            }
        });
        vm.fieldErrors().addListener((MapChangeListener<String, String>) ch -> showErrors());
        if (!vm.form().overrides.isEmpty()) {
            buildOverrides();
        }
        showErrors();
    }

    /** Every problem of an override row ("overrides" and "overrides.…"), in one sentence after another. */
    private void showErrors() {
        String text = String.join(" ", vm.fieldErrors().entrySet().stream()
                .filter(e -> e.getKey().equals("overrides") || e.getKey().startsWith("overrides."))
                .sorted(java.util.Map.Entry.comparingByKey()).map(java.util.Map.Entry::getValue).toList());
        overridesError.setText(text);
        overridesError.setManaged(!text.isEmpty());
        overridesError.setVisible(!text.isEmpty());
    }

    private void buildOverrides() {
        overridesGrid.getChildren().clear();
        String[] heads = {"", "Included", "Rate", "Price", "Per / block", "Margin %"};
        for (int c = 0; c < heads.length; c++) {
            Label h = new Label(heads[c]);
            h.getStyleClass().add("field-label");
            overridesGrid.add(h, c, 0);
        }
        int row = 1;
        for (ContractForm.OverrideRow r : vm.form().overrides) {
            Label name = new Label(r.dimension.name());
            name.setMinWidth(110);
            overridesGrid.add(name, 0, row);
            TextField included = new TextField();
            included.setPromptText("as plan");
            included.setPrefColumnCount(9);
            included.textProperty().bindBidirectional(r.included);
            included.setId("included-" + r.dimension.code());
            ContractEditorView.validateOnBlur(vm, included);
            overridesGrid.add(included, 1, row);
            if (r.dimension.metric()) {
                ComboBox<PricingModel> model = new ComboBox<>();
                model.getItems().setAll(PricingModel.PER_UNIT, PricingModel.PACKAGE, PricingModel.COST_PLUS, PricingModel.PER_GB_MONTH);
                model.setConverter(ContractsView.converter(m -> switch (m) {
                    case PER_UNIT -> "Per unit";
                    case PACKAGE -> "Per block";
                    case COST_PLUS -> "Cost plus";
                    case PER_GB_MONTH -> "Per GB-month";
                    case GRADUATED -> "Graduated";
                }));
                model.setPromptText("as plan");
                model.valueProperty().bindBidirectional(r.rate.model);
                model.setId("model-" + r.dimension.code());
                overridesGrid.add(model, 2, row);
                TextField price = new TextField();
                price.setPromptText("plan rate");
                price.setPrefColumnCount(7);
                price.textProperty().bindBidirectional(r.rate.price);
                price.setId("price-" + r.dimension.code());
                ContractEditorView.validateOnBlur(vm, price);
                overridesGrid.add(price, 3, row);
                TextField size = new TextField();
                size.setPrefColumnCount(8);
                Runnable bindSize = () -> {
                    size.textProperty().unbindBidirectional(r.rate.block);
                    size.textProperty().unbindBidirectional(r.rate.per);
                    boolean block = r.rate.model.get() == PricingModel.PACKAGE;
                    size.textProperty().bindBidirectional(block ? r.rate.block : r.rate.per);
                    size.setPromptText(block ? "block size" : "per units");
                    size.setDisable(r.rate.model.get() == PricingModel.PER_GB_MONTH);
                };
                bindSize.run();
                r.rate.model.addListener((o, a, b) -> bindSize.run());
                size.setId("size-" + r.dimension.code());
                ContractEditorView.validateOnBlur(vm, size);
                overridesGrid.add(size, 4, row);
                TextField margin = new TextField();
                margin.setPrefColumnCount(5);
                margin.textProperty().bindBidirectional(r.rate.margin);
                margin.disableProperty().bind(r.rate.model.isNotEqualTo(PricingModel.COST_PLUS));
                ContractEditorView.validateOnBlur(vm, margin);
                overridesGrid.add(margin, 5, row);
            }
            row++;
        }
    }

}
