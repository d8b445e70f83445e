package com.antevus.console.verification;

import com.antevus.console.db.OrgScopedKey;
import com.antevus.console.db.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;

/** Verification requests and the facts deciding them needs, over JDBC. Every decision checks the version it was given. */
final class VerificationRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = """
            select v.organization_id, v.id, o.name, v.requester_email, v.institution, v.email_domain, v.method, v.sheerid_reference,
                   v.evidence::text, v.status, v.submitted_at, v.decided_at, v.decided_by, v.decision_reason, v.reverify_due, v.version,
                   p.code, p.name, p.monthly_price_minor, ap.code, ap.monthly_price_minor, coalesce(p.currency, 'USD'),
                   o.is_academic or p.academic_of_plan_id is not null, o.stripe_customer_id, s.stripe_subscription_id, ap.name
            from academic_verifications v
            join organizations o on o.id = v.organization_id
            left join subscriptions s on s.organization_id = o.id and s.status <> 'canceled'
            left join plans p on p.id = s.plan_id
            left join plans ap on ap.academic_of_plan_id = p.id
            """;

    /** The entities this repository maps; Hibernate validates them against the schema at start. */
    static final List<Class<?>> ENTITIES = List.of(VerificationRow.class, AcademicStanding.class);

    List<VerificationRequest> list(Connection c, String where, Object... args) throws SQLException {
        AcademicDomains domains = AcademicDomains.shipped();
        return Sql.list(c, SELECT + where + " order by v.submitted_at", rs -> {
            String notes = "";
            List<String> links = new ArrayList<>();
            try {
                JsonNode ev = JSON.readTree(rs.getString(9));
                notes = ev.path("notes").asText("");
                ev.path("links").forEach(l -> links.add(l.asText()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                notes = rs.getString(9);
            }
            Timestamp decided = rs.getTimestamp(12);
            Date due = rs.getDate(15);
            return new VerificationRequest(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), VerificationRequest.Method.fromDb(rs.getString(7)),
                    rs.getString(8), notes, links, VerificationRequest.Status.fromDb(rs.getString(10)),
                    rs.getTimestamp(11).toInstant(), decided == null ? null : decided.toInstant(), rs.getString(13),
                    rs.getString(14), due == null ? null : due.toLocalDate(), rs.getInt(16), rs.getString(17), rs.getString(18),
                    (Long) rs.getObject(19), rs.getString(20), rs.getString(26), (Long) rs.getObject(21), rs.getString(22).strip(),
                    rs.getBoolean(23), rs.getString(24), rs.getString(25), domains.check(rs.getString(6)));
        }, args);
    }

    VerificationRequest find(Connection c, UUID id) throws SQLException {
        List<VerificationRequest> r = list(c, "where v.id = ?", id);
        return r.isEmpty() ? null : r.get(0);
    }

    /**
     * The request's row, locked for the decision, if it is still at the version read; null when someone decided or
     * changed it since (the flush checks the version again).
     */
    VerificationRow lock(Session s, VerificationRequest r) {
        VerificationRow row = s.find(VerificationRow.class, new OrgScopedKey(r.organizationId(), r.id()), LockModeType.PESSIMISTIC_WRITE);
        return row == null || row.version() != r.version() ? null : row;
    }

    /** The signed-in database login, which a decision names as who made it. */
    String sessionUser(Session s) {
        return s.createNativeQuery("select session_user::text", String.class).getSingleResult();
    }

    /**
     * The organization becomes academic (verified at {@code now}, with the request's domain) and its live subscription
     * moves to the academic twin of its plan, in the same catalog version (V8's trigger checks the move).
     */
    void makeAcademic(Session s, VerificationRequest r, Instant now) {
        s.find(AcademicStanding.class, r.organizationId(), LockModeType.PESSIMISTIC_WRITE).verify(r.check().domain(), now);
        if (r.academicPlanCode() != null) {
            s.createNativeMutationQuery("update subscriptions s set plan_id = ap.id, updated_at = now(), "
                    + "version = s.version + 1 from plans p join plans ap on ap.academic_of_plan_id = p.id "
                    + "where s.organization_id = ?1 and s.status <> 'canceled' and p.id = s.plan_id")
                    .setParameter(1, r.organizationId()).executeUpdate();
        }
    }

    /** The Stripe price of the plan's academic twin in the live subscription's catalog version and interval, if published. */
    String academicStripePrice(Session s, UUID org) {
        return s.createNativeQuery("select sp.stripe_price_id from subscriptions s join plans p on p.id = s.plan_id "
                        + "join plans ap on ap.academic_of_plan_id = p.id join catalog_stripe_prices sp on sp.catalog_version_id = ap.catalog_version_id "
                        + "and sp.item_kind = 'plan' and sp.item_code = ap.code and sp.billing_interval = s.billing_interval "
                        + "where s.organization_id = ?1 and s.status <> 'canceled'", String.class)
                .setParameter(1, org).getResultStream().findFirst().orElse(null);
    }
}
