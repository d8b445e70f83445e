package com.antevus.console.invoicing;

import com.antevus.console.core.Reasons;
import com.antevus.console.catalog.CatalogService;
import com.antevus.console.charges.PeriodCharges;
import com.antevus.console.core.Money;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Hibernate;
import com.antevus.console.db.Jdbc;
import com.antevus.console.rating.RatedLine;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import com.antevus.console.db.HeldConnection;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Invoicing for the views and the command line: the period review, invoice drafts, creating invoices in Stripe
 * step by step, invoice runs (journaled and resumable), voiding and out-of-band payments. Owns its transactions;
 * every write is audited with a reason.
 */
public final class InvoicingService {
    /** Invoices worked on at once in a run; the gateway's rate limiter keeps the run inside Stripe's limit. */
    public static final int DEFAULT_CONCURRENCY = 6;
    private static final Set<String> LINE_KINDS = Set.of("base_fee", "add_on", "overage", "contract", "adjustment", "one_off");

    private final DataSource dataSource;
    private final Jdbc jdbc;
    private final Hibernate hibernate;
    private final CatalogService catalog;
    private final PeriodCharges charges;
    private final Supplier<StripeGateway> stripe;
    private final InvoiceRepository repository = new InvoiceRepository();
    private volatile int concurrency = DEFAULT_CONCURRENCY;
    private volatile Duration lockWait = Duration.ofSeconds(10);
    private volatile Duration grace = BillablePeriods.DEFAULT_GRACE;

    /** The entities invoice drafts are saved through. */
    public static List<Class<?>> entities() {
        return InvoiceRepository.ENTITIES;
    }

    /**
     * For the command line and tests: its own SessionFactory, bootstrapped only if a draft is saved (a run, the review
     * and reconciliation never need one).
     */
    public InvoicingService(DataSource dataSource, CatalogService catalog, Supplier<StripeGateway> stripe) {
        this(dataSource, Hibernate.deferred(dataSource, entities(), java.util.concurrent.ForkJoinPool.commonPool()), catalog, stripe);
    }

    public InvoicingService(DataSource dataSource, Hibernate hibernate, CatalogService catalog, Supplier<StripeGateway> stripe) {
        this.hibernate = hibernate;
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
        this.catalog = catalog;
        this.charges = new PeriodCharges(dataSource);
        this.stripe = stripe;
    }

    /** How long after a month ends a run waits for late usage before it bills the month (invoicing.grace_hours). */
    public InvoicingService grace(Duration afterMonthEnd) {
        this.grace = afterMonthEnd;
        return this;
    }

    /** The console's clock (the catalog's: one clock for the whole console). */
    public java.time.Clock clock() {
        return catalog.clock();
    }

    /** How many invoices a run works on at once, and how long it waits for another console's lock. */
    public InvoicingService tuning(int concurrency, Duration lockWait) {
        this.concurrency = concurrency;
        this.lockWait = lockWait;
        return this;
    }

