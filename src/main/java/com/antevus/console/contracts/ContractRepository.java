package com.antevus.console.contracts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.antevus.console.db.Hibernate;
import com.antevus.console.db.Sql;
import org.hibernate.LockMode;
import org.hibernate.Session;

/**
 * Contracts and their documents. The aggregate staff edit (terms, overrides, documents) is read and saved through
 * Hibernate with {@code @Version} optimistic locking; applying a contract is set-based SQL over subscriptions and
 * entitlements, on the transaction's connection.
 */
final class ContractRepository {
    /** The Hibernate entities this repository maps; {@code shell.Startup} bootstraps them with the others. */
    static final List<Class<?>> ENTITIES = List.of(ContractRow.class, ContractDocumentRow.class, ContractParty.class);

    /** Who last changed a contract, from the audit log. */
    record LastChange(String who, OffsetDateTime at) {
    }

    // ---- the aggregate, through Hibernate -----------------------------------------------------------------
    /** Every contract, or those of {@code status} ending on or before {@code endsBy} when given; soonest ending first. */
    List<Contract> list(Session s, Contract.Status status, LocalDate endsBy) {
        StringBuilder hql = new StringBuilder("select k, o from ContractRow k join ContractParty o on o.id = k.organizationId where 1 = 1");
        if (status != null) {
            hql.append(" and k.status = :status");
        }
        if (endsBy != null) {
            hql.append(" and k.endsOn <= :endsBy");
        }
        var q = s.createSelectionQuery(hql.append(" order by k.endsOn, lower(o.name), k.id").toString(), Object[].class);
        if (status != null) {
            q.setParameter("status", status.db());
        }
        if (endsBy != null) {
            q.setParameter("endsBy", endsBy);
        }
        List<Object[]> rows = q.getResultList();
        Map<UUID, List<ContractDocument>> docs = documents(s, rows.stream().map(r -> ((ContractRow) r[0]).id()).toList());
        List<Contract> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            ContractRow k = (ContractRow) r[0];
            out.add(k.toRecord((ContractParty) r[1], docs.getOrDefault(k.id(), List.of())));
        }
        return out;
    }

    Contract find(Session s, UUID id) {
        ContractRow k = row(s, id);
        if (k == null) {
            return null;
        }
        return k.toRecord(s.find(ContractParty.class, k.organizationId()), documents(s, List.of(k.id())).getOrDefault(k.id(), List.of()));
    }

    private static ContractRow row(Session s, UUID id) {
        return s.createSelectionQuery("from ContractRow k where k.id = :id", ContractRow.class).setParameter("id", id)
                .uniqueResultOptional().orElse(null);
    }

    /** The documents of the given contracts: MSA, order form, DPA, BAA, each kind oldest first. */
    private static Map<UUID, List<ContractDocument>> documents(Session s, List<UUID> contracts) {
        Map<UUID, List<ContractDocument>> out = new LinkedHashMap<>();
        if (contracts.isEmpty()) {
            return out;
        }
        for (ContractDocumentRow d : documentRows(s, contracts)) {
            out.computeIfAbsent(d.contractId(), k -> new ArrayList<>()).add(d.toRecord());
        }
        return out;
    }

    private static List<ContractDocumentRow> documentRows(Session s, List<UUID> contracts) {
        List<ContractDocumentRow> out = new ArrayList<>();
        // in chunks, so a long list never builds one huge IN list
        for (int i = 0; i < contracts.size(); i += 500) {
            out.addAll(s.createSelectionQuery("from ContractDocumentRow d where d.contractId in :ids order by d.contractId, "
                            + "case d.kind when 'msa' then 0 when 'order_form' then 1 when 'dpa' then 2 else 3 end, d.createdAt, d.id",
                    ContractDocumentRow.class).setParameterList("ids", contracts.subList(i, Math.min(contracts.size(), i + 500)))
                    .getResultList());
        }
        return out;
    }

    /** A new draft contract with its documents; returns its id. */
    UUID insert(Session s, Contract k) {
        ContractRow row = ContractRow.draft(k);
        s.persist(row);
        for (ContractDocument d : k.documents()) {
            s.persist(ContractDocumentRow.of(row.organizationId(), row.id(), d));
        }
        return row.id();
    }

    /**
     * Saves the terms and documents if the contract is still at {@code k.version()}: the version always moves on (a
     * documents-only edit too), and Hibernate's {@code where version = ?} refuses the save when someone committed
     * since, raising {@code Hibernate.StaleException}. Unchanged documents are not written (no audit row). Returns the
     * contract's status (an edit does not change it).
     */
    Contract.Status update(Session s, Contract k) {
        ContractRow row = row(s, k.id());
        if (row == null || row.version() != k.version()) {
            throw new Hibernate.StaleException(null);
        }
        if (!row.setTerms(k)) {
            // only documents changed: the contract's version still moves on, so the next stale save is refused
            s.lock(row, LockMode.OPTIMISTIC_FORCE_INCREMENT);
        }
        Map<UUID, ContractDocumentRow> stored = new LinkedHashMap<>();
        documentRows(s, List.of(k.id())).forEach(d -> stored.put(d.id(), d));
        for (ContractDocument d : k.documents()) {
            ContractDocumentRow existing = d.id() == null ? null : stored.remove(d.id());
            if (existing == null) {
                s.persist(ContractDocumentRow.of(row.organizationId(), row.id(), d));
            } else if (!existing.toRecord().equals(d)) {
                existing.set(d);
            }
        }
        stored.values().forEach(s::remove);
        s.flush();
        return row.status();
    }

    // ---- plain reads for the editor ---------------------------------------------------------------------
    List<ContractService.OrganizationChoice> organizations(Connection c) throws SQLException {
        return Sql.list(c, "select id, name, handles_health_data, is_enterprise from organizations order by lower(name)",
                rs -> new ContractService.OrganizationChoice(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
    }

    List<ContractService.Dimension> dimensions(Connection c) throws SQLException {
        return Sql.list(c, "select code, name, false from resources union all select code, name, true from metrics order by 3, 1",
                rs -> new ContractService.Dimension(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
    }

    LastChange lastChange(Connection c, UUID contractId) throws SQLException {
        String id = contractId.toString();
        return Sql.first(c, "select coalesce(nullif(app_user, ''), db_user), at from audit_log "
                + "where table_name in ('contracts', 'contract_documents') and (row_key->>'id' = ? or new_row->>'contract_id' = ? "
                + "or old_row->>'contract_id' = ?) order by id desc limit 1",
                rs -> new LastChange(rs.getString(1), rs.getObject(2, OffsetDateTime.class)), id, id, id).orElse(null);
    }

    /** After an edit of the contract the organization is on: its subscription's discount and entitlements follow. */
    void followActiveContract(Session s, Contract edited, LocalDate today) {
        s.doWork(c -> {
            LiveSubscription live = liveSubscription(c, edited.organizationId());
            if (live != null && edited.id().equals(live.contractId())) {
                subscribe(c, edited, live, live.planId(), today);
                syncEntitlements(c, edited, live.id());
            }
        });
    }

    /**
     * The database side of applying a contract: the organization moves onto the contract plan, its entitlements follow
     * and the contract becomes the active one. False when the contract moved on since it was read.
     */
    boolean apply(Connection c, Contract k, LocalDate today) throws SQLException {
        if (!lock(c, k.organizationId(), k.id(), k.version())) {
            return false;
        }
        Long plan = enterprisePlan(c);
        if (plan == null) {
            throw new com.antevus.console.core.UserFacingException("The published catalog has no contract-priced (custom) plan "
                    + "to put this organization on. Ask an admin to add one in Plans.");
        }
        LiveSubscription current = liveSubscription(c, k.organizationId());
        UUID subscription = subscribe(c, k, current, plan, today);
        syncEntitlements(c, k, subscription);
        activate(c, k, today);
        return true;
    }

    // ---- applying -------------------------------------------------------------------------------------------
    /** The organization's live subscription, if any. */
    record LiveSubscription(UUID id, UUID contractId, String stripeSubscriptionId, long planId) {
    }

    LiveSubscription liveSubscription(Connection c, UUID org) throws SQLException {
        return Sql.first(c, "select id, contract_id, stripe_subscription_id, plan_id from subscriptions "
                + "where organization_id = ? and status <> 'canceled' for update", rs -> new LiveSubscription(rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class), rs.getString(3), rs.getLong(4)), org).orElse(null);
    }

    /** The contract-priced plan of the newest published catalog version. */
    Long enterprisePlan(Connection c) throws SQLException {
        return Sql.first(c, "select p.id from plans p join catalog_versions v on v.id = p.catalog_version_id "
                + "where p.billing_model = 'custom' and v.status = 'published' order by v.version_no desc, p.id limit 1",
                rs -> rs.getLong(1)).orElse(null);
    }

    /** Locks the contract row at the version read; false when it moved on. */
    boolean lock(Connection c, UUID org, UUID id, int version) throws SQLException {
        return Sql.first(c, "select 1 from contracts where organization_id = ? and id = ? and version = ? for update",
                rs -> rs.getInt(1), org, id, version).isPresent();
    }

    /** Ends the organization's other active contracts (expired if past their end, otherwise terminated) and activates this one. */
    void activate(Connection c, Contract k, LocalDate today) throws SQLException {
        Sql.update(c, "update contracts set status = case when ends_on <= ? then 'expired' else 'terminated' end, "
                + "updated_at = now(), version = version + 1 where organization_id = ? and id <> ? and status = 'active'",
                k.startsOn().isAfter(today) ? k.startsOn() : today, k.organizationId(), k.id());
        Sql.update(c, "update contracts set status = 'active', updated_at = now(), version = version + 1 "
                + "where organization_id = ? and id = ?", k.organizationId(), k.id());
        Sql.update(c, "update organizations set is_enterprise = true, updated_at = now(), "
                + "version = version + 1 where id = ? and not is_enterprise", k.organizationId());
    }

    /**
     * Moves the organization onto the contract: the old subscription ends where the contract starts and a new one on
     * the contract plan begins, carrying the active add-ons; a subscription already on this contract only takes its
     * discount. Returns the contract's subscription id.
     */
    UUID subscribe(Connection c, Contract k, LiveSubscription old, long planId, LocalDate today) throws SQLException {
        if (old != null && k.id().equals(old.contractId())) {
            Sql.update(c, "update subscriptions set discount_pct = ?, updated_at = now(), "
                    + "version = version + 1 where organization_id = ? and id = ? and discount_pct <> ?",
                    k.discountPct(), k.organizationId(), old.id(), k.discountPct());
            return old.id();
        }
        java.time.Instant start = k.startsOn().atStartOfDay().toInstant(ZoneOffset.UTC);
        if (old != null) {
            Sql.update(c, "update subscriptions set status = 'canceled', canceled_at = ?, "
                    + "cancel_at_period_end = false, pending_plan_id = null, updated_at = now(), version = version + 1 "
                    + "where organization_id = ? and id = ?", start, k.organizationId(), old.id());
        }
        // the contract year that contains today, counted from the start (29 Feb stays 29 Feb in leap years)
        long term = com.antevus.console.core.Anniversaries.yearlyTerm(k.startsOn(), today);
        LocalDate periodStart = com.antevus.console.core.Anniversaries.yearly(k.startsOn(), term);
        UUID id = UUID.randomUUID();
        Sql.update(c, "insert into subscriptions (organization_id, id, plan_id, status, billing_interval, "
                + "current_period_start, current_period_end, discount_pct, contract_id, started_at) "
                + "values (?, ?, ?, 'active', 'year', ?, ?, ?, ?, ?)", k.organizationId(), id, planId, periodStart,
                com.antevus.console.core.Anniversaries.yearly(k.startsOn(), term + 1), k.discountPct(), k.id(), start);
        if (old != null) {
            Sql.update(c, "insert into subscription_add_ons (organization_id, id, subscription_id, "
                    + "add_on_code, quantity, active) select organization_id, gen_random_uuid(), ?, add_on_code, quantity, true "
                    + "from subscription_add_ons where organization_id = ? and subscription_id = ? and active", id, k.organizationId(), old.id());
        }
        return id;
    }

    /**
     * Entitlements follow the contract: each resource's contract quota (or the contract plan's when the contract
     * names none; null is unlimited) plus what active add-ons raise it by.
     */
    void syncEntitlements(Connection c, Contract k, UUID subscriptionId) throws SQLException {
        Sql.update(c, """
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
                    version = entitlements.version + 1 where entitlements.limit_value is distinct from excluded.limit_value""",
                ContractOverridesJson.write(k.overrides()), k.organizationId(), subscriptionId);
    }

}
