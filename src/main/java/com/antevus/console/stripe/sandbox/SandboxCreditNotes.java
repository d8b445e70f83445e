package com.antevus.console.stripe.sandbox;

import static com.antevus.console.stripe.sandbox.SandboxApi.applyMetadata;
import static com.antevus.console.stripe.sandbox.SandboxApi.integer;
import static com.antevus.console.stripe.sandbox.SandboxApi.list;
import static com.antevus.console.stripe.sandbox.SandboxApi.listOfMaps;
import static com.antevus.console.stripe.sandbox.SandboxApi.newId;
import static com.antevus.console.stripe.sandbox.SandboxApi.oneOf;
import static com.antevus.console.stripe.sandbox.SandboxApi.only;
import static com.antevus.console.stripe.sandbox.SandboxApi.required;
import static com.antevus.console.stripe.sandbox.SandboxApi.str;

import com.antevus.console.stripe.sandbox.SandboxApi.Call;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Credit notes and customer balance transactions, as Stripe's API version {@link SandboxApi#API_VERSION} has them:
 * a credit note first reduces the invoice's amount_remaining (its pre_payment_amount, never below zero); the rest is
 * its post_payment_amount, which refund_amount, credit_amount and out_of_band_amount must add up to exactly. A
 * credit to the balance is a customer balance transaction, applied to the customer's next invoice when it is
 * finalized (see {@link SandboxApi#finalizeInvoice}). Voiding a credit note reverses what it did.
 */
final class SandboxCreditNotes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] CREATE_PARAMS = {"invoice", "lines", "amount", "credit_amount", "refund_amount",
            "out_of_band_amount", "reason", "memo", "metadata", "effective_at", "email_type"};
    private final SandboxApi api;

    SandboxCreditNotes(SandboxApi api) {
        this.api = api;
    }

    ObjectNode create(Call c) throws SQLException {
        ObjectNode note = build(c, "cn_");
        ObjectNode invoice = c.tx().require(note.get("invoice").asText(), "invoice", "invoice", "invoice");
        long pre = note.get("pre_payment_amount").asLong();
        long post = note.get("post_payment_amount").asLong();
        long credit = note.get("credit_amount_requested").asLong();
        note.remove("credit_amount_requested");
        long count = c.tx().list("credit_note", null, F.objectNode().put("invoice", invoice.get("id").asText()), 100, null, null)
                .data().size();
        note.put("number", invoice.get("number").asText() + "-CN-" + String.format("%02d", count + 1));
        note.put("pdf", api.baseUrl() + "/credit_notes/" + note.get("id").asText() + "/pdf");
        String customer = invoice.get("customer").asText();
        if (credit > 0) {
            ObjectNode txn = balanceTransaction(c, customer, -credit, invoice.get("currency").asText(), "credit_note",
                    "Credit note " + note.get("number").asText());
            txn.put("credit_note", note.get("id").asText());
            c.tx().update(txn);
            note.put("customer_balance_transaction", txn.get("id").asText());
        }
        c.tx().insert(note, customer);
        ObjectNode previous = F.objectNode().put("amount_remaining", invoice.get("amount_remaining").asLong());
        invoice.put("pre_payment_credit_notes_amount", invoice.path("pre_payment_credit_notes_amount").asLong() + pre);
        invoice.put("post_payment_credit_notes_amount", invoice.path("post_payment_credit_notes_amount").asLong() + post);
        invoice.put("amount_due", invoice.get("amount_due").asLong() - pre);
        invoice.put("amount_remaining", invoice.get("amount_remaining").asLong() - pre);
        c.tx().update(invoice);
        api.event(c, "credit_note.created", note, null);
        api.event(c, "invoice.updated", invoice, previous);
        if ("open".equals(invoice.get("status").asText()) && invoice.get("amount_remaining").asLong() == 0) {
            // nothing is owed any more: Stripe marks the invoice paid
            invoice.put("status", "paid");
            ((ObjectNode) invoice.get("status_transitions")).put("paid_at", api.now());
            c.tx().update(invoice);
            api.event(c, "invoice.paid", invoice, F.objectNode().put("status", "open"));
        }
        return note;
    }

    /** GET /v1/credit_notes/preview: the credit note create would make, without making it. */
    ObjectNode preview(Call c) throws SQLException {
        ObjectNode note = build(c, "cnpreview_");
        note.remove("credit_amount_requested");
        ObjectNode invoice = c.tx().require(note.get("invoice").asText(), "invoice", "invoice", "invoice");
        note.put("number", invoice.get("number").asText() + "-CN-PREVIEW");
        note.putNull("pdf");
        return note;
    }

    /** The credit note the parameters describe, checked as Stripe checks them; not stored. */
    private ObjectNode build(Call c, String prefix) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, CREATE_PARAMS);
        String invoiceId = required(p, "invoice");
        ObjectNode invoice = c.tx().require(invoiceId, "invoice", "invoice", "invoice");
        String status = invoice.get("status").asText();
        if (!status.equals("open") && !status.equals("paid")) {
            throw SandboxError.state("A credit note can only be issued for a finalized invoice that is open or paid. This invoice is "
                    + status + ".");
        }
        String currency = invoice.get("currency").asText();
        ObjectNode note = api.base(prefix, "credit_note");
        ArrayNode lines = F.arrayNode();
        long sum = 0;
        List<Map<String, Object>> listed = listOfMaps(p, "lines");
        List<Map<String, Object>> given = listed == null ? List.of() : listed; // a note of an amount alone has no lines
        Map<String, Long> creditedBefore = creditedPerLine(c, invoiceId);
        for (int i = 0; i < given.size(); i++) {
            Map<String, Object> l = given.get(i);
            String param = "lines[" + i + "]";
            only(l, "type", "invoice_line_item", "amount", "quantity", "description", "unit_amount", "metadata");
            String type = oneOf(l, "type", null, "invoice_line_item", "custom_line_item");
            if (type == null) {
                throw SandboxError.missing(param + "[type]");
            }
            ObjectNode line = F.objectNode();
            line.put("id", newId("cnli_"));
            line.put("object", "credit_note_line_item");
            line.put("type", type);
            line.put("livemode", false);
            line.putArray("discount_amounts");
            line.put("discount_amount", 0);
            line.putArray("tax_rates");
            line.putArray("taxes");
            long amount;
            if (type.equals("invoice_line_item")) {
                String lineId = required(l, "invoice_line_item");
                JsonNode il = invoiceLine(invoice, lineId);
                if (il == null) {
                    throw SandboxError.noSuch("invoice line item", lineId, param + "[invoice_line_item]");
                }
                long charged = il.get("amount").asLong();
                Long a = integer(l, "amount");
                Long q = integer(l, "quantity");
                if (a == null && q == null) {
                    throw SandboxError.invalid(param + "[amount]", "You must pass either amount or quantity for an invoice_line_item line.");
                }
                long quantity = il.get("quantity").asLong(1);
                amount = a != null ? a : Math.multiplyExact(Math.floorDiv(charged, Math.max(1, quantity)), q);
                long left = charged - creditedBefore.getOrDefault(lineId, 0L);
                if (amount <= 0 || amount > left) {
                    throw SandboxError.invalid(param + "[amount]", "The credit note line amount (" + amount
                            + ") must be positive and at most the line's creditable amount (" + left + ").");
                }
                line.put("invoice_line_item", lineId);
                line.put("description", il.get("description").asText(null));
                line.put("quantity", q == null ? 1 : q);
            } else {
                Long q = integer(l, "quantity");
                Long unit = integer(l, "unit_amount");
                if (unit == null) {
                    throw SandboxError.missing(param + "[unit_amount]");
                }
                long quantity = q == null ? 1 : q;
                amount = Math.multiplyExact(unit, quantity);
                if (amount <= 0) {
                    throw SandboxError.invalid(param + "[unit_amount]", "A custom line's amount must be positive.");
                }
                line.put("description", required(l, "description"));
                line.put("quantity", quantity);
                line.putNull("invoice_line_item");
            }
            line.put("amount", amount);
            line.put("unit_amount", amount);
            line.put("unit_amount_decimal", String.valueOf(amount));
            applyMetadata(line, l);
            StripeDefaults.creditNoteLine(line);
            lines.add(line);
            sum = Math.addExact(sum, amount);
        }
        Long amountParam = integer(p, "amount");
        if (given.isEmpty() && amountParam == null) {
            throw SandboxError.invalid("amount", "One of amount, lines, or shipping_cost must be provided.");
        }
        if (!given.isEmpty() && amountParam != null && amountParam != sum) {
            throw SandboxError.invalid("amount", "The amount (" + amountParam + ") must equal the sum of the lines (" + sum + ").");
        }
        long total = given.isEmpty() ? amountParam : sum;
        if (total <= 0) {
            throw SandboxError.invalid("amount", "The credit note amount must be positive.");
        }
        long creditable = invoice.get("total").asLong() - invoice.path("pre_payment_credit_notes_amount").asLong()
                - invoice.path("post_payment_credit_notes_amount").asLong();
        if (total > creditable) {
            throw SandboxError.invalid("amount", "The credit note amount (" + total + ") exceeds the invoice's creditable amount ("
                    + creditable + ").");
        }
        long pre = Math.min(total, Math.max(0, invoice.get("amount_remaining").asLong()));
        long post = total - pre;
        long credit = orZero(integer(p, "credit_amount"));
        long refund = orZero(integer(p, "refund_amount"));
        long outOfBand = orZero(integer(p, "out_of_band_amount"));
        if (credit < 0 || refund < 0 || outOfBand < 0) {
            throw SandboxError.invalid("credit_amount", "credit_amount, refund_amount and out_of_band_amount cannot be negative.");
        }
        if (refund > 0) {
            throw SandboxError.invalid("refund_amount", "This invoice has no charge to refund (the sandbox takes no card payments); "
                    + "credit the customer's balance or record the refund with out_of_band_amount.");
        }
        if (credit + refund + outOfBand != post) {
            throw SandboxError.invalid("credit_amount", "The sum of credit_amount, refund_amount and out_of_band_amount ("
                    + (credit + refund + outOfBand) + ") must equal the credit note's post_payment_amount (" + post + ").");
        }
        String reason = oneOf(p, "reason", null, "duplicate", "fraudulent", "order_change", "product_unsatisfactory");
        note.put("amount", total);
        note.put("amount_shipping", 0);
        note.put("currency", currency);
        note.put("customer", invoice.get("customer").asText());
        note.putNull("customer_balance_transaction");
        note.put("discount_amount", 0);
        note.putArray("discount_amounts");
        Long effective = integer(p, "effective_at");
        note.put("effective_at", effective == null ? api.now() : effective);
        note.put("invoice", invoiceId);
        note.set("lines", list("/v1/credit_notes/" + note.get("id").asText() + "/lines", toList(lines), false));
        note.put("memo", str(p, "memo"));
        applyMetadata(note, p);
        if (outOfBand == 0 && post == 0) {
            note.putNull("out_of_band_amount");
        } else {
            note.put("out_of_band_amount", outOfBand);
        }
        note.put("pre_payment_amount", pre);
        note.put("post_payment_amount", post);
        note.putArray("pretax_credit_amounts");
        if (reason == null) {
            note.putNull("reason");
        } else {
            note.put("reason", reason);
        }
        note.putArray("refunds");
        note.putNull("shipping_cost");
        note.put("status", "issued");
        note.put("subtotal", total);
        note.put("subtotal_excluding_tax", total);
        note.put("total", total);
        note.put("total_excluding_tax", total);
        note.putArray("total_taxes");
        note.put("type", post > 0 && pre == 0 ? "post_payment" : pre > 0 && post > 0 ? "mixed" : "pre_payment");
        note.putNull("voided_at");
        StripeDefaults.creditNote(note);
        note.put("credit_amount_requested", credit);
        return note;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static List<ObjectNode> toList(ArrayNode a) {
        List<ObjectNode> out = new java.util.ArrayList<>();
        a.forEach(n -> out.add((ObjectNode) n));
        return out;
    }

    private static JsonNode invoiceLine(ObjectNode invoice, String lineId) {
        for (JsonNode l : invoice.get("lines").get("data")) {
            if (l.get("id").asText().equals(lineId)) {
                return l;
            }
        }
        return null;
    }

    /** How much of each invoice line the invoice's issued credit notes already credit. */
    private static Map<String, Long> creditedPerLine(Call c, String invoiceId) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        for (ObjectNode n : c.tx().list("credit_note", null, F.objectNode().put("invoice", invoiceId).put("status", "issued"), 100,
                null, null).data()) {
            for (JsonNode l : n.get("lines").get("data")) {
                if (!l.path("invoice_line_item").isNull() && l.has("invoice_line_item")) {
                    out.merge(l.get("invoice_line_item").asText(), l.get("amount").asLong(), Long::sum);
                }
            }
        }
        return out;
    }

    ObjectNode retrieve(Call c) throws SQLException {
        return c.tx().require(c.id(0), "credit_note", "credit note", "id");
    }

    ObjectNode listNotes(Call c) throws SQLException {
        only(c.params(), "invoice", "customer", "limit", "starting_after", "ending_before");
        ObjectNode contains = F.objectNode();
        if (str(c.params(), "invoice") != null) {
            contains.put("invoice", str(c.params(), "invoice"));
        }
        return api.page(c, "credit_note", "/v1/credit_notes", str(c.params(), "customer"), contains);
    }

    ObjectNode lines(Call c) throws SQLException {
        ObjectNode note = retrieve(c);
        return list("/v1/credit_notes/" + note.get("id").asText() + "/lines", toList((ArrayNode) note.get("lines").get("data")), false);
    }

    /** POST /v1/credit_notes/{id}/void: reverses the note's effect on the invoice and on the customer's balance. */
    ObjectNode voidNote(Call c) throws SQLException {
        only(c.params());
        ObjectNode note = retrieve(c);
        if (!"issued".equals(note.get("status").asText())) {
            throw SandboxError.state("This credit note is already void.");
        }
        ObjectNode invoice = c.tx().require(note.get("invoice").asText(), "invoice", "invoice", "invoice");
        long pre = note.get("pre_payment_amount").asLong();
        if (pre > 0 && "paid".equals(invoice.get("status").asText()) && invoice.get("amount_paid").asLong() > 0) {
            throw SandboxError.state("This credit note reduced the amount due of an invoice that has since been paid, so it can no "
                    + "longer be voided. Issue a new invoice for the amount instead.");
        }
        long now = api.now();
        note.put("status", "void");
        note.put("voided_at", now);
        c.tx().update(note);
        ObjectNode previous = F.objectNode().put("amount_remaining", invoice.get("amount_remaining").asLong());
        invoice.put("pre_payment_credit_notes_amount", invoice.get("pre_payment_credit_notes_amount").asLong() - pre);
        invoice.put("post_payment_credit_notes_amount", invoice.get("post_payment_credit_notes_amount").asLong()
                - note.get("post_payment_amount").asLong());
        invoice.put("amount_due", invoice.get("amount_due").asLong() + pre);
        invoice.put("amount_remaining", invoice.get("amount_remaining").asLong() + pre);
        if (pre > 0 && "paid".equals(invoice.get("status").asText())) {
            invoice.put("status", "open"); // it was paid only by this note: it is owed again
            ((ObjectNode) invoice.get("status_transitions")).putNull("paid_at");
            previous.put("status", "paid");
        }
        c.tx().update(invoice);
        if (!note.get("customer_balance_transaction").isNull()) {
            ObjectNode txn = c.tx().require(note.get("customer_balance_transaction").asText(), "customer_balance_transaction",
                    "customer balance transaction", "customer_balance_transaction");
            ObjectNode back = balanceTransaction(c, note.get("customer").asText(), -txn.get("amount").asLong(),
                    txn.get("currency").asText(), "credit_note", "Void of credit note " + note.get("number").asText());
            back.put("credit_note", note.get("id").asText());
            c.tx().update(back);
        }
        api.event(c, "credit_note.voided", note, F.objectNode().put("status", "issued"));
        api.event(c, "invoice.updated", invoice, previous);
        return note;
    }

    // ---- customer balance ----------------------------------------------------------------------
    /** Records a change of the customer's balance (negative: a credit the customer can spend) and moves the balance. */
    ObjectNode balanceTransaction(Call c, String customerId, long amount, String currency, String type, String description)
            throws SQLException {
        ObjectNode customer = c.tx().require(customerId, "customer", "customer", "customer");
        if (!customer.get("currency").isNull() && !customer.get("currency").asText().equals(currency)) {
            throw SandboxError.invalid("currency", "The customer's balance is in " + customer.get("currency").asText()
                    + "; a balance transaction in " + currency + " cannot be added.");
        }
        long ending = Math.addExact(customer.get("balance").asLong(), amount);
        ObjectNode txn = api.base("cbtxn_", "customer_balance_transaction");
        txn.put("amount", amount);
        txn.putNull("credit_note");
        txn.put("currency", currency);
        txn.put("customer", customerId);
        txn.put("description", description);
        txn.put("ending_balance", ending);
        txn.putNull("invoice");
        txn.put("type", type);
        StripeDefaults.balanceTransaction(txn);
        c.tx().insert(txn, customerId);
        ObjectNode previous = F.objectNode().put("balance", customer.get("balance").asLong());
        customer.put("balance", ending);
        customer.put("currency", currency);
        c.tx().update(customer);
        api.event(c, "customer_balance_transaction.created", txn, null);
        api.event(c, "customer.updated", customer, previous);
        return txn;
    }

    /** POST /v1/customers/{id}/balance_transactions: a manual adjustment. */
    ObjectNode createBalanceTransaction(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "amount", "currency", "description", "metadata");
        Long amount = integer(p, "amount");
        if (amount == null) {
            throw SandboxError.missing("amount");
        }
        if (amount == 0) {
            throw SandboxError.invalid("amount", "The amount must not be zero.");
        }
        ObjectNode txn = balanceTransaction(c, c.id(0), amount, required(p, "currency").toLowerCase(), "adjustment", str(p, "description"));
        applyMetadata(txn, p);
        c.tx().update(txn);
        return txn;
    }

    ObjectNode listBalanceTransactions(Call c) throws SQLException {
        c.tx().require(c.id(0), "customer", "customer", "id");
        return api.page(c, "customer_balance_transaction", "/v1/customers/" + c.id(0) + "/balance_transactions", c.id(0), null);
    }

    /**
     * Applies the customer's balance to an invoice being finalized, as Stripe does: a credit (negative balance)
     * lowers the amount due, never below zero; what is owed (positive) is added. Records starting and ending balance.
     */
    void applyBalance(Call c, ObjectNode invoice) throws SQLException {
        ObjectNode customer = c.tx().require(invoice.get("customer").asText(), "customer", "customer", "customer");
        long balance = customer.get("balance").asLong();
        if (balance == 0 || (!customer.get("currency").isNull() && !customer.get("currency").asText().equals(invoice.get("currency").asText()))) {
            invoice.put("starting_balance", 0);
            invoice.put("ending_balance", 0);
            return;
        }
        long total = invoice.get("total").asLong();
        long applied = balance < 0 ? -Math.min(-balance, Math.max(0, total)) : balance;
        invoice.put("starting_balance", balance);
        invoice.put("ending_balance", balance - applied);
        if (applied == 0) {
            return;
        }
        ObjectNode txn = balanceTransaction(c, customer.get("id").asText(), -applied, invoice.get("currency").asText(),
                "applied_to_invoice", null);
        txn.put("invoice", invoice.get("id").asText());
        c.tx().update(txn);
    }
}