    // ---- period review ------------------------------------------------------------------------------------
    /** Every organization billed in the period (or only those given), rated, with its invoice state and anomalies. */
    public List<ReviewRow> review(YearMonth period, List<UUID> only) {
        Map<UUID, InvoiceRepository.ReviewFacts> facts = jdbc.read("reading the period's organizations",
                c -> repository.reviewFacts(c, period, only));
        Map<UUID, PeriodCharges.OrganizationRating> ratings = charges.rateOrganizations(facts.keySet(), period);
        Map<UUID, Long> invoiceTotals = jdbc.read("reading the period's invoices", c -> repository.invoiceTotals(c, period));
        Map<UUID, List<RatedLine>> late = lateUsage(period, facts.values().stream()
                .filter(f -> f.invoiceId() == null).map(InvoiceRepository.ReviewFacts::organizationId).toList());
        List<ReviewRow> rows = new ArrayList<>();
        for (InvoiceRepository.ReviewFacts f : facts.values()) {
            PeriodCharges.OrganizationRating r = ratings.get(f.organizationId());
            if (r == null) {
                continue;
            }
            List<RatedLine> lines = new ArrayList<>(r.rating().lines().stream()
                    .filter(l -> l.amountMinor() != 0)
                    .filter(l -> !f.billedBySubscription() || l.kind() == RatedLine.Kind.OVERAGE)
                    .toList());
            lines.addAll(late.getOrDefault(f.organizationId(), List.of())); // only when the period has no invoice yet
            long total = lines.stream().mapToLong(RatedLine::amountMinor).sum();
            long overage = lines.stream().filter(l -> l.kind() == RatedLine.Kind.OVERAGE).mapToLong(RatedLine::amountMinor).sum();
            String kind = kindFor(f, lines);
            ReviewRow.Billing billing = billing(f, total);
            List<String> anomalies = new ArrayList<>();
            String currency = r.rating().currency();
            if (f.previousMinor() != null && f.previousMinor() > 0 && total > 2 * f.previousMinor()) {
                anomalies.add("More than twice last period (" + Money.of(f.previousMinor(), currency).format() + " → "
                        + Money.of(total, currency).format() + ")");
            }
            lines.stream().filter(l -> l.amountMinor() < 0 && l.kind() != RatedLine.Kind.DISCOUNT && l.kind() != RatedLine.Kind.CREDIT)
                    .forEach(l -> anomalies.add("Negative line: " + l.description()));
            Long drafted = f.invoiceId() == null ? null : invoiceTotals.get(f.invoiceId());
            if (drafted != null && drafted < 0) {
                anomalies.add("Negative invoice total " + Money.of(drafted, currency).format());
            }
            if (drafted != null && billing != ReviewRow.Billing.INVOICED && drafted != total) {
                anomalies.add("Draft differs from the rating by " + Money.of(drafted - total, currency).format());
            }
            // no Stripe customer yet is a step the run takes (it creates one), not an anomaly: the review shows it as a note
            if (f.lastError() != null && billing == ReviewRow.Billing.IN_PROGRESS) {
                anomalies.add("Last attempt failed: " + f.lastError());
            }
            rows.add(new ReviewRow(f.organizationId(), f.name(), r.planCode(), f.academic(), f.enterprise(), f.stripeCustomerId(),
                    f.billedBySubscription(), kind, currency, lines, drafted != null ? drafted : total, overage, f.previousMinor(),
                    anomalies, billing, f.invoiceId(), f.invoiceNumber(), f.journalState(), f.lastError(), f.daysUntilDue()));
        }
        return rows;
    }

    /** How far back a run looks for usage that arrived after its period was invoiced. */
    static final int LATE_USAGE_MONTHS = 3;

    /**
     * Usage that arrived after its period was invoiced, as lines for the next invoice (issue 16, item 1). An invoice the
     * console finalized in the last {@link #LATE_USAGE_MONTHS} months whose usage grew afterwards (rows ingested, or
     * adjustments entered, after it was finalized) is rated again on today's usage; each metric's overage above what
     * that invoice and any earlier late-usage lines for the period billed becomes one line naming the period. Usage
     * that fell after invoicing is not credited here; it is left for a credit note.
     */
    Map<UUID, List<RatedLine>> lateUsage(YearMonth period, List<UUID> orgs) {
        if (orgs.isEmpty()) {
            return Map.of();
        }
        List<InvoiceRepository.LateUsage> candidates = jdbc.read("looking for late usage",
                c -> repository.lateUsage(c, orgs, period.minusMonths(LATE_USAGE_MONTHS), period));
        Map<UUID, List<RatedLine>> out = new java.util.HashMap<>();
        for (InvoiceRepository.LateUsage l : candidates) {
            Map<String, long[]> billed = jdbc.read("reading what was billed for " + l.month(),
                    c -> repository.billedOverage(c, l.org(), l.invoice(), l.month()));
            for (RatedLine now : charges.rateOrganization(l.org(), l.month()).rating().lines()) {
                if (now.kind() != RatedLine.Kind.OVERAGE) {
                    continue;
                }
                long[] b = billed.getOrDefault(now.code(), new long[2]);
                long amount = now.amountMinor() - b[0];
                if (amount > 0) {
                    out.computeIfAbsent(l.org(), k -> new ArrayList<>()).add(new RatedLine(RatedLine.Kind.LATE_USAGE,
                            now.code() + "@" + l.month(), "Late usage, " + now.description() + ", " + InvoiceSteps.periodText(l.month())
                            + " (arrived after invoice " + (l.number() == null ? "for that month" : l.number()) + ")",
                            Math.max(1, now.quantity() - b[1]), amount));
                }
            }
        }
        return out;
    }

