package com.antevus.console.invoicing;

import com.antevus.console.core.Money;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeFailure;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /** The journal row and what the steps need, read fresh before each step. */
    private record Row(String state, YearMonth period, String kind, String journalCustomer, String stripeInvoiceId,
                       boolean lookupFirst, String currency, int daysUntilDue, long subtotalMinor, String name, String email,
                       String orgCustomer, String number) {
    }

    /**
     * Runs the invoice's remaining steps on {@code c} (autocommit on), waiting up to {@code lockWait} for another
     * console that holds its (organization, period) lock. Stops before a step when {@code stopBefore} says so.
     */
    Outcome process(Connection c, UUID org, UUID invoice, UUID runId, Duration lockWait, BooleanSupplier stopBefore) throws SQLException {
        Row row = read(c, org, invoice);
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

    private Outcome outcome(UUID org, UUID invoice, Row row, String error, boolean retryable) {
        return new Outcome(org, invoice, row.name(), row.state(), row.stripeInvoiceId(), row.number(), row.subtotalMinor(),
                row.currency(), error, retryable, false);
    }

    private static final class MismatchException extends RuntimeException {
        MismatchException(String message) {
            super(message);
        }
    }

    private void run(Connection c, UUID org, UUID invoice, UUID runId, Row row, Step step) throws SQLException {
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
    private void customer(Connection c, UUID org, UUID invoice, Row row) throws SQLException {
        String customerId = row.orgCustomer();
        String requestId = null;
        if (customerId == null) {
            observer.beforeCall(invoice, Step.CUSTOMER);
            StripeModels.Customer found = null;
            if (row.lookupFirst()) {
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
        write(c, "Invoice " + row.period() + ": Stripe customer " + chosen, req, () -> {
            try (PreparedStatement ps = c.prepareStatement("update organizations set stripe_customer_id = ?, updated_at = now(), "
                    + "version = version + 1 where id = ? and stripe_customer_id is null")) {
                ps.setString(1, chosen);
                ps.setObject(2, org);
                ps.executeUpdate();
            }
            advance(c, org, invoice, "planned", Step.CUSTOMER, chosen, null, req);
        });
    }

    private Map<String, String> invoiceMetadata(UUID org, UUID invoice, Row row) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("console_invoice_id", invoice.toString());
        m.put("console_organization_id", org.toString());
        m.put("console_period", row.period().toString());
        m.put("console_kind", row.kind());
        return m;
    }

    private void createInvoice(Connection c, UUID org, UUID invoice, Row row) throws SQLException {
        observer.beforeCall(invoice, Step.CREATE_INVOICE);
        StripeModels.Invoice found = alreadyInStripe(org, invoice, row);
        if (found == null) {
            found = stripe.createInvoice(IdempotencyKey.of("invoice", invoice, "create-invoice"), row.journalCustomer(),
                    row.daysUntilDue(), false, "Antevus, " + periodText(row.period()), invoiceMetadata(org, invoice, row));
        }
        observer.afterCall(invoice, Step.CREATE_INVOICE);
        StripeModels.Invoice created = found;
        write(c, "Invoice " + row.period() + ": created in Stripe as " + created.id(), created.requestId(), () -> {
            try (PreparedStatement ps = c.prepareStatement("update invoices set stripe_invoice_id = ?, updated_at = now(), "
                    + "version = version + 1 where organization_id = ? and id = ?")) {
                ps.setString(1, created.id());
                ps.setObject(2, org);
                ps.setObject(3, invoice);
                ps.executeUpdate();
            }
            advance(c, org, invoice, "customer_ready", Step.CREATE_INVOICE, null, created.id(), created.requestId());
        });
    }

    /**
     * Stripe is the last word on "already invoiced": before creating, the customer's invoices are listed (a list, not
     * a search, which lags behind writes) and read by the metadata the console writes. The console's own invoice is
     * taken up where it stopped. A live invoice for the same organization, period and kind made from another console
     * record (one deleted, voided or edited here by hand) stops the step, so no customer is billed twice.
     */
    private StripeModels.Invoice alreadyInStripe(UUID org, UUID invoice, Row row) {
        for (StripeModels.Invoice existing : stripe.allInvoices(row.journalCustomer())) {
            Map<String, String> m = existing.metadata();
            if (Set.of("deleted", "void").contains(existing.status()) || m == null) {
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

    private void addLines(Connection c, UUID org, UUID invoice, Row row) throws SQLException {
        List<StripeModels.LineSpec> specs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select line_no, description, amount_minor from invoice_lines "
                + "where organization_id = ? and invoice_id = ? order by line_no")) {
            ps.setObject(1, org);
            ps.setObject(2, invoice);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    specs.add(new StripeModels.LineSpec(Money.of(rs.getLong(3), row.currency()), rs.getString(2),
                            Map.of("console_invoice_id", invoice.toString(), "console_line", String.valueOf(rs.getInt(1)))));
                }
            }
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
                () -> advance(c, org, invoice, "invoice_created", Step.ADD_LINES, null, null, req));
    }

    private void finalizeInvoice(Connection c, UUID org, UUID invoice, Row row) throws SQLException {
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
        write(c, "Invoice " + row.period() + ": finalized in Stripe as " + done.number(), done.requestId(), () -> {
            try (PreparedStatement ps = c.prepareStatement("update invoices set status = ?, number = ?, hosted_invoice_url = ?, "
                    + "finalized_at = coalesce(finalized_at, now()), due_date = ?, paid_at = case when ? = 'paid' then now() end, "
                    + "amount_paid_minor = ?, updated_at = now(), version = version + 1 where organization_id = ? and id = ?")) {
                String status = mirrorStatus(done.status());
                ps.setString(1, status);
                ps.setString(2, done.number());
                ps.setString(3, done.hostedInvoiceUrl());
                ps.setDate(4, done.dueDate() == null ? null : Date.valueOf(LocalDate.ofInstant(done.dueDate(), ZoneOffset.UTC)));
                ps.setString(5, status);
                ps.setLong(6, done.amountPaid().minor());
                ps.setObject(7, org);
                ps.setObject(8, invoice);
                ps.executeUpdate();
            }
            advance(c, org, invoice, "lines_added", Step.FINALIZE, null, null, done.requestId());
        });
    }

    private void send(Connection c, UUID org, UUID invoice, Row row) throws SQLException {
        String requestId = null;
        if (!"paid".equals(currentStatus(c, org, invoice))) {
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
        write(c, "Invoice " + row.number() + " sent", req, () -> advance(c, org, invoice, "finalized", Step.SEND, null, null, req));
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
    private Row read(Connection c, UUID org, UUID invoice) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select j.state, j.period_month, j.kind, j.stripe_customer_id, "
                + "j.stripe_invoice_id, coalesce(j.step_started_at < ?, false), i.currency, "
                + "coalesce(i.days_until_due, ?), i.subtotal_minor, o.name, o.billing_email, o.stripe_customer_id, i.number "
                + "from invoice_journal j join invoices i on i.organization_id = j.organization_id and i.id = j.invoice_id "
                + "join organizations o on o.id = j.organization_id where j.organization_id = ? and j.invoice_id = ?")) {
            // Stripe may prune an idempotency key after 24 hours: a step first tried over 23 hours ago looks up first
            ps.setTimestamp(1, java.sql.Timestamp.from(clock.instant().minus(java.time.Duration.ofHours(23))));
            ps.setInt(2, InvoiceRepository.DEFAULT_DAYS_UNTIL_DUE);
            ps.setObject(3, org);
            ps.setObject(4, invoice);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new com.antevus.console.core.UserFacingException("The invoice " + invoice + " has no journal row; "
                            + "it was not created by the console, or its draft was discarded.");
                }
                return new Row(rs.getString(1), YearMonth.from(rs.getDate(2).toLocalDate()), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getInt(8), rs.getLong(9), rs.getString(10),
                        rs.getString(11), rs.getString(12), rs.getString(13));
            }
        }
    }

    private String currentStatus(Connection c, UUID org, UUID invoice) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select status from invoices where organization_id = ? and id = ?")) {
            ps.setObject(1, org);
            ps.setObject(2, invoice);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Notes that the step is being tried, before Stripe hears of it: after 23 hours a retry looks up first. */
    private void markStarted(Connection c, UUID org, UUID invoice, UUID runId) throws SQLException {
        checkKilled();
        try (PreparedStatement ps = c.prepareStatement("update invoice_journal set step_started_at = coalesce(step_started_at, ?), "
                + "attempts = attempts + 1, run_id = coalesce(?, run_id), updated_at = now() where organization_id = ? and invoice_id = ?")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(clock.instant()));
            ps.setObject(2, runId);
            ps.setObject(3, org);
            ps.setObject(4, invoice);
            ps.executeUpdate();
        }
    }

    private void advance(Connection c, UUID org, UUID invoice, String from, Step step, String customerId, String stripeInvoiceId,
                         String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update invoice_journal set state = ?, "
                + "stripe_customer_id = coalesce(?, stripe_customer_id), stripe_invoice_id = coalesce(?, stripe_invoice_id), "
                + "step_started_at = null, attempts = 0, last_error = null, last_request_id = ?, updated_at = now() "
                + "where organization_id = ? and invoice_id = ? and state = ?")) {
            ps.setString(1, step.reaches);
            ps.setString(2, customerId);
            ps.setString(3, stripeInvoiceId);
            ps.setString(4, requestId);
            ps.setObject(5, org);
            ps.setObject(6, invoice);
            ps.setString(7, from);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the journal of invoice " + invoice + " moved on under the lock", "40001");
            }
        }
    }

    private void recordError(Connection c, UUID org, UUID invoice, String message, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update invoice_journal set last_error = ?, last_request_id = coalesce(?, "
                + "last_request_id), updated_at = now() where organization_id = ? and invoice_id = ?")) {
            ps.setString(1, message);
            ps.setString(2, requestId);
            ps.setObject(3, org);
            ps.setObject(4, invoice);
            ps.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    /** One transaction, audited with the reason and Stripe's request id; nothing is written once the run is killed. */
    private void write(Connection c, String reason, String requestId, SqlWork work) throws SQLException {
        checkKilled();
        com.antevus.console.db.Jdbc.audited(c, reason, requestId, x -> {
            work.run();
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

    private boolean lock(Connection c, UUID org, YearMonth period, Duration wait) throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
                ps.setLong(1, lockKey(org, period));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return true;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            checkKilled();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static void unlock(Connection c, UUID org, YearMonth period) {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?)")) {
            ps.setLong(1, lockKey(org, period));
            ps.execute();
        } catch (SQLException ignored) {
            // the session is gone, and its lock with it
        }
    }
}
