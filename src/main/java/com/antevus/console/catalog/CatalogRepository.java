package com.antevus.console.catalog;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** The catalog's SQL: versions, their contents, plan moves and the Stripe mapping. Every method runs on a given connection. */
final class CatalogRepository {

    List<CatalogVersion> versions(Connection c) throws SQLException {
        return Sql.list(c, VERSION_SELECT + " order by v.version_no desc", CatalogRepository::version);
    }

    Optional<CatalogVersion> version(Connection c, long id) throws SQLException {
        return Sql.first(c, VERSION_SELECT + " where v.id = ?", CatalogRepository::version, id);
    }

    Optional<CatalogVersion> byNumber(Connection c, int number) throws SQLException {
        return Sql.first(c, VERSION_SELECT + " where v.version_no = ?", CatalogRepository::version, number);
    }

    /** The version in force on a day: the newest published one whose effective date has come. */
    Optional<CatalogVersion> current(Connection c, LocalDate day) throws SQLException {
        return Sql.first(c, VERSION_SELECT + " where v.status = 'published' and v.effective_from <= ? "
                + "order by v.effective_from desc, v.version_no desc limit 1", CatalogRepository::version, day);
    }

    Optional<CatalogVersion> draft(Connection c) throws SQLException {
        return Sql.first(c, VERSION_SELECT + " where v.status = 'draft'", CatalogRepository::version);
    }

    private static final String VERSION_SELECT = "select v.id, v.version_no, v.status, v.effective_from, v.published_at, v.published_by, "
            + "v.notes, v.created_at, v.created_by, v.version, v.based_on_id, v.stripe_synced_at, "
            + "(select count(*) from plans p where p.catalog_version_id = v.id) as plans, "
            + "(select count(*) from subscriptions s join plans p on p.id = s.plan_id "
            + " where p.catalog_version_id = v.id and s.status <> 'canceled') as subscriptions "
            + "from catalog_versions v";

    private static CatalogVersion version(ResultSet rs) throws SQLException {
        Date eff = rs.getDate(4);
        Timestamp pub = rs.getTimestamp(5);
        Timestamp synced = rs.getTimestamp(12);
        return new CatalogVersion(rs.getLong(1), rs.getInt(2), CatalogVersion.Status.valueOf(rs.getString(3).toUpperCase()),
                eff == null ? null : eff.toLocalDate(), pub == null ? null : pub.toInstant(), rs.getString(6), rs.getString(7),
                rs.getTimestamp(8).toInstant(), rs.getString(9), rs.getInt(10), (Long) rs.getObject(11),
                synced == null ? null : synced.toInstant(), rs.getInt(13), rs.getInt(14));
    }

    Catalog load(Connection c, long versionId) throws SQLException {
        return CatalogContentsRepository.read(c, versionId);
    }

    /** A new draft holding the catalog; refuses when a draft exists already. */
    long createDraft(Connection c, Catalog catalog, String notes, Long basedOn) throws SQLException {
        Optional<CatalogVersion> existing = draft(c);
        if (existing.isPresent()) {
            throw new UserFacingException("Version " + existing.get().number() + " is already a draft. Publish or discard it "
                    + "before starting another (or replace its contents).");
        }
        long id = Sql.first(c, "insert into catalog_versions (version_no, status, notes, based_on_id) "
                + "values ((select coalesce(max(version_no), 0) + 1 from catalog_versions), 'draft', ?, ?::bigint) returning id",
                rs -> rs.getLong(1), notes, basedOn).orElseThrow();
        CatalogContentsRepository.insert(c, id, catalog);
        return id;
    }

    /** Replaces a draft's contents, if nobody changed it since {@code expectedVersion}. */
    void saveDraft(Connection c, long id, int expectedVersion, Catalog catalog, String notes) throws SQLException {
        lockDraft(c, id, expectedVersion);
        Sql.update(c, "update catalog_versions set version = version + 1, notes = ? where id = ?", notes, id);
        CatalogContentsRepository.deleteContents(c, id);
        CatalogContentsRepository.insert(c, id, catalog);
    }

    void discardDraft(Connection c, long id, int expectedVersion) throws SQLException {
        lockDraft(c, id, expectedVersion);
        CatalogContentsRepository.deleteContents(c, id);
        Sql.update(c, "delete from catalog_versions where id = ?", id);
    }