    private static String kindFor(InvoiceRepository.ReviewFacts f, List<RatedLine> lines) {
        if (f.enterprise() && lines.stream().anyMatch(l -> l.kind() == RatedLine.Kind.CONTRACT)) {
            return "contract";
        }
        if (f.billedBySubscription() || (!lines.isEmpty() && lines.stream().allMatch(l -> l.kind() == RatedLine.Kind.OVERAGE))) {
            return "overage";
        }
        return f.enterprise() ? "contract" : "subscription";
    }

    private static ReviewRow.Billing billing(InvoiceRepository.ReviewFacts f, long total) {
        if (f.invoiceId() == null) {
            return total > 0 ? ReviewRow.Billing.TO_INVOICE : ReviewRow.Billing.NOTHING_TO_BILL;
        }
        if (f.journalState() == null) {
            return "draft".equals(f.invoiceStatus()) ? ReviewRow.Billing.DRAFT : ReviewRow.Billing.INVOICED;
        }
        return switch (f.journalState()) {
            case "planned" -> ReviewRow.Billing.DRAFT;
            case "sent" -> ReviewRow.Billing.INVOICED;
            default -> ReviewRow.Billing.IN_PROGRESS;
        };
    }

    static List<DraftLine> draftLines(List<RatedLine> lines) {
        List<DraftLine> out = new ArrayList<>();
        int no = 0;
        for (RatedLine l : lines) {
            String kind = switch (l.kind()) {
                case BASE, SEATS -> "base_fee";
                case CONTRACT, COMMITMENT -> "contract";
                case ADD_ON -> "add_on";
                case OVERAGE -> "overage";
                case DISCOUNT, CREDIT, LATE_USAGE -> "adjustment";
            };
            if (l.kind() == RatedLine.Kind.LATE_USAGE) {
                String[] metricPeriod = l.code().split("@", 2);
                YearMonth adjusts = YearMonth.parse(metricPeriod[1]);
                out.add(new DraftLine(++no, kind, l.description(), metricPeriod[0], Math.max(1, l.quantity()), l.amountMinor(),
                        l.amountMinor(), "Usage of " + InvoiceSteps.periodText(adjusts) + " that arrived after its invoice",
                        adjusts.atDay(1)));
                continue;
            }
            out.add(new DraftLine(++no, kind, l.description(), l.kind() == RatedLine.Kind.OVERAGE ? l.code() : null,
                    Math.max(1, l.quantity()), l.amountMinor(), l.amountMinor(),
                    l.kind() == RatedLine.Kind.DISCOUNT || l.kind() == RatedLine.Kind.CREDIT ? l.description() : null));
        }
        return out;
    }

    // ---- drafts ---------------------------------------------------------------------------------------------

    /** The organization's draft for the period, created from its rating if it has none yet. */
    public InvoiceDraft createDraft(UUID organizationId, YearMonth period, String by) {
        ReviewRow row = review(period, List.of(organizationId)).stream().findFirst().orElseThrow(() -> new UserFacingException(
                "This organization had no subscription in " + period + "; there is nothing to invoice."));
        if (row.invoiceId() != null) {
            return draft(row.invoiceId());
        }
        if (row.lines().isEmpty()) {
            throw new UserFacingException(row.organizationName() + "'s " + InvoiceSteps.periodText(period)
                    + " comes to nothing; there is nothing to invoice.");
        }
        Optional<UUID> id = jdbc.write("creating the invoice draft", "Invoice draft for " + period + " by " + by, null,
                c -> InvoiceRepository.drawCredits(c, organizationId, period, row.lines(), repository.insertDraft(c, organizationId, period, row.kind(),
                        row.currency(), row.daysUntilDue(), draftLines(row.lines()), null, null)));
        return id.map(this::draft).orElseGet(() -> review(period, List.of(organizationId)).stream().findFirst()
                .map(ReviewRow::invoiceId).map(this::draft).orElseThrow());
    }

