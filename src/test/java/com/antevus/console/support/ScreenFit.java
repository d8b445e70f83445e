package com.antevus.console.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Cell;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TreeTableCell;
import javafx.scene.text.Text;

/**
 * Finds text the screen cuts off: a {@link Labeled} (label, button, tab header, column header, table cell) whose skin
 * shows something other than its text, which is what an ellipsis is. Only what a person can see counts: shown nodes
 * inside the window.
 */
public final class ScreenFit {
    private ScreenFit() {
    }

    /**
     * @param allowed table columns (by header text) whose long names legitimately truncate, with a tooltip
     * @return one line per cut-off text: where it is, its full text and what shows
     */
    public static List<String> truncations(Parent root, Set<String> allowed) {
        List<String> found = new ArrayList<>();
        Bounds window = root.localToScene(root.getLayoutBounds());
        visit(root, allowed, window, found);
        return found;
    }

    private static void visit(Node node, Set<String> allowed, Bounds window, List<String> found) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank() && onScreen(l, window)) {
            Text shown = shownText(l);
            if (shown != null && !l.getText().equals(shown.getText()) && !(l instanceof IndexedCell<?> c && c.isEmpty())) {
                String column = column(l);
                boolean mayTruncate = l.getStyleClass().contains("may-truncate") && l.getTooltip() != null
                        && l.getTooltip().getText() != null && l.getTooltip().getText().startsWith(l.getText());
                if ((column == null || !allowed.contains(column)) && !mayTruncate) {
                    found.add(describe(l, column) + ": \"" + l.getText() + "\" shows as \"" + shown.getText() + "\"");
                }
            }
        }
        // a pane meant to fit its width that scrolls sideways hides the right of what it holds (a form's second column)
        if (node instanceof javafx.scene.control.ScrollPane sp && sp.isFitToWidth() && sp.getContent() != null && onScreen(sp, window)) {
            double need = sp.getContent().minWidth(-1);
            double has = sp.getViewportBounds().getWidth();
            if (has > 0 && need > has + 0.5) {
                found.add(describe(sp) + " scrolls sideways: its content needs " + Math.round(need) + " px and has " + Math.round(has));
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                visit(child, allowed, window, found);
            }
        }
    }

    private static boolean onScreen(Node n, Bounds window) {
        Bounds b = n.localToScene(n.getLayoutBounds());
        return b.getWidth() > 0 && b.getHeight() > 0 && b.intersects(window);
    }

    /** The skin's Text node for the labeled's text (LabeledText), when the skin shows one. */
    private static Text shownText(Labeled l) {
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child.getStyleClass().contains("text")) {
                return t;
            }
        }
        return null;
    }

    private static String column(Labeled l) {
        if (l instanceof TableCell<?, ?> c && c.getTableColumn() != null) {
            return c.getTableColumn().getText();
        }
        if (l instanceof TreeTableCell<?, ?> c && c.getTableColumn() != null) {
            return c.getTableColumn().getText();
        }
        return null;
    }

    private static String describe(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p.getId() != null) {
                return n.getClass().getSimpleName() + " under #" + p.getId();
            }
        }
        return n.getClass().getSimpleName();
    }

    private static String describe(Labeled l, String column) {
        StringBuilder where = new StringBuilder(l.getClass().getSimpleName());
        if (column != null) {
            where.append(" in column '").append(column).append('\'');
        }
        for (Node n = l; n != null; n = n.getParent()) {
            if (n.getId() != null) {
                where.append(" under #").append(n.getId());
                break;
            }
        }
        if (l instanceof Cell<?> && !(l instanceof TableCell<?, ?>)) {
            where.append(" (list cell)");
        }
        return where.toString();
    }
}
