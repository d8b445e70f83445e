package com.antevus.console.core;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

/** How the console's tables fill their columns: a value from the row, or an amount shown as money but sorted by value. */
public final class Columns {
    private Columns() {
    }

    /** The column shows (and sorts by) {@code value} of each row. */
    public static <S, T> void value(TableColumn<S, T> column, Function<S, T> value) {
        column.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        if ((Object) column.getCellFactory() == TableColumn.DEFAULT_CELL_FACTORY) {
            column.setCellFactory(x -> new TextCell<>());
        }
    }

    /**
     * A plain text cell whose whole text is on hover, so a name cut to fit its column can still be read. Days and
     * instants show as {@link Dates} writes them (and still sort as dates).
     */
    private static final class TextCell<S, T> extends TableCell<S, T> {
        private final Tooltip tooltip = new Tooltip();

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            String text = empty || item == null ? null : item instanceof java.time.LocalDate d ? Dates.day(d)
                    : item instanceof java.time.Instant i ? Dates.minute(i) : item.toString();
            setText(text);
            tooltip.setText(text);
            setTooltip(text == null || text.isEmpty() ? null : tooltip);
        }
    }

    /** One table: once its skin has drawn the headers, each leaf column's minimum width is its header's. */
    public static void fitHeaders(javafx.scene.control.TableView<?> table) {
        Runnable fit = () -> {
            if (table.getScene() == null) {
                return;
            }
            table.applyCss();
            table.layout();
            for (javafx.scene.Node n : table.lookupAll(".column-header")) {
                if (n instanceof javafx.scene.control.skin.TableColumnHeader h && h.getTableColumn() != null
                        && h.getTableColumn().getColumns().isEmpty() && h.lookup(".label") instanceof javafx.scene.control.Label label) {
                    // the header's text, its padding and room for the sort arrow
                    double need = Math.ceil(label.prefWidth(-1) + h.snappedLeftInset() + h.snappedRightInset() + 16);
                    if (h.getTableColumn().getMinWidth() < need) {
                        h.getTableColumn().setMinWidth(need);
                    }
                }
            }
        };
        table.skinProperty().addListener((o, was, skin) -> {
            if (skin != null) {
                javafx.application.Platform.runLater(fit);
            }
        });
        if (table.getSkin() != null) {
            javafx.application.Platform.runLater(fit);
        }
    }

    /** A money column: sorts by the amount in minor units, shows it formatted in the row's currency ("—" when none). */
    public static <S> void money(TableColumn<S, Long> column, Function<S, Long> value, Function<S, String> currency) {
        value(column, value);
        column.setCellFactory(x -> new TableCell<>() {
            @Override
            protected void updateItem(Long v, boolean empty) {
                super.updateItem(v, empty);
                S row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : v == null || row == null ? "—" : Money.of(v, currency.apply(row)).format());
            }
        });
    }

    /** A list's cells as text: {@code text} of each item, and {@code tip} as its tooltip (null for none). */
    public static <T> void text(javafx.scene.control.ListView<T> list, Function<T, String> text, Function<T, String> tip) {
        list.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
                setTooltip(empty || item == null || tip == null ? null : new javafx.scene.control.Tooltip(tip.apply(item)));
            }
        });
    }
}
