package com.antevus.console.invoicing;

import com.antevus.console.core.Money;
import com.antevus.console.db.HeldConnection;
import com.antevus.console.invoicing.InvoiceJournalRepository.JournalRow;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeFailure;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Takes one invoice through its Stripe steps, from wherever its journal row says it stopped: customer → invoice
 * (send_invoice) → lines (one add_lines call) → finalize → send. Each Stripe id is written to the journal in the
 * same transaction that advances its state. Every POST's idempotency key is derived from the console's record
 * and the step (bc.invoice.&lt;id&gt;:finalize). When a step was first tried more than 23 hours ago, Stripe may
 * have forgotten its key, so the step looks its object up by metadata before creating it.
 *
 * <p>An organization's period is invoiced by one console at a time: the steps run under a session advisory lock
 * on (organization, period), held on the caller's connection, which a crash releases with the session.
 */
final class InvoiceSteps {
    /** The steps, in order, with the journal state each one reaches. */
    enum Step {
        CUSTOMER("Stripe customer", "customer_ready"),
        CREATE_INVOICE("Create invoice", "invoice_created"),
        ADD_LINES("Add lines", "lines_added"),
        FINALIZE("Finalize", "finalized"),
        SEND("Send", "sent");

        final String label;
        final String reaches;

        Step(String label, String reaches) {
            this.label = label;
            this.reaches = reaches;
        }

        static Step after(String state) {
            return switch (state) {
                case "planned" -> CUSTOMER;
                case "customer_ready" -> CREATE_INVOICE;
                case "invoice_created" -> ADD_LINES;
                case "lines_added" -> FINALIZE;
                case "finalized" -> SEND;
                default -> null;
            };
        }

        public String label() {
            return label;
        }
    }

    /** Hooks around each step (progress views; the crash tests kill the run from here). */
    interface Observer {
        Observer NONE = new Observer() {
        };

        /** Before the step's Stripe call. */
        default void beforeCall(UUID invoice, Step step) {
        }

        /** After Stripe answered, before the journal records it. */
        default void afterCall(UUID invoice, Step step) {
        }

        /** The journal recorded the step. */
        default void recorded(UUID invoice, Step step) {
        }
    }

    /** Thrown where a killed run stops: nothing more is written. */
    static final class Killed extends RuntimeException {
        Killed() {
            super("the run was stopped", null, false, false);
        }
    }

    /**
     * @param busy       another console holds the lock (nothing was done)
     * @param retryable  the failure may pass on a later attempt (Stripe unavailable or rate limiting)
     */
    /**
     * @param advanced whether this call took at least one step: an invoice that was already sent when this run got
     *                 to it (another run finished it first) is not this run's to report as created
     */
    record Outcome(UUID organizationId, UUID invoiceId, String organizationName, String state, String stripeInvoiceId,
                   String number, long totalMinor, String currency, String error, boolean retryable, boolean busy, boolean advanced) {
        Outcome(UUID organizationId, UUID invoiceId, String organizationName, String state, String stripeInvoiceId,
                String number, long totalMinor, String currency, String error, boolean retryable, boolean busy) {
            this(organizationId, invoiceId, organizationName, state, stripeInvoiceId, number, totalMinor, currency, error, retryable, busy, false);
        }

        boolean done() {
            return "sent".equals(state);
        }

        Outcome withAdvanced() {
            return new Outcome(organizationId, invoiceId, organizationName, state, stripeInvoiceId, number, totalMinor, currency, error,
                    retryable, busy, true);
        }
    }

    private static final Set<StripeFailure.Kind> RETRYABLE = Set.of(StripeFailure.Kind.UNAVAILABLE,
            StripeFailure.Kind.RATE_LIMITED, StripeFailure.Kind.UNKNOWN);

    private final StripeGateway stripe;
    private final Observer observer;
    private final BooleanSupplier killed;
    private final java.time.Clock clock;

    InvoiceSteps(StripeGateway stripe, Observer observer, BooleanSupplier killed, java.time.Clock clock) {
        this.clock = clock;
        this.stripe = stripe;
        this.observer = observer;
        this.killed = killed;
    }