    private CatalogVersion lockDraft(Connection c, long id, int expectedVersion) throws SQLException {
        Sql.first(c, "select 1 from catalog_versions where id = ? for update", rs -> rs.getInt(1), id);
        CatalogVersion v = version(c, id).orElseThrow(() -> new UserFacingException("That catalog version no longer exists. Reload."));
        if (v.status() != CatalogVersion.Status.DRAFT) {
            throw new UserFacingException("Version " + v.number() + " is " + v.status().label()
                    + " and cannot change; edit it to make a new draft.");
        }
        if (v.rowVersion() != expectedVersion) {
            throw new UserFacingException("Someone else changed draft version " + v.number() + " since you opened it. "
                    + "Reload it and make your change again; nothing was saved.");
        }
        return v;
    }

    /** Marks the draft published and applies the move decision to subscriptions on other versions' plans. */
    PublishOutcome publish(Connection c, long id, int expectedVersion, LocalDate effectiveFrom, String by,
                           PublishOutcome.Decision decision) throws SQLException {
        CatalogVersion v = lockDraft(c, id, expectedVersion);
        Sql.update(c, "update catalog_versions set status = 'published', effective_from = ?, "
                + "published_at = now(), published_by = ?, version = version + 1 where id = ?", effectiveFrom, by, id);
        Catalog next = load(c, id);
        Map<String, Long> newIds = planIds(c, id);
        Map<Long, Catalog> older = new HashMap<>();
        int movedNow = 0;
        int scheduled = 0;
        int grandfathered = 0;
        List<Object[]> subs = Sql.list(c, "select s.organization_id, s.id, p.code, p.catalog_version_id from subscriptions s "
                + "join plans p on p.id = s.plan_id where s.status <> 'canceled' and p.catalog_version_id <> ? for update of s",
                rs -> new Object[]{rs.getObject(1), rs.getObject(2), rs.getString(3), rs.getLong(4)}, id);
        List<Object[]> now = new ArrayList<>();
        List<Object[]> later = new ArrayList<>();
        for (Object[] s : subs) {
            String code = (String) s[2];
            Long newId = newIds.get(code);
            if (newId == null) {
                grandfathered++; // the plan is gone from the new version: its subscribers stay where they are
                continue;
            }
            long fromVersion = (Long) s[3];
            if (!older.containsKey(fromVersion)) {
                older.put(fromVersion, load(c, fromVersion));
            }
            Catalog old = older.get(fromVersion);
            boolean unchanged = old.plan(code).equals(next.plan(code)) && addOnsEqual(old, next);
            if (unchanged) {
                now.add(new Object[]{newId, s[0], s[1]});
                movedNow++;
            } else if (decision == PublishOutcome.Decision.MOVE_AT_RENEWAL) {
                later.add(new Object[]{newId, s[0], s[1], newId});
                scheduled++;
            } else {
                grandfathered++;
            }
        }
        Sql.batch(c, "update subscriptions set plan_id = ?, pending_plan_id = null, "
                + "updated_at = now(), version = version + 1 where organization_id = ? and id = ?", now);
        Sql.batch(c, "update subscriptions set pending_plan_id = ?, updated_at = now(), "
                + "version = version + 1 where organization_id = ? and id = ? and pending_plan_id is distinct from ?", later);
        return new PublishOutcome(v.number(), movedNow, scheduled, grandfathered);
    }

    /** Every add-on of the old version is still sold, at the same price, in the new one (new add-ons change nobody's bill). */
    static boolean addOnsEqual(Catalog older, Catalog newer) {
        return older.addOns().stream().allMatch(a -> newer.addOn(a.code()).map(a::equals).orElse(false));
    }

