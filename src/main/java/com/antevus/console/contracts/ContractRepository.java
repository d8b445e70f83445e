package com.antevus.console.contracts;

import com.antevus.console.rating.ContractOverrides;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Contracts and their documents over JDBC. Every write checks the version it was given. */
final class ContractRepository {
    private static final String SELECT = "select c.organization_id, c.id, o.name, o.handles_health_data, c.status, c.currency, "
            + "c.annual_value_minor, c.billing_schedule, c.payment_terms, c.starts_on, c.ends_on, c.auto_renew, c.notice_days, "
            + "c.discount_pct, c.overrides::text, c.notes, c.version from contracts c join organizations o on o.id = c.organization_id ";

    /** Who last changed a contract, from the audit log. */
    record LastChange(String who, OffsetDateTime at) {
    }

    List<Contract> list(Connection c, String where, Object... args) throws SQLException {
        Map<UUID, List<ContractDocument>> docs = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select d.contract_id, d.id, d.kind, d.status, d.signed_on, d.expires_on, "
                + "d.url, d.file_path, d.content_sha256 from contract_documents d join contracts c "
                + "on c.organization_id = d.organization_id and c.id = d.contract_id " + where
                + " order by d.contract_id, array_position(array['msa','order_form','dpa','baa'], d.kind::text), d.created_at")) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    docs.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new ContractDocument(
                            rs.getObject(2, UUID.class), ContractDocument.Kind.fromDb(rs.getString(3)),
                            ContractDocument.Status.fromDb(rs.getString(4)), date(rs, 5), date(rs, 6), rs.getString(7),
                            rs.getString(8), rs.getString(9)));
                }
            }
        }
        List<Contract> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + where + " order by c.ends_on, lower(o.name)")) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(2, UUID.class);
                    out.add(new Contract(id, rs.getObject(1, UUID.class), rs.getString(3), rs.getBoolean(4),
                            Contract.Status.valueOf(rs.getString(5).toUpperCase(java.util.Locale.ROOT)), rs.getString(6).strip(),
                            rs.getLong(7), Contract.Schedule.fromDb(rs.getString(8)), Contract.PaymentTerms.fromDb(rs.getString(9)),
                            date(rs, 10), date(rs, 11), rs.getBoolean(12), rs.getInt(13), rs.getBigDecimal(14),
                            ContractOverrides.parse(rs.getString(15)), rs.getString(16), docs.getOrDefault(id, List.of()), rs.getInt(17)));
                }
            }
        }
        return out;
    }

    Contract find(Connection c, UUID id) throws SQLException {
        List<Contract> found = list(c, "where c.id = ?", id);
        return found.isEmpty() ? null : found.get(0);
    }

    List<ContractService.OrganizationChoice> organizations(Connection c) throws SQLException {
        List<ContractService.OrganizationChoice> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, name, handles_health_data, is_enterprise from organizations order by lower(name)");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ContractService.OrganizationChoice(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
            }
        }
        return out;
    }

    List<ContractService.Dimension> dimensions(Connection c) throws SQLException {
        List<ContractService.Dimension> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select code, name, false from resources "
                + "union all select code, name, true from metrics order by 3, 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ContractService.Dimension(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
            }
        }
        return out;
    }

    LastChange lastChange(Connection c, UUID contractId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(nullif(app_user, ''), db_user), at from audit_log "
                + "where table_name in ('contracts', 'contract_documents') and (row_key->>'id' = ? or new_row->>'contract_id' = ? "
                + "or old_row->>'contract_id' = ?) order by id desc limit 1")) {
            String id = contractId.toString();
            ps.setString(1, id);
            ps.setString(2, id);
            ps.setString(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new LastChange(rs.getString(1), rs.getObject(2, OffsetDateTime.class)) : null;
            }
        }
    }

    UUID insert(Connection c, Contract k) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement("insert into contracts (organization_id, id, status, currency, annual_value_minor, "
                + "billing_schedule, payment_terms, starts_on, ends_on, auto_renew, notice_days, discount_pct, overrides, notes) "
                + "values (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
            ps.setObject(1, k.organizationId());
            ps.setObject(2, id);
            terms(ps, 3, k);
            ps.executeUpdate();
        }
        writeDocuments(c, k.organizationId(), id, List.of(), k.documents());
        return id;
    }

    /** Saves the terms and documents if the contract is still at {@code k.version()}; false when someone saved since. */
    boolean update(Connection c, Contract k, List<ContractDocument> storedDocuments) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update contracts set currency = ?, annual_value_minor = ?, billing_schedule = ?, "
                + "payment_terms = ?, starts_on = ?, ends_on = ?, auto_renew = ?, notice_days = ?, discount_pct = ?, overrides = ?::jsonb, "
                + "notes = ?, updated_at = now(), version = version + 1 where organization_id = ? and id = ? and version = ?")) {
            int i = terms(ps, 1, k);
            ps.setObject(i++, k.organizationId());
            ps.setObject(i++, k.id());
            ps.setInt(i, k.version());
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        writeDocuments(c, k.organizationId(), k.id(), storedDocuments, k.documents());
        return true;
    }

    private static int terms(PreparedStatement ps, int i, Contract k) throws SQLException {
        ps.setString(i++, k.currency());
        ps.setLong(i++, k.annualValueMinor());
        ps.setString(i++, k.schedule().db());
        ps.setString(i++, k.paymentTerms().db());
        ps.setDate(i++, Date.valueOf(k.startsOn()));
        ps.setDate(i++, Date.valueOf(k.endsOn()));
        ps.setBoolean(i++, k.autoRenew());
        ps.setInt(i++, k.noticeDays());
        ps.setBigDecimal(i++, k.discountPct());
        ps.setString(i++, k.overrides().toJson());
        ps.setString(i++, k.notes().isBlank() ? null : k.notes());
        return i;
    }

    /** Brings the stored documents to {@code wanted}: changed ones updated, new ones inserted, missing ones deleted. */
    private void writeDocuments(Connection c, UUID org, UUID contract, List<ContractDocument> stored, List<ContractDocument> wanted)
            throws SQLException {
        Set<UUID> keep = new HashSet<>();
        for (ContractDocument d : wanted) {
            if (d.id() == null) {
                try (PreparedStatement ps = c.prepareStatement("insert into contract_documents (organization_id, id, contract_id, "
                        + "kind, status, signed_on, expires_on, url, file_path, content_sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setObject(1, org);
                    ps.setObject(2, UUID.randomUUID());
                    ps.setObject(3, contract);
                    document(ps, 4, d);
                    ps.executeUpdate();
                }
                continue;
            }
            keep.add(d.id());
            if (stored.contains(d)) {
                continue; // unchanged: no write, no audit row
            }
            try (PreparedStatement ps = c.prepareStatement("update contract_documents set kind = ?, status = ?, signed_on = ?, "
                    + "expires_on = ?, url = ?, file_path = ?, content_sha256 = ?, updated_at = now(), version = version + 1 "
                    + "where organization_id = ? and id = ? and contract_id = ?")) {
                int i = document(ps, 1, d);
                ps.setObject(i++, org);
                ps.setObject(i++, d.id());
                ps.setObject(i, contract);
                ps.executeUpdate();
            }
        }
        for (ContractDocument d : stored) {
            if (!keep.contains(d.id())) {
                try (PreparedStatement ps = c.prepareStatement("delete from contract_documents where organization_id = ? and id = ?")) {
                    ps.setObject(1, org);
                    ps.setObject(2, d.id());
                    ps.executeUpdate();
                }
            }
        }
    }

    private static int document(PreparedStatement ps, int i, ContractDocument d) throws SQLException {
        ps.setString(i++, d.kind().db());
        ps.setString(i++, d.status().db());
        setDate(ps, i++, d.signedOn());
        setDate(ps, i++, d.expiresOn());
        ps.setString(i++, blankToNull(d.url()));
        ps.setString(i++, blankToNull(d.filePath()));
        ps.setString(i++, blankToNull(d.filePath()) == null ? null : d.sha256());
        return i;
    }

    // ---- applying -------------------------------------------------------------------------------------------
    /** The organization's live subscription, if any. */
    record LiveSubscription(UUID id, UUID contractId, String stripeSubscriptionId, long planId) {
    }

    LiveSubscription liveSubscription(Connection c, UUID org) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id, contract_id, stripe_subscription_id, plan_id from subscriptions "
                + "where organization_id = ? and status <> 'canceled' for update")) {
            ps.setObject(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new LiveSubscription(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getLong(4)) : null;
            }
        }
    }

    /** The contract-priced plan of the newest published catalog version. */
    Long enterprisePlan(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select p.id from plans p join catalog_versions v on v.id = p.catalog_version_id "
                + "where p.billing_model = 'custom' and v.status = 'published' order by v.version_no desc, p.id limit 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    /** Locks the contract row at the version read; false when it moved on. */
    boolean lock(Connection c, UUID org, UUID id, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from contracts where organization_id = ? and id = ? and version = ? for update")) {
            ps.setObject(1, org);
            ps.setObject(2, id);
            ps.setInt(3, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Ends the organization's other active contracts (expired if past their end, otherwise terminated) and activates this one. */
    void activate(Connection c, Contract k, LocalDate today) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update contracts set status = case when ends_on <= ? then 'expired' else 'terminated' end, "
                + "updated_at = now(), version = version + 1 where organization_id = ? and id <> ? and status = 'active'")) {
            ps.setDate(1, Date.valueOf(k.startsOn().isAfter(today) ? k.startsOn() : today));
            ps.setObject(2, k.organizationId());
            ps.setObject(3, k.id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("update contracts set status = 'active', updated_at = now(), version = version + 1 "
                + "where organization_id = ? and id = ?")) {
            ps.setObject(1, k.organizationId());
            ps.setObject(2, k.id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("update organizations set is_enterprise = true, updated_at = now(), "
                + "version = version + 1 where id = ? and not is_enterprise")) {
            ps.setObject(1, k.organizationId());
            ps.executeUpdate();
        }
    }

    /**
     * Moves the organization onto the contract: the old subscription ends where the contract starts and a new one on
     * the contract plan begins, carrying the active add-ons; a subscription already on this contract only takes its
     * discount. Returns the contract's subscription id.
     */
    UUID subscribe(Connection c, Contract k, LiveSubscription old, long planId, LocalDate today) throws SQLException {
        if (old != null && k.id().equals(old.contractId())) {
            try (PreparedStatement ps = c.prepareStatement("update subscriptions set discount_pct = ?, updated_at = now(), "
                    + "version = version + 1 where organization_id = ? and id = ? and discount_pct <> ?")) {
                ps.setBigDecimal(1, k.discountPct());
                ps.setObject(2, k.organizationId());
                ps.setObject(3, old.id());
                ps.setBigDecimal(4, k.discountPct());
                ps.executeUpdate();
            }
            return old.id();
        }
        Timestamp start = Timestamp.from(k.startsOn().atStartOfDay().toInstant(ZoneOffset.UTC));
        if (old != null) {
            try (PreparedStatement ps = c.prepareStatement("update subscriptions set status = 'canceled', canceled_at = ?, "
                    + "cancel_at_period_end = false, pending_plan_id = null, updated_at = now(), version = version + 1 "
                    + "where organization_id = ? and id = ?")) {
                ps.setTimestamp(1, start);
                ps.setObject(2, k.organizationId());
                ps.setObject(3, old.id());
                ps.executeUpdate();
            }
        }
        // the contract year that contains today, counted from the start (29 Feb stays 29 Feb in leap years)
        long term = com.antevus.console.core.Anniversaries.yearlyTerm(k.startsOn(), today);
        LocalDate periodStart = com.antevus.console.core.Anniversaries.yearly(k.startsOn(), term);
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement("insert into subscriptions (organization_id, id, plan_id, status, billing_interval, "
                + "current_period_start, current_period_end, discount_pct, contract_id, started_at) "
                + "values (?, ?, ?, 'active', 'year', ?, ?, ?, ?, ?)")) {
            ps.setObject(1, k.organizationId());
            ps.setObject(2, id);
            ps.setLong(3, planId);
            ps.setDate(4, Date.valueOf(periodStart));
            ps.setDate(5, Date.valueOf(com.antevus.console.core.Anniversaries.yearly(k.startsOn(), term + 1)));
            ps.setBigDecimal(6, k.discountPct());
            ps.setObject(7, k.id());
            ps.setTimestamp(8, start);
            ps.executeUpdate();
        }
        if (old != null) {
            try (PreparedStatement ps = c.prepareStatement("insert into subscription_add_ons (organization_id, id, subscription_id, "
                    + "add_on_code, quantity, active) select organization_id, gen_random_uuid(), ?, add_on_code, quantity, true "
                    + "from subscription_add_ons where organization_id = ? and subscription_id = ? and active")) {
                ps.setObject(1, id);
                ps.setObject(2, k.organizationId());
                ps.setObject(3, old.id());
                ps.executeUpdate();
            }
        }
        return id;
    }

    /**
     * Entitlements follow the contract: each resource's contract quota (or the contract plan's when the contract
     * names none; null is unlimited) plus what active add-ons raise it by.
     */
    void syncEntitlements(Connection c, Contract k, UUID subscriptionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                with o as (select ?::jsonb -> 'quotas' as terms)
                insert into entitlements (organization_id, resource, limit_value)
                select s.organization_id, r.code,
                       case when o.terms -> r.code is not null then
                                 case when jsonb_typeof(o.terms -> r.code) = 'null' then null else (o.terms ->> r.code)::bigint end
                            when q.cap = 'unlimited' or q.code is null then null
                            else q.limit_value end
                       + coalesce((select sum(a.raises_by * sa.quantity) from subscription_add_ons sa
                                   join add_ons a on a.code = sa.add_on_code and a.catalog_version_id = p.catalog_version_id
                                   where sa.organization_id = s.organization_id and sa.subscription_id = s.id and sa.active
                                     and a.raises_resource = r.code), 0)
                from o, subscriptions s join plans p on p.id = s.plan_id cross join resources r
                left join plan_quotas q on q.plan_id = p.id and q.dimension = 'resource' and q.code = r.code
                where s.organization_id = ? and s.id = ?
                on conflict (organization_id, resource) do update set limit_value = excluded.limit_value, updated_at = now(),
                    version = entitlements.version + 1 where entitlements.limit_value is distinct from excluded.limit_value""")) {
            ps.setString(1, k.overrides().toJson());
            ps.setObject(2, k.organizationId());
            ps.setObject(3, subscriptionId);
            ps.executeUpdate();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------
    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof LocalDate d) {
                ps.setDate(i + 1, Date.valueOf(d));
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }

    private static LocalDate date(ResultSet rs, int i) throws SQLException {
        Date d = rs.getDate(i);
        return d == null ? null : d.toLocalDate();
    }

    private static void setDate(PreparedStatement ps, int i, LocalDate d) throws SQLException {
        if (d == null) {
            ps.setNull(i, Types.DATE);
        } else {
            ps.setDate(i, Date.valueOf(d));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
