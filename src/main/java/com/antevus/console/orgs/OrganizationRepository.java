package com.antevus.console.orgs;

import com.antevus.console.core.Money;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Queries over organizations. */
final class OrganizationRepository {

    /**
     * Every organization with its live subscription, billing interval and monthly recurring revenue, as the schema's one
     * definition ({@code organization_mrr}, V11) gives them: a contract's schedule and annual value / 12 for an
     * enterprise organization, else the plan's price (per seat where it is) plus add-ons; trials count as zero.
     */
    private static final String LIST = """
            select o.id, o.name, o.domain, p.code, p.name, m.billing_interval, coalesce(s.status, 'canceled'),
                   o.is_academic, o.is_enterprise, o.stripe_customer_id is not null, o.created_at::date,
                   coalesce(m.mrr_minor, 0), coalesce(p.currency, 'USD')
            from organizations o
            left join subscriptions s on s.organization_id = o.id and s.status <> 'canceled'
            left join plans p on p.id = s.plan_id
            left join organization_mrr m on m.organization_id = s.organization_id and m.subscription_id = s.id
            order by lower(o.name)
            """;

    /** What linking an organization to Stripe needs to know. */
    record StripeIdentity(UUID id, String name, String billingEmail, String stripeCustomerId, int version) {
    }

    StripeIdentity stripeIdentity(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select id, name, billing_email, stripe_customer_id, version from organizations where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new StripeIdentity(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5));
            }
        }
    }

    /** Sets the Stripe customer id if the organization is still unlinked at the version read; false if it changed. */
    boolean linkStripeCustomer(Connection c, UUID id, int version, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update organizations set stripe_customer_id = ?, updated_at = now(), "
                + "version = version + 1 where id = ? and version = ? and stripe_customer_id is null")) {
            ps.setString(1, customerId);
            ps.setObject(2, id);
            ps.setInt(3, version);
            return ps.executeUpdate() == 1;
        }
    }

    List<OrganizationSummary> listSummaries(Connection c) throws SQLException {
        List<OrganizationSummary> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIST); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new OrganizationSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                        rs.getBoolean(9), rs.getBoolean(10), rs.getDate(11).toLocalDate(),
                        new Money(rs.getLong(12), rs.getString(13).strip())));
            }
        }
        return out;
    }
}
