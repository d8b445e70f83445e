package com.antevus.console.core;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** How the console's tables fill their columns: a value from the row, or an amount shown as money but sorted by value. */
public final class Columns {
    private Columns() {
    }

    /** The column shows (and sorts by) {@code value} of each row. */
    public static <S, T> void value(TableColumn<S, T> column, Function<S, T> value) {
        column.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
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
}