    public InvoiceDraft draft(UUID invoiceId) {
        return jdbc.read("reading the invoice", c -> repository.draft(c, invoiceId)).orElseThrow(() ->
                new UserFacingException("The invoice no longer exists; someone may have discarded the draft."));
    }

    /** A problem with one line of a draft, for the editor to show at the field. */
    public record LineProblem(int lineNo, String field, String message) {
    }

    /** What is wrong with these lines, if anything: every added or changed line needs a reason. */
    public static List<LineProblem> validate(List<DraftLine> lines) {
        List<LineProblem> out = new ArrayList<>();
        if (lines.isEmpty()) {
            out.add(new LineProblem(0, "lines", "An invoice needs at least one line."));
        }
        for (DraftLine l : lines) {
            if (l.description() == null || l.description().isBlank()) {
                out.add(new LineProblem(l.lineNo(), "description", "Describe the line; the customer reads it."));
            }
            if (!LINE_KINDS.contains(l.kind())) {
                out.add(new LineProblem(l.lineNo(), "kind", "Unknown kind " + l.kind() + "."));
            }
            if (l.adjusted() && (l.adjustmentReason() == null || l.adjustmentReason().isBlank())) {
                out.add(new LineProblem(l.lineNo(), "reason", l.ratedAmountMinor() == null ? "Say why this line is added."
                        : "Say why the rated amount changed."));
            }
            if (l.quantity() < 1) {
                out.add(new LineProblem(l.lineNo(), "quantity", "Quantity must be at least 1."));
            }
        }
        long total = 0;
        for (DraftLine l : lines) {
            total += l.amountMinor();
        }
        if (total < 0) {
            out.add(new LineProblem(0, "total", "The invoice total would be negative; Stripe invoices cannot be."));
        }
        return out;
    }

    /** Saves a draft's lines (optimistic lock on the version it was read at); refused once it is in Stripe. */
    public InvoiceDraft saveDraft(InvoiceDraft draft, List<DraftLine> lines, String memo, String reason) {
        List<LineProblem> problems = validate(lines);
        if (!problems.isEmpty()) {
            throw new UserFacingException("The draft was not saved: " + problems.get(0).message());
        }
        List<DraftLine> numbered = new ArrayList<>();
        int no = 0;
        for (DraftLine l : lines) {
            numbered.add(new DraftLine(++no, l.kind(), l.description().strip(), l.metric(), l.quantity(), l.amountMinor(),
                    l.ratedAmountMinor(), l.adjustmentReason() == null || l.adjustmentReason().isBlank() ? null : l.adjustmentReason().strip(),
                    l.adjustsPeriod()));
        }
        boolean saved;
        try {
            saved = hibernate.write("saving the invoice draft", reason == null || reason.isBlank() ? "Invoice draft edited" : reason, null,
                    session -> repository.replaceLines(session, draft.organizationId(), draft.invoiceId(), draft.version(), numbered, memo));
        } catch (Hibernate.StaleException e) {
            saved = false;
        }
        if (!saved) {
            InvoiceDraft now = draft(draft.invoiceId());
            throw new UserFacingException(now.inStripe() ? "The invoice was created in Stripe meanwhile; its lines can no longer change."
                    : "Someone changed this draft since you opened it. Reload it to see their change; your edits were not saved.");
        }
        return draft(draft.invoiceId());
    }

    /** Throws away a draft that never reached Stripe. */
    public void discardDraft(InvoiceDraft draft, String reason) {
        boolean gone = jdbc.write("discarding the invoice draft", reason, null,
                c -> repository.deleteDraft(c, draft.organizationId(), draft.invoiceId(), draft.version()));
        if (!gone) {
            throw new UserFacingException("The draft changed or reached Stripe since you opened it, so it was kept. Reload it.");
        }
    }

