package com.antevus.console.invoicing;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.charges.PeriodCharges;
import com.antevus.console.core.Money;
import com.antevus.console.db.Jdbc;
import com.antevus.console.stripe.StripeFailure;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Per organization and period: what the rating engine charges now, what the console's invoice says, and what
 * Stripe's invoice lines add up to, with the differences. The console rates metered usage itself and invoices it
 * as invoice lines, so there are no Stripe meter totals to compare (see the README's pricing notes). Also the
 * dunning list: open invoices past their due date against the plan's grace period.
 */
public final class Reconciliation {
    private final Jdbc jdbc;
    private final CatalogService catalog;
    private final PeriodCharges charges;
    private final Supplier<StripeGateway> stripe;

    public Reconciliation(DataSource dataSource, CatalogService catalog, Supplier<StripeGateway> stripe) {
        this.jdbc = new Jdbc(dataSource);
        this.catalog = catalog;
        this.charges = new PeriodCharges(dataSource);
        this.stripe = stripe;
    }

    /**
     * @param ratedMinor  the rating engine's total for the period now (null: no subscription)
     * @param localMinor  the console's invoice total (null: not invoiced)
     * @param stripeMinor the sum of the Stripe invoice's lines (null: not in Stripe)
     * @param problem     what differs, or null when everything agrees
     */
    public record Row(UUID organizationId, String organizationName, String number, String localStatus, String stripeStatus,
                      Long ratedMinor, Long localMinor, Long stripeMinor, int localLines, int stripeLines, String currency, String problem) {
        public boolean matches() {
            return problem == null;
        }
    }

    /** Reconciles the period; reads each invoice's lines from Stripe (one request per invoice in Stripe). */
    /** How far a reconciliation has got: {@code done} of the period's {@code total} invoices compared with Stripe. */
    public record Progress(int done, int total) {
    }

    public List<Row> reconcile(YearMonth period, Consumer<Progress> progress) {
        Map<UUID, ReconciliationRepository.Local> invoices = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        for (ReconciliationRepository.Local l : jdbc.read("reading the period's invoices", c -> ReconciliationRepository.period(c, period))) {
            names.put(l.org(), l.name());
            if (l.id() != null) {
                invoices.put(l.org(), l);
            }
        }
        Map<UUID, PeriodCharges.OrganizationRating> ratings = charges.rateOrganizations(names.keySet(), period);
        List<Row> rows = new ArrayList<>();
        int done = 0;
        int total = invoices.size();
        progress.accept(new Progress(0, total));
        for (Map.Entry<UUID, String> e : names.entrySet()) {
            UUID org = e.getKey();
            PeriodCharges.OrganizationRating r = ratings.get(org);
            ReconciliationRepository.Local l = invoices.get(org);
            if (r == null && l == null) {
                continue;
            }
            Long rated = r == null ? null : r.rating().totalMinor();
            String currency = r != null ? r.rating().currency() : l.currency();
            if (l == null) {
                rows.add(new Row(org, e.getValue(), null, null, null, rated, null, null, 0, 0, currency,
                        rated != null && rated > 0 ? "Not invoiced: " + Money.of(rated, currency).format() + " rated" : null));
                continue;
            }
            Long stripeSum = null;
            int stripeLines = 0;
            String stripeStatus = null;
            Long stripeCredited = null;
            String problem = null;
            if (l.stripeId() != null) {
                try {
                    StripeModels.Invoice si = stripe.get().retrieveInvoice(l.stripeId());
                    List<StripeModels.InvoiceLine> lines = stripe.get().invoiceLines(l.stripeId());
                    stripeSum = lines.stream().mapToLong(x -> x.amount().minor()).sum();
                    stripeLines = lines.size();
                    stripeStatus = si.status();
                    stripeCredited = si.prePaymentCredited().minor() + si.postPaymentCredited().minor();
                } catch (StripeFailure f) {
                    problem = "Stripe could not be read: " + f.getMessage();
                }
            }
            if (problem == null) {
                List<String> diffs = new ArrayList<>();
                if (rated != null && rated != l.total()) {
                    diffs.add("invoice " + Money.of(l.total() - rated, currency).format() + " vs rating");
                }
                if (stripeSum != null && stripeSum != l.total()) {
                    diffs.add("Stripe lines " + Money.of(stripeSum - l.total(), currency).format() + " vs invoice");
                }
                if (stripeSum != null && stripeLines != l.lines()) {
                    diffs.add(stripeLines + " Stripe lines vs " + l.lines());
                }
                if (stripeCredited != null && stripeCredited != l.credited()) {
                    diffs.add("credit notes " + Money.of(l.credited(), currency).format() + " here, "
                            + Money.of(stripeCredited, currency).format() + " in Stripe");
                }
                if (stripeStatus != null && !stripeStatus.equals(l.status())) {
                    diffs.add("status " + l.status() + " here, " + stripeStatus + " in Stripe (sync events)");
                }
                if (l.stripeId() == null && !"draft".equals(l.status())) {
                    diffs.add("not in Stripe (invoiced before the console)");
                }
                problem = diffs.isEmpty() ? null : String.join("; ", diffs);
            }
            rows.add(new Row(org, l.name(), l.number(), l.status(), stripeStatus, rated, l.total(), stripeSum, l.lines(), stripeLines,
                    currency, problem));
            progress.accept(new Progress(++done, total));
        }
        return rows;
    }

    /** The rows as CSV (RFC 4180), amounts in major units with the currency's digits. */
    public static String csv(List<Row> rows) {
        return com.antevus.console.core.Csv.of(List.of("organization_id", "organization", "number", "local_status", "stripe_status",
                "currency", "rated", "invoiced", "stripe_lines_total", "local_lines", "stripe_lines", "matches", "problem"),
                rows.stream().map(r -> java.util.Arrays.asList(r.organizationId(), r.organizationName(), r.number(), r.localStatus(),
                        r.stripeStatus(), r.currency(), major(r.ratedMinor(), r.currency()), major(r.localMinor(), r.currency()),
                        major(r.stripeMinor(), r.currency()), r.localLines(), r.stripeLines(), r.matches(), r.problem())).toList());
    }

    /** An amount in major units, as a number a spreadsheet sums (empty when there is none). */
    private static java.math.BigDecimal major(Long minor, String currency) {
        return minor == null ? null : Money.of(minor, currency).toMajor();
    }

    /** An open invoice past its due date. */
    public record DunningRow(UUID organizationId, UUID invoiceId, String organizationName, String number, long dueMinor, String currency,
                             LocalDate dueDate, long daysOverdue, int graceDays, String paymentError) {
        public boolean pastGrace() {
            return daysOverdue > graceDays;
        }
    }

    /** Open invoices past due on {@code today}, most overdue first, with the plan's grace period. */
    public List<DunningRow> dunning(LocalDate today) {
        return jdbc.read("reading past-due invoices", c -> ReconciliationRepository.pastDue(c, today));
    }
}
