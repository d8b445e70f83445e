package com.antevus.console.catalog;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.AddOn;
import com.antevus.console.pricing.Catalog.MeteredPrice;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.Catalog.Quota;
import com.antevus.console.pricing.Catalog.Tier;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Catalog} into one catalog version's rows and reads it back. Metrics and resources are shared
 * reference data: writing adds the new ones and renames existing ones, but refuses to change how an existing
 * metric aggregates (that would re-price the usage already recorded).
 */
public final class CatalogContentsRepository {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogContentsRepository() {
    }

    /** Inserts the catalog's plans and add-ons under the version; returns plan code → id. */
    public static Map<String, Long> insert(Connection c, long versionId, Catalog catalog) throws SQLException {
        upsertReferenceData(c, catalog);
        Map<String, Long> ids = new LinkedHashMap<>();
        int order = 0;
        // base plans before academic variants, which reference them
        List<PlanSpec> ordered = new ArrayList<>(catalog.plans());
        ordered.sort((a, b) -> Boolean.compare(a.academicOf() != null, b.academicOf() != null));
        Map<String, Integer> position = new HashMap<>();
        for (PlanSpec p : catalog.plans()) {
            position.put(p.code(), ++order);
        }
        for (PlanSpec p : ordered) {
            long id = Sql.first(c, "insert into plans (catalog_version_id, code, name, family, billing_model, "
                    + "currency, monthly_price_minor, annual_price_minor, min_seats, academic_of_plan_id, self_serve, grace_days, "
                    + "alert_thresholds, sort_order) values (?, ?, ?, ?, ?, ?, ?::bigint, ?::bigint, ?::integer, ?::bigint, ?, ?, ?, ?) returning id",
                    rs -> rs.getLong(1), versionId, p.code(), p.name(), p.family(), p.billingModel().name().toLowerCase(Locale.ROOT),
                    p.currency(), p.monthlyMinor(), p.annualMinor(), p.minSeats(), p.academicOf() == null ? null : ids.get(p.academicOf()),
                    p.selfServe(), p.graceDays(), Sql.array("integer", p.alertThresholds()), position.get(p.code())).orElseThrow();
            ids.put(p.code(), id);
            int[] q = {0};
            Sql.batch(c, "insert into plan_quotas (plan_id, dimension, code, limit_value, cap, position) values (?, ?, ?, ?::bigint, ?, ?)",
                    p.quotas().stream().map(x -> new Object[]{id, x.metric() ? "metric" : "resource", x.code(), x.limit(),
                            x.cap().name().toLowerCase(Locale.ROOT), ++q[0]}).toList());
            int[] m = {0};
            Sql.batch(c, "insert into metered_prices (plan_id, metric, model, currency, "
                    + "unit_amount_minor, unit_amount_decimal, unit_size, package_size, margin_pct, tiers, position) "
                    + "values (?, ?, ?, ?, ?::bigint, ?::numeric, ?, ?::bigint, ?::numeric, ?::jsonb, ?)", p.metered().stream().map(x -> {
                        boolean pkg = x.model() == Catalog.PricingModel.PACKAGE;
                        return new Object[]{id, x.metric(), x.model().name().toLowerCase(Locale.ROOT), p.currency(),
                                pkg ? x.unitAmount().longValueExact() : null, pkg ? null : x.unitAmount(), x.unitSize(), x.packageSize(),
                                x.marginPct(), x.tiers().isEmpty() ? null : tiersJson(x.tiers()), ++m[0]};
                    }).toList());
        }
        Sql.batch(c, "insert into add_ons (catalog_version_id, code, name, currency, monthly_price_minor, raises_resource, raises_by) "
                + "values (?, ?, ?, ?, ?, ?, ?::integer)", catalog.addOns().stream().map(a -> new Object[]{versionId, a.code(), a.name(),
                a.currency(), a.monthlyMinor(), a.raisesResource(), a.raisesBy()}).toList());
        return ids;
    }

    /** Deletes a draft version's plans and add-ons (their quotas and prices cascade). */
    public static void deleteContents(Connection c, long versionId) throws SQLException {
        Sql.update(c, "delete from add_ons where catalog_version_id = ?", versionId);
        Sql.update(c, "delete from plans where catalog_version_id = ? and academic_of_plan_id is not null", versionId);
        Sql.update(c, "delete from plans where catalog_version_id = ?", versionId);
    }

    private static void upsertReferenceData(Connection c, Catalog catalog) throws SQLException {
        Map<String, String> aggregations = new HashMap<>();
        for (String[] a : Sql.list(c, "select code, aggregation from metrics", rs -> new String[]{rs.getString(1), rs.getString(2)})) {
            aggregations.put(a[0], a[1]);
        }
        for (Catalog.Metric m : catalog.metrics()) {
            String agg = m.aggregation().name().toLowerCase(Locale.ROOT);
            String existing = aggregations.get(m.code());
            if (existing != null && !existing.equals(agg)) {
                throw new UserFacingException("Metric '" + m.code() + "' is aggregated as " + existing + " in the database; the "
                        + "catalog says " + agg + ". Changing it would re-price the usage already recorded, so it was refused; "
                        + "define a new metric instead.");
            }
        }
        int[] i = {0};
        Sql.batch(c, "insert into metrics (code, name, unit, aggregation, position) "
                + "values (?, ?, ?, ?, ?) on conflict (code) do update set name = excluded.name, unit = excluded.unit, "
                + "position = excluded.position where (metrics.name, metrics.unit, metrics.position) "
                + "is distinct from (excluded.name, excluded.unit, excluded.position)", catalog.metrics().stream().map(m -> new Object[]{
                m.code(), m.name(), m.unit(), m.aggregation().name().toLowerCase(Locale.ROOT), ++i[0]}).toList());
        int[] j = {0};
        Sql.batch(c, "insert into resources (code, name, position) values (?, ?, ?) "
                + "on conflict (code) do update set name = excluded.name, position = excluded.position "
                + "where (resources.name, resources.position) is distinct from (excluded.name, excluded.position)",
                catalog.resources().stream().map(r -> new Object[]{r.code(), r.name(), ++j[0]}).toList());
    }