    /**
     * Runs the invoice's remaining steps on {@code c} (autocommit on), waiting up to {@code lockWait} for another
     * console that holds its (organization, period) lock. Stops before a step when {@code stopBefore} says so.
     */
    Outcome process(HeldConnection c, UUID org, UUID invoice, UUID runId, Duration lockWait, BooleanSupplier stopBefore) {
        JournalRow row = read(c, org, invoice);
        if (!lock(c, org, row.period(), lockWait)) {
            return new Outcome(org, invoice, row.name(), row.state(), row.stripeInvoiceId(), row.number(), row.subtotalMinor(),
                    row.currency(), "Another console is invoicing " + row.name() + " for " + row.period() + " right now; "
                    + "it was left to that console.", true, true);
        }
        boolean advanced = false;
        try {
            while (true) {
                row = read(c, org, invoice);
                Step step = Step.after(row.state());
                if (step == null || stopBefore.getAsBoolean()) {
                    Outcome o = outcome(org, invoice, row, null, false);
                    return advanced ? o.withAdvanced() : o;
                }
                try {
                    run(c, org, invoice, runId, row, step);
                    advanced = true;
                } catch (StripeFailure f) {
                    checkKilled();
                    String message = step.label + ": " + f.getMessage();
                    recordError(c, org, invoice, message, f.requestId());
                    return outcome(org, invoice, row, message, RETRYABLE.contains(f.kind()));
                } catch (MismatchException m) {
                    checkKilled();
                    recordError(c, org, invoice, m.getMessage(), null);
                    return outcome(org, invoice, row, m.getMessage(), false);
                }
            }
        } finally {
            unlock(c, org, row.period());
        }
    }

    private Outcome outcome(UUID org, UUID invoice, JournalRow row, String error, boolean retryable) {
        return new Outcome(org, invoice, row.name(), row.state(), row.stripeInvoiceId(), row.number(), row.subtotalMinor(),
                row.currency(), error, retryable, false);
    }

    private static final class MismatchException extends RuntimeException {
        MismatchException(String message) {
            super(message);
        }
    }

    private void run(HeldConnection c, UUID org, UUID invoice, UUID runId, JournalRow row, Step step) {
        markStarted(c, org, invoice, runId);
        switch (step) {
            case CUSTOMER -> customer(c, org, invoice, row);
            case CREATE_INVOICE -> createInvoice(c, org, invoice, row);
            case ADD_LINES -> addLines(c, org, invoice, row);
            case FINALIZE -> finalizeInvoice(c, org, invoice, row);
            case SEND -> send(c, org, invoice, row);
        }
        observer.recorded(invoice, step);
    }

    // ---- the steps -------------------------------------------------------------------------------------
    private void customer(HeldConnection c, UUID org, UUID invoice, JournalRow row) {
        String customerId = row.orgCustomer();
        String requestId = null;
        if (customerId == null) {
            observer.beforeCall(invoice, Step.CUSTOMER);
            StripeModels.Customer found = null;
            if (row.lookupFirst()) {
                // search lags behind writes, so it cannot see a customer created moments ago; that one is returned by
                // the keyed create below (Stripe keeps the key 24 hours, by when search has long caught up)
                found = stripe.findCustomerByMetadata("console_organization_id", org.toString()).orElse(null);
            }
            if (found == null) {
                found = stripe.createCustomer(IdempotencyKey.of("organization", org, "create-customer"), row.name(), row.email(),
                        Map.of("console_organization_id", org.toString()));
            }
            observer.afterCall(invoice, Step.CUSTOMER);
            customerId = found.id();
            requestId = found.requestId();
        }
        String chosen = customerId;
        String req = requestId;
        write(c, "Invoice " + row.period() + ": Stripe customer " + chosen, req, x -> {
            InvoiceJournalRepository.linkCustomer(x, org, chosen);
            InvoiceJournalRepository.advance(x, org, invoice, "planned", Step.CUSTOMER.reaches, chosen, null, req);
        });
    }

