package com.antevus.console.invoicing;

import com.antevus.console.db.Jdbc;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Pulls Stripe's events feed (/v1/events) from a stored cursor into stripe_events, logging each event before
 * doing anything with it (deduplicated by event id), then updates the invoice mirror from the invoice events.
 * Processing is idempotent and only moves an invoice forward (open → paid, void, uncollectible), so replaying an
 * event, or receiving events out of order, never undoes a later state. Failures stay visible and replayable.
 */
public final class StripeEventSync {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CURSOR = "events";
    private static final Map<String, Integer> RANK = Map.of("draft", 0, "open", 1, "uncollectible", 2, "paid", 3, "void", 3);

    private final Jdbc jdbc;
    private final Supplier<StripeGateway> stripe;
    private final java.time.Clock clock;

    public StripeEventSync(DataSource dataSource, Supplier<StripeGateway> stripe, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = new Jdbc(dataSource);
        this.stripe = stripe;
    }

    /** What one sync did. */
    public record SyncResult(int fetched, int stored, int processed, int ignored, int failed) {
    }

    /** One logged event, for the events view. */
    public record EventRow(String eventId, String type, String objectId, UUID organizationId, String organizationName,
                           OffsetDateTime createdAt, String status, int attempts, String error) {
    }

    /** Fetches every event newer than the cursor, stores the new ones, and processes what is pending. */
    public SyncResult sync() {
        return sync(step -> { });
    }

    /** The same, saying how far it has got ("Fetched 300 events from Stripe…", "Applied 120 of 1,724 events…"). */
    public SyncResult sync(java.util.function.Consumer<String> progress) {
        String cursor = jdbc.read("reading the events cursor", c -> StripeEventRepository.cursor(c, CURSOR)).orElse(null);
        List<StripeModels.Event> fetched = new ArrayList<>();
        if (cursor == null) {
            // first sync: the whole feed, oldest first
            String after = null;
            while (true) {
                StripeModels.Page<StripeModels.Event> page = stripe.get().listEvents(null, after, 100);
                fetched.addAll(page.data());
                progress.accept(String.format("Fetched %,d events from Stripe\u2026", fetched.size()));
                if (!page.hasMore() || page.data().isEmpty()) {
                    break;
                }
                after = page.data().get(page.data().size() - 1).id();
            }
            java.util.Collections.reverse(fetched);
        } else {
            String before = cursor;
            while (true) {
                StripeModels.Page<StripeModels.Event> page = stripe.get().listEvents(before, null, 100);
                List<StripeModels.Event> newestFirst = page.data();
                for (int i = newestFirst.size() - 1; i >= 0; i--) {
                    fetched.add(newestFirst.get(i));
                }
                progress.accept(String.format("Fetched %,d new events from Stripe\u2026", fetched.size()));
                if (!page.hasMore() || newestFirst.isEmpty()) {
                    break;
                }
                before = newestFirst.get(0).id();
            }
        }
        int stored = 0;
        for (int from = 0; from < fetched.size(); from += 500) {
            List<StripeModels.Event> batch = fetched.subList(from, Math.min(fetched.size(), from + 500));
            String newest = batch.get(batch.size() - 1).id();
            List<StripeEventRepository.NewEvent> rows = batch.stream().map(e -> new StripeEventRepository.NewEvent(e.id(), e.type(),
                    e.objectId(), organizationOf(e.objectJson()), e.created(), e.objectJson())).toList();
            stored += jdbc.write("storing Stripe events", "Stripe events sync", null, c -> StripeEventRepository.store(c, rows, CURSOR, newest));
            progress.accept(String.format("Logged %,d of %,d events\u2026", Math.min(fetched.size(), from + 500), fetched.size()));
        }
        int[] counts = processPending(progress);
        return new SyncResult(fetched.size(), stored, counts[0], counts[1], counts[2]);
    }

