package com.antevus.console.catalog;

import com.antevus.console.core.Money;
import com.antevus.console.core.Quantities;
import com.antevus.console.core.SectionViewModel;
import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.AddOn;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.rating.RatedLine;
import com.antevus.console.rating.Rating;
import com.antevus.console.rating.RatingEngine;
import com.antevus.console.rating.RatingFacts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The live price preview beside the plan editor: usage typed for each metric the plan prices or includes, the
 * interval, seats, own-LLM and add-ons, and the bill the rating engine gives for the form's plan as it stands, line by
 * line with its total and a one-line headline. Touches no Node.
 */
public final class PricePreviewViewModel extends SectionViewModel {
    private final CatalogViewModel section;
    private final ObservableList<UsageInput> usage = FXCollections.observableArrayList(u -> new Observable[]{u.quantity});
    private final BooleanProperty annual = new SimpleBooleanProperty(false);
    private final BooleanProperty byoLlm = new SimpleBooleanProperty(false);
    private final StringProperty seats = new SimpleStringProperty("");
    private final ObservableList<AddOnChoice> addOns = FXCollections.observableArrayList(a -> new Observable[]{a.chosen});
    private final ObservableList<RatedLine> lines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    /** One metric's usage typed into the preview. */
    public static final class UsageInput {
        public final String metric;
        public final String label;
        public final StringProperty quantity = new SimpleStringProperty("");

        UsageInput(String metric, String label) {
            this.metric = metric;
            this.label = label;
        }
    }

    /** An add-on ticked (or not) in the preview. */
    public static final class AddOnChoice {
        public final AddOn addOn;
        public final BooleanProperty chosen = new SimpleBooleanProperty(false);

        AddOnChoice(AddOn addOn) {
            this.addOn = addOn;
        }

        @Override
        public String toString() {
            return addOn.name() + " (" + Money.of(addOn.monthlyMinor(), addOn.currency()).format() + ")";
        }
    }

    PricePreviewViewModel(CatalogViewModel section) {
        super(section);
        this.section = section;
        usage.addListener((ListChangeListener<UsageInput>) c -> refresh());
        addOns.addListener((ListChangeListener<AddOnChoice>) c -> refresh());
        annual.addListener(x -> refresh());
        byoLlm.addListener(x -> refresh());
        seats.addListener(x -> refresh());
    }

    /** The plan shown changed: one usage field per metric it prices or includes, keeping what was typed for each. */
    void plan(PlanSpec p, Catalog c) {
        if (p == null) {
            usage.clear();
            return;
        }
        Map<String, String> typed = new HashMap<>();
        usage.forEach(u -> typed.put(u.metric, u.quantity.get()));
        List<UsageInput> inputs = new ArrayList<>();
        for (Catalog.Metric m : c == null ? List.<Catalog.Metric>of() : c.metrics()) {
            if (p.meteredPrice(m.code()).isPresent() || p.quota(m.code()).isPresent()) {
                UsageInput in = new UsageInput(m.code(), "GB".equals(m.unit()) ? m.name() + " (GB)" : m.name());
                in.quantity.set(typed.getOrDefault(m.code(), ""));
                inputs.add(in);
            }
        }
        usage.setAll(inputs);
    }

    /** The catalog's add-ons changed: each can be ticked again (unticked). */
    void addOns(List<AddOn> list) {
        addOns.setAll(list.stream().map(AddOnChoice::new).toList());
    }

    private void clear(String why) {
        lines.clear();
        total.set("");
        headline.set("");
        problem.set(why);
    }

