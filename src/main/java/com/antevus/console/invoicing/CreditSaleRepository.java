package com.antevus.console.invoicing;

import com.antevus.console.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The credit sales' rows: each step of a sale's Stripe invoice recorded after Stripe answered, scoped to one organization. */
final class CreditSaleRepository {
    private CreditSaleRepository() {
    }

    private static final String SELECT = "select s.organization_id, s.id, o.name, s.product_code, p.name, s.credits, s.price_minor, s.currency, "
            + "s.state, s.stripe_invoice_id, s.invoice_number, s.hosted_invoice_url, s.reason, s.created_by, s.created_at, s.paid_at, "
            + "s.last_error, o.stripe_customer_id from credit_sales s join organizations o on o.id = s.organization_id "
            + "join credit_products p on p.code = s.product_code ";

    private static CreditSales.Sale sale(ResultSet rs) throws SQLException {
        OffsetDateTime paid = rs.getObject(16, OffsetDateTime.class);
        return new CreditSales.Sale(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7), rs.getString(8).strip(), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getObject(15, OffsetDateTime.class).toInstant(), paid == null ? null : paid.toInstant(),
                rs.getString(17), rs.getString(18));
    }

    static void insert(Connection c, UUID org, UUID id, String product, String reason) throws SQLException {
        int n = Sql.update(c, "insert into credit_sales (organization_id, id, product_code, credits, price_minor, currency, reason) "
                + "select ?, ?, code, credits, price_minor, currency, ? from credit_products where code = ? and active and price_minor > 0",
                org, id, reason, product);
        if (n == 0) {
            throw new com.antevus.console.core.UserFacingException("There is no credit product '" + product
                    + "' on sale at a price; see 'credits products'. Nothing was sold.");
        }
    }

    /** The organization's name and Stripe customer (null when it has none); empty when there is no such organization. */
    static Optional<String[]> customer(Connection c, UUID org) throws SQLException {
        return Sql.first(c, "select name, stripe_customer_id from organizations where id = ?", rs -> new String[]{rs.getString(1), rs.getString(2)}, org);
    }

    static Optional<CreditSales.Sale> one(Connection c, UUID id) throws SQLException {
        return Sql.first(c, SELECT + "where s.id = ?", CreditSaleRepository::sale, id);
    }

    static List<CreditSales.Sale> forOrganization(Connection c, UUID org) throws SQLException {
        return Sql.list(c, SELECT + "where s.organization_id = ? order by s.created_at desc", CreditSaleRepository::sale, org);
    }

    static List<CreditSales.Sale> unfinished(Connection c) throws SQLException {
        return Sql.list(c, SELECT + "where s.state in ('planned', 'invoice_created', 'lines_added', 'finalized') order by s.created_at",
                CreditSaleRepository::sale);
    }

    /** Records that a step was done in Stripe; false when the sale had moved on already (another console did it). */
    static boolean advance(Connection c, CreditSales.Sale s, String from, String to, String stripeInvoiceId, String number, String url)
            throws SQLException {
        return Sql.update(c, "update credit_sales set state = ?, stripe_invoice_id = coalesce(?, stripe_invoice_id), "
                        + "invoice_number = coalesce(?, invoice_number), hosted_invoice_url = coalesce(?, hosted_invoice_url), last_error = null, "
                        + "version = version + 1 where organization_id = ? and id = ? and state = ?",
                to, stripeInvoiceId, number, url, s.organizationId(), s.id(), from) == 1;
    }

    static void failed(Connection c, CreditSales.Sale s, String error) throws SQLException {
        Sql.update(c, "update credit_sales set last_error = ?, version = version + 1 where organization_id = ? and id = ?", error,
                s.organizationId(), s.id());
    }

    /** The sale whose Stripe invoice this is, locked; empty for an invoice that is not a credit sale. */
    static Optional<CreditSales.Sale> byStripeInvoice(Connection c, String stripeInvoiceId) throws SQLException {
        Optional<UUID[]> key = Sql.first(c, "select organization_id, id from credit_sales where stripe_invoice_id = ? for update",
                rs -> new UUID[]{rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}, stripeInvoiceId);
        return key.isEmpty() ? Optional.empty() : one(c, key.get()[1]);
    }

    /** Paid: the state, and the credits granted once (the grant's source is the sale). Returns whether credits were granted now. */
    static boolean paid(Connection c, CreditSales.Sale s, Instant at) throws SQLException {
        int moved = Sql.update(c, "update credit_sales set state = 'paid', paid_at = ?, version = version + 1 "
                + "where organization_id = ? and id = ? and state in ('finalized', 'sent')", at, s.organizationId(), s.id());
        if (moved == 0) {
            return false;
        }
        return com.antevus.console.credits.CreditRepository.grantPurchased(c, s.organizationId(), s.productCode(), s.credits(), at,
                "Bought " + s.productName() + " (invoice " + s.invoiceNumber() + ")", "sale:" + s.id());
    }

    static void voided(Connection c, CreditSales.Sale s) throws SQLException {
        Sql.update(c, "update credit_sales set state = 'void', version = version + 1 where organization_id = ? and id = ? and state <> 'paid'",
                s.organizationId(), s.id());
    }
}
