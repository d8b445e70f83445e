package com.antevus.console.orgs;

import java.sql.Date;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** Queries over organizations; runs inside a transaction its service opens. */
final class OrganizationRepository {

    /**
     * Every organization with its live subscription and monthly recurring revenue. MRR is the plan's
     * monthly price, or the annual price (or an enterprise contract's annual value) divided by 12 and
     * rounded half up to the cent, plus active add-ons; trials and canceled subscriptions count as zero.
     */
    List<OrganizationSummary> listSummaries(Session session) {
        List<Object[]> rows = session.createNativeQuery("""
                select o.id, o.name, o.domain, p.code, p.name, s.billing_interval, coalesce(s.status, 'canceled'),
                       o.is_academic, o.is_enterprise, o.stripe_customer_id is not null, o.created_at::date,
                       case when s.id is null or s.status = 'trialing' then 0
                            else case when p.billing_model = 'custom'
                                           then (coalesce(c.annual_value_minor, 0) + 6) / 12
                                      when s.billing_interval = 'year' then (p.annual_price_minor + 6) / 12
                                      else coalesce(p.monthly_price_minor, 0) end
                                 + coalesce((select sum(a.monthly_price_minor * sa.quantity)
                                             from subscription_add_ons sa
                                             join add_ons a on a.code = sa.add_on_code and a.catalog_version_id = p.catalog_version_id
                                             where sa.organization_id = o.id and sa.subscription_id = s.id and sa.active), 0)
                       end as mrr_minor,
                       coalesce(p.currency, 'USD')
                from organizations o
                left join subscriptions s on s.organization_id = o.id and s.status <> 'canceled'
                left join plans p on p.id = s.plan_id
                left join contracts c on c.organization_id = o.id and c.id = s.contract_id
                order by lower(o.name)
                """, Object[].class).getResultList();
        return rows.stream().map(r -> new OrganizationSummary(
                (UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6],
                (Boolean) r[7], (Boolean) r[8], (Boolean) r[9], ((Date) r[10]).toLocalDate(),
                new com.antevus.console.core.Money(((Number) r[11]).longValue(), ((String) r[12]).strip()))).toList();
    }
}