    /**
     * Prices the form's plan on what is typed; a field with a problem (the form's, or the catalog's rules as the editor
     * found them) or a quantity that is not one says what to fix instead.
     */
    void refresh() {
        problem.set("");
        Catalog c = section.catalogProperty().get();
        PlanEditorViewModel editor = section.editor();
        if (c == null || editor == null || editor.selectedPlanProperty().get() == null) {
            clear("");
            return;
        }
        Map<String, String> problems = new LinkedHashMap<>();
        PlanSpec p = editor.form().toPlan(problems);
        if (!problems.isEmpty() || !editor.fieldErrors().isEmpty()) {
            clear("Fix the plan's fields to see its price.");
            return;
        }
        Map<String, Long> used = new LinkedHashMap<>();
        for (UsageInput u : usage) {
            String t = u.quantity.get() == null ? "" : u.quantity.get().trim();
            if (t.isEmpty()) {
                continue;
            }
            Long q = quantity(t);
            if (q == null) {
                clear("'" + t + "' is not a quantity for " + u.label + " (try 1600000, 1.6M or 250k).");
                return;
            }
            used.put(u.metric, q);
        }
        Map<String, Integer> chosen = new LinkedHashMap<>();
        addOns.stream().filter(a -> a.chosen.get()).forEach(a -> chosen.put(a.addOn.code(), 1));
        Integer seatCount = null;
        if (seats.get() != null && !seats.get().isBlank()) {
            Long s = quantity(seats.get().trim());
            if (s == null || s > Integer.MAX_VALUE) {
                clear("Seats is a whole number.");
                return;
            }
            seatCount = s.intValue();
        }
        try {
            Rating r = RatingEngine.rate(p, PlanEditorViewModel.withPlan(c, editor.editing(), p).addOnsByCode(),
                    new RatingFacts(annual.get() ? RatingFacts.Interval.YEAR : RatingFacts.Interval.MONTH, seatCount, chosen,
                            byoLlm.get(), null, BigDecimal.ZERO, 0), used);
            lines.setAll(r.lines());
            total.set(Money.of(r.totalMinor(), r.currency()).format());
            headline.set(headline(p, c, used, r));
        } catch (IllegalArgumentException e) {
            clear(e.getMessage());
        }
    }

    /** "1.6M events on Core → $300.00 overage". */
    static String headline(PlanSpec p, Catalog c, Map<String, Long> used, Rating r) {
        if (used.isEmpty()) {
            return p.name() + " with no usage → " + Money.of(r.totalMinor(), r.currency()).format();
        }
        List<String> parts = new ArrayList<>();
        used.forEach((metric, q) -> {
            Catalog.Metric m = c.metric(metric).orElse(new Catalog.Metric(metric, metric.replace('_', ' '), "", Catalog.Aggregation.SUM));
            if ("GB".equals(m.unit())) {
                parts.add(String.format(Locale.US, "%,d GB of %s", q, m.name().toLowerCase(Locale.ROOT)));
            } else {
                boolean acronym = m.name().length() > 1 && Character.isUpperCase(m.name().charAt(1));
                parts.add(compact(q) + " " + (acronym ? m.name() : m.name().toLowerCase(Locale.ROOT)));
            }
        });
        return String.join(", ", parts) + " on " + p.name() + " → " + Money.of(r.overageMinor(), r.currency()).format() + " overage";
    }

    static String compact(long q) {
        if (q >= 1_000_000 && q % 100_000 == 0) {
            return BigDecimal.valueOf(q).movePointLeft(6).stripTrailingZeros().toPlainString() + "M";
        }
        if (q >= 1_000 && q % 100 == 0) {
            return BigDecimal.valueOf(q).movePointLeft(3).stripTrailingZeros().toPlainString() + "k";
        }
        return String.format(Locale.US, "%,d", q);
    }

    /** A typed quantity (see {@link Quantities}); null when it is not a whole, non-negative one. */
    static Long quantity(String text) {
        Long v = Quantities.parse(text);
        return v == null || v < 0 ? null : v;
    }

    // ---- properties -----------------------------------------------------------------------------------------
    public ObservableList<UsageInput> usage() {
        return usage;
    }

    public BooleanProperty annualProperty() {
        return annual;
    }

    public BooleanProperty byoLlmProperty() {
        return byoLlm;
    }

    public StringProperty seatsProperty() {
        return seats;
    }

    public ObservableList<AddOnChoice> addOnChoices() {
        return addOns;
    }

    public ObservableList<RatedLine> lines() {
        return lines;
    }

    public ReadOnlyStringProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** Why there is no price to show (a field to fix, a quantity that is not one); empty when there is one. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
