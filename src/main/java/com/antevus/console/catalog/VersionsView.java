package com.antevus.console.catalog;

import com.antevus.console.core.Dates;
import com.antevus.console.pricing.CatalogDiff;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The Versions tab: every version with who made it and how many subscribe, and the diff of any two. */
public final class VersionsView {
    private final VersionsViewModel vm;

    @FXML private TableView<CatalogVersion> versionsTable;
    @FXML private TableColumn<CatalogVersion, String> versionNumberColumn;
    @FXML private TableColumn<CatalogVersion, String> versionStatusColumn;
    @FXML private TableColumn<CatalogVersion, String> versionEffectiveColumn;
    @FXML private TableColumn<CatalogVersion, String> versionByColumn;
    @FXML private TableColumn<CatalogVersion, String> versionPlansColumn;
    @FXML private TableColumn<CatalogVersion, String> versionSubsColumn;
    @FXML private TableColumn<CatalogVersion, String> versionStripeColumn;
    @FXML private ComboBox<CatalogVersion> diffFromBox;
    @FXML private ComboBox<CatalogVersion> diffToBox;
    @FXML private Label diffSummaryLabel;
    @FXML private ListView<CatalogDiff.Change> diffList;

    VersionsView(VersionsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        versionsTable.setItems(vm.versions());
        versionNumberColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>("v" + c.getValue().number()));
        versionStatusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status().label()));
        versionEffectiveColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Dates.day(c.getValue().effectiveFrom())));
        versionByColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().publishedBy() == null ? c.getValue().createdBy()
                : c.getValue().publishedBy()));
        versionPlansColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.valueOf(c.getValue().plans())));
        versionSubsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.format(Locale.US, "%,d", c.getValue().subscriptions())));
        versionStripeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().isDraft() ? ""
                : c.getValue().stripeSyncedAt() == null ? "not synced" : "synced"));
        diffFromBox.setItems(vm.versions());
        diffToBox.setItems(vm.versions());
        diffFromBox.setConverter(CatalogView.versionText());
        diffToBox.setConverter(CatalogView.versionText());
        diffFromBox.valueProperty().bindBidirectional(vm.fromProperty());
        diffToBox.valueProperty().bindBidirectional(vm.toProperty());
        diffSummaryLabel.textProperty().bind(vm.summaryProperty());
        diffList.setItems(vm.diff());
        diffList.setPlaceholder(new Label("Choose two versions to compare"));
        diffList.setCellFactory(l -> diffCell());
    }

    /** One change of a diff, coloured by whether it adds, removes or changes. */
    static ListCell<CatalogDiff.Change> diffCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(CatalogDiff.Change ch, boolean empty) {
                super.updateItem(ch, empty);
                getStyleClass().removeAll("diff-added", "diff-removed", "diff-changed");
                if (empty || ch == null) {
                    setText(null);
                    return;
                }
                setText(ch.toString());
                getStyleClass().add(switch (ch.kind()) {
                    case ADDED -> "diff-added";
                    case REMOVED -> "diff-removed";
                    case CHANGED -> "diff-changed";
                });
            }
        };
    }
}
