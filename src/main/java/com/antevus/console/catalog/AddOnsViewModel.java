package com.antevus.console.catalog;

import com.antevus.console.core.SectionViewModel;
import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.AddOn;
import com.antevus.console.pricing.CatalogRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The Add-ons tab: the catalog's add-ons as editable rows. Rows that read well (a price, and by how much a raised
 * resource goes up) and pass the catalog's rules replace the working copy's add-ons at once; a row with a problem
 * shows it beside the row and changes nothing. Touches no Node.
 */
public final class AddOnsViewModel extends SectionViewModel {
    private final CatalogViewModel section;
    private final PricePreviewViewModel preview;
    private final ObservableList<AddOnRow> rows = FXCollections.observableArrayList(
            r -> new Observable[]{r.code, r.name, r.monthly, r.raises, r.by});
    private final ObservableMap<Integer, String> errors = FXCollections.observableHashMap();
    private boolean loading;

    /** One editable add-on row: code, name, monthly price (major units), the resource it raises and by how much. */
    public static final class AddOnRow {
        public final StringProperty code = new SimpleStringProperty("");
        public final StringProperty name = new SimpleStringProperty("");
        public final StringProperty monthly = new SimpleStringProperty("");
        public final StringProperty raises = new SimpleStringProperty("");
        public final StringProperty by = new SimpleStringProperty("");
        String currency = "USD";

        static AddOnRow of(AddOn a) {
            AddOnRow r = new AddOnRow();
            r.code.set(a.code());
            r.name.set(a.name());
            r.currency = a.currency();
            r.monthly.set(PlanForm.major(a.monthlyMinor(), a.currency()));
            r.raises.set(a.raisesResource() == null ? "" : a.raisesResource());
            r.by.set(a.raisesBy() == null ? "" : String.valueOf(a.raisesBy()));
            return r;
        }
    }

    AddOnsViewModel(CatalogViewModel section, PricePreviewViewModel preview) {
        super(section);
        this.section = section;
        this.preview = preview;
        rows.addListener((ListChangeListener<AddOnRow>) c -> {
            if (!loading) {
                apply();
            }
        });
    }

    /** A version's catalog was loaded: its add-ons, no problems. */
    void show(Catalog c) {
        loading = true;
        try {
            rows.setAll(c.addOns().stream().map(AddOnRow::of).toList());
            errors.clear();
        } finally {
            loading = false;
        }
        preview.addOns(c.addOns());
    }

    /** Reads the rows into the working catalog when they are valid; problems land in {@link #errors()} by row. */
    private void apply() {
        Map<Integer, String> problems = new HashMap<>();
        List<AddOn> list = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            AddOnRow r = rows.get(i);
            Map<String, String> errs = new LinkedHashMap<>();
            Long monthly = PlanForm.money(r.monthly.get(), r.currency, errs, "monthly");
            Long by = PlanForm.integer(r.by.get(), errs, "by", null);
            if (monthly == null && errs.isEmpty()) {
                errs.put("monthly", "a monthly price is required");
            }
            String raises = r.raises.get() == null || r.raises.get().isBlank() ? null : r.raises.get().trim();
            if (raises != null && by == null && errs.isEmpty()) {
                errs.put("by", "say by how much it raises " + raises);
            }
            if (!errs.isEmpty()) {
                problems.put(i, errs.values().iterator().next());
                continue;
            }
            list.add(new AddOn(r.code.get().trim(), r.name.get().trim(), r.currency, monthly, raises,
                    raises == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, by))));
        }
        Catalog c = section.catalogProperty().get();
        if (problems.isEmpty() && c != null) {
            Catalog candidate = new Catalog(c.metrics(), c.resources(), c.plans(), list);
            for (CatalogRules.Problem pr : CatalogRules.validate(candidate)) {
                if (pr.path().startsWith("add_ons.")) {
                    String code = pr.path().substring("add_ons.".length()).split("\\.")[0];
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i).code().equals(code)) {
                            problems.putIfAbsent(i, pr.message());
                        }
                    }
                }
            }
            if (problems.isEmpty()) {
                section.edited(candidate);
                preview.addOns(list);
            }
        }
        errors.clear();
        errors.putAll(problems);
        section.markDirty();
    }

    /** A new add-on row with a code not yet taken and no price (0.00). */
    public void addAddOn() {
        if (!section.editableProperty().get()) {
            return;
        }
        AddOnRow r = new AddOnRow();
        String code = "new-add-on";
        Catalog c = section.catalogProperty().get();
        for (int i = 2; c != null && c.addOn(code).isPresent(); i++) {
            code = "new-add-on-" + i;
        }
        r.code.set(code);
        r.name.set("New add-on");
        r.monthly.set("0.00");
        rows.add(r);
    }

    public void removeAddOn(AddOnRow row) {
        if (section.editableProperty().get() && row != null) {
            rows.remove(row);
        }
    }

    /** True while a row has a problem: Save draft refuses until it is fixed. */
    boolean hasProblems() {
        return !errors.isEmpty();
    }

    public ObservableList<AddOnRow> rows() {
        return rows;
    }

    /** The problem of each row with one, by its index in {@link #rows()}. */
    public ObservableMap<Integer, String> errors() {
        return errors;
    }
}
