package com.antevus.console.catalog;

import com.antevus.console.core.Money;
import com.antevus.console.core.SectionViewModel;
import com.antevus.console.core.TaskExecutor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The Coupons tab: the console's coupons with what Stripe says of their redemptions, the form for a new one, and the
 * promotion codes of the one chosen. Finance and admins change them ({@link #writeNoteProperty()} says why not).
 */
public final class CouponsViewModel extends SectionViewModel {
    private final CouponService service;
    private final TaskExecutor executor;
    private final ObservableList<CouponService.Coupon> coupons = FXCollections.observableArrayList();
    private final ObservableMap<String, com.antevus.console.stripe.StripeModels.Coupon> stripe = FXCollections.observableHashMap();
    private final ObservableList<CouponService.Code> codes = FXCollections.observableArrayList();
    private final ObservableList<CouponService.Application> applications = FXCollections.observableArrayList();
    private final ObjectProperty<CouponService.Coupon> selected = new SimpleObjectProperty<>();
    private final StringProperty writeNote = new SimpleStringProperty("");
    final StringProperty id = new SimpleStringProperty("");
    final StringProperty name = new SimpleStringProperty("");
    final StringProperty off = new SimpleStringProperty("");
    final ObjectProperty<String> kind = new SimpleObjectProperty<>("percent");
    final ObjectProperty<String> duration = new SimpleObjectProperty<>("once");
    final StringProperty months = new SimpleStringProperty("");
    final StringProperty redeemBy = new SimpleStringProperty("");
    final StringProperty maxRedemptions = new SimpleStringProperty("");
    final StringProperty reason = new SimpleStringProperty("");
    final StringProperty code = new SimpleStringProperty("");
    private final ObservableMap<String, String> problems = FXCollections.observableHashMap();

    CouponsViewModel(SectionViewModel section, CouponService service, TaskExecutor executor) {
        super(section);
        this.service = service;
        this.executor = executor;
        selected.addListener((o, a, k) -> loadCodes());
    }

    private boolean shown;

    /** The tab is shown: its coupons (and what Stripe says of them) are read the first time, not with every catalog load. */
    public void show() {
        if (!shown) {
            shown = true;
            load();
        }
    }

    /** Reads the coupons again if the tab was ever shown (a catalog reload). */
    public void reloadIfShown() {
        if (shown) {
            load();
        }
    }

    public void load() {
        executor.run(() -> new Object[]{service.list(), safeStripe()}, r -> {
            @SuppressWarnings("unchecked") java.util.List<CouponService.Coupon> list = (java.util.List<CouponService.Coupon>) r[0];
            @SuppressWarnings("unchecked") Map<String, com.antevus.console.stripe.StripeModels.Coupon> inStripe =
                    (Map<String, com.antevus.console.stripe.StripeModels.Coupon>) r[1];
            CouponService.Coupon was = selected.get();
            coupons.setAll(list);
            stripe.clear();
            stripe.putAll(inStripe);
            if (was != null) {
                selected.set(list.stream().filter(k -> k.id().equals(was.id())).findFirst().orElse(null));
            }
        }, this::fail);
    }

    private Map<String, com.antevus.console.stripe.StripeModels.Coupon> safeStripe() {
        try {
            return service.inStripe();
        } catch (com.antevus.console.stripe.StripeFailure f) {
            return Map.of(); // the list still shows; redemptions say "—" until Stripe answers
        }
    }

    private void loadCodes() {
        CouponService.Coupon k = selected.get();
        codes.clear();
        applications.clear();
        if (k != null) {
            executor.run(() -> new Object[]{service.codes(k.id()), service.applicationsOf(k.id())}, r -> {
                @SuppressWarnings("unchecked") java.util.List<CouponService.Code> c = (java.util.List<CouponService.Code>) r[0];
                @SuppressWarnings("unchecked") java.util.List<CouponService.Application> a = (java.util.List<CouponService.Application>) r[1];
                if (k.equals(selected.get())) {
                    codes.setAll(c);
                    applications.setAll(a);
                }
            }, this::fail);
        }
    }

    // ---- applying the chosen coupon to an organization ------------------------------------------------------

    /** The organizations to choose from, read in the background. */
    public void organizations(java.util.function.Consumer<java.util.List<CouponService.OrganizationChoice>> then) {
        executor.run(service::organizations, then, this::fail);
    }

    /** The months an application may start with: last month (its invoice may still be a draft), this one and the next three. */
    public java.util.List<java.time.YearMonth> startMonths() {
        java.time.YearMonth now = service.thisMonth();
        return java.util.List.of(now.minusMonths(1), now, now.plusMonths(1), now.plusMonths(2), now.plusMonths(3));
    }

    /** What applying would do, in words, or the one sentence saying why it cannot: checked by the database, nothing kept. */
    public void preview(java.util.UUID org, CouponService.Target target, java.time.YearMonth month, String why,
                        java.util.function.Consumer<String> words, java.util.function.Consumer<String> refused) {
        CouponService.Coupon k = selected.get();
        if (k == null) {
            return;
        }
        executor.run(() -> CouponService.words(service.preview(k.id(), org, target, month, why)), words,
                e -> refused.accept(com.antevus.console.core.Errors.plainMessage(e)));
    }

    public void apply(java.util.UUID org, CouponService.Target target, java.time.YearMonth month, String why) {
        CouponService.Coupon k = selected.get();
        if (k == null) {
            return;
        }
        busy.set(true);
        error.set("");
        executor.run(() -> service.apply(k.id(), org, target, month, why), applied -> {
            busy.set(false);
            CouponService.Application x = applied.application();
            message.set("Applied " + x.couponStripeId() + " to " + x.organizationName() + ": " + x.coversShort()
                    + (applied.draftLineMinor() == null ? "." : "; its open draft gained a line of " + Money.of(applied.draftLineMinor(),
                    applied.currency()).format() + "."));
            loadCodes();
            load();
        }, this::fail);
    }

    public void removeApplication(CouponService.Application a, String why) {
        busy.set(true);
        executor.run(() -> {
            service.remove(a, why);
            return true;
        }, ok -> {
            busy.set(false);
            message.set(a.couponStripeId() + " removed from " + a.organizationName() + "; months not yet drafted are no longer discounted.");
            loadCodes();
            load();
        }, this::fail);
    }

    /** The coupon the form describes; null with the problems by field when it has some. */
    CouponService.Draft typed() {
        problems.clear();
        BigDecimal pct = null;
        Long amount = null;
        if (off.get() == null || off.get().isBlank()) {
            problems.put("off", "Give the percent or the amount off.");
        } else if ("percent".equals(kind.get())) {
            try {
                pct = new BigDecimal(off.get().strip().replace("%", ""));
            } catch (NumberFormatException e) {
                problems.put("off", "Enter a percent such as 25.");
            }
        } else {
            try {
                amount = Money.parseMajor(off.get(), "USD");
            } catch (IllegalArgumentException e) {
                problems.put("off", "Enter an amount such as 250.00.");
            }
        }
        Integer m = parseInt(months.get(), "months", "Enter a number of months.");
        Integer max = parseInt(maxRedemptions.get(), "maxRedemptions", "Enter a number of redemptions, or leave it empty.");
        java.time.Instant by = null;
        if (redeemBy.get() != null && !redeemBy.get().isBlank()) {
            try {
                by = LocalDate.parse(redeemBy.get().strip()).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException e) {
                problems.put("redeemBy", "Enter the last day as YYYY-MM-DD, or leave it empty.");
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        CouponService.Draft d = new CouponService.Draft(id.get() == null ? null : id.get().strip(), name.get(), pct, amount, "USD",
                duration.get(), "repeating".equals(duration.get()) ? m : null, by, max);
        problems.putAll(service.problems(d));
        return problems.isEmpty() ? d : null;
    }

    private Integer parseInt(String text, String field, String message) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            problems.put(field, message);
            return null;
        }
    }

    public void create() {
        CouponService.Draft d = typed();
        if (d == null) {
            return;
        }
        String why = reason.get();
        busy.set(true);
        error.set("");
        executor.run(() -> service.create(d, why), k -> {
            busy.set(false);
            message.set("Coupon " + k.stripeId() + " created: " + k.offWords() + " " + k.durationWords() + ".");
            for (StringProperty p : java.util.List.of(id, name, off, months, redeemBy, maxRedemptions, reason)) {
                p.set("");
            }
            load();
        }, this::fail);
    }

    public void archive(String why) {
        CouponService.Coupon k = selected.get();
        if (k == null) {
            return;
        }
        busy.set(true);
        executor.run(() -> {
            service.archive(k, why);
            return true;
        }, ok -> {
            busy.set(false);
            message.set("Coupon " + k.stripeId() + " archived; its promotion codes no longer work.");
            load();
        }, this::fail);
    }

    public void createCode(String why) {
        CouponService.Coupon k = selected.get();
        if (k == null) {
            return;
        }
        String typed = code.get();
        busy.set(true);
        executor.run(() -> service.createCode(k, typed, null, null, why), c -> {
            busy.set(false);
            message.set("Promotion code " + c.code() + " created for " + k.stripeId() + ".");
            code.set("");
            loadCodes();
            load();
        }, this::fail);
    }

    public void deactivate(CouponService.Code c, String why) {
        busy.set(true);
        executor.run(() -> {
            service.deactivate(c, why);
            return true;
        }, ok -> {
            busy.set(false);
            message.set("Promotion code " + c.code() + " deactivated.");
            loadCodes();
            load();
        }, this::fail);
    }

    public boolean mayNotWrite() {
        return writeNote.get() != null && !writeNote.get().isEmpty();
    }

    public ObservableList<CouponService.Coupon> coupons() { return coupons; }
    public ObservableMap<String, com.antevus.console.stripe.StripeModels.Coupon> stripe() { return stripe; }
    public ObservableList<CouponService.Code> codes() { return codes; }
    public ObservableList<CouponService.Application> applications() { return applications; }
    public ObjectProperty<CouponService.Coupon> selectedProperty() { return selected; }
    public ObservableMap<String, String> problems() { return problems; }
    /** Non-empty for a role that may read coupons but not change them: the reason, shown on the disabled buttons. */
    public StringProperty writeNoteProperty() { return writeNote; }
}
