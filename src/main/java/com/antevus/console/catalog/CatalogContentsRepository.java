package com.antevus.console.catalog;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.AddOn;
import com.antevus.console.pricing.Catalog.MeteredPrice;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.Catalog.Quota;
import com.antevus.console.pricing.Catalog.Tier;
import com.antevus.console.core.UserFacingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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
            long id;
            try (PreparedStatement ps = c.prepareStatement("insert into plans (catalog_version_id, code, name, family, billing_model, "
                    + "currency, monthly_price_minor, annual_price_minor, min_seats, academic_of_plan_id, self_serve, grace_days, "
                    + "alert_thresholds, sort_order) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id")) {
                ps.setLong(1, versionId);
                ps.setString(2, p.code());
                ps.setString(3, p.name());
                ps.setString(4, p.family());
                ps.setString(5, p.billingModel().name().toLowerCase(Locale.ROOT));
                ps.setString(6, p.currency());
                ps.setObject(7, p.monthlyMinor(), Types.BIGINT);
                ps.setObject(8, p.annualMinor(), Types.BIGINT);
                ps.setObject(9, p.minSeats(), Types.INTEGER);
                ps.setObject(10, p.academicOf() == null ? null : ids.get(p.academicOf()), Types.BIGINT);
                ps.setBoolean(11, p.selfServe());
                ps.setInt(12, p.graceDays());
                ps.setArray(13, c.createArrayOf("integer", p.alertThresholds().toArray()));
                ps.setInt(14, position.get(p.code()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            ids.put(p.code(), id);
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into plan_quotas (plan_id, dimension, code, limit_value, cap, position) values (?, ?, ?, ?, ?, ?)")) {
                int i = 0;
                for (Quota q : p.quotas()) {
                    ps.setLong(1, id);
                    ps.setString(2, q.metric() ? "metric" : "resource");
                    ps.setString(3, q.code());
                    ps.setObject(4, q.limit(), Types.BIGINT);
                    ps.setString(5, q.cap().name().toLowerCase(Locale.ROOT));
                    ps.setInt(6, ++i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into metered_prices (plan_id, metric, model, currency, "
                    + "unit_amount_minor, unit_amount_decimal, unit_size, package_size, margin_pct, tiers, position) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
                int i = 0;
                for (MeteredPrice m : p.metered()) {
                    boolean pkg = m.model() == Catalog.PricingModel.PACKAGE;
                    ps.setLong(1, id);
                    ps.setString(2, m.metric());
                    ps.setString(3, m.model().name().toLowerCase(Locale.ROOT));
                    ps.setString(4, p.currency());
                    ps.setObject(5, pkg ? m.unitAmount().longValueExact() : null, Types.BIGINT);
                    ps.setBigDecimal(6, pkg ? null : m.unitAmount());
                    ps.setLong(7, m.unitSize());
                    ps.setObject(8, m.packageSize(), Types.BIGINT);
                    ps.setBigDecimal(9, m.marginPct());
                    ps.setString(10, m.tiers().isEmpty() ? null : tiersJson(m.tiers()));
                    ps.setInt(11, ++i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into add_ons (catalog_version_id, code, name, currency, "
                + "monthly_price_minor, raises_resource, raises_by) values (?, ?, ?, ?, ?, ?, ?)")) {
            for (AddOn a : catalog.addOns()) {
                ps.setLong(1, versionId);
                ps.setString(2, a.code());
                ps.setString(3, a.name());
                ps.setString(4, a.currency());
                ps.setLong(5, a.monthlyMinor());
                ps.setString(6, a.raisesResource());
                ps.setObject(7, a.raisesBy(), Types.INTEGER);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return ids;
    }

    /** Deletes a draft version's plans and add-ons (their quotas and prices cascade). */
    public static void deleteContents(Connection c, long versionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from add_ons where catalog_version_id = ?");
             PreparedStatement plans = c.prepareStatement(
                     "delete from plans where catalog_version_id = ? and academic_of_plan_id is not null");
             PreparedStatement rest = c.prepareStatement("delete from plans where catalog_version_id = ?")) {
            ps.setLong(1, versionId);
            ps.executeUpdate();
            plans.setLong(1, versionId);
            plans.executeUpdate();
            rest.setLong(1, versionId);
            rest.executeUpdate();
        }
    }

    private static void upsertReferenceData(Connection c, Catalog catalog) throws SQLException {
        Map<String, String> aggregations = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select code, aggregation from metrics");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                aggregations.put(rs.getString(1), rs.getString(2));
            }
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
        try (PreparedStatement ps = c.prepareStatement("insert into metrics (code, name, unit, aggregation, position) "
                + "values (?, ?, ?, ?, ?) on conflict (code) do update set name = excluded.name, unit = excluded.unit, "
                + "position = excluded.position where (metrics.name, metrics.unit, metrics.position) "
                + "is distinct from (excluded.name, excluded.unit, excluded.position)")) {
            int i = 0;
            for (Catalog.Metric m : catalog.metrics()) {
                ps.setString(1, m.code());
                ps.setString(2, m.name());
                ps.setString(3, m.unit());
                ps.setString(4, m.aggregation().name().toLowerCase(Locale.ROOT));
                ps.setInt(5, ++i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into resources (code, name, position) values (?, ?, ?) "
                + "on conflict (code) do update set name = excluded.name, position = excluded.position "
                + "where (resources.name, resources.position) is distinct from (excluded.name, excluded.position)")) {
            int i = 0;
            for (Catalog.Resource r : catalog.resources()) {
                ps.setString(1, r.code());
                ps.setString(2, r.name());
                ps.setInt(3, ++i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Reads one version's catalog, with every metric and resource the database knows. */
    public static Catalog read(Connection c, long versionId) throws SQLException {
        Map<Long, String> codesById = new HashMap<>();
        List<Object[]> planRows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, code, name, family, billing_model, currency, monthly_price_minor, "
                + "annual_price_minor, min_seats, academic_of_plan_id, self_serve, grace_days, alert_thresholds "
                + "from plans where catalog_version_id = ? order by sort_order, id")) {
            ps.setLong(1, versionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    codesById.put(rs.getLong(1), rs.getString(2));
                    Array arr = rs.getArray(13);
                    Integer[] thresholds = (Integer[]) arr.getArray();
                    planRows.add(new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), (Long) rs.getObject(7), (Long) rs.getObject(8), (Integer) rs.getObject(9),
                            (Long) rs.getObject(10), rs.getBoolean(11), rs.getInt(12), List.of(thresholds)});
                }
            }
        }
        Map<Long, List<Quota>> quotas = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select q.plan_id, q.dimension, q.code, q.limit_value, q.cap from plan_quotas q "
                + "join plans p on p.id = q.plan_id where p.catalog_version_id = ? order by q.plan_id, q.position, q.code")) {
            ps.setLong(1, versionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    quotas.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Quota(rs.getString(3),
                            "metric".equals(rs.getString(2)), (Long) rs.getObject(4),
                            Catalog.Cap.valueOf(rs.getString(5).toUpperCase(Locale.ROOT))));
                }
            }
        }
        Map<Long, List<MeteredPrice>> metered = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select m.plan_id, m.metric, m.model, m.unit_amount_minor, m.unit_amount_decimal, "
                + "m.unit_size, m.package_size, m.margin_pct, m.tiers from metered_prices m join plans p on p.id = m.plan_id "
                + "where p.catalog_version_id = ? order by m.plan_id, m.position, m.metric")) {
            ps.setLong(1, versionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long minor = (Long) rs.getObject(4);
                    BigDecimal decimal = rs.getBigDecimal(5);
                    metered.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new MeteredPrice(rs.getString(2),
                            Catalog.PricingModel.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                            minor != null ? BigDecimal.valueOf(minor) : decimal, rs.getLong(6), (Long) rs.getObject(7),
                            rs.getBigDecimal(8), tiers(rs.getString(9))));
                }
            }
        }
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
        List<AddOn> addOns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select code, name, currency, monthly_price_minor, raises_resource, raises_by "
                + "from add_ons where catalog_version_id = ? order by id")) {
            ps.setLong(1, versionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    addOns.add(new AddOn(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                            (Integer) rs.getObject(6)));
                }
            }
        }
        List<Catalog.Metric> metrics = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select code, name, unit, aggregation from metrics order by position, code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                metrics.add(new Catalog.Metric(rs.getString(1), rs.getString(2), rs.getString(3),
                        Catalog.Aggregation.valueOf(rs.getString(4).toUpperCase(Locale.ROOT))));
            }
        }
        List<Catalog.Resource> resources = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select code, name from resources order by position, code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                resources.add(new Catalog.Resource(rs.getString(1), rs.getString(2)));
            }
        }
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
