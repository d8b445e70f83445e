package com.antevus.console.invoicing;

import com.antevus.console.core.Money;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Jdbc;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeFailure;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Credit notes: correcting a finalized invoice (open or paid) by some of its lines or an amount, with one of Stripe's
 * reasons and a note. As in Stripe, a credit note first takes what it can off what is still owed; the rest is credited
 * to the organization's Stripe balance (spent by its next invoice) or recorded as refunded outside Stripe. The note
 * is written before Stripe is asked and finished after, with the idempotency key bc.credit_note.&lt;id&gt;:create, so a
 * crash or a lost connection in between is resumed ({@link #resume()}) and never credits twice.
 */
public final class CreditNoteService {
    /** Stripe's reasons, with the words the console shows for them. */
    public static final Map<String, String> REASONS;

    static {
        Map<String, String> r = new java.util.LinkedHashMap<>();
        r.put("order_change", "Order change");
        r.put("product_unsatisfactory", "Service not satisfactory");
        r.put("duplicate", "Duplicate charge");
        r.put("fraudulent", "Fraudulent");
        REASONS = java.util.Collections.unmodifiableMap(r);
    }

    private final Jdbc jdbc;
    private final Supplier<StripeGateway> stripe;
    private final Clock clock;

    public CreditNoteService(DataSource dataSource, Supplier<StripeGateway> stripe, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.stripe = stripe;
        this.clock = clock;
    }

    /** Where what exceeds the amount still owed goes. */
    public enum Settlement {
        CUSTOMER_BALANCE("credit to the customer's balance (spent by their next invoice)"),
        OUT_OF_BAND("refunded outside Stripe (wire, check)");

        private final String words;

        Settlement(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** An invoice line and how much of it is already credited by live credit notes. */
    public record InvoiceLine(int lineNo, String description, long amountMinor, long creditedMinor) {
        public long creditableMinor() {
            return amountMinor - creditedMinor;
        }
    }

    /** @param invoiceLineNo the invoice line credited, or null for an amount of its own with its description */
    public record LineCredit(Integer invoiceLineNo, String description, long amountMinor) {
    }

    public record Request(UUID invoiceId, List<LineCredit> lines, String reason, String note, Settlement settlement) {
        public Request {
            lines = List.copyOf(lines);
        }
    }

    /** A field's problem, for the form to show beside it. */
    public record Problem(String field, String message) {
    }

    /**
     * What a request would do: its amount, how much comes off what is owed, where the rest goes, and the invoice
     * before and after. {@code problems} empty means it can be issued.
     */
    public record Plan(UUID organizationId, String organizationName, String invoiceNumber, String invoiceStatus, String currency,
                       long amountMinor, long prePaymentMinor, long toBalanceMinor, long outOfBandMinor, long owedBeforeMinor,
                       long creditedBeforeMinor, long invoiceTotalMinor, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        public long owedAfterMinor() {
            return owedBeforeMinor - prePaymentMinor;
        }

        /** The plan in a sentence, for the confirmation. */
        public String words() {
            StringBuilder b = new StringBuilder("Credit " + m(amountMinor) + " on " + organizationName + "'s invoice " + invoiceNumber);
            List<String> parts = new ArrayList<>();
            if (prePaymentMinor > 0) {
                parts.add(m(prePaymentMinor) + " off what is owed (" + m(owedBeforeMinor) + " → " + m(owedAfterMinor()) + ")");
            }
            if (toBalanceMinor > 0) {
                parts.add(m(toBalanceMinor) + " to the customer's balance, spent by their next invoice");
            }
            if (outOfBandMinor > 0) {
                parts.add(m(outOfBandMinor) + " recorded as refunded outside Stripe");
            }
            return b.append(": ").append(String.join("; ", parts)).append('.').toString();
        }

        private String m(long minor) {
            return Money.of(minor, currency).format();
        }
    }

    /** A credit note as the console holds it. */
    public record Note(UUID organizationId, UUID id, UUID invoiceId, String organizationName, String invoiceNumber, String state,
                       String number, String stripeId, String reason, String note, String currency, long amountMinor,
                       long prePaymentMinor, long toBalanceMinor, long outOfBandMinor, String createdBy, Instant createdAt,
                       Instant issuedAt, Instant voidedAt, String voidReason, String lastError, YearMonth period,
                       List<LineCredit> lines) {
        Note withLines(List<LineCredit> l) {
            return new Note(organizationId, id, invoiceId, organizationName, invoiceNumber, state, number, stripeId, reason, note,
                    currency, amountMinor, prePaymentMinor, toBalanceMinor, outOfBandMinor, createdBy, createdAt, issuedAt, voidedAt,
                    voidReason, lastError, period, List.copyOf(l));
        }

        public String reasonWords() {
            return REASONS.getOrDefault(reason, reason);
        }

        /** Where the amount went, in words. */
        public String settledWords() {
            List<String> parts = new ArrayList<>();
            if (prePaymentMinor > 0) {
                parts.add(Money.of(prePaymentMinor, currency).format() + " off the amount due");
            }
            if (toBalanceMinor > 0) {
                parts.add(Money.of(toBalanceMinor, currency).format() + " to the balance");
            }
            if (outOfBandMinor > 0) {
                parts.add(Money.of(outOfBandMinor, currency).format() + " refunded outside Stripe");
            }
            return String.join(", ", parts);
        }
    }

    /** The invoice a person names: its id, or its number as Stripe gave it (W55MIXHI-0001). */
    public UUID invoice(String idOrNumber) {
        try {
            return UUID.fromString(idOrNumber.strip());
        } catch (IllegalArgumentException notAnId) {
            return jdbc.read("finding the invoice", c -> CreditNoteRepository.invoiceByNumber(c, idOrNumber.strip()))
                    .orElseThrow(() -> new UserFacingException("No invoice is numbered " + idOrNumber.strip() + "."));
        }
    }

    /** The invoice's lines as a credit note sees them (what each charged and what is already credited). */
    public List<InvoiceLine> lines(UUID invoiceId) {
        return creditable(invoiceId).lines();
    }

    private CreditNoteRepository.Creditable creditable(UUID invoiceId) {
        return jdbc.read("reading the invoice", c -> CreditNoteRepository.creditable(c, invoiceId))
                .orElseThrow(() -> new UserFacingException("That invoice no longer exists; refresh the list."));
    }

    /** An invoice as a credit note form needs it: its lines and what is credited, and what Stripe says is still owed. */
    public record Context(CreditNoteRepository.Creditable invoice, long owedMinor) {
        public List<InvoiceLine> lines() {
            return invoice.lines();
        }

        public String currency() {
            return invoice.currency();
        }

        /** The plan for a request on this invoice as it was read (the form's live preview). */
        public Plan plan(Request r) {
            return CreditNoteService.plan(r, invoice, owedMinor);
        }
    }

    /** Reads the invoice and what Stripe says is owed on it (blocking: call it off the FX thread). */
    public Context context(UUID invoiceId) {
        CreditNoteRepository.Creditable inv = creditable(invoiceId);
        long owed = inv.stripeInvoiceId() == null ? 0
                : Math.max(0, stripe.get().retrieveInvoice(inv.stripeInvoiceId()).amountRemaining().minor());
        return new Context(inv, owed);
    }

    /** Checks a request against the invoice as it is now, and says what it would do. Reads Stripe for what is owed. */
    public Plan plan(Request r) {
        return context(r.invoiceId()).plan(r);
    }

    /** The plan for what is owed now ({@code owedMinor}, Stripe's amount remaining): pure, so it can be tested. */
    static Plan plan(Request r, CreditNoteRepository.Creditable inv, long owedMinor) {
        List<Problem> problems = new ArrayList<>();
        if (inv.stripeInvoiceId() == null || !Set.of("open", "paid").contains(inv.status())) {
            problems.add(new Problem("invoice", "Only a finalized invoice (open or paid) can be credited; this one is " + inv.status()
                    + (inv.stripeInvoiceId() == null ? " and not in Stripe" : "") + "."));
        }
        if (!REASONS.containsKey(r.reason())) {
            problems.add(new Problem("reason", "Choose a reason: " + String.join(", ", REASONS.values()).toLowerCase() + "."));
        }
        if (r.note() == null || r.note().codePoints().filter(Character::isLetter).count() < 3) {
            problems.add(new Problem("note", "Say why in a few words; the note goes on the credit note and to the audit log."));
        }
        if (r.lines().isEmpty()) {
            problems.add(new Problem("lines", "Choose what to credit: a line of the invoice, or an amount."));
        }
        Map<Integer, InvoiceLine> byNo = new HashMap<>();
        inv.lines().forEach(l -> byNo.put(l.lineNo(), l));
        Map<Integer, Long> asked = new HashMap<>();
        long amount = 0;
        for (LineCredit l : r.lines()) {
            if (l.amountMinor() <= 0) {
                problems.add(new Problem("lines", "Each amount credited must be more than zero."));
                continue;
            }
            if (l.invoiceLineNo() != null) {
                InvoiceLine il = byNo.get(l.invoiceLineNo());
                if (il == null) {
                    problems.add(new Problem("lines", "The invoice has no line " + l.invoiceLineNo() + "."));
                    continue;
                }
                long total = asked.merge(il.lineNo(), l.amountMinor(), Long::sum);
                if (total > il.creditableMinor()) {
                    problems.add(new Problem("lines", "Line " + il.lineNo() + " (" + il.description() + ") can be credited at most "
                            + Money.of(il.creditableMinor(), inv.currency()).format() + (il.creditedMinor() > 0 ? ", as "
                            + Money.of(il.creditedMinor(), inv.currency()).format() + " of it is already credited" : "") + "."));
                }
            } else if (l.description() == null || l.description().isBlank()) {
                problems.add(new Problem("lines", "An amount credited on its own needs a description for the credit note."));
            }
            amount = Math.addExact(amount, l.amountMinor());
        }
        long creditable = inv.totalMinor() - inv.creditedMinor();
        if (amount > creditable) {
            problems.add(new Problem("amount", "At most " + Money.of(creditable, inv.currency()).format() + " of this invoice can still be "
                    + "credited (" + Money.of(inv.totalMinor(), inv.currency()).format() + " less "
                    + Money.of(inv.creditedMinor(), inv.currency()).format() + " already credited)."));
        }
        long pre = Math.min(amount, Math.max(0, owedMinor));
        long post = amount - pre;
        if (post > 0 && r.settlement() == null) {
            problems.add(new Problem("settlement", "Say where the " + Money.of(post, inv.currency()).format()
                    + " beyond what is owed goes: the customer's balance, or refunded outside Stripe."));
        }
        long toBalance = r.settlement() == Settlement.CUSTOMER_BALANCE ? post : 0;
        long outOfBand = r.settlement() == Settlement.OUT_OF_BAND ? post : 0;
        if (r.settlement() == null) {
            toBalance = 0;
            outOfBand = 0;
        }
        return new Plan(inv.organizationId(), inv.organizationName(), inv.number(), inv.status(), inv.currency(), amount, pre, toBalance,
                outOfBand, owedMinor, inv.creditedMinor(), inv.totalMinor(), List.copyOf(problems));
    }

    /**
     * Issues the credit note: checks it, records it as planned (the grants refuse a role that may not, before Stripe
     * is touched), asks Stripe, and records Stripe's answer. Stripe refusing it voids the planned note (nothing was
     * credited); Stripe not answering leaves it planned, to be finished by {@link #resume()} with the same key.
     */
    public Note issue(Request r) {
        resume(r.invoiceId());
        Plan plan = plan(r);
        if (!plan.ok()) {
            throw new UserFacingException(plan.problems().get(0).message() + " Nothing was credited.");
        }
        UUID id = UUID.randomUUID();
        jdbc.write("recording the credit note", r.note().strip(), null, c -> {
            CreditNoteRepository.insert(c, id, plan, r);
            return null;
        });
        return send(note(id));
    }

    private Note note(UUID id) {
        return jdbc.read("reading the credit note", c -> CreditNoteRepository.one(c, id))
                .orElseThrow(() -> new UserFacingException("That credit note no longer exists; refresh the list."));
    }

    /** Takes a planned note through Stripe: finds it there first (a retried step), else creates it with its key. */
    private Note send(Note n) {
        CreditNoteRepository.Creditable inv = creditable(n.invoiceId());
        StripeGateway gw = stripe.get();
        StripeModels.CreditNote made;
        try {
            made = gw.creditNotes(inv.stripeInvoiceId()).stream()
                    .filter(x -> n.id().toString().equals(x.metadata().get("console_credit_note_id"))).findFirst().orElse(null);
            if (made == null) {
                Map<Integer, String> lineIds = stripeLineIds(gw, inv.stripeInvoiceId());
                List<StripeModels.CreditLineSpec> specs = new ArrayList<>();
                for (LineCredit l : n.lines()) {
                    specs.add(new StripeModels.CreditLineSpec(l.invoiceLineNo() == null ? null : lineIds.get(l.invoiceLineNo()),
                            Money.of(l.amountMinor(), n.currency()), l.description()));
                }
                made = gw.createCreditNote(IdempotencyKey.of("credit_note", n.id(), "create"), inv.stripeInvoiceId(), specs, n.reason(),
                        n.note(), new StripeModels.CreditSettlement(Money.of(n.toBalanceMinor(), n.currency()),
                                Money.of(n.outOfBandMinor(), n.currency())),
                        Map.of("console_credit_note_id", n.id().toString(), "console_invoice_id", n.invoiceId().toString()));
            }
        } catch (StripeFailure f) {
            boolean refused = Set.of(StripeFailure.Kind.INVALID_REQUEST, StripeFailure.Kind.INVALID_STATE, StripeFailure.Kind.NOT_FOUND)
                    .contains(f.kind());
            Instant at = clock.instant();
            jdbc.write("recording what Stripe answered", refused ? "Stripe refused the credit note" : "Stripe did not answer", f.requestId(),
                    c -> refused ? CreditNoteRepository.voided(c, n.organizationId(), n.id(), at, "Not issued: " + f.getMessage(), f.requestId())
                            : CreditNoteRepository.failed(c, n.organizationId(), n.id(), f.getMessage()));
            throw new UserFacingException(refused ? "Stripe refused the credit note: " + f.getMessage() + " Nothing was credited."
                    : f.getMessage() + " The credit note is kept as planned and is finished, once, when Stripe answers.", f);
        }
        StripeModels.CreditNote done = made;
        StripeModels.Invoice after = gw.retrieveInvoice(inv.stripeInvoiceId());
        Instant at = clock.instant();
        jdbc.write("recording the credit note", n.note(), done.requestId(), c -> {
            CreditNoteRepository.issued(c, n.organizationId(), n.id(), done.id(), done.number(), at, done.requestId());
            CreditNoteRepository.invoiceStatus(c, n.organizationId(), n.invoiceId(), after.status(), at);
            return null;
        });
        return note(n.id());
    }

    /** The console's line numbers of the Stripe invoice's lines (the invoice steps write console_line on each). */
    private static Map<Integer, String> stripeLineIds(StripeGateway gw, String stripeInvoiceId) {
        Map<Integer, String> out = new HashMap<>();
        for (StripeModels.InvoiceLine l : gw.invoiceLines(stripeInvoiceId)) {
            String no = l.metadata().get("console_line");
            if (no != null) {
                out.put(Integer.parseInt(no), l.id());
            }
        }
        return out;
    }

    /** Finishes every credit note left planned (Stripe did not answer, or the console stopped half-way). */
    public int resume() {
        int done = 0;
        for (Note n : jdbc.read("reading planned credit notes", CreditNoteRepository::planned)) {
            send(n);
            done++;
        }
        return done;
    }

    private void resume(UUID invoiceId) {
        for (Note n : jdbc.read("reading planned credit notes", c -> CreditNoteRepository.planned(c, invoiceId))) {
            send(n);
        }
    }

    /** Voids an issued credit note in Stripe (which gives back what it took off and takes back what it credited), then here. */
    public Note voidNote(UUID creditNoteId, String reason) {
        Note n = note(creditNoteId);
        if (reason == null || reason.codePoints().filter(Character::isLetter).count() < 3) {
            throw new UserFacingException("Say why the credit note is voided; it goes to the audit log.");
        }
        if (!"issued".equals(n.state())) {
            throw new UserFacingException("Only an issued credit note can be voided; this one is " + n.state() + ".");
        }
        Instant at = clock.instant();
        jdbc.probe("voiding the credit note", c -> CreditNoteRepository.voided(c, n.organizationId(), n.id(), at, reason.strip(), null));
        StripeModels.CreditNote v = stripe.get().voidCreditNote(IdempotencyKey.of("credit_note", n.id(), "void"), n.stripeId());
        CreditNoteRepository.Creditable inv = creditable(n.invoiceId());
        StripeModels.Invoice after = stripe.get().retrieveInvoice(inv.stripeInvoiceId());
        jdbc.write("voiding the credit note", reason.strip(), v.requestId(), c -> {
            CreditNoteRepository.voided(c, n.organizationId(), n.id(), at, reason.strip(), v.requestId());
            CreditNoteRepository.invoiceStatus(c, n.organizationId(), n.invoiceId(), after.status(), at);
            return null;
        });
        return note(n.id());
    }

    public List<Note> forInvoice(UUID invoiceId) {
        return jdbc.read("reading the invoice's credit notes", c -> CreditNoteRepository.forInvoice(c, invoiceId));
    }

    public List<Note> forOrganization(UUID organizationId) {
        return jdbc.read("reading the organization's credit notes", c -> CreditNoteRepository.forOrganization(c, organizationId));
    }

    public List<Note> forPeriod(YearMonth period) {
        return jdbc.read("reading the period's credit notes", c -> CreditNoteRepository.forPeriod(c, period));
    }

    /** The organization's Stripe balance (negative: credit it will spend) and its latest changes; empty without a customer. */
    public record Balance(long balanceMinor, String currency, List<StripeModels.BalanceTransaction> changes) {
    }

    public java.util.Optional<Balance> balance(String stripeCustomerId, String currency) {
        if (stripeCustomerId == null) {
            return java.util.Optional.empty();
        }
        StripeModels.Customer c = stripe.get().retrieveCustomer(stripeCustomerId);
        return java.util.Optional.of(new Balance(c.balance(), currency, stripe.get().balanceTransactions(stripeCustomerId, 20)));
    }
}
