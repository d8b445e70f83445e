package com.antevus.console.invoicing;

import com.antevus.console.core.Money;
import com.antevus.console.core.Reasons;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Jdbc;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeFailure;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Credit products sold through Stripe: a sale is recorded as planned, then its own Stripe invoice is created, given
 * the product's line, finalized and sent, each step with the key bc.credit_sale.&lt;id&gt;:&lt;step&gt; and recorded after
 * Stripe answered, so a sale left half-way ({@link #resume()}) finishes once. Its credits (purchased, never expiring)
 * are granted when the invoice is paid: Stripe's invoice.paid event ({@link StripeEventSync}) or a payment finance
 * records outside Stripe. Finance and admins sell.
 */
public final class CreditSales {
    /** Days a credit invoice gives to pay. */
    public static final int DAYS_UNTIL_DUE = 30;
    private final Jdbc jdbc;
    private final Supplier<StripeGateway> stripe;
    private final Clock clock;

    public CreditSales(DataSource dataSource, Supplier<StripeGateway> stripe, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.stripe = stripe;
        this.clock = clock;
    }

    /** One sale as staff read it. */
    public record Sale(UUID organizationId, UUID id, String organizationName, String productCode, String productName, long credits,
                       long priceMinor, String currency, String state, String stripeInvoiceId, String invoiceNumber, String hostedInvoiceUrl,
                       String reason, String createdBy, Instant createdAt, Instant paidAt, String lastError, String stripeCustomerId) {
        /** "50,000 credits for $450.00". */
        public String words() {
            return String.format(java.util.Locale.US, "%,d credits for %s", credits, Money.of(priceMinor, currency).format());
        }

        public String stateWords() {
            return switch (state) {
                case "paid" -> "paid: credits granted";
                case "sent" -> "invoiced, waiting for payment";
                case "void" -> "voided: no credits";
                default -> "being invoiced (" + state.replace('_', ' ') + ")";
            };
        }
    }

    public List<Sale> forOrganization(UUID org) {
        return jdbc.read("reading credit sales", c -> CreditSaleRepository.forOrganization(c, org));
    }

    /**
     * Sells the product to the organization: recorded, then invoiced in Stripe and sent. The organization needs its
     * Stripe customer. The credits come when the invoice is paid.
     */
    public Sale sell(UUID org, String productCode, String reason) {
        String why = Reasons.require(reason);
        String[] customer = jdbc.read("reading the organization", c -> CreditSaleRepository.customer(c, org))
                .orElseThrow(() -> new UserFacingException("There is no organization " + org + ". Nothing was sold."));
        if (customer[1] == null) {
            throw new UserFacingException(customer[0] + " has no Stripe customer yet; create it on the Organizations screen first. "
                    + "Nothing was sold.");
        }
        UUID id = UUID.randomUUID();
        jdbc.write("recording the credit sale", why, null, c -> {
            CreditSaleRepository.insert(c, org, id, productCode == null ? "" : productCode.strip(), why);
            return null;
        });
        return advance(sale(id));
    }

    /** Finishes every sale left half-way (Stripe did not answer, or the console stopped); returns how many. */
    public int resume() {
        int n = 0;
        for (Sale s : jdbc.read("reading unfinished credit sales", CreditSaleRepository::unfinished)) {
            advance(s);
            n++;
        }
        return n;
    }

    private Sale sale(UUID id) {
        return jdbc.read("reading the credit sale", c -> CreditSaleRepository.one(c, id))
                .orElseThrow(() -> new UserFacingException("That credit sale no longer exists."));
    }

    /** Takes the sale through the Stripe steps it has not done yet, recording each once Stripe answered. */
    private Sale advance(Sale start) {
        Sale s = start;
        StripeGateway gw = stripe.get();
        try {
            while (true) {
                Sale now = s;
                switch (now.state()) {
                    case "planned" -> {
                        // a retried step: the invoice may exist already, found by the sale's id among the customer's invoices
                        // (a list, read-after-write; Stripe's search lags behind writes), else it is created with its key
                        StripeModels.Invoice inv = gw.allInvoices(now.stripeCustomerId()).stream()
                                .filter(i -> i.metadata() != null && now.id().toString().equals(i.metadata().get("console_credit_sale_id")))
                                .findFirst().orElse(null);
                        if (inv == null) {
                            inv = gw.createInvoice(IdempotencyKey.of("credit_sale", now.id(), "invoice"), now.stripeCustomerId(), DAYS_UNTIL_DUE,
                                    false, "Antevus prepaid credits: " + now.productName(),
                                    Map.of("console_credit_sale_id", now.id().toString(), "console_organization_id", now.organizationId().toString()));
                        }
                        String invoiceId = inv.id();
                        record(now, "planned", "invoice_created", invoiceId, null, null, inv.requestId());
                    }
                    case "invoice_created" -> {
                        StripeModels.Invoice inv = gw.addInvoiceLines(IdempotencyKey.of("credit_sale", now.id(), "lines"), now.stripeInvoiceId(),
                                List.of(new StripeModels.LineSpec(Money.of(now.priceMinor(), now.currency()),
                                        String.format(java.util.Locale.US, "%s: %,d prepaid credits", now.productName(), now.credits()),
                                        Map.of("console_credit_sale_id", now.id().toString(), "console_product", now.productCode()))));
                        record(now, "invoice_created", "lines_added", null, null, null, inv.requestId());
                    }
                    case "lines_added" -> {
                        StripeModels.Invoice inv = gw.finalizeInvoice(IdempotencyKey.of("credit_sale", now.id(), "finalize"), now.stripeInvoiceId());
                        record(now, "lines_added", "finalized", null, inv.number(), inv.hostedInvoiceUrl(), inv.requestId());
                    }
                    case "finalized" -> {
                        StripeModels.Invoice inv = gw.sendInvoice(IdempotencyKey.of("credit_sale", now.id(), "send"), now.stripeInvoiceId());
                        record(now, "finalized", "sent", null, null, null, inv.requestId());
                    }
                    default -> {
                        return now;
                    }
                }
                s = sale(now.id());
            }
        } catch (StripeFailure f) {
            Sale failedAt = s;
            jdbc.write("recording what Stripe answered", "Stripe did not finish the credit sale", f.requestId(), c -> {
                CreditSaleRepository.failed(c, failedAt, f.getMessage());
                return null;
            });
            throw new UserFacingException(f.getMessage() + " The sale is kept and finishes, once, with 'credits resume-sales' or the next try.", f);
        }
    }

    private void record(Sale s, String from, String to, String invoiceId, String number, String url, String requestId) {
        jdbc.write("recording the credit sale's step", "Credit sale " + s.id() + ": " + to.replace('_', ' '), requestId,
                c -> CreditSaleRepository.advance(c, s, from, to, invoiceId, number, url));
    }

    /** Records a payment outside Stripe (wire, check) for a sent sale: Stripe marks it paid, and the credits are granted, once. */
    public Sale markPaidOutOfBand(UUID saleId, String reference, String reason) {
        String why = Reasons.require(reason);
        if (reference == null || reference.isBlank()) {
            throw new UserFacingException("Give the payment's reference (the wire or check number). Nothing was recorded.");
        }
        Sale s = sale(saleId);
        if (!"sent".equals(s.state()) && !"finalized".equals(s.state())) {
            throw new UserFacingException("Only an invoiced sale can be paid; this one is " + s.stateWords() + ".");
        }
        StripeModels.Invoice paid = stripe.get().payOutOfBand(IdempotencyKey.of("credit_sale", s.id(), "pay-out-of-band"), s.stripeInvoiceId());
        Instant at = clock.instant();
        jdbc.write("recording the payment", why + " (" + reference.strip() + ")", paid.requestId(), c -> CreditSaleRepository.paid(c, s, at));
        return sale(saleId);
    }
}