    private static UUID organizationOf(String objectJson) {
        try {
            String id = JSON.readTree(objectJson).path("metadata").path("console_organization_id").asText(null);
            return id == null ? null : UUID.fromString(id);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Processes every pending event, oldest first; returns processed, ignored, failed. */
    int[] processPending() {
        return processPending(step -> { });
    }

    private int[] processPending(java.util.function.Consumer<String> progress) {
        List<String> pending = jdbc.read("reading pending events", StripeEventRepository::pending);
        int[] counts = new int[3];
        int done = 0;
        for (String id : pending) {
            if (done++ % 50 == 0) {
                progress.accept(String.format("Applying event %,d of %,d\u2026", done, pending.size()));
            }
            String status = process(id);
            counts[switch (status) {
                case "processed" -> 0;
                case "ignored" -> 1;
                default -> 2;
            }]++;
        }
        return counts;
    }

    /** Processes one event again (the events view's Replay). */
    public String replay(String eventId) {
        jdbc.write("replaying the event", "Replay of Stripe event " + eventId, null, c -> {
            StripeEventRepository.markPending(c, eventId);
            return null;
        });
        return process(eventId);
    }

    private String process(String eventId) {
        try {
            return jdbc.write("processing the Stripe event", "Stripe event " + eventId, null, c -> {
                StripeEventRepository.Logged logged = StripeEventRepository.lock(c, eventId).orElse(null);
                if (logged == null) {
                    return "ignored";
                }
                Move move = move(logged);
                String note = null;
                java.util.Optional<CreditSales.Sale> sale = move == null ? java.util.Optional.empty()
                        : CreditSaleRepository.byStripeInvoice(c, move.stripeInvoiceId());
                if (sale.isPresent()) {
                    // a credit sale's own invoice: paid grants its credits (once), voided ends it without any
                    String saleNote = switch (move.target()) {
                        case "paid" -> CreditSaleRepository.paid(c, sale.get(), move.paidAt()) ? null : "the sale was already paid";
                        case "void" -> {
                            CreditSaleRepository.voided(c, sale.get());
                            yield null;
                        }
                        default -> "nothing to do for a credit sale";
                    };
                    String saleOutcome = saleNote == null ? "processed" : "ignored";
                    StripeEventRepository.markOutcome(c, eventId, saleOutcome, saleNote);
                    return saleOutcome;
                }
                if (move != null) {
                    StripeEventRepository.Mirrored invoice = StripeEventRepository.lockInvoice(c, move.stripeInvoiceId()).orElse(null);
                    note = invoice == null ? "not an invoice the console knows" : refusal(invoice.status(), move.target());
                    if (note == null && "paid".equals(move.target())
                            && StripeEventRepository.creditNoteVoidedSince(c, invoice, logged.createdAt())) {
                        // the event may describe a payment by a credit note since voided: Stripe's invoice as it is now decides
                        String now = stripe.get().retrieveInvoice(move.stripeInvoiceId()).status();
                        if (!"paid".equals(now)) {
                            note = "a credit note on it was voided after this event; Stripe now says it is " + now;
                        }
                    }
                    if (note == null) {
                        switch (move.target()) {
                            case "payment_failed" -> note = StripeEventRepository.recordPaymentFailure(c, invoice, move.paymentError())
                                    ? null : "the invoice is no longer open";
                            case "void" -> StripeEventRepository.voidInvoice(c, invoice, move.voidedAt(), eventId);
                            default -> StripeEventRepository.advance(c, invoice, move.target(), move.paidAt(), move.voidedAt(),
                                    move.amountPaidMinor(), move.number(), move.hostedUrl());
                        }
                    }
                }
                String outcome = move != null && note == null ? "processed" : "ignored";
                StripeEventRepository.markOutcome(c, eventId, outcome, note);
                return outcome;
            });
        } catch (RuntimeException e) {
            jdbc.write("recording the event's failure", "Stripe event " + eventId + " failed", null, c -> {
                StripeEventRepository.markOutcome(c, eventId, "failed", e.getMessage());
                return null;
            });
            return "failed";
        }
    }

    /** What an invoice event asks of the mirror: the status it moves to, and what Stripe's object says about it. */
    private record Move(String stripeInvoiceId, String target, java.time.Instant paidAt, java.time.Instant voidedAt, long amountPaidMinor,
                        String number, String hostedUrl, String paymentError) {
    }

    /** The move an event asks for; null for an event that moves no invoice. */
    private Move move(StripeEventRepository.Logged logged) {
        JsonNode object;
        try {
            object = JSON.readTree(logged.objectJson());
        } catch (IOException e) {
            throw new IllegalStateException("the event's object is not JSON: " + e.getMessage());
        }
        String type = logged.type();
        if (!type.startsWith("invoice.") || !"invoice".equals(object.path("object").asText())) {
            return null;
        }
        String target = switch (type) {
            case "invoice.paid", "invoice.payment_succeeded" -> "paid";
            case "invoice.voided" -> "void";
            case "invoice.marked_uncollectible" -> "uncollectible";
            case "invoice.finalized" -> "open";
            case "invoice.payment_failed" -> "payment_failed";
            default -> null;
        };
        if (target == null) {
            return null;
        }
        JsonNode transitions = object.path("status_transitions");
        return new Move(object.path("id").asText(), target, seconds(transitions.path("paid_at")), seconds(transitions.path("voided_at")),
                object.path("amount_paid").asLong(), object.path("number").asText(null), object.path("hosted_invoice_url").asText(null),
                object.path("last_finalization_error").path("message").asText("The payment failed"));
    }

    /**
     * Why the mirror stays where it is, or null when it moves: it only moves forward (open → paid, void,
     * uncollectible), except that an uncollectible invoice may still be paid. A failed payment is always noted.
     */
    static String refusal(String current, String target) {
        if (target.equals("payment_failed")) {
            return null;
        }
        if (RANK.get(target) <= RANK.get(current) && !("uncollectible".equals(current) && "paid".equals(target))) {
            return "already " + current;
        }
        return null;
    }

    private java.time.Instant seconds(JsonNode n) {
        return n.isNumber() ? Instant.ofEpochSecond(n.asLong()) : clock.instant();
    }

    /** The newest events, optionally only those with one status. */
    public List<EventRow> events(String status, int limit) {
        return jdbc.read("reading Stripe events", c -> StripeEventRepository.events(c, status, limit));
    }
}