    private Map<String, String> invoiceMetadata(UUID org, UUID invoice, JournalRow row) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("console_invoice_id", invoice.toString());
        m.put("console_organization_id", org.toString());
        m.put("console_period", row.period().toString());
        m.put("console_kind", row.kind());
        return m;
    }

    private void createInvoice(HeldConnection c, UUID org, UUID invoice, JournalRow row) {
        observer.beforeCall(invoice, Step.CREATE_INVOICE);
        StripeModels.Invoice found = alreadyInStripe(org, invoice, row);
        if (found == null) {
            found = stripe.createInvoice(IdempotencyKey.of("invoice", invoice, "create-invoice"), row.journalCustomer(),
                    row.daysUntilDue(), false, "Antevus, " + periodText(row.period()), invoiceMetadata(org, invoice, row));
        }
        observer.afterCall(invoice, Step.CREATE_INVOICE);
        StripeModels.Invoice created = found;
        write(c, "Invoice " + row.period() + ": created in Stripe as " + created.id(), created.requestId(), x -> {
            InvoiceJournalRepository.setStripeInvoice(x, org, invoice, created.id());
            InvoiceJournalRepository.advance(x, org, invoice, "customer_ready", Step.CREATE_INVOICE.reaches, null, created.id(),
                    created.requestId());
        });
    }

    /**
     * Stripe is the last word on "already invoiced": before creating, the customer's invoices are listed (a list, not
     * a search, which lags behind writes) and read by the metadata the console writes. The console's own invoice is
     * taken up where it stopped. A live invoice for the same organization, period and kind made from another console
     * record (one deleted, voided or edited here by hand) stops the step, so no customer is billed twice.
     */
    private StripeModels.Invoice alreadyInStripe(UUID org, UUID invoice, JournalRow row) {
        for (StripeModels.Invoice existing : stripe.allInvoices(row.journalCustomer())) {
            Map<String, String> m = existing.metadata();
            if ("void".equals(existing.status()) || m == null) {
                continue;
            }
            if (invoice.toString().equals(m.get("console_invoice_id"))) {
                return existing;
            }
            if (org.toString().equals(m.get("console_organization_id")) && row.period().toString().equals(m.get("console_period"))
                    && row.kind().equals(m.get("console_kind"))) {
                throw new MismatchException("Stripe already has " + existing.status() + " invoice "
                        + (existing.number() != null ? existing.number() + " (" + existing.id() + ")" : existing.id())
                        + " for " + row.name() + ", " + periodText(row.period()) + ", made from console invoice "
                        + m.get("console_invoice_id") + ", which this database no longer holds as live. Nothing was created "
                        + "in Stripe; compare the two in Reconciliation before billing this period again.");
            }
        }
        return null;
    }

    private void addLines(HeldConnection c, UUID org, UUID invoice, JournalRow row) {
        List<StripeModels.LineSpec> specs = new ArrayList<>();
        for (InvoiceJournalRepository.Line l : c.run(x -> InvoiceJournalRepository.lines(x, org, invoice))) {
            specs.add(new StripeModels.LineSpec(Money.of(l.amountMinor(), row.currency()), l.description(),
                    Map.of("console_invoice_id", invoice.toString(), "console_line", String.valueOf(l.lineNo()))));
        }
        observer.beforeCall(invoice, Step.ADD_LINES);
        StripeModels.Invoice after = null;
        if (row.lookupFirst()) {
            boolean present = stripe.invoiceLines(row.stripeInvoiceId()).stream()
                    .anyMatch(l -> invoice.toString().equals(l.metadata().get("console_invoice_id")));
            if (present) {
                after = stripe.retrieveInvoice(row.stripeInvoiceId());
            }
        }
        if (after == null) {
            after = stripe.addInvoiceLines(IdempotencyKey.of("invoice", invoice, "add-lines"), row.stripeInvoiceId(), specs);
        }
        observer.afterCall(invoice, Step.ADD_LINES);
        if (after.subtotal().minor() != row.subtotalMinor()) {
            throw new MismatchException("Stripe's draft " + row.stripeInvoiceId() + " comes to " + after.subtotal().format()
                    + " but the console's invoice to " + Money.of(row.subtotalMinor(), row.currency()).format()
                    + "; it was left as a draft in Stripe, not finalized. Compare the two in Reconciliation.");
        }
        String req = after.requestId();
        write(c, "Invoice " + row.period() + ": " + specs.size() + " lines added in Stripe", req,
                x -> InvoiceJournalRepository.advance(x, org, invoice, "invoice_created", Step.ADD_LINES.reaches, null, null, req));
    }

    private void finalizeInvoice(HeldConnection c, UUID org, UUID invoice, JournalRow row) {
        observer.beforeCall(invoice, Step.FINALIZE);
        StripeModels.Invoice fin;
        try {
            fin = stripe.finalizeInvoice(IdempotencyKey.of("invoice", invoice, "finalize"), row.stripeInvoiceId());
        } catch (StripeFailure f) {
            if (f.kind() != StripeFailure.Kind.INVALID_STATE) {
                throw f;
            }
            // finalized before the console heard back and the key was forgotten: take Stripe's word for it
            fin = stripe.retrieveInvoice(row.stripeInvoiceId());
            if ("draft".equals(fin.status())) {
                throw f;
            }
        }
        observer.afterCall(invoice, Step.FINALIZE);
        StripeModels.Invoice done = fin;
        LocalDate due = done.dueDate() == null ? null : LocalDate.ofInstant(done.dueDate(), ZoneOffset.UTC);
        write(c, "Invoice " + row.period() + ": finalized in Stripe as " + done.number(), done.requestId(), x -> {
            InvoiceJournalRepository.mirrorFinalized(x, org, invoice, mirrorStatus(done.status()), done.number(), done.hostedInvoiceUrl(),
                    due, done.amountPaid().minor());
            InvoiceJournalRepository.advance(x, org, invoice, "lines_added", Step.FINALIZE.reaches, null, null, done.requestId());
        });
    }

    private void send(HeldConnection c, UUID org, UUID invoice, JournalRow row) {
        String requestId = null;
        if (!"paid".equals(c.run(x -> InvoiceJournalRepository.invoiceStatus(x, org, invoice)))) {
            observer.beforeCall(invoice, Step.SEND);
            try {
                requestId = stripe.sendInvoice(IdempotencyKey.of("invoice", invoice, "send"), row.stripeInvoiceId()).requestId();
            } catch (StripeFailure f) {
                // paid or voided in Stripe meanwhile: there is nothing to send, and the events sync will mirror it
                if (f.kind() != StripeFailure.Kind.INVALID_STATE || "draft".equals(stripe.retrieveInvoice(row.stripeInvoiceId()).status())) {
                    throw f;
                }
            }
            observer.afterCall(invoice, Step.SEND);
        }
        String req = requestId;
        write(c, "Invoice " + row.number() + " sent", req,
                x -> InvoiceJournalRepository.advance(x, org, invoice, "finalized", Step.SEND.reaches, null, null, req));
    }

    static String mirrorStatus(String stripeStatus) {
        return switch (stripeStatus) {
            case "open", "paid", "void", "uncollectible", "draft" -> stripeStatus;
            default -> "open";
        };
    }

    static String periodText(YearMonth period) {
        return period.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " " + period.getYear();
    }

    // ---- journal -------------------------------------------------------------------------------------------
    private JournalRow read(HeldConnection c, UUID org, UUID invoice) {
        // Stripe may prune an idempotency key after 24 hours: a step first tried over 23 hours ago looks up first
        java.time.Instant cutoff = clock.instant().minus(Duration.ofHours(23));
        return c.run(x -> InvoiceJournalRepository.read(x, org, invoice, cutoff)).orElseThrow(() ->
                new com.antevus.console.core.UserFacingException("The invoice " + invoice + " has no journal row; "
                        + "it was not created by the console, or its draft was discarded."));
    }

    /** Notes that the step is being tried, before Stripe hears of it: after 23 hours a retry looks up first. */
    private void markStarted(HeldConnection c, UUID org, UUID invoice, UUID runId) {
        checkKilled();
        java.time.Instant now = clock.instant();
        c.run(x -> {
            InvoiceJournalRepository.markStarted(x, org, invoice, runId, now);
            return null;
        });
    }

    private void recordError(HeldConnection c, UUID org, UUID invoice, String message, String requestId) {
        c.run(x -> {
            InvoiceJournalRepository.recordError(x, org, invoice, message, requestId);
            return null;
        });
    }

    /** One transaction, audited with the reason and Stripe's request id; nothing is written once the run is killed. */
    private void write(HeldConnection c, String reason, String requestId, HeldConnection.Writes work) {
        checkKilled();
        c.transaction(reason, requestId, x -> {
            work.run(x);
            checkKilled(); // a kill between the work and the commit leaves nothing behind
            return null;
        });
    }

    private void checkKilled() {
        if (killed.getAsBoolean()) {
            throw new Killed();
        }
    }

    // ---- the (organization, period) lock ------------------------------------------------------------------------
    private static long lockKey(UUID org, YearMonth period) {
        return org.getMostSignificantBits() ^ org.getLeastSignificantBits() ^ (period.getYear() * 100L + period.getMonthValue());
    }

    private boolean lock(HeldConnection c, UUID org, YearMonth period, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!c.tryLock(lockKey(org, period))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            checkKilled();
            try {
                Thread.sleep(50); // another console holds it; advisory locks have no wait with a timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static void unlock(HeldConnection c, UUID org, YearMonth period) {
        c.unlock(lockKey(org, period));
    }
}