    /** Reads one version's catalog, with every metric and resource the database knows. */
    public static Catalog read(Connection c, long versionId) throws SQLException {
        Map<Long, String> codesById = new HashMap<>();
        List<Object[]> planRows = Sql.list(c, "select id, code, name, family, billing_model, currency, monthly_price_minor, "
                + "annual_price_minor, min_seats, academic_of_plan_id, self_serve, grace_days, alert_thresholds "
                + "from plans where catalog_version_id = ? order by sort_order, id", rs -> {
            codesById.put(rs.getLong(1), rs.getString(2));
            Integer[] thresholds = (Integer[]) rs.getArray(13).getArray();
            return new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getObject(7, Long.class), rs.getObject(8, Long.class), rs.getObject(9, Integer.class),
                    rs.getObject(10, Long.class), rs.getBoolean(11), rs.getInt(12), List.of(thresholds)};
        }, versionId);
        Map<Long, List<Quota>> quotas = new HashMap<>();
        Sql.list(c, "select q.plan_id, q.dimension, q.code, q.limit_value, q.cap from plan_quotas q "
                + "join plans p on p.id = q.plan_id where p.catalog_version_id = ? order by q.plan_id, q.position, q.code", rs ->
                quotas.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Quota(rs.getString(3),
                        "metric".equals(rs.getString(2)), rs.getObject(4, Long.class),
                        Catalog.Cap.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)))), versionId);
        Map<Long, List<MeteredPrice>> metered = new HashMap<>();
        Sql.list(c, "select m.plan_id, m.metric, m.model, m.unit_amount_minor, m.unit_amount_decimal, "
                + "m.unit_size, m.package_size, m.margin_pct, m.tiers from metered_prices m join plans p on p.id = m.plan_id "
                + "where p.catalog_version_id = ? order by m.plan_id, m.position, m.metric", rs -> {
            Long minor = rs.getObject(4, Long.class);
            BigDecimal decimal = rs.getBigDecimal(5);
            return metered.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new MeteredPrice(rs.getString(2),
                    Catalog.PricingModel.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                    minor != null ? BigDecimal.valueOf(minor) : decimal, rs.getLong(6), rs.getObject(7, Long.class),
                    rs.getBigDecimal(8), tiers(rs.getString(9))));
        }, versionId);
        List<PlanSpec> plans = new ArrayList<>();
        for (Object[] r : planRows) {
            long id = (Long) r[0];
            Long academicOf = (Long) r[9];
            @SuppressWarnings("unchecked")
            List<Integer> thresholds = (List<Integer>) r[12];
            plans.add(new PlanSpec((String) r[1], (String) r[2], (String) r[3],
                    Catalog.BillingModel.valueOf(((String) r[4]).toUpperCase(Locale.ROOT)), (String) r[5], (Long) r[6], (Long) r[7],
                    (Integer) r[8], academicOf == null ? null : codesById.get(academicOf), (Boolean) r[10], (Integer) r[11],
                    thresholds, quotas.getOrDefault(id, List.of()), metered.getOrDefault(id, List.of())));
        }
        List<AddOn> addOns = Sql.list(c, "select code, name, currency, monthly_price_minor, raises_resource, raises_by "
                + "from add_ons where catalog_version_id = ? order by id", rs -> new AddOn(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getLong(4), rs.getString(5), rs.getObject(6, Integer.class)), versionId);
        List<Catalog.Metric> metrics = Sql.list(c, "select code, name, unit, aggregation from metrics order by position, code",
                rs -> new Catalog.Metric(rs.getString(1), rs.getString(2), rs.getString(3),
                        Catalog.Aggregation.valueOf(rs.getString(4).toUpperCase(Locale.ROOT))));
        List<Catalog.Resource> resources = Sql.list(c, "select code, name from resources order by position, code",
                rs -> new Catalog.Resource(rs.getString(1), rs.getString(2)));
        return new Catalog(metrics, resources, plans, addOns);
    }

    private static String tiersJson(List<Tier> tiers) {
        ArrayNode arr = JSON.createArrayNode();
        for (Tier t : tiers) {
            ObjectNode o = arr.addObject();
            if (t.upTo() == null) {
                o.putNull("up_to");
            } else {
                o.put("up_to", t.upTo());
            }
            o.put("unit_amount_decimal", t.unitAmount().toPlainString());
            o.put("flat_amount_minor", t.flatAmountMinor());
        }
        return arr.toString();
    }

    private static List<Tier> tiers(String json) throws SQLException {
        if (json == null) {
            return List.of();
        }
        try {
            List<Tier> out = new ArrayList<>();
            for (JsonNode n : JSON.readTree(json)) {
                out.add(new Tier(n.get("up_to").isNull() ? null : n.get("up_to").asLong(),
                        new BigDecimal(n.get("unit_amount_decimal").asText()), n.get("flat_amount_minor").asLong()));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new SQLException("unreadable graduated tiers: " + e.getMessage(), e);
        }
    }
}
