package com.antevus.console.orgs;

import com.antevus.console.core.Errors;
import com.antevus.console.core.TaskExecutor;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/** One organization's page: its profile, read in the background; a newer open wins over a slower older one. */
public final class OrganizationPageViewModel {
    private final OrganizationService service;
    private final TaskExecutor executor;
    private final ObjectProperty<OrganizationProfile> profile = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private UUID wanted;

    public OrganizationPageViewModel(OrganizationService service, TaskExecutor executor) {
        this.service = service;
        this.executor = executor;
    }

    /** Opens the organization's page (the previous organization's stays until this one has loaded). */
    public void open(UUID organization) {
        wanted = organization;
        busy.set(true);
        error.set("");
        executor.run(() -> service.profile(organization), p -> {
            if (organization.equals(wanted)) {
                busy.set(false);
                profile.set(p);
            }
        }, t -> {
            if (organization.equals(wanted)) {
                busy.set(false);
                error.set(Errors.plainMessage(t));
            }
        });
    }

    // ---- credits: grant, or take with a reason (finance and admins; the database decides) -------------------------
    private com.antevus.console.credits.CreditService credits;
    private final javafx.beans.property.StringProperty creditsNote = new javafx.beans.property.SimpleStringProperty("");
    private final javafx.collections.ObservableMap<String, String> creditErrors = javafx.collections.FXCollections.observableHashMap();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /** What recording credits will do: grant a lot (positive) or take credits in the precedence order (negative). */
    public record CreditRequest(com.antevus.console.credits.CreditLedger.Bucket kind, long credits, java.time.Instant expiresAt,
                                java.time.YearMonth period, String reason) {
    }

    /** Lets the page grant and take credits; {@code readOnlyNote} is non-empty for a role that may only read them. */
    public void credits(com.antevus.console.credits.CreditService service, String readOnlyNote) {
        this.credits = service;
        this.creditsNote.set(readOnlyNote == null ? "" : readOnlyNote);
    }

    private com.antevus.console.invoicing.CreditSales sales;
    private final javafx.collections.ObservableList<com.antevus.console.credits.CreditService.CreditProduct> products =
            javafx.collections.FXCollections.observableArrayList();

    /** Lets the page sell credit products through Stripe (their own invoice; credits when paid). */
    public void sales(com.antevus.console.invoicing.CreditSales service) {
        this.sales = service;
    }

    public boolean canSellCredits() {
        return sales != null && credits != null;
    }

    /** The credit products on sale, read in the background. */
    public javafx.collections.ObservableList<com.antevus.console.credits.CreditService.CreditProduct> products() {
        if (products.isEmpty() && credits != null) {
            executor.run(credits::products, products::setAll, t -> error.set(Errors.plainMessage(t)));
        }
        return products;
    }

    /** The one confirmation before a sale, in words and amounts. */
    public static com.antevus.console.core.DialogService.Confirmation saleConfirmation(com.antevus.console.credits.CreditService.CreditProduct p,
                                                                                       String organization, String reason) {
        return new com.antevus.console.core.DialogService.Confirmation("Sell credits", String.format(java.util.Locale.US,
                "Sell %,d credits to %s for %s.", p.credits(), organization, com.antevus.console.core.Money.of(p.priceMinor(), p.currency()).format()),
                java.util.List.of("Stripe creates its own invoice and sends it (due in " + com.antevus.console.invoicing.CreditSales.DAYS_UNTIL_DUE
                        + " days).", "The purchased credits (never expiring) are granted when it is paid.", "Reason for the audit log: " + reason),
                "Sell credits", null);
    }

    /** Sells it in the background; the notice says the invoice and that the credits come when it is paid. */
    public void sell(com.antevus.console.credits.CreditService.CreditProduct p, String reason) {
        UUID org = wanted;
        if (sales == null || org == null) {
            return;
        }
        busy.set(true);
        error.set("");
        message.set("");
        executor.run(() -> sales.sell(org, p.code(), reason), s -> {
            busy.set(false);
            message.set("Sold " + s.words() + ": invoice " + s.invoiceNumber() + " sent; the credits are granted when it is paid.");
            reload();
        }, t -> {
            busy.set(false);
            error.set(Errors.plainMessage(t));
        });
    }

    /** Whether the page can record credits at all (a service was given). */
    public boolean canRecordCredits() {
        return credits != null;
    }