    /** One step of creating an invoice in Stripe, for a step-by-step view. */
    public record StepEvent(UUID invoiceId, String step, boolean done) {
    }

    /** The Stripe steps, in order, with the journal state each reaches (for step-by-step views). */
    public static List<String[]> steps() {
        List<String[]> out = new ArrayList<>();
        for (InvoiceSteps.Step s : InvoiceSteps.Step.values()) {
            out.add(new String[]{s.label, s.reaches});
        }
        return out;
    }

    /**
     * Why {@code period} may not be billed now, or null when it may: a month that has not ended or whose grace for late
     * usage has not passed needs a close-early reason; a month that has not begun is never billed.
     */
    public String notBillable(YearMonth period, boolean closeEarly) {
        return BillablePeriods.refusal(period, clock().instant(), grace, closeEarly);
    }

    /** Creates (or finishes creating) one draft in Stripe: customer, invoice, lines, finalize, send. */
    public InvoiceDraft createInStripe(UUID invoiceId, Consumer<StepEvent> steps) {
        return createInStripe(invoiceId, null, steps);
    }

    /**
     * Creates one draft in Stripe, under the same rule as a run: a month that is not over (or within its grace) is
     * billed only closed early, with a reason the audit log keeps; a month that has not begun never.
     */
    public InvoiceDraft createInStripe(UUID invoiceId, String closeEarlyReason, Consumer<StepEvent> steps) {
        InvoiceDraft d = draft(invoiceId);
        boolean closeEarly = closeEarlyReason != null && !closeEarlyReason.isBlank();
        String refusal = d.inStripe() ? null : notBillable(d.period(), closeEarly);
        if (refusal != null) {
            throw new UserFacingException(refusal.replace(" (--close-early)", ""));
        }
        if (closeEarly && !d.inStripe() && notBillable(d.period(), false) != null) {
            String reason = "Closed early: " + closeEarlyReason.strip();
            jdbc.write("recording the early close", reason, null, c -> repository.appendToDraftMemo(c, d.organizationId(), invoiceId, reason));
        }
        UUID org = d.organizationId();
        InvoiceSteps machine = new InvoiceSteps(stripe.get(), new InvoiceSteps.Observer() {
            @Override
            public void beforeCall(UUID invoice, InvoiceSteps.Step step) {
                steps.accept(new StepEvent(invoice, step.label, false));
            }

            @Override
            public void recorded(UUID invoice, InvoiceSteps.Step step) {
                steps.accept(new StepEvent(invoice, step.label, true));
            }
        }, () -> false, catalog.clock());
        InvoiceSteps.Outcome o;
        try (HeldConnection c = HeldConnection.open(dataSource)) {
            o = machine.process(c, org, invoiceId, null, Duration.ofSeconds(2), () -> false);
        } catch (HeldConnection.Failure e) {
            throw e.words("creating the invoice in Stripe");
        }
        if (o.error() != null) {
            throw new UserFacingException(o.error() + (o.retryable() ? " Retrying is safe: it resumes from this step." : ""));
        }
        return draft(invoiceId);
    }

    /** Voids an open invoice in Stripe and in the mirror. */
    public InvoiceDraft voidInvoice(UUID invoiceId, String reason) {
        InvoiceDraft d = draft(invoiceId);
        Reasons.require(reason);
        if (!d.inStripe() || !Set.of("open", "uncollectible").contains(d.status())) {
            throw new UserFacingException("Only an open invoice can be voided; this one is " + d.status()
                    + (d.inStripe() ? "." : " and not in Stripe (discard the draft instead)."));
        }
        java.time.Instant at = clock().instant();
        // a role that may not void is stopped before Stripe is touched
        jdbc.probe("voiding the invoice", c -> {
            Jdbc.setAuditContext(c, reason, null);
            return repository.voidRow(c, d.organizationId(), invoiceId, at, "req_probe");
        });
        StripeModels.Invoice v = stripe.get().voidInvoice(IdempotencyKey.of("invoice", invoiceId, "void"), d.stripeInvoiceId());
        jdbc.write("voiding the invoice", reason, v.requestId(), c -> repository.voidRow(c, d.organizationId(), invoiceId, at, v.requestId()));
        return draft(invoiceId);
    }