    Map<String, Long> planIds(Connection c, long versionId) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        Sql.list(c, "select code, id from plans where catalog_version_id = ?", rs -> out.put(rs.getString(1), rs.getLong(2)), versionId);
        return out;
    }

    /** What publishing the version would do to live subscriptions on other versions' plans, per plan code. */
    PublishImpact impact(Connection c, long versionId) throws SQLException {
        Catalog next = load(c, versionId);
        Map<Long, Catalog> older = new HashMap<>();
        Map<String, Acc> acc = new TreeMap<>();
        record Group(String code, long fromId, int fromNo, boolean annual, int seats, long n) {
        }
        for (Group g : Sql.list(c, "select p.code, p.catalog_version_id, cv.version_no, s.billing_interval, "
                + "coalesce(s.seats, 0), count(*) from subscriptions s join plans p on p.id = s.plan_id "
                + "join catalog_versions cv on cv.id = p.catalog_version_id "
                + "where s.status <> 'canceled' and p.catalog_version_id <> ? group by 1, 2, 3, 4, 5",
                rs -> new Group(rs.getString(1), rs.getLong(2), rs.getInt(3), "year".equals(rs.getString(4)), rs.getInt(5), rs.getLong(6)),
                versionId)) {
            if (!older.containsKey(g.fromId())) {
                older.put(g.fromId(), load(c, g.fromId()));
            }
            PlanSpec oldPlan = older.get(g.fromId()).plan(g.code()).orElseThrow();
            Optional<PlanSpec> newPlan = next.plan(g.code());
            Acc a = acc.computeIfAbsent(g.code(), k -> new Acc(oldPlan.name()));
            a.versions.add(g.fromNo());
            a.subscriptions += g.n();
            boolean same = newPlan.isPresent() && newPlan.get().equals(oldPlan) && addOnsEqual(older.get(g.fromId()), next);
            a.unchanged &= same;
            a.removed = newPlan.isEmpty();
            BigDecimal oldMonthly = monthlyEquivalent(oldPlan, g.annual(), g.seats()).multiply(BigDecimal.valueOf(g.n()));
            a.oldMrr = a.oldMrr.add(oldMonthly);
            a.newMrr = a.newMrr.add(newPlan.isEmpty() ? oldMonthly
                    : monthlyEquivalent(newPlan.get(), g.annual(), g.seats()).multiply(BigDecimal.valueOf(g.n())));
        }
        List<PublishImpact.PlanImpact> rows = new ArrayList<>();
        String currency = next.plans().isEmpty() ? "USD" : next.plans().get(0).currency();
        for (Map.Entry<String, Acc> e : acc.entrySet()) {
            Acc a = e.getValue();
            // rounding: the monthly equivalents (annual ÷ 12) are summed exactly and rounded half up once per plan
            rows.add(new PublishImpact.PlanImpact(e.getKey(), a.name, List.copyOf(a.versions), a.subscriptions, a.unchanged, a.removed,
                    a.oldMrr.setScale(0, RoundingMode.HALF_UP).longValueExact(), a.newMrr.setScale(0, RoundingMode.HALF_UP).longValueExact()));
        }
        return new PublishImpact(currency, rows);
    }

    private static final class Acc {
        final String name;
        final TreeSet<Integer> versions = new TreeSet<>();
        long subscriptions;
        boolean unchanged = true;
        boolean removed;
        BigDecimal oldMrr = BigDecimal.ZERO;
        BigDecimal newMrr = BigDecimal.ZERO;

        Acc(String name) {
            this.name = name;
        }
    }

    /** The base fee a month: the monthly price (per seat, at least the minimum), or the annual price ÷ 12. */
    static BigDecimal monthlyEquivalent(PlanSpec p, boolean annual, int seats) {
        long units = p.billingModel() == Catalog.BillingModel.PER_SEAT ? Math.max(seats, p.minSeats() == null ? 1 : p.minSeats()) : 1;
        if (annual && p.annualMinor() != null) {
            return BigDecimal.valueOf(p.annualMinor()).multiply(BigDecimal.valueOf(units)).divide(BigDecimal.valueOf(12), 6, RoundingMode.HALF_UP);
        }
        return BigDecimal.valueOf(p.monthlyMinor() == null ? 0 : p.monthlyMinor()).multiply(BigDecimal.valueOf(units));
    }

    /**
     * Moves subscriptions whose renewal has come (period end on or before {@code asOf}) to the plan they are
     * scheduled for, and brings their organizations' entitlements to the new plan's quotas. Returns how many moved.
     */
    int applyDueMoves(Connection c, LocalDate asOf) throws SQLException {
        List<Object[]> due = Sql.list(c, "select organization_id, id from subscriptions where pending_plan_id is not null "
                + "and current_period_end <= ? and status <> 'canceled' for update", rs -> new Object[]{rs.getObject(1), rs.getObject(2)}, asOf);
        for (Object[] s : due) {
            Sql.update(c, "update subscriptions set plan_id = pending_plan_id, pending_plan_id = null, "
                    + "updated_at = now(), version = version + 1 where organization_id = ? and id = ?", s[0], s[1]);
            syncEntitlements(c, s[0], s[1]);
        }
        return due.size();
    }

    /** Entitlements follow the plan: each resource's quota plus what the active add-ons raise it by (null: unlimited). */
    static void syncEntitlements(Connection c, Object organizationId, Object subscriptionId) throws SQLException {
        Sql.update(c, "insert into entitlements (organization_id, resource, limit_value) "
                + "select s.organization_id, q.code, case when q.cap = 'unlimited' then null "
                + "  else q.limit_value + coalesce((select sum(a.raises_by * sa.quantity) from subscription_add_ons sa "
                + "    join add_ons a on a.code = sa.add_on_code and a.catalog_version_id = p.catalog_version_id "
                + "    where sa.organization_id = s.organization_id and sa.subscription_id = s.id and sa.active "
                + "      and a.raises_resource = q.code), 0) end "
                + "from subscriptions s join plans p on p.id = s.plan_id "
                + "join plan_quotas q on q.plan_id = p.id and q.dimension = 'resource' "
                + "where s.organization_id = ? and s.id = ? "
                + "on conflict (organization_id, resource) do update set limit_value = excluded.limit_value, updated_at = now(), "
                + "version = entitlements.version + 1 where entitlements.limit_value is distinct from excluded.limit_value",
                organizationId, subscriptionId);
    }

    // ---- the Stripe mapping -------------------------------------------------------------------------------
    Optional<String> stripeProduct(Connection c, String kind, String code) throws SQLException {
        return Sql.first(c, "select stripe_product_id from catalog_stripe_products where item_kind = ? and item_code = ?",
                rs -> rs.getString(1), kind, code);
    }

    void recordProduct(Connection c, String kind, String code, String productId) throws SQLException {
        Sql.update(c, "insert into catalog_stripe_products (item_kind, item_code, stripe_product_id) "
                + "values (?, ?, ?) on conflict (item_kind, item_code) do nothing", kind, code, productId);
    }

    /** A mapped price of a version, or of the newest earlier version that has one for the same item. */
    Optional<StripePriceRow> stripePrice(Connection c, long versionId, String kind, String code, String interval, boolean earlier)
            throws SQLException {
        String sql = "select sp.catalog_version_id, sp.amount_minor, sp.currency, sp.stripe_price_id, sp.origin, sp.replaced_price_id, "
                + "sp.replaced_archived_at is not null, sp.lookup_key from catalog_stripe_prices sp join catalog_versions v on v.id = sp.catalog_version_id "
                + "where sp.item_kind = ? and sp.item_code = ? and sp.billing_interval = ? and "
                + (earlier ? "v.version_no < (select version_no from catalog_versions where id = ?) order by v.version_no desc limit 1"
                : "sp.catalog_version_id = ?");
        return Sql.first(c, sql, rs -> new StripePriceRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8)), kind, code, interval, versionId);
    }

    record StripePriceRow(long versionId, long amountMinor, String currency, String priceId, String origin, String replacedPriceId,
                          boolean replacedArchived, String lookupKey) {
    }

    void recordPrice(Connection c, long versionId, String kind, String code, String interval, String currency, long amount,
                     String lookupKey, String priceId, String origin, String replacedPriceId) throws SQLException {
        Sql.update(c, "insert into catalog_stripe_prices (catalog_version_id, item_kind, item_code, "
                + "billing_interval, currency, amount_minor, lookup_key, stripe_price_id, origin, replaced_price_id) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", versionId, kind, code, interval, currency, amount, lookupKey, priceId, origin,
                replacedPriceId);
    }

    void markReplacedArchived(Connection c, long versionId, String kind, String code, String interval) throws SQLException {
        Sql.update(c, "update catalog_stripe_prices set replaced_archived_at = now() "
                + "where catalog_version_id = ? and item_kind = ? and item_code = ? and billing_interval = ?", versionId, kind, code, interval);
    }

    void markSynced(Connection c, long versionId) throws SQLException {
        Sql.update(c, "update catalog_versions set stripe_synced_at = now() where id = ? and stripe_synced_at is null", versionId);
    }
}
