package com.antevus.console.orgs;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** Queries over organizations; runs inside a transaction its service opens. */
final class OrganizationRepository {

    List<OrganizationSummary> listSummaries(Session session) {
        // the most recent subscription per organization: the live one, or the last canceled one
        List<Object[]> rows = session.createQuery("""
                select o.id, o.name, o.domain, p.code, p.name, s.billingInterval, s.status, o.academic,
                       o.enterprise, o.stripeCustomerId, o.createdAt
                from Organization o
                left join Subscription s on s.organizationId = o.id and s.status <> 'canceled'
                left join Plan p on p.id = s.planId
                order by lower(o.name)
                """, Object[].class).getResultList();
        return rows.stream().map(r -> new OrganizationSummary(
                (UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                r[6] == null ? "canceled" : (String) r[6], (Boolean) r[7], (Boolean) r[8], r[9] != null,
                ((OffsetDateTime) r[10]).toLocalDate())).toList();
    }
}
