package com.antevus.console.core;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;

/** Row menus shared by the console's tables. */
public final class TableMenus {
    private TableMenus() {
    }

    /**
     * Adds "Open organization page" to the table's menu (right-click), for the selected row's organization, so every
     * list that shows an organization leads to its page.
     */
    public static <S> void openOrganization(TableView<S> table, Function<S, UUID> organizationOf, Consumer<UUID> open) {
        MenuItem item = new MenuItem("Open organization page");
        item.setId("openOrganizationItem");
        item.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        item.setOnAction(e -> {
            S row = table.getSelectionModel().getSelectedItem();
            if (row != null && organizationOf.apply(row) != null) {
                open.accept(organizationOf.apply(row));
            }
        });
        ContextMenu menu = table.getContextMenu() == null ? new ContextMenu() : table.getContextMenu();
        menu.getItems().add(item);
        table.setContextMenu(menu);
    }
}
