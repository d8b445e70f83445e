package com.antevus.console.contracts;

import com.antevus.console.core.Columns;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;

/** The renewal pipeline: contracts ending within 30, 60 or 90 days and those that need attention; double-click opens one. */
public final class RenewalsView {
    private final ContractsViewModel section;
    private final RenewalsViewModel vm;
    private final ContractEditorViewModel editor;
    private final Runnable toList;

    @FXML private ToggleButton days30;
    @FXML private ToggleButton days60;
    @FXML private ToggleButton days90;
    @FXML private Label renewalSummaryLabel;
    @FXML private TableView<Renewal> renewalsTable;
    @FXML private TableColumn<Renewal, String> rOrgColumn;
    @FXML private TableColumn<Renewal, java.time.LocalDate> rEndsColumn;
    @FXML private TableColumn<Renewal, Long> rLeftColumn;
    @FXML private TableColumn<Renewal, java.time.LocalDate> rNoticeColumn;
    @FXML private TableColumn<Renewal, String> rRenewColumn;
    @FXML private TableColumn<Renewal, Long> rValueColumn;
    @FXML private TableColumn<Renewal, String> rWarningsColumn;
    @FXML private TableColumn<Renewal, String> rCommitColumn;
    @FXML private TableView<Renewal> attentionTable;
    @FXML private TableColumn<Renewal, String> aOrgColumn;
    @FXML private TableColumn<Renewal, java.time.LocalDate> aEndsColumn;
    @FXML private TableColumn<Renewal, String> aWarningsColumn;

    /** @param toList shows the contracts tab, where a contract opened from the pipeline is edited */
    RenewalsView(ContractsViewModel section, Runnable toList) {
        this.section = section;
        this.vm = section.renewals();
        this.editor = section.editor();
        this.toList = toList;
    }

    @FXML
    private void initialize() {
        ToggleGroup group = new ToggleGroup();
        Map<ToggleButton, Integer> days = Map.of(days30, 30, days60, 60, days90, 90);
        days.forEach((b, d) -> {
            b.setToggleGroup(group);
            b.setSelected(d == vm.daysProperty().get());
        });
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one is always chosen
            } else {
                vm.daysProperty().set(days.get((ToggleButton) b));
            }
        });
        renewalSummaryLabel.textProperty().bind(vm.renewalSummaryProperty());
        renewalsTable.setItems(vm.renewals());
        renewalsTable.setPlaceholder(new Label("No active contract ends in this window."));
        Columns.value(rOrgColumn, r -> r.contract().organizationName());
        Columns.value(rEndsColumn, r -> r.contract().endsOn());
        Columns.value(rLeftColumn, Renewal::daysLeft);
        Columns.value(rNoticeColumn, Renewal::noticeDeadline);
        Columns.value(rRenewColumn, r -> r.contract().autoRenew() ? "Automatic" : "Manual");
        Columns.money(rValueColumn, r -> r.contract().annualValueMinor(), r -> r.contract().currency());
        Columns.value(rWarningsColumn, r -> String.join("; ", r.warnings()));
        Columns.value(rCommitColumn, r -> vm.commitmentVerdicts().getOrDefault(r.contract().id(), "—"));
        vm.commitmentVerdicts().addListener((javafx.collections.MapChangeListener<java.util.UUID, String>) c -> rCommitColumn.getTableView().refresh());
        renewalsTable.setRowFactory(t -> urgentRow());
        attentionTable.setItems(vm.attention());
        attentionTable.setPlaceholder(new Label("Every active contract has its documents in order."));
        Columns.value(aOrgColumn, r -> r.contract().organizationName());
        Columns.value(aEndsColumn, r -> r.contract().endsOn());
        Columns.value(aWarningsColumn, r -> String.join("; ", r.warnings()));
        attentionTable.setRowFactory(t -> urgentRow());
    }

    /** Rows open their contract on double-click; those with warnings are highlighted. */
    private TableRow<Renewal> urgentRow() {
        TableRow<Renewal> row = new TableRow<>() {
            @Override
            protected void updateItem(Renewal r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("anomaly"), !empty && r != null && !r.warnings().isEmpty());
            }
        };
        row.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && !row.isEmpty()) {
                openFromPipeline(row.getItem());
            }
        });
        return row;
    }

    private void openFromPipeline(Renewal r) {
        if (editor.dirtyProperty().get()) {
            vm.refuse("You have unsaved changes to a contract: save or revert them before opening another.");
            return;
        }
        vm.openRenewal(r);
        toList.run();
    }

    @FXML
    private void reload() {
        section.load();
    }
}