    /** What a run that lost its database had done, from what each worker saw the journal record. */
    static String lostDuringRun(YearMonth period, List<RunSummary.Entry> created, List<RunSummary.Entry> failed) {
        long partWay = failed.stream().filter(f -> f.reason() != null && f.reason().startsWith("Part-way")).count();
        long notStarted = failed.stream().filter(f -> f.reason() != null && f.reason().startsWith("Not started")).count();
        long other = failed.size() - partWay - notStarted;
        StringBuilder m = new StringBuilder("Lost the connection to the database during the invoice run for " + period + ". ");
        m.append(created.size()).append(created.size() == 1 ? " invoice was" : " invoices were")
                .append(" created, sent and recorded before that");
        List<String> numbers = created.stream().map(RunSummary.Entry::number).filter(java.util.Objects::nonNull).sorted().toList();
        if (!numbers.isEmpty()) {
            m.append(" (").append(numbers.size() <= 3 ? String.join(", ", numbers)
                    : numbers.get(0) + " to " + numbers.get(numbers.size() - 1)).append(")");
        }
        m.append("; ").append(partWay).append(" were part-way and keep their last recorded step; ")
                .append(notStarted).append(" were not started");
        if (other > 0) {
            m.append("; ").append(other).append(" failed for other reasons");
        }
        return m.append(". Nothing is billed twice: once the database answers, run the period again and it resumes.").toString();
    }

    /** Records a payment received outside Stripe (wire, ACH, check) in Stripe and in the mirror. */
    public InvoiceDraft markPaidOutOfBand(UUID invoiceId, String method, String reference, String reason) {
        InvoiceDraft d = draft(invoiceId);
        Reasons.require(reason);
        if (!Set.of("ach", "wire", "check", "other").contains(method)) {
            throw new UserFacingException("Choose how it was paid: wire, ACH, check or other.");
        }
        if (reference == null || reference.isBlank()) {
            throw new UserFacingException("Give the payment's reference (the wire or ACH trace number) so it can be found later.");
        }
        if (!d.inStripe() || !Set.of("open", "uncollectible").contains(d.status())) {
            throw new UserFacingException("Only an open invoice can be marked paid; this one is " + d.status() + ".");
        }
        Jdbc.Work<Integer> paying = c -> repository.markPaidOutOfBand(c, d.organizationId(), invoiceId, method, reference.strip());
        jdbc.probe("recording the payment", paying::apply); // the grants stop a role before Stripe is touched
        StripeModels.Invoice p = stripe.get().payOutOfBand(IdempotencyKey.of("invoice", invoiceId, "pay-out-of-band"), d.stripeInvoiceId());
        jdbc.write("recording the payment", reason + " (" + method + " " + reference.strip() + ")", p.requestId(), paying::apply);
        return draft(invoiceId);
    }


    // ---- invoice runs ---------------------------------------------------------------------------------------
    /**
     * Invoices the period for every organization (or only those given): plans a draft for each that has none,
     * then takes every unfinished one through its Stripe steps, concurrently. Dry, it only says what it would do.
     */
    public RunSummary run(YearMonth period, List<UUID> only, boolean dryRun, RunControl control, Consumer<RunProgress> progress) {
        return run(period, only, dryRun, null, control, progress, InvoiceSteps.Observer.NONE);
    }

    /**
     * The same, closing the month early: {@code closeEarlyReason} (who asked, and why) lets a run bill a month that has
     * not ended or whose grace has not passed; it is kept in the run's audit row. A month that has not begun is refused.
     */
    public RunSummary run(YearMonth period, List<UUID> only, boolean dryRun, String closeEarlyReason, RunControl control,
                          Consumer<RunProgress> progress) {
        return run(period, only, dryRun, closeEarlyReason, control, progress, InvoiceSteps.Observer.NONE);
    }

