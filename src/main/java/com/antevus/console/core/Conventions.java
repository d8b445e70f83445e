package com.antevus.console.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.DatePicker;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;

/**
 * What every loaded view gets, so no screen can forget it: each table keeps its columns at least as wide as their
 * headers ({@link Columns#fitHeaders(TableView)}), and each date picker writes and reads days as {@link Dates} does.
 */
public final class Conventions {
    private Conventions() {
    }

    /** Applies the conventions to every control under {@code root}, through tabs, split panes, scroll and titled panes. */
    public static void apply(Node root) {
        if (root instanceof TableView<?> t) {
            Columns.fitHeaders(t);
        }
        if (root instanceof DatePicker p) {
            p.setConverter(Dates.pickerConverter());
        }
        List<Node> children = new ArrayList<>();
        if (root instanceof TabPane p) {
            p.getTabs().forEach(tab -> children.add(tab.getContent()));
        } else if (root instanceof SplitPane p) {
            children.addAll(p.getItems());
        } else if (root instanceof ScrollPane p) {
            children.add(p.getContent());
        } else if (root instanceof TitledPane p) {
            children.add(p.getContent());
        } else if (root instanceof Parent p) {
            children.addAll(p.getChildrenUnmodifiable());
        }
        children.stream().filter(Objects::nonNull).forEach(Conventions::apply);
    }
}
