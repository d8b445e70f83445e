package com.antevus.console.orgs;

import com.antevus.console.core.Money;
import com.antevus.console.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The reads behind an organization's page, each one query scoped to the organization. */
final class OrganizationProfileRepository {
    private OrganizationProfileRepository() {
    }

    /** The billing e-mail and Stripe customer, if the organization exists. */
    static Optional<String[]> contact(Connection c, UUID org) throws SQLException {
        return Sql.first(c, "select billing_email, stripe_customer_id from organizations where id = ?",
                rs -> new String[]{rs.getString(1), rs.getString(2)}, org);
    }

    static Optional<OrganizationProfile.Subscription> subscription(Connection c, UUID org) throws SQLException {
        Optional<Object[]> s = Sql.first(c, "select s.id, p.name, s.billing_interval, s.status, s.current_period_start, s.current_period_end, "
                        + "s.stripe_subscription_id from subscriptions s join plans p on p.id = s.plan_id "
                        + "where s.organization_id = ? and s.status <> 'canceled' order by s.started_at desc limit 1",
                rs -> new Object[]{rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getString(7)}, org);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = s.get();
        List<String> addOns = Sql.list(c, "select a.add_on_code, a.quantity from subscription_add_ons a where a.organization_id = ? "
                + "and a.subscription_id = ? and a.active order by a.add_on_code", rs -> rs.getString(1) + (rs.getInt(2) > 1 ? " × " + rs.getInt(2) : ""),
                org, r[0]);
        java.time.format.DateTimeFormatter month = java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", com.antevus.console.core.Dates.locale());
        List<String> coupons = Sql.list(c, "select k.stripe_coupon_id, k.percent_off, k.amount_off_minor, k.currency, a.scope, a.first_month, a.months "
                + "from coupon_applications a join coupons k on k.id = a.coupon_id where a.organization_id = ? and a.removed_at is null "
                + "order by a.first_month", rs -> {
            java.math.BigDecimal pct = rs.getBigDecimal(2);
            String off = pct != null ? pct.stripTrailingZeros().toPlainString() + "% off"
                    : com.antevus.console.core.Money.of(rs.getLong(3), rs.getString(4).strip()).format() + " off";
            java.time.YearMonth first = java.time.YearMonth.from(rs.getObject(6, LocalDate.class));
            Integer months = (Integer) rs.getObject(7);
            String covers = "invoice".equals(rs.getString(5)) ? "the invoice of " + month.format(first)
                    : months == null ? "from " + month.format(first) + " on"
                    : months == 1 ? "the invoice of " + month.format(first)
                    : month.format(first) + " – " + month.format(first.plusMonths(months - 1L));
            return rs.getString(1) + ", " + off + ": " + covers;
        }, org);
        return Optional.of(new OrganizationProfile.Subscription((String) r[1], (String) r[2], (String) r[3], (LocalDate) r[4],
                (LocalDate) r[5], (String) r[6], addOns, coupons));
    }

    static List<OrganizationProfile.Entitlement> entitlements(Connection c, UUID org) throws SQLException {
        return Sql.list(c, "select coalesce(r.name, e.resource), e.limit_value, e.current_usage from entitlements e "
                        + "left join resources r on r.code = e.resource where e.organization_id = ? order by r.position, e.resource",
                rs -> new OrganizationProfile.Entitlement(rs.getString(1), rs.getObject(2, Long.class), rs.getLong(3)), org);
    }

    static List<OrganizationProfile.Invoice> invoices(Connection c, UUID org) throws SQLException {
        return Sql.list(c, "select i.number, i.period_start, i.kind, i.status, i.total_minor, i.total_minor - i.amount_paid_minor - "
                        + "coalesce(n.pre, 0), i.currency, i.due_date, coalesce(n.credited, 0) from invoices i "
                        + "left join (select organization_id, invoice_id, sum(pre_payment_minor) as pre, sum(amount_minor) as credited "
                        + "from credit_notes where state = 'issued' group by organization_id, invoice_id) n "
                        + "on n.organization_id = i.organization_id and n.invoice_id = i.id "
                        + "where i.organization_id = ? order by i.period_start desc nulls last, i.created_at desc",
                rs -> {
                    String currency = rs.getString(7).strip();
                    boolean owed = "open".equals(rs.getString(4)) || "uncollectible".equals(rs.getString(4));
                    return new OrganizationProfile.Invoice(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4),
                            Money.of(rs.getLong(5), currency), Money.of(owed ? rs.getLong(6) : 0, currency), rs.getObject(8, LocalDate.class),
                            Money.of(rs.getLong(9), currency));
                }, org);
    }

    static List<OrganizationProfile.Contract> contracts(Connection c, UUID org) throws SQLException {
        return Sql.list(c, "select status, annual_value_minor, currency, billing_schedule, payment_terms, starts_on, ends_on from contracts "
                        + "where organization_id = ? order by starts_on desc",
                rs -> new OrganizationProfile.Contract(rs.getString(1), Money.of(rs.getLong(2), rs.getString(3).strip()), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class)), org);
    }

    static List<OrganizationProfile.Document> documents(Connection c, UUID org) throws SQLException {
        return Sql.list(c, "select kind, status, signed_on, expires_on from contract_documents where organization_id = ? order by kind",
                rs -> new OrganizationProfile.Document(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class)), org);
    }

    static List<OrganizationProfile.Verification> verifications(Connection c, UUID org) throws SQLException {
        return Sql.list(c, "select requester_email, email_domain, method, status, submitted_at, decided_by from academic_verifications "
                        + "where organization_id = ? order by submitted_at desc",
                rs -> new OrganizationProfile.Verification(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6)), org);
    }

    /** The organization's latest changes in the audit log, newest first. */
    static List<OrganizationProfile.Change> activity(Connection c, UUID org, int limit) throws SQLException {
        return Sql.list(c, "select at, coalesce(nullif(app_user, ''), db_user), table_name, operation, reason from audit_log "
                        + "where organization_id = ? order by at desc, id desc limit ?",
                rs -> new OrganizationProfile.Change(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), org, limit);
    }

    /**
     * Organizations matching a search: by name or domain (containing it, case aside), by Stripe customer id, or by one of
     * their invoice numbers (exact, case aside), best matches first.
     */
    static List<OrganizationService.Match> search(Connection c, String q, int limit) throws SQLException {
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return Sql.list(c, """
                select id, name, how from (
                  select o.id, o.name, 'name' as how, 0 as rank from organizations o where o.name ilike ?
                  union all select o.id, o.name, 'domain ' || o.domain, 1 from organizations o where o.domain ilike ?
                  union all select o.id, o.name, 'Stripe customer ' || o.stripe_customer_id, 0 from organizations o
                            where lower(o.stripe_customer_id) = lower(?)
                  union all select o.id, o.name, 'invoice ' || i.number, 0 from invoices i join organizations o on o.id = i.organization_id
                            where lower(i.number) = lower(?)
                ) m order by rank, lower(name) limit ?""",
                rs -> new OrganizationService.Match(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)), like, like, q, q, limit);
    }
}
