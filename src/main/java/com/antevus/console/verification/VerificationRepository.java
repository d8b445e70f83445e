package com.antevus.console.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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

    List<VerificationRequest> list(Connection c, String where, Object... args) throws SQLException {
        List<VerificationRequest> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + where + " order by v.submitted_at")) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                AcademicDomains domains = AcademicDomains.shipped();
                while (rs.next()) {
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
                    out.add(new VerificationRequest(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), VerificationRequest.Method.fromDb(rs.getString(7)),
                            rs.getString(8), notes, links, VerificationRequest.Status.fromDb(rs.getString(10)),
                            rs.getTimestamp(11).toInstant(), decided == null ? null : decided.toInstant(), rs.getString(13),
                            rs.getString(14), due == null ? null : due.toLocalDate(), rs.getInt(16), rs.getString(17), rs.getString(18),
                            (Long) rs.getObject(19), rs.getString(20), rs.getString(26), (Long) rs.getObject(21), rs.getString(22).strip(),
                            rs.getBoolean(23), rs.getString(24), rs.getString(25), domains.check(rs.getString(6))));
                }
            }
        }
        return out;
    }

    VerificationRequest find(Connection c, UUID id) throws SQLException {
        List<VerificationRequest> r = list(c, "where v.id = ?", id);
        return r.isEmpty() ? null : r.get(0);
    }

    /** Locks the request at the version read; false when someone decided or changed it since. */
    boolean lock(Connection c, VerificationRequest r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from academic_verifications where organization_id = ? and id = ? "
                + "and version = ? for update")) {
            ps.setObject(1, r.organizationId());
            ps.setObject(2, r.id());
            ps.setInt(3, r.version());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    String sessionUser(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select session_user");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    void decide(Connection c, VerificationRequest r, VerificationRequest.Status status, String by, String reason, LocalDate reverifyDue,
                Instant now) throws SQLException {
        boolean decided = status == VerificationRequest.Status.APPROVED || status == VerificationRequest.Status.REJECTED;
        try (PreparedStatement ps = c.prepareStatement("update academic_verifications set status = ?, decided_at = ?, decided_by = ?, "
                + "decision_reason = ?, reverify_due = ?, version = version + 1 where organization_id = ? and id = ?")) {
            ps.setString(1, status.db());
            ps.setTimestamp(2, decided ? Timestamp.from(now) : null);
            ps.setString(3, by);
            ps.setString(4, reason);
            ps.setDate(5, reverifyDue == null ? null : Date.valueOf(reverifyDue));
            ps.setObject(6, r.organizationId());
            ps.setObject(7, r.id());
            ps.executeUpdate();
        }
    }

    /** The organization becomes academic and its live subscription moves to the academic plan. */
    void makeAcademic(Connection c, VerificationRequest r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update organizations set is_academic = true, academic_verified_at = now(), "
                + "academic_domain = ?, updated_at = now(), version = version + 1 where id = ?")) {
            ps.setString(1, r.check().domain());
            ps.setObject(2, r.organizationId());
            ps.executeUpdate();
        }
        if (r.academicPlanCode() != null) {
            try (PreparedStatement ps = c.prepareStatement("update subscriptions s set plan_id = ap.id, updated_at = now(), "
                    + "version = s.version + 1 from plans p join plans ap on ap.academic_of_plan_id = p.id "
                    + "where s.organization_id = ? and s.status <> 'canceled' and p.id = s.plan_id")) {
                ps.setObject(1, r.organizationId());
                ps.executeUpdate();
            }
        }
    }

    /** The Stripe price of a plan in the live subscription's catalog version and interval, if published. */
    String academicStripePrice(Connection c, UUID org) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select sp.stripe_price_id from subscriptions s join plans p on p.id = s.plan_id "
                + "join plans ap on ap.academic_of_plan_id = p.id join catalog_stripe_prices sp on sp.catalog_version_id = ap.catalog_version_id "
                + "and sp.item_kind = 'plan' and sp.item_code = ap.code and sp.billing_interval = s.billing_interval "
                + "where s.organization_id = ? and s.status <> 'canceled'")) {
            ps.setObject(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    void setStripeRequest(Connection c, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('console.stripe_request_id', ?, true)")) {
            ps.setString(1, requestId == null ? "" : requestId);
            ps.execute();
        }
    }
}