    /**
     * Reads the credits form: problems land in {@link #creditErrors()} by field ("credits", "expires", "reason") and
     * nothing is returned; otherwise what will be recorded. A negative number takes credits; the kind and expiry then
     * do not matter. Subscription credits are this month's allocation.
     */
    public java.util.Optional<CreditRequest> checkCredits(com.antevus.console.credits.CreditLedger.Bucket kind, String creditsText,
                                                          java.time.LocalDate lastDay, String reason) {
        creditErrors.clear();
        if (credits == null) {
            return java.util.Optional.empty();
        }
        String t = creditsText == null ? "" : creditsText.strip().replace(",", "");
        boolean take = t.startsWith("-");
        Long n = t.isEmpty() ? null : com.antevus.console.core.Quantities.parse(take ? t.substring(1) : t.replaceFirst("^\\+", ""));
        if (t.isEmpty()) {
            creditErrors.put("credits", "How many credits? (negative to take credits away)");
        } else if (n == null || n <= 0) {
            creditErrors.put("credits", "'" + creditsText.strip() + "' is not a whole number of credits (try 5000, 50k or -300)");
        } else if (n > com.antevus.console.credits.CreditService.MAX_CREDITS) {
            creditErrors.put("credits", "At most " + String.format(java.util.Locale.US, "%,d", com.antevus.console.credits.CreditService.MAX_CREDITS)
                    + " credits at once");
        }
        if (reason == null || reason.isBlank()) {
            creditErrors.put("reason", "Say why: the reason goes to the audit log with the entry");
        }
        java.time.LocalDate today = java.time.LocalDate.ofInstant(credits.now(),
                java.time.ZoneOffset.UTC);
        if (!take && kind == com.antevus.console.credits.CreditLedger.Bucket.PROMOTIONAL && (lastDay == null || lastDay.isBefore(today))) {
            creditErrors.put("expires", "Promotional credits need a last day, today or later");
        }
        if (!take && kind != com.antevus.console.credits.CreditLedger.Bucket.PROMOTIONAL && lastDay != null) {
            creditErrors.put("expires", kind == com.antevus.console.credits.CreditLedger.Bucket.PURCHASED
                    ? "Purchased credits never expire; clear the date" : "Subscription credits expire with the month; clear the date");
        }
        if (!creditErrors.isEmpty()) {
            return java.util.Optional.empty();
        }
        java.time.Instant expires = take || lastDay == null ? null : lastDay.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        return java.util.Optional.of(new CreditRequest(kind, take ? -n : n, expires, take ? null : java.time.YearMonth.from(today), reason.strip()));
    }

    /** The one confirmation before credits are recorded, in words and numbers. */
    public static com.antevus.console.core.DialogService.Confirmation confirmation(CreditRequest r, String organization) {
        String n = String.format(java.util.Locale.US, "%,d", Math.abs(r.credits()));
        if (r.credits() < 0) {
            return new com.antevus.console.core.DialogService.Confirmation("Take credits", "Take " + n + " credits from " + organization + ".",
                    java.util.List.of("They come from its lots in the precedence order the credit settings give; if it has fewer, nothing is taken.",
                            "Reason for the audit log: " + r.reason()), "Take credits", null);
        }
        String expiry = switch (r.kind()) {
            case PURCHASED -> "They never expire.";
            case SUBSCRIPTION -> "They are " + com.antevus.console.core.Dates.month(r.period()) + "'s allocation and expire at its end.";
            case PROMOTIONAL -> "They can be spent until " + com.antevus.console.core.Dates.minute(r.expiresAt()) + ".";
        };
        return new com.antevus.console.core.DialogService.Confirmation("Grant credits", "Grant " + n + " " + r.kind().db() + " credits to "
                + organization + ".", java.util.List.of(expiry, "Usage above the included amounts is paid with them before it is billed.",
                "Reason for the audit log: " + r.reason()), "Grant credits", null);
    }

    /** Records it in the background, then reads the page again; a refusal (the database's or the rules') is the error line. */
    public void record(CreditRequest r) {
        UUID org = wanted;
        if (credits == null || org == null) {
            return;
        }
        busy.set(true);
        error.set("");
        message.set("");
        executor.run(() -> r.credits() > 0
                ? java.util.List.of(credits.grant(org, new com.antevus.console.credits.CreditService.Grant(r.kind(), r.credits(), null,
                        r.kind() == com.antevus.console.credits.CreditLedger.Bucket.PROMOTIONAL ? r.expiresAt() : null,
                        r.kind() == com.antevus.console.credits.CreditLedger.Bucket.SUBSCRIPTION ? r.period() : null, r.reason())))
                : credits.adjust(org, r.credits(), null, null, r.reason()), done -> {
            busy.set(false);
            message.set(String.format(java.util.Locale.US, r.credits() > 0 ? "Granted %,d %s credits." : "Took %,d credits.", Math.abs(r.credits()),
                    r.kind().db()));
            reload();
        }, t -> {
            busy.set(false);
            error.set(Errors.plainMessage(t));
        });
    }

    /** A person backed out of the confirmation: say so, so nobody thinks it happened. */
    public void declined(String action) {
        error.set("");
        message.set(action + ": not done. Nothing was changed.");
    }

    public javafx.beans.property.StringProperty creditsNoteProperty() { return creditsNote; }
    public javafx.collections.ObservableMap<String, String> creditErrors() { return creditErrors; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** Reads the open organization again. */
    public void reload() {
        if (wanted != null) {
            open(wanted);
        }
    }

    public ObjectProperty<OrganizationProfile> profileProperty() { return profile; }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