    RunSummary run(YearMonth period, List<UUID> only, boolean dryRun, RunControl control, Consumer<RunProgress> progress,
                   InvoiceSteps.Observer observer) {
        return run(period, only, dryRun, null, control, progress, observer);
    }

    private RunSummary run(YearMonth period, List<UUID> only, boolean dryRun, String closeEarlyReason, RunControl control,
                           Consumer<RunProgress> progress, InvoiceSteps.Observer observer) {
        boolean closeEarly = closeEarlyReason != null && !closeEarlyReason.isBlank();
        java.time.Instant now = clock().instant();
        String notYet = BillablePeriods.refusal(period, now, grace, false); // null once the month may be billed
        // a dry run may preview a month still running; only a month that has not begun is refused outright
        String refusal = closeEarly || dryRun ? BillablePeriods.refusal(period, now, grace, true) : notYet;
        if (refusal != null) {
            throw new UserFacingException(refusal);
        }
        String earlyNote = closeEarly && notYet != null ? ", closed early: " + closeEarlyReason.strip() : "";
        long started = System.nanoTime();
        List<ReviewRow> rows = review(period, only);
        List<RunSummary.Entry> skipped = new ArrayList<>();
        List<RunSummary.Entry> failed = new ArrayList<>();
        List<RunSummary.Entry> created = new ArrayList<>();
        Set<UUID> seen = new java.util.HashSet<>();
        rows.forEach(r -> seen.add(r.organizationId()));
        for (UUID id : only) {
            if (!seen.contains(id)) {
                failed.add(new RunSummary.Entry(id, null, null, null, null, 0, "No such organization, or it had no subscription in " + period + "."));
            }
        }
        List<ReviewRow> todo = new ArrayList<>();
        for (ReviewRow r : rows) {
            if (r.needsInvoicing()) {
                todo.add(r);
            } else {
                skipped.add(new RunSummary.Entry(r.organizationId(), r.organizationName(), r.invoiceId(), null, r.invoiceNumber(),
                        r.totalMinor(), r.billing() == ReviewRow.Billing.INVOICED ? "already invoiced"
                        + (r.invoiceNumber() == null ? "" : " (" + r.invoiceNumber() + ")") : "nothing to bill"));
            }
        }
        String currency = rows.isEmpty() ? "USD" : rows.get(0).currency();
        if (dryRun) {
            for (ReviewRow r : todo) {
                created.add(new RunSummary.Entry(r.organizationId(), r.organizationName(), r.invoiceId(), null, null, r.totalMinor(),
                        r.billing() == ReviewRow.Billing.TO_INVOICE ? "would create" : "would resume (" + r.billing().label().toLowerCase(Locale.ROOT) + ")"));
            }
            return new RunSummary(period, true, null, "dry run", created, skipped, failed,
                    created.stream().mapToLong(RunSummary.Entry::totalMinor).sum(), currency, (System.nanoTime() - started) / 1_000_000);
        }
        if (todo.isEmpty()) {
            return new RunSummary(period, false, null, "nothing to do", created, skipped, failed, 0, currency,
                    (System.nanoTime() - started) / 1_000_000);
        }
        UUID runId = jdbc.write("starting the invoice run", "Invoice run for " + period + " (" + todo.size() + " organizations)" + earlyNote, null, c -> repository.startRun(c, period, todo.size()));
        // plan: a draft and a journal row for every organization that has none, in batches
        List<InvoiceRunner.Target> targets = new ArrayList<>();
        List<ReviewRow> toPlan = todo.stream().filter(r -> r.invoiceId() == null).toList();
        todo.stream().filter(r -> r.invoiceId() != null)
                .forEach(r -> targets.add(new InvoiceRunner.Target(r.organizationId(), r.invoiceId(), r.organizationName())));
        for (int from = 0; from < toPlan.size(); from += 200) {
            List<ReviewRow> batch = toPlan.subList(from, Math.min(toPlan.size(), from + 200));
            Map<ReviewRow, Optional<UUID>> planned = jdbc.write("planning the invoice run", "Invoice run " + runId + ": planned drafts", null, c -> {
                Map<ReviewRow, Optional<UUID>> out = new LinkedHashMap<>();
                for (ReviewRow r : batch) {
                    out.put(r, InvoiceRepository.drawCredits(c, r.organizationId(), period, r.lines(), repository.insertDraft(c, r.organizationId(), period,
                            r.kind(), r.currency(), r.daysUntilDue(), draftLines(r.lines()), runId, null)));
                }
                return out;
            });
            planned.forEach((r, id) -> {
                if (id.isPresent()) {
                    targets.add(new InvoiceRunner.Target(r.organizationId(), id.get(), r.organizationName()));
                } else {
                    // a concurrent run planned it between our review and now: that run invoices it and reports it
                    skipped.add(new RunSummary.Entry(r.organizationId(), r.organizationName(), null, null, null, r.totalMinor(),
                            "being invoiced by another run, which planned it a moment ago"));
                }
            });
        }
        Map<UUID, ReviewRow> byOrg = new java.util.HashMap<>();
        rows.forEach(r -> byOrg.put(r.organizationId(), r));
        InvoiceRunner runner = new InvoiceRunner(dataSource, stripe.get(), concurrency, lockWait, observer, catalog.clock());
        List<InvoiceSteps.Outcome> outcomes = runner.run(targets, runId, control, progress);
        if (control.killed()) {
            return new RunSummary(period, false, runId, "killed", created, skipped, failed, 0, currency,
                    (System.nanoTime() - started) / 1_000_000);
        }
        for (InvoiceSteps.Outcome o : outcomes) {
            RunSummary.Entry e = new RunSummary.Entry(o.organizationId(), o.organizationName(), o.invoiceId(), o.stripeInvoiceId(),
                    o.number(), o.totalMinor(), o.error());
            if (o.done() && !o.advanced()) {
                // another run (another console) sent it while this one waited for its lock: that run reports it
                skipped.add(new RunSummary.Entry(o.organizationId(), o.organizationName(), o.invoiceId(), o.stripeInvoiceId(), o.number(),
                        o.totalMinor(), "already invoiced" + (o.number() == null ? "" : " (" + o.number() + ")") + " by another run"));
            } else if (o.done()) {
                created.add(e);
            } else if (o.error() != null) {
                failed.add(e);
            } else {
                failed.add(new RunSummary.Entry(o.organizationId(), o.organizationName(), o.invoiceId(), o.stripeInvoiceId(), o.number(),
                        o.totalMinor(), "stopped at " + (o.state() == null ? "its first step" : o.state().replace('_', ' '))
                        + " because the run was " + (control.cancelled() ? "cancelled" : "stopped") + "; the next run resumes it"));
            }
        }
        if (runner.lostConnection() != null) {
            throw new UserFacingException(lostDuringRun(period, created, failed));
        }
        // complete only when every planned invoice is done or skipped with a reason; failures leave it to resume
        String status = control.cancelled() ? "cancelled" : failed.isEmpty() ? "completed" : "paused";
        jdbc.write("finishing the invoice run", "Invoice run " + runId + " " + status, null, c -> repository.finishRun(c, runId, status));
        created.sort(java.util.Comparator.comparing(e -> e.organizationName() == null ? "" : e.organizationName().toLowerCase(Locale.ROOT)));
        return new RunSummary(period, false, runId, status, created, skipped, failed,
                created.stream().mapToLong(RunSummary.Entry::totalMinor).sum(), currency, (System.nanoTime() - started) / 1_000_000);
    }

    /** Past runs, newest first. */
    public record RunRecord(UUID id, YearMonth period, String status, int organizations, String startedBy,
                            java.time.OffsetDateTime startedAt, java.time.OffsetDateTime finishedAt, int sent, int pending) {
    }

    public List<RunRecord> runs(int limit) {
        return jdbc.read("reading invoice runs", c -> repository.runs(c, limit));
    }
}
