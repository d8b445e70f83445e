package com.antevus.console.core;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableMap;
import javafx.css.PseudoClass;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;

/**
 * A form's errors shown at the field without moving anything: ControlsFX's {@link ValidationSupport} puts an error
 * mark on the field's corner, the field gets a red border, and hovering it gives the sentence. The rules stay in the
 * view model, which fills {@code errors} (field key → sentence); this only shows them.
 */
public final class FieldDecorations {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private final ValidationSupport support = new ValidationSupport();
    private final ObservableMap<String, String> errors;
    private final Map<String, Control> fields = new LinkedHashMap<>();
    private final Map<Control, Tooltip> ownTooltips = new java.util.HashMap<>();

    public FieldDecorations(ObservableMap<String, String> errors) {
        this.errors = errors;
        support.setValidationDecorator(new GraphicValidationDecoration());
        errors.addListener((MapChangeListener<String, String>) change -> refresh());
    }

    /** Shows the errors of {@code key} (and of keys under it, "key.…") on {@code control}. */
    public void field(String key, Control control) {
        fields.put(key, control);
        ownTooltips.put(control, control.getTooltip());
        support.registerValidator(control, false, (Control c, Object value) -> {
            String message = message(key);
            return ValidationResult.fromErrorIf(c, message == null ? "" : message, message != null);
        });
    }

    /** The sentence shown on the field, or null when it is fine. */
    public String message(String key) {
        StringBuilder sb = new StringBuilder();
        errors.forEach((k, v) -> {
            if (k.equals(key) || k.startsWith(key + ".")) {
                sb.append(sb.length() > 0 ? " " : "").append(v);
            }
        });
        return sb.length() == 0 ? null : sb.toString();
    }

    private void refresh() {
        support.revalidate();
        fields.forEach((key, control) -> {
            String message = message(key);
            control.pseudoClassStateChanged(DANGER, message != null);
            control.setTooltip(message == null ? ownTooltips.get(control) : new Tooltip(message));
        });
    }
}
