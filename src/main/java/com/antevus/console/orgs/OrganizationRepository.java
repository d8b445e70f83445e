package com.antevus.console.orgs;

import com.antevus.console.core.Money;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import com.antevus.console.db.Hibernate;
import com.antevus.console.db.Sql;
import org.hibernate.Session;

/** Organizations: the list is a plain query over the V11 MRR view; the row staff change is saved through Hibernate. */
final class OrganizationRepository {

    /**
     * Every organization with its live subscription, billing interval and monthly recurring revenue, as the schema's one
     * definition ({@code organization_mrr}, V11) gives them: a contract's schedule and annual value / 12 for an
     * enterprise organization, else the plan's price (per seat where it is) plus add-ons; trials count as zero.
     */
    private static final String SELECT = """
            select o.id, o.name, o.domain, p.code, p.name, m.billing_interval, coalesce(s.status, 'canceled'),
                   o.is_academic, o.is_enterprise, o.stripe_customer_id is not null, o.created_at::date,
                   coalesce(m.mrr_minor, 0), coalesce(p.currency, 'USD')
            from organizations o
            left join subscriptions s on s.organization_id = o.id and s.status <> 'canceled'
            left join plans p on p.id = s.plan_id
            left join organization_mrr m on m.organization_id = s.organization_id and m.subscription_id = s.id
            """;
    private static final String LIST = SELECT + "order by lower(o.name)";
    private static final String ONE = SELECT + "where o.id = ?";


    /** What linking an organization to Stripe needs to know. */
    record StripeIdentity(UUID id, String name, String billingEmail, String stripeCustomerId, int version) {
    }

    StripeIdentity stripeIdentity(Session s, UUID id) {
        Organization o = s.find(Organization.class, id);
        return o == null ? null : new StripeIdentity(o.id(), o.name(), o.billingEmail(), o.stripeCustomerId(), o.version());
    }

    /**
     * Sets the Stripe customer id if the organization is still at the version read and unlinked; otherwise raises
     * {@code Hibernate.StaleException}. Hibernate's {@code where version = ?} catches a save committed in between.
     */
    void linkStripeCustomer(Session s, UUID id, int version, String customerId) {
        Organization o = s.find(Organization.class, id);
        if (o == null || o.version() != version || o.stripeCustomerId() != null) {
            throw new Hibernate.StaleException(null);
        }
        o.linkStripeCustomer(customerId);
        s.flush();
    }

    /** The organization's last change in the audit log, in words: who, when, and what they set; null when there is none. */
    String lastChange(Connection c, UUID id) throws SQLException {
        return com.antevus.console.db.Sql.first(c, "select coalesce(nullif(app_user, ''), db_user), to_char(at at time zone 'UTC', "
                + "'HH24:MI'), coalesce(reason, ''), new_row->>'stripe_customer_id' from audit_log where table_name = 'organizations' "
                + "and row_key->>'id' = ? order by id desc limit 1", rs -> {
            String what = rs.getString(3).isBlank() ? "" : " (" + rs.getString(3) + ")";
            return rs.getString(1) + " changed it at " + rs.getString(2) + " UTC" + what;
        }, id.toString()).orElse(null);
    }

    List<OrganizationSummary> listSummaries(Connection c) throws SQLException {
        return Sql.list(c, LIST, OrganizationRepository::summary);
    }

    /** One organization's row of the list. */
    java.util.Optional<OrganizationSummary> summary(Connection c, UUID id) throws SQLException {
        return Sql.first(c, ONE, OrganizationRepository::summary, id);
    }

    private static OrganizationSummary summary(ResultSet rs) throws SQLException {
        return new OrganizationSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                rs.getBoolean(9), rs.getBoolean(10), rs.getDate(11).toLocalDate(),
                new Money(rs.getLong(12), rs.getString(13).strip()));
    }
}
