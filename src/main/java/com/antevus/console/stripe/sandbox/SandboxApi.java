package com.antevus.console.stripe.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's Stripe API: the subset the console uses, statefully, in Stripe's object shapes (API version
 * 2026-07-29.dahlia). Every state change records an event. Handlers run inside one store transaction.
 */
final class SandboxApi {
    static final String API_VERSION = "2026-07-29.dahlia";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final long METER_EVENT_MAX_AGE_SECONDS = 35L * 24 * 3600;
    private static final int METADATA_KEYS_LIMIT = 50;
    private static final int METADATA_KEY_LIMIT = 40;
    private static final int METADATA_VALUE_LIMIT = 500;

    private final String baseUrl;
    private final java.time.Clock clock;

    private final SandboxCreditNotes creditNotes = new SandboxCreditNotes(this);
    private final SandboxCoupons coupons = new SandboxCoupons(this);

    SandboxCoupons coupons() {
        return coupons;
    }

    SandboxApi(String baseUrl, java.time.Clock clock) {
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    SandboxCreditNotes creditNotes() {
        return creditNotes;
    }

    /** The request being handled: its parameters, path ids, and the request id and idempotency key for events. */
    record Call(SandboxStore.Tx tx, Map<String, Object> params, List<String> ids, String requestId, String idempotencyKey) {
        String id(int i) {
            return ids.get(i);
        }
    }

    static String newId(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < 24; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Stripe's clock, in seconds: the console's clock, so a rehearsed month-end has Stripe objects of that day. */
    long now() {
        return clock.instant().getEpochSecond();
    }

    // ---- parameters --------------------------------------------------------------------------
    static String str(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw SandboxError.invalid(key, "Invalid string: " + key + " must be a string.");
        }
        return s;
    }

    static String required(Map<String, Object> p, String key) {
        String v = str(p, key);
        if (v == null || v.isEmpty()) {
            throw SandboxError.missing(key);
        }
        return v;
    }

    static Long integer(Map<String, Object> p, String key) {
        String v = str(p, key);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new SandboxError(400, "invalid_request_error", "parameter_invalid_integer", key,
                    "Invalid integer: " + v);
        }
    }

    /** A decimal parameter such as {@code unit_amount_decimal}: at most 12 decimal places, as Stripe takes them. */
    static BigDecimal decimal(Map<String, Object> p, String key) {
        String v = str(p, key);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v);
            if (d.scale() > 12) {
                throw SandboxError.invalid(key, "Invalid decimal: " + v + " (at most 12 decimal places)");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new SandboxError(400, "invalid_request_error", "parameter_invalid", key, "Invalid decimal: " + v);
        }
    }

    private static long requiredInteger(Map<String, Object> p, String key, String shown) {
        String v = str(p, key);
        if (v == null || v.isEmpty()) {
            throw SandboxError.missing(shown);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new SandboxError(400, "invalid_request_error", "parameter_invalid_integer", shown, "Invalid integer: " + v);
        }
    }

    static Boolean bool(Map<String, Object> p, String key) {
        String v = str(p, key);
        if (v == null) {
            return null;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw SandboxError.invalid(key, "Invalid boolean: " + v);
        }
        return Boolean.valueOf(v);
    }

    static String oneOf(Map<String, Object> p, String key, String dflt, String... allowed) {
        String v = str(p, key);
        if (v == null) {
            return dflt;
        }
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw SandboxError.invalid(key, "Invalid " + key + ": must be one of " + String.join(", ", allowed));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v == null || "".equals(v)) {
            return null;
        }
        if (!(v instanceof Map)) {
            throw SandboxError.invalid(key, "Invalid object: " + key);
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> listOfMaps(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v == null || "".equals(v)) {
            return v == null ? null : List.of();
        }
        if (!(v instanceof List)) {
            throw SandboxError.invalid(key, "Invalid array: " + key);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<Object>) v) {
            if (!(o instanceof Map)) {
                throw SandboxError.invalid(key, "Invalid array of objects: " + key);
            }
            out.add((Map<String, Object>) o);
        }
        return out;
    }

    /** Rejects parameters this endpoint does not know, as Stripe does. */
    static void only(Map<String, Object> p, String... known) {
        Set<String> k = Set.of(known);
        for (String key : p.keySet()) {
            if (!k.contains(key) && !key.equals("expand")) {
                throw new SandboxError(400, "invalid_request_error", "parameter_unknown", key,
                        "Received unknown parameter: " + key);
            }
        }
    }

    static void applyMetadata(ObjectNode o, Map<String, Object> p) {
        Object m = p.get("metadata");
        if (m == null) {
            return;
        }
        ObjectNode md = o.has("metadata") ? (ObjectNode) o.get("metadata") : o.putObject("metadata");
        if ("".equals(m)) {
            md.removeAll();
            return;
        }
        if (!(m instanceof Map<?, ?> mm)) {
            throw SandboxError.invalid("metadata", "Invalid object: metadata");
        }
        checkMetadataLimits(md, mm);
        for (Map.Entry<?, ?> e : mm.entrySet()) {
            String v = String.valueOf(e.getValue());
            if (v.isEmpty()) {
                md.remove(String.valueOf(e.getKey()));
            } else {
                md.put(String.valueOf(e.getKey()), v);
            }
        }
    }

    /** Stripe's metadata limits, checked before anything changes: 50 keys, keys of 40 characters, values of 500. */
    private static void checkMetadataLimits(ObjectNode current, Map<?, ?> changes) {
        Set<String> keys = new HashSet<>();
        current.fieldNames().forEachRemaining(keys::add);
        for (Map.Entry<?, ?> e : changes.entrySet()) {
            String key = String.valueOf(e.getKey());
            String value = String.valueOf(e.getValue());
            if (key.length() > METADATA_KEY_LIMIT) {
                throw SandboxError.invalid("metadata", "Invalid key: " + key + " must be a string under "
                        + METADATA_KEY_LIMIT + " characters");
            }
            if (value.length() > METADATA_VALUE_LIMIT) {
                throw SandboxError.invalid("metadata", "Invalid val: " + value + " must be a string under "
                        + METADATA_VALUE_LIMIT + " characters");
            }
            if (value.isEmpty()) {
                keys.remove(key);
            } else {
                keys.add(key);
            }
        }
        if (keys.size() > METADATA_KEYS_LIMIT) {
            throw SandboxError.invalid("metadata", "Metadata can have up to " + METADATA_KEYS_LIMIT + " keys, but you've set "
                    + keys.size() + ".");
        }
    }

    ObjectNode base(String prefix, String type) {
        ObjectNode o = F.objectNode();
        o.put("id", newId(prefix));
        o.put("object", type);
        o.put("created", now());
        o.put("livemode", false);
        o.putObject("metadata");
        return o;
    }

    void event(Call c, String type, ObjectNode object, ObjectNode previous) throws SQLException {
        ObjectNode e = F.objectNode();
        e.put("id", newId("evt_"));
        e.put("object", "event");
        e.put("api_version", API_VERSION);
        e.put("created", now());
        ObjectNode data = e.putObject("data");
        data.set("object", object.deepCopy());
        if (previous != null) {
            data.set("previous_attributes", previous);
        }
        e.put("livemode", false);
        e.put("pending_webhooks", 0);
        ObjectNode req = e.putObject("request");
        req.put("id", c.requestId());
        if (c.idempotencyKey() == null) {
            req.putNull("idempotency_key");
        } else {
            req.put("idempotency_key", c.idempotencyKey());
        }
        e.put("type", type);
        c.tx().event(e);
    }

    static ObjectNode list(String url, List<ObjectNode> data, boolean hasMore) {
        ObjectNode l = F.objectNode();
        l.put("object", "list");
        ArrayNode a = l.putArray("data");
        data.forEach(a::add);
        l.put("has_more", hasMore);
        l.put("url", url);
        return l;
    }

    static int limit(Map<String, Object> p) {
        Long l = integer(p, "limit");
        if (l == null) {
            return 10;
        }
        if (l < 1 || l > 100) {
            throw SandboxError.invalid("limit", "Invalid limit: must be between 1 and 100");
        }
        return l.intValue();
    }

    ObjectNode page(Call c, String type, String url, String customer, ObjectNode contains) throws SQLException {
        Map<String, Object> p = c.params();
        SandboxStore.Page page = c.tx().list(type, customer, contains, created(p), limit(p), str(p, "starting_after"),
                str(p, "ending_before"));
        return list(url, page.data(), page.hasMore());
    }

    private static Long createdBound(Map<String, Object> range, String op) {
        String v = str(range, op);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new SandboxError(400, "invalid_request_error", "parameter_invalid_integer", "created[" + op + "]",
                    "Invalid integer: " + v);
        }
    }

    /** Stripe's {@code created} list filter: {@code created=T}, or any of {@code created[gt|gte|lt|lte]=T}. */
    static SandboxStore.Created created(Map<String, Object> p) {
        Object v = p.get("created");
        if (v == null) {
            return SandboxStore.Created.ANY;
        }
        if (v instanceof String) {
            Long at = integer(p, "created");
            return new SandboxStore.Created(at, at);
        }
        Map<String, Object> range = map(p, "created");
        Long from = null;
        Long to = null;
        Long gt = createdBound(range, "gt");
        Long gte = createdBound(range, "gte");
        Long lt = createdBound(range, "lt");
        Long lte = createdBound(range, "lte");
        if (gt != null) {
            from = gt + 1;
        }
        if (gte != null) {
            from = from == null ? gte : Math.max(from, gte);
        }
        if (lt != null) {
            to = lt - 1;
        }
        if (lte != null) {
            to = to == null ? lte : Math.min(to, lte);
        }
        return new SandboxStore.Created(from, to);
    }

    // ---- customers ---------------------------------------------------------------------------
    ObjectNode createCustomer(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "email", "name", "description", "metadata", "phone");
        ObjectNode o = base("cus_", "customer");
        o.put("email", str(p, "email"));
        o.put("name", str(p, "name"));
        o.put("description", str(p, "description"));
        o.put("phone", str(p, "phone"));
        o.put("balance", 0);
        o.putNull("currency");
        o.put("delinquent", false);
        o.putNull("discount");
        o.put("invoice_prefix", o.get("id").asText().substring(4, 12).toUpperCase());
        o.put("next_invoice_sequence", 1);
        o.put("tax_exempt", "none");
        applyMetadata(o, p);
        StripeDefaults.customer(o);
        c.tx().insert(o, o.get("id").asText());
        event(c, "customer.created", o, null);
        return o;
    }

    ObjectNode retrieveCustomer(Call c) throws SQLException {
        return c.tx().require(c.id(0), "customer", "customer", "id");
    }

    ObjectNode updateCustomer(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "email", "name", "description", "metadata", "phone");
        ObjectNode o = retrieveCustomer(c);
        ObjectNode previous = F.objectNode();
        for (String f : List.of("email", "name", "description", "phone")) {
            if (p.containsKey(f)) {
                previous.set(f, o.get(f));
                o.put(f, str(p, f).isEmpty() ? null : str(p, f));
            }
        }
        if (p.containsKey("metadata")) {
            previous.set("metadata", o.get("metadata").deepCopy());
        }
        applyMetadata(o, p);
        c.tx().update(o);
        event(c, "customer.updated", o, previous);
        return o;
    }

    ObjectNode listCustomers(Call c) throws SQLException {
        ObjectNode contains = null;
        if (str(c.params(), "email") != null) {
            contains = F.objectNode().put("email", str(c.params(), "email"));
        }
        return page(c, "customer", "/v1/customers", null, contains);
    }

    // ---- products and prices -------------------------------------------------------------------
    ObjectNode createProduct(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "name", "description", "metadata", "active", "id", "unit_label");
        ObjectNode o = base("prod_", "product");
        if (str(p, "id") != null) {
            if (c.tx().get(str(p, "id")) != null) {
                throw new SandboxError(400, "invalid_request_error", "resource_already_exists", "id", "Product already exists.");
            }
            o.put("id", str(p, "id"));
        }
        o.put("name", required(p, "name"));
        o.put("description", str(p, "description"));
        o.put("active", bool(p, "active") == null || bool(p, "active"));
        o.put("type", "service");
        o.put("unit_label", str(p, "unit_label"));
        o.put("updated", now());
        o.putNull("default_price");
        applyMetadata(o, p);
        StripeDefaults.product(o);
        c.tx().insert(o, null);
        event(c, "product.created", o, null);
        return o;
    }

    ObjectNode retrieveProduct(Call c) throws SQLException {
        return c.tx().require(c.id(0), "product", "product", "id");
    }

    ObjectNode updateProduct(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "name", "description", "metadata", "active");
        ObjectNode o = retrieveProduct(c);
        ObjectNode previous = F.objectNode();
        if (p.containsKey("active")) {
            previous.set("active", o.get("active"));
            o.put("active", bool(p, "active"));
        }
        if (p.containsKey("name")) {
            previous.set("name", o.get("name"));
            o.put("name", required(p, "name"));
        }
        if (p.containsKey("description")) {
            previous.set("description", o.get("description"));
            o.put("description", str(p, "description"));
        }
        applyMetadata(o, p);
        o.put("updated", now());
        c.tx().update(o);
        event(c, "product.updated", o, previous);
        return o;
    }

    ObjectNode createPrice(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "product", "unit_amount", "unit_amount_decimal", "currency", "recurring", "lookup_key",
                "transfer_lookup_key", "nickname", "metadata", "active", "product_data");
        ObjectNode o = base("price_", "price");
        String productId = str(p, "product");
        if (productId == null) {
            Map<String, Object> pd = map(p, "product_data");
            if (pd == null) {
                throw SandboxError.missing("product");
            }
            ObjectNode product = base("prod_", "product");
            product.put("name", required(pd, "name"));
            product.put("active", true);
            product.put("type", "service");
            product.put("updated", now());
            StripeDefaults.product(product);
            c.tx().insert(product, null);
            event(c, "product.created", product, null);
            productId = product.get("id").asText();
        } else {
            c.tx().require(productId, "product", "product", "product");
        }
        String currency = required(p, "currency").toLowerCase();
        if (!currency.matches("[a-z]{3}")) {
            throw SandboxError.invalid("currency", "Invalid currency: " + currency);
        }
        Long unitAmount = integer(p, "unit_amount");
        String unitDecimal = str(p, "unit_amount_decimal");
        if (unitAmount == null && unitDecimal == null) {
            throw SandboxError.missing("unit_amount");
        }
        if (unitAmount != null && unitAmount < 0) {
            throw SandboxError.invalid("unit_amount", "This value must be greater than or equal to 0.");
        }
        BigDecimal decimal = unitDecimal != null ? decimal(p, "unit_amount_decimal") : BigDecimal.valueOf(unitAmount);
        if (decimal.signum() < 0) {
            throw SandboxError.invalid("unit_amount_decimal", "This value must be greater than or equal to 0.");
        }
        o.put("active", bool(p, "active") == null || bool(p, "active"));
        o.put("billing_scheme", "per_unit");
        o.put("currency", currency);
        o.put("nickname", str(p, "nickname"));
        o.put("product", productId);
        Map<String, Object> recurring = map(p, "recurring");
        if (recurring != null) {
            ObjectNode r = o.putObject("recurring");
            r.put("interval", oneOf(recurring, "interval", null, "day", "week", "month", "year"));
            if (r.get("interval").isNull()) {
                throw SandboxError.missing("recurring[interval]");
            }
            r.put("interval_count", integer(recurring, "interval_count") == null ? 1 : integer(recurring, "interval_count"));
            r.put("usage_type", oneOf(recurring, "usage_type", "licensed", "licensed", "metered"));
            r.put("meter", str(recurring, "meter"));
            o.put("type", "recurring");
        } else {
            o.putNull("recurring");
            o.put("type", "one_time");
        }
        if (unitAmount != null) {
            o.put("unit_amount", unitAmount);
        } else if (decimal.stripTrailingZeros().scale() <= 0) {
            o.put("unit_amount", decimal.longValueExact());
        } else {
            o.putNull("unit_amount");
        }
        o.put("unit_amount_decimal", decimal.toPlainString());
        o.put("tax_behavior", "unspecified");
        applyMetadata(o, p);
        o.putNull("lookup_key");
        StripeDefaults.price(o);
        c.tx().insert(o, null);
        if (str(p, "lookup_key") != null) {
            assignLookupKey(c, o, str(p, "lookup_key"), Boolean.TRUE.equals(bool(p, "transfer_lookup_key")));
            c.tx().update(o);
        }
        event(c, "price.created", o, null);
        return o;
    }

    private void assignLookupKey(Call c, ObjectNode price, String key, boolean transfer) throws SQLException {
        SandboxStore.Page holders = c.tx().list("price", null, F.objectNode().put("lookup_key", key), 100, null, null);
        for (ObjectNode holder : holders.data()) {
            if (holder.get("id").asText().equals(price.get("id").asText())) {
                continue;
            }
            if (!transfer) {
                throw SandboxError.invalid("lookup_key", "A price (`" + holder.get("id").asText()
                        + "`) already uses that lookup key. Pass transfer_lookup_key=true to move it.");
            }
            ObjectNode previous = F.objectNode().put("lookup_key", key);
            holder.putNull("lookup_key");
            c.tx().update(holder);
            event(c, "price.updated", holder, previous);
        }
        price.put("lookup_key", key);
    }

    ObjectNode retrievePrice(Call c) throws SQLException {
        return c.tx().require(c.id(0), "price", "price", "id");
    }

    ObjectNode updatePrice(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        // prices are immutable: only these may change
        only(p, "active", "lookup_key", "transfer_lookup_key", "metadata", "nickname");
        ObjectNode o = retrievePrice(c);
        ObjectNode previous = F.objectNode();
        if (p.containsKey("active")) {
            previous.set("active", o.get("active"));
            o.put("active", bool(p, "active"));
        }
        if (p.containsKey("nickname")) {
            previous.set("nickname", o.get("nickname"));
            o.put("nickname", str(p, "nickname"));
        }
        if (p.containsKey("lookup_key")) {
            previous.set("lookup_key", o.get("lookup_key"));
            String key = str(p, "lookup_key");
            if (key.isEmpty()) {
                o.putNull("lookup_key");
            } else {
                assignLookupKey(c, o, key, Boolean.TRUE.equals(bool(p, "transfer_lookup_key")));
            }
        }
        applyMetadata(o, p);
        c.tx().update(o);
        event(c, "price.updated", o, previous);
        return o;
    }

    @SuppressWarnings("unchecked")
    ObjectNode listPrices(Call c) throws SQLException {
        Object keys = c.params().get("lookup_keys");
        if (keys instanceof List<?> l && !l.isEmpty()) {
            List<ObjectNode> found = new ArrayList<>();
            for (Object k : (List<Object>) l) {
                found.addAll(c.tx().list("price", null, F.objectNode().put("lookup_key", String.valueOf(k)), 100, null, null).data());
            }
            return list("/v1/prices", found, false);
        }
        ObjectNode contains = F.objectNode();
        if (str(c.params(), "product") != null) {
            contains.put("product", str(c.params(), "product"));
        }
        if (bool(c.params(), "active") != null) {
            contains.put("active", bool(c.params(), "active"));
        }
        return page(c, "price", "/v1/prices", null, contains);
    }

    // ---- coupons -------------------------------------------------------------------------------
    ObjectNode createCoupon(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "id", "percent_off", "amount_off", "currency", "duration", "duration_in_months", "name", "metadata",
                "max_redemptions", "redeem_by");
        ObjectNode o = base("", "coupon");
        String id = str(p, "id");
        o.put("id", id != null ? id : newId("").substring(0, 8));
        if (c.tx().get(o.get("id").asText()) != null) {
            throw new SandboxError(400, "invalid_request_error", "resource_already_exists", "id", "Coupon already exists.");
        }
        String pct = str(p, "percent_off");
        Long amountOff = integer(p, "amount_off");
        if ((pct == null) == (amountOff == null)) {
            throw SandboxError.invalid("percent_off", "You must pass exactly one of percent_off or amount_off.");
        }
        if (pct != null) {
            BigDecimal v = new BigDecimal(pct);
            if (v.signum() <= 0 || v.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw SandboxError.invalid("percent_off", "percent_off must be greater than 0 and at most 100.");
            }
            o.put("percent_off", v);
            o.putNull("amount_off");
            o.putNull("currency");
        } else {
            o.putNull("percent_off");
            o.put("amount_off", amountOff);
            o.put("currency", required(p, "currency").toLowerCase());
        }
        String duration = oneOf(p, "duration", "once", "once", "repeating", "forever");
        o.put("duration", duration);
        Long months = integer(p, "duration_in_months");
        if (duration.equals("repeating") && months == null) {
            throw SandboxError.missing("duration_in_months");
        }
        if (months == null) {
            o.putNull("duration_in_months");
        } else {
            o.put("duration_in_months", months);
        }
        o.put("name", str(p, "name"));
        Long max = integer(p, "max_redemptions");
        if (max != null && max < 1) {
            throw SandboxError.invalid("max_redemptions", "max_redemptions must be at least 1.");
        }
        Long redeemBy = integer(p, "redeem_by");
        if (redeemBy != null && redeemBy <= now()) {
            throw SandboxError.invalid("redeem_by", "redeem_by must be in the future.");
        }
        if (max == null) {
            o.putNull("max_redemptions");
        } else {
            o.put("max_redemptions", max);
        }
        if (redeemBy == null) {
            o.putNull("redeem_by");
        } else {
            o.put("redeem_by", redeemBy);
        }
        o.put("times_redeemed", 0);
        o.put("valid", true);
        applyMetadata(o, p);
        c.tx().insert(o, null);
        event(c, "coupon.created", o, null);
        return o;
    }

    ObjectNode retrieveCoupon(Call c) throws SQLException {
        return c.tx().require(c.id(0), "coupon", "coupon", "id");
    }

    /** Discount objects for discounts[i][coupon] parameters, attached to an invoice or subscription. */
    private ArrayNode discounts(Call c, List<Map<String, Object>> given, String customer, String field, String ownerId)
            throws SQLException {
        ArrayNode ids = F.arrayNode();
        if (given == null) {
            return ids;
        }
        for (Map<String, Object> d : given) {
            String promotionCode = str(d, "promotion_code");
            ObjectNode promotion = null;
            if (promotionCode != null) {
                promotion = coupons.redeemable(c, promotionCode, customer);
            }
            String couponId = promotion != null ? promotion.at("/promotion/coupon").asText() : required(d, "coupon");
            ObjectNode coupon = c.tx().require(couponId, "coupon", "coupon", "discounts[0][coupon]");
            coupons.requireValid(coupon);
            if (promotion != null) {
                promotion.put("times_redeemed", promotion.get("times_redeemed").asLong() + 1);
                c.tx().update(promotion);
            }
            ObjectNode di = F.objectNode();
            di.put("id", newId("di_"));
            di.put("object", "discount");
            di.put("customer", customer);
            di.put("start", now());
            di.putNull("end");
            ObjectNode source = di.putObject("source");
            source.put("type", "coupon");
            source.put("coupon", couponId);
            if (promotion == null) {
                di.putNull("promotion_code");
            } else {
                di.put("promotion_code", promotion.get("id").asText());
            }
            di.put(field, ownerId);
            c.tx().insert(di, customer);
            coupon.put("times_redeemed", coupon.get("times_redeemed").asLong() + 1);
            c.tx().update(coupon);
            ids.add(di.get("id").asText());
        }
        return ids;
    }

    // ---- invoice items -------------------------------------------------------------------------
    ObjectNode createInvoiceItem(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "customer", "amount", "currency", "pricing", "quantity", "description", "metadata", "invoice",
                "period", "discountable", "unit_amount_decimal");
        String customer = required(p, "customer");
        c.tx().require(customer, "customer", "customer", "customer");
        ObjectNode o = base("ii_", "invoiceitem");
        long quantity = integer(p, "quantity") == null ? 1 : integer(p, "quantity");
        if (quantity < 1) {
            throw SandboxError.invalid("quantity", "quantity must be at least 1");
        }
        Map<String, Object> pricing = map(p, "pricing");
        long amount;
        String currency;
        if (pricing != null) {
            String priceId = required(pricing, "price");
            ObjectNode price = c.tx().require(priceId, "price", "price", "pricing[price]");
            if (!"one_time".equals(price.get("type").asText())) {
                throw SandboxError.invalid("pricing[price]", "The price specified is set to `type=recurring` but this field "
                        + "only accepts prices with `type=one_time`.");
            }
            if (p.containsKey("amount")) {
                throw SandboxError.invalid("amount", "You may only specify one of these parameters: amount, pricing[price].");
            }
            amount = Math.multiplyExact(price.get("unit_amount").asLong(), quantity);
            currency = price.get("currency").asText();
            ObjectNode pr = o.putObject("pricing");
            pr.put("type", "price_details");
            ObjectNode details = pr.putObject("price_details");
            details.put("price", priceId);
            details.put("product", price.get("product").asText());
            pr.put("unit_amount_decimal", price.get("unit_amount_decimal").asText());
        } else if (p.containsKey("unit_amount_decimal")) {
            if (p.containsKey("amount")) {
                throw SandboxError.invalid("amount", "You may only specify one of these parameters: amount, unit_amount_decimal.");
            }
            // the unit amount may carry fractions of the minor unit; the item's amount is rounded half up, once
            BigDecimal unit = decimal(p, "unit_amount_decimal");
            amount = unit.multiply(BigDecimal.valueOf(quantity)).setScale(0, RoundingMode.HALF_UP).longValueExact();
            currency = required(p, "currency").toLowerCase();
            ObjectNode pr = o.putObject("pricing");
            pr.put("type", "price_details");
            pr.putNull("price_details");
            pr.put("unit_amount_decimal", unit.toPlainString());
        } else {
            Long a = integer(p, "amount");
            if (a == null) {
                throw SandboxError.missing("amount");
            }
            amount = a;
            currency = required(p, "currency").toLowerCase();
            o.putNull("pricing");
        }
        o.put("amount", amount);
        o.put("currency", currency);
        o.put("customer", customer);
        o.put("date", now());
        o.put("description", str(p, "description"));
        o.put("discountable", !Boolean.FALSE.equals(bool(p, "discountable")));
        o.putArray("discounts");
        o.put("proration", false);
        o.put("quantity", quantity);
        o.putNull("parent");
        ObjectNode period = o.putObject("period");
        Map<String, Object> asked = map(p, "period");
        long start = asked == null ? now() : requiredInteger(asked, "start", "period[start]");
        long end = asked == null ? now() : requiredInteger(asked, "end", "period[end]");
        if (end < start) {
            throw SandboxError.invalid("period[end]", "The period end must be on or after the period start.");
        }
        period.put("start", start);
        period.put("end", end);
        applyMetadata(o, p);
        String invoiceId = str(p, "invoice");
        o.putNull("invoice");
        StripeDefaults.invoiceItem(o);
        c.tx().insert(o, customer);
        if (invoiceId != null) {
            ObjectNode invoice = c.tx().require(invoiceId, "invoice", "invoice", "invoice");
            if (!"draft".equals(invoice.get("status").asText())) {
                throw SandboxError.invalid("invoice", "You can only add invoice items to draft invoices.");
            }
            if (!customer.equals(invoice.get("customer").asText())) {
                throw SandboxError.invalid("invoice", "The invoice belongs to another customer.");
            }
            attach(c, invoice, o);
            totals(c, invoice);
            c.tx().update(invoice);
            event(c, "invoice.updated", invoice, null);
        }
        event(c, "invoiceitem.created", o, null);
        return o;
    }

    ObjectNode retrieveInvoiceItem(Call c) throws SQLException {
        return c.tx().require(c.id(0), "invoiceitem", "invoice item", "id");
    }

    ObjectNode listInvoiceItems(Call c) throws SQLException {
        String customer = str(c.params(), "customer");
        ObjectNode contains = F.objectNode();
        if (Boolean.TRUE.equals(bool(c.params(), "pending"))) {
            contains.putNull("invoice");
        }
        if (str(c.params(), "invoice") != null) {
            contains.put("invoice", str(c.params(), "invoice"));
        }
        return page(c, "invoiceitem", "/v1/invoiceitems", customer, contains);
    }

    // ---- invoices ------------------------------------------------------------------------------
    ObjectNode createInvoice(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "customer", "collection_method", "days_until_due", "due_date", "description", "metadata", "auto_advance",
                "pending_invoice_items_behavior", "discounts", "currency", "footer", "subscription");
        String customer = required(p, "customer");
        ObjectNode cus = c.tx().require(customer, "customer", "customer", "customer");
        String method = oneOf(p, "collection_method", "charge_automatically", "charge_automatically", "send_invoice");
        Long days = integer(p, "days_until_due");
        Long dueDate = integer(p, "due_date");
        if (method.equals("send_invoice") && days == null && dueDate == null) {
            throw SandboxError.invalid("days_until_due",
                    "Invoices with `collection_method=send_invoice` must have a `due_date` or `days_until_due`.");
        }
        if (method.equals("charge_automatically") && (days != null || dueDate != null)) {
            throw SandboxError.invalid("days_until_due",
                    "Invoices with `collection_method=charge_automatically` cannot have a due date.");
        }
        if (days != null && (days < 0 || days > 730)) {
            throw SandboxError.invalid("days_until_due", "days_until_due must be between 0 and 730.");
        }
        ObjectNode o = base("in_", "invoice");
        o.put("account_country", "US");
        o.put("account_name", "Antevus (sandbox)");
        o.put("amount_overpaid", 0);
        o.put("amount_paid", 0);
        o.put("attempt_count", 0);
        o.put("attempted", false);
        o.put("auto_advance", Boolean.TRUE.equals(bool(p, "auto_advance")));
        o.put("billing_reason", "manual");
        o.put("collection_method", method);
        o.put("currency", str(p, "currency") == null ? "usd" : str(p, "currency").toLowerCase());
        o.put("customer", customer);
        o.put("customer_email", cus.get("email").asText(null));
        o.put("customer_name", cus.get("name").asText(null));
        // Stripe keeps no days_until_due on the invoice: the due date is that many days after creation
        if (dueDate == null && days == null) {
            o.putNull("due_date");
        } else {
            o.put("due_date", dueDate != null ? dueDate : now() + days * 86_400);
        }
        o.put("description", str(p, "description"));
        o.put("footer", str(p, "footer"));
        o.putNull("hosted_invoice_url");
        o.putNull("invoice_pdf");
        o.putNull("number");
        o.putNull("parent");
        o.put("period_start", now());
        o.put("period_end", now());
        o.put("starting_balance", 0);
        o.put("ending_balance", (Long) null);
        o.put("pre_payment_credit_notes_amount", 0);
        o.put("post_payment_credit_notes_amount", 0);
        o.put("status", "draft");
        ObjectNode transitions = o.putObject("status_transitions");
        transitions.putNull("finalized_at");
        transitions.putNull("marked_uncollectible_at");
        transitions.putNull("paid_at");
        transitions.putNull("voided_at");
        o.putNull("effective_at");
        o.set("lines", list("/v1/invoices/" + o.get("id").asText() + "/lines", List.of(), false));
        applyMetadata(o, p);
        o.set("discounts", discounts(c, listOfMaps(p, "discounts"), customer, "invoice", o.get("id").asText()));
        StripeDefaults.invoice(o);
        c.tx().insert(o, customer);
        String behavior = oneOf(p, "pending_invoice_items_behavior", "exclude", "include", "exclude");
        if (behavior.equals("include")) {
            SandboxStore.Page pending = c.tx().list("invoiceitem", customer, F.objectNode().putNull("invoice"), 250, null, null);
            List<ObjectNode> items = new ArrayList<>(pending.data());
            java.util.Collections.reverse(items); // oldest first, as they were added
            for (ObjectNode item : items) {
                if (!item.get("currency").asText().equals(o.get("currency").asText()) && str(p, "currency") == null
                        && o.get("lines").get("data").size() == 0) {
                    o.put("currency", item.get("currency").asText());
                }
                if (item.get("currency").asText().equals(o.get("currency").asText())) {
                    attach(c, o, item);
                }
            }
        }
        totals(c, o);
        c.tx().update(o);
        event(c, "invoice.created", o, null);
        return o;
    }

    /**
     * POST /v1/invoices/{id}/add_lines: adds several lines to a draft invoice in one request. Each line is either
     * an existing pending invoice item (lines[][invoice_item]) or a new one of lines[][amount] in the invoice's
     * currency (negative for a credit), with its description, quantity and metadata.
     */
    ObjectNode addLines(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "lines", "invoice_metadata");
        ObjectNode invoice = retrieveInvoice(c);
        if (!"draft".equals(invoice.get("status").asText())) {
            throw SandboxError.state("You can only add lines to draft invoices. This invoice is "
                    + invoice.get("status").asText() + ".");
        }
        List<Map<String, Object>> lines = listOfMaps(p, "lines");
        if (lines.isEmpty()) {
            throw SandboxError.missing("lines");
        }
        String customer = invoice.get("customer").asText();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> l = lines.get(i);
            String param = "lines[" + i + "]";
            only(l, "amount", "description", "metadata", "quantity", "invoice_item", "discountable", "period");
            ObjectNode item;
            if (str(l, "invoice_item") != null) {
                item = c.tx().require(str(l, "invoice_item"), "invoiceitem", "invoice item", param + "[invoice_item]");
                if (!item.get("invoice").isNull()) {
                    throw SandboxError.invalid(param + "[invoice_item]", "The invoice item is already on an invoice.");
                }
            } else {
                Long amount = integer(l, "amount");
                if (amount == null) {
                    throw SandboxError.missing(param + "[amount]");
                }
                long quantity = integer(l, "quantity") == null ? 1 : integer(l, "quantity");
                if (quantity < 1) {
                    throw SandboxError.invalid(param + "[quantity]", "quantity must be at least 1");
                }
                item = base("ii_", "invoiceitem");
                item.put("amount", amount);
                item.put("currency", invoice.get("currency").asText());
                item.put("customer", customer);
                item.put("date", now());
                item.put("description", str(l, "description"));
                item.put("discountable", amount >= 0 && !Boolean.FALSE.equals(bool(l, "discountable")));
                item.putArray("discounts");
                item.put("proration", false);
                item.put("quantity", quantity);
                item.putNull("parent");
                item.putNull("pricing");
                ObjectNode period = item.putObject("period");
                period.put("start", now());
                period.put("end", now());
                applyMetadata(item, l);
                item.putNull("invoice");
                StripeDefaults.invoiceItem(item);
                c.tx().insert(item, customer);
                event(c, "invoiceitem.created", item, null);
            }
            attach(c, invoice, item);
        }
        if (p.containsKey("invoice_metadata")) {
            Map<String, Object> meta = new java.util.HashMap<>();
            meta.put("metadata", p.get("invoice_metadata"));
            applyMetadata(invoice, meta);
        }
        totals(c, invoice);
        c.tx().update(invoice);
        event(c, "invoice.updated", invoice, null);
        return invoice;
    }

    /** Adds an invoice item to a draft invoice as a line, and marks the item as invoiced. */
    private void attach(Call c, ObjectNode invoice, ObjectNode item) throws SQLException {
        ObjectNode lines = (ObjectNode) invoice.get("lines");
        ArrayNode data = (ArrayNode) lines.get("data");
        if (data.size() >= 250) {
            throw SandboxError.invalid("invoice", "An invoice can have at most 250 invoice items.");
        }
        ObjectNode line = F.objectNode();
        line.put("id", newId("il_"));
        line.put("object", "line_item");
        line.put("amount", item.get("amount").asLong());
        line.put("currency", item.get("currency").asText());
        line.put("description", item.get("description").asText(null));
        line.put("discountable", item.get("discountable").asBoolean());
        line.putArray("discount_amounts");
        line.putArray("discounts");
        line.put("invoice", invoice.get("id").asText());
        line.put("livemode", false);
        line.set("metadata", item.get("metadata").deepCopy());
        ObjectNode parent = line.putObject("parent");
        parent.put("type", "invoice_item_details");
        ObjectNode details = parent.putObject("invoice_item_details");
        details.put("invoice_item", item.get("id").asText());
        details.put("proration", false);
        details.putNull("subscription");
        line.set("period", item.get("period").deepCopy());
        line.set("pricing", item.get("pricing").deepCopy());
        line.put("quantity", item.get("quantity").asLong());
        line.put("subtotal", item.get("amount").asLong());
        StripeDefaults.invoiceLine(line);
        data.add(line);
        item.put("invoice", invoice.get("id").asText());
        c.tx().update(item);
    }

    /** Subtotal from the lines, discounts from the invoice's coupons (rounded half up to the minor unit). */
    private void totals(Call c, ObjectNode invoice) throws SQLException {
        long subtotal = 0;
        long discountable = 0;
        for (JsonNode line : invoice.get("lines").get("data")) {
            subtotal = Math.addExact(subtotal, line.get("amount").asLong());
            if (line.get("discountable").asBoolean()) {
                discountable = Math.addExact(discountable, line.get("amount").asLong());
            }
        }
        ArrayNode totalDiscounts = F.arrayNode();
        long discountTotal = 0;
        for (JsonNode d : invoice.get("discounts")) {
            ObjectNode di = c.tx().require(d.asText(), "discount", "discount", "discounts");
            // applied discounts keep their coupon even after it is deleted
            ObjectNode coupon = c.tx().get(di.get("source").get("coupon").asText());
            long amount;
            if (!coupon.get("percent_off").isNull()) {
                amount = new BigDecimal(discountable).multiply(coupon.get("percent_off").decimalValue())
                        .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
            } else {
                amount = Math.min(coupon.get("amount_off").asLong(), discountable - discountTotal);
            }
            amount = Math.max(0, Math.min(amount, discountable - discountTotal));
            discountTotal += amount;
            ObjectNode t = totalDiscounts.addObject();
            t.put("amount", amount);
            t.put("discount", di.get("id").asText());
        }
        long total = subtotal - discountTotal;
        // the customer's balance applied at finalization (negative: a credit) and what credit notes took off
        long applied = invoice.path("starting_balance").asLong() - invoice.path("ending_balance").asLong(invoice.path("starting_balance").asLong());
        long credited = invoice.path("pre_payment_credit_notes_amount").asLong();
        invoice.put("subtotal", subtotal);
        invoice.put("subtotal_excluding_tax", subtotal);
        invoice.set("total_discount_amounts", totalDiscounts);
        invoice.put("total", total);
        invoice.put("total_excluding_tax", total);
        long due = Math.max(0, total + applied) - credited;
        invoice.put("amount_due", due);
        invoice.put("amount_remaining", due - invoice.get("amount_paid").asLong());
    }

    ObjectNode retrieveInvoice(Call c) throws SQLException {
        return c.tx().require(c.id(0), "invoice", "invoice", "id");
    }

    ObjectNode updateInvoice(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "description", "metadata", "days_until_due", "footer", "auto_advance");
        ObjectNode o = retrieveInvoice(c);
        boolean draft = "draft".equals(o.get("status").asText());
        ObjectNode previous = F.objectNode();
        if (p.containsKey("days_until_due")) {
            if (!draft) {
                throw SandboxError.invalid("days_until_due", "Finalized invoices can't be updated in this way");
            }
            Long days = integer(p, "days_until_due");
            if (days == null || days < 0 || days > 730) {
                throw SandboxError.invalid("days_until_due", "days_until_due must be between 0 and 730.");
            }
            previous.set("due_date", o.get("due_date"));
            o.put("due_date", o.get("created").asLong() + days * 86_400);
        }
        for (String f : List.of("description", "footer")) {
            if (p.containsKey(f)) {
                if (!draft) {
                    throw SandboxError.invalid(f, "Finalized invoices can't be updated in this way");
                }
                previous.set(f, o.get(f));
                o.put(f, str(p, f));
            }
        }
        if (p.containsKey("auto_advance")) {
            previous.set("auto_advance", o.get("auto_advance"));
            o.put("auto_advance", bool(p, "auto_advance"));
        }
        if (p.containsKey("metadata")) {
            previous.set("metadata", o.get("metadata").deepCopy());
        }
        applyMetadata(o, p);
        c.tx().update(o);
        event(c, "invoice.updated", o, previous);
        return o;
    }

    ObjectNode deleteInvoice(Call c) throws SQLException {
        ObjectNode o = retrieveInvoice(c);
        if (!"draft".equals(o.get("status").asText())) {
            throw SandboxError.state("You can only delete draft invoices.");
        }
        for (JsonNode line : o.get("lines").get("data")) {
            String itemId = line.path("parent").path("invoice_item_details").path("invoice_item").asText(null);
            if (itemId != null) {
                ObjectNode item = c.tx().get(itemId);
                item.putNull("invoice");
                c.tx().update(item);
            }
        }
        // a deleted draft is gone from the API (404 on retrieve, absent from lists); the event carries it as it was
        c.tx().retype(o.get("id").asText(), "deleted_invoice");
        event(c, "invoice.deleted", o, null);
        ObjectNode gone = F.objectNode();
        gone.put("id", o.get("id").asText());
        gone.put("object", "invoice");
        gone.put("deleted", true);
        return gone;
    }

    ObjectNode finalizeInvoice(Call c) throws SQLException {
        only(c.params(), "auto_advance");
        ObjectNode o = retrieveInvoice(c);
        String status = o.get("status").asText();
        if (!"draft".equals(status)) {
            throw SandboxError.state("This invoice is already finalized, you can't re-finalize a non-draft invoice.");
        }
        ObjectNode customer = c.tx().require(o.get("customer").asText(), "customer", "customer", "customer");
        long seq = customer.get("next_invoice_sequence").asLong(1);
        customer.put("next_invoice_sequence", seq + 1);
        c.tx().update(customer);
        long now = now();
        o.put("number", customer.get("invoice_prefix").asText() + "-" + String.format("%04d", seq));
        o.put("status", "open");
        o.put("hosted_invoice_url", baseUrl + "/hosted/" + o.get("id").asText());
        o.put("effective_at", now);
        ((ObjectNode) o.get("status_transitions")).put("finalized_at", now);
        totals(c, o);
        creditNotes.applyBalance(c, o);
        totals(c, o);
        if (o.get("amount_due").asLong() == 0) {
            // Stripe marks a zero-amount invoice paid on finalization
            o.put("status", "paid");
            ((ObjectNode) o.get("status_transitions")).put("paid_at", now);
        }
        c.tx().update(o);
        event(c, "invoice.finalized", o, F.objectNode().put("status", "draft"));
        if ("paid".equals(o.get("status").asText())) {
            event(c, "invoice.paid", o, F.objectNode().put("status", "open"));
        }
        return o;
    }

    ObjectNode sendInvoice(Call c) throws SQLException {
        ObjectNode o = retrieveInvoice(c);
        if (!"send_invoice".equals(o.get("collection_method").asText())) {
            throw SandboxError.state("You can only manually send an invoice if its collection method is 'send_invoice'.");
        }
        if (!"open".equals(o.get("status").asText())) {
            throw SandboxError.state("You can only send invoices that are open. This invoice is " + o.get("status").asText() + ".");
        }
        event(c, "invoice.sent", o, null);
        return o;
    }

    ObjectNode voidInvoice(Call c) throws SQLException {
        ObjectNode o = retrieveInvoice(c);
        String status = o.get("status").asText();
        if (!status.equals("open") && !status.equals("uncollectible")) {
            throw SandboxError.state("You can only pass in open invoices. This invoice isn't open.");
        }
        o.put("status", "void");
        ((ObjectNode) o.get("status_transitions")).put("voided_at", now());
        o.put("amount_remaining", 0);
        c.tx().update(o);
        event(c, "invoice.voided", o, F.objectNode().put("status", status));
        return o;
    }

    ObjectNode markUncollectible(Call c) throws SQLException {
        ObjectNode o = retrieveInvoice(c);
        if (!"open".equals(o.get("status").asText())) {
            throw SandboxError.state("You can only mark open invoices as uncollectible. This invoice is "
                    + o.get("status").asText() + ".");
        }
        o.put("status", "uncollectible");
        ((ObjectNode) o.get("status_transitions")).put("marked_uncollectible_at", now());
        c.tx().update(o);
        event(c, "invoice.marked_uncollectible", o, F.objectNode().put("status", "open"));
        return o;
    }

    ObjectNode payInvoice(Call c) throws SQLException {
        only(c.params(), "paid_out_of_band", "forgive", "payment_method", "source", "off_session");
        ObjectNode o = retrieveInvoice(c);
        String status = o.get("status").asText();
        if (status.equals("paid")) {
            throw SandboxError.state("Invoice is already paid");
        }
        if (!status.equals("open") && !status.equals("uncollectible")) {
            throw SandboxError.state("You can only pay open or uncollectible invoices. This invoice is " + status + ".");
        }
        if (!Boolean.TRUE.equals(bool(c.params(), "paid_out_of_band"))) {
            throw new SandboxError(402, "card_error", "invoice_no_payment_method_types", null,
                    "The sandbox has no payment methods; record payments received outside Stripe with paid_out_of_band=true.");
        }
        o.put("status", "paid");
        // paid outside Stripe: Stripe counts it in amount_paid and, since API 2025, in amount_paid_off_stripe
        o.put("amount_paid_off_stripe", o.get("amount_due").asLong());
        o.put("amount_paid", o.get("amount_due").asLong());
        o.put("amount_remaining", 0);
        ((ObjectNode) o.get("status_transitions")).put("paid_at", now());
        c.tx().update(o);
        event(c, "invoice.paid", o, F.objectNode().put("status", status));
        return o;
    }

    ObjectNode listInvoices(Call c) throws SQLException {
        ObjectNode contains = F.objectNode();
        String status = str(c.params(), "status");
        if (status != null) {
            contains.put("status", oneOf(c.params(), "status", null, "draft", "open", "paid", "uncollectible", "void"));
        }
        if (str(c.params(), "collection_method") != null) {
            contains.put("collection_method", str(c.params(), "collection_method"));
        }
        return page(c, "invoice", "/v1/invoices", str(c.params(), "customer"), contains);
    }

    ObjectNode invoiceLines(Call c) throws SQLException {
        ObjectNode o = retrieveInvoice(c);
        List<ObjectNode> all = new ArrayList<>();
        o.get("lines").get("data").forEach(n -> all.add((ObjectNode) n));
        int limit = limit(c.params());
        String after = str(c.params(), "starting_after");
        int from = 0;
        if (after != null) {
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).get("id").asText().equals(after)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw SandboxError.noSuch("line item", after, "starting_after");
            }
        }
        int to = Math.min(all.size(), from + limit);
        return list("/v1/invoices/" + o.get("id").asText() + "/lines", all.subList(from, to), to < all.size());
    }

    private static final Pattern CLAUSE = Pattern.compile("\\s*(metadata\\['([^']+)'\\]|[a-z_]+)\\s*:\\s*'([^']*)'\\s*");

    /** Search with Stripe's query language, the subset {@code field:'v'} and {@code metadata['k']:'v'} joined by AND. */
    /**
     * Stripe's search is eventually consistent: an object is found once the index has caught up with its
     * creation, under a minute normally and longer during incidents. Here it is found once it is {@code lag}
     * old on the sandbox's clock, or once {@link #catchUpSearch} has run after it was created.
     */
    private volatile java.time.Duration searchLag = java.time.Duration.ofSeconds(60);
    private volatile long searchCaughtUpTo = Long.MIN_VALUE;

    void searchLag(java.time.Duration lag) {
        this.searchLag = lag;
    }

    void catchUpSearch() {
        searchCaughtUpTo = now();
    }

    private long searchableUpTo() {
        return Math.max(now() - searchLag.getSeconds(), searchCaughtUpTo);
    }

    ObjectNode search(Call c, String type, String url) throws SQLException {
        String query = required(c.params(), "query");
        ObjectNode contains = F.objectNode();
        String customer = null;
        for (String clause : query.split("(?i)\\s+AND\\s+")) {
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                throw SandboxError.invalid("query", "The sandbox supports field:'value' and metadata['key']:'value' "
                        + "clauses joined by AND; could not parse: " + clause.strip());
            }
            if (m.group(2) != null) {
                (contains.has("metadata") ? (ObjectNode) contains.get("metadata") : contains.putObject("metadata"))
                        .put(m.group(2), m.group(3));
            } else if (m.group(1).equals("customer")) {
                customer = m.group(3);
            } else {
                contains.put(m.group(1), m.group(3));
            }
        }
        int limit = limit(c.params());
        String pageToken = str(c.params(), "page");
        SandboxStore.Page page = c.tx().list(type, customer, contains, new SandboxStore.Created(null, searchableUpTo()), limit,
                pageToken, null);
        ObjectNode r = F.objectNode();
        r.put("object", "search_result");
        ArrayNode data = r.putArray("data");
        page.data().forEach(data::add);
        r.put("has_more", page.hasMore());
        if (page.hasMore()) {
            r.put("next_page", page.data().get(page.data().size() - 1).get("id").asText());
        } else {
            r.putNull("next_page");
        }
        r.put("url", url);
        return r;
    }

    // ---- subscriptions -------------------------------------------------------------------------
    ObjectNode createSubscription(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "customer", "items", "discounts", "metadata", "collection_method", "days_until_due",
                "cancel_at_period_end", "description", "proration_behavior", "payment_behavior");
        String customer = required(p, "customer");
        c.tx().require(customer, "customer", "customer", "customer");
        List<Map<String, Object>> items = listOfMaps(p, "items");
        if (items == null || items.isEmpty()) {
            throw SandboxError.missing("items");
        }
        String method = oneOf(p, "collection_method", "charge_automatically", "charge_automatically", "send_invoice");
        if (method.equals("send_invoice") && integer(p, "days_until_due") == null) {
            throw SandboxError.missing("days_until_due");
        }
        ObjectNode o = base("sub_", "subscription");
        long now = now();
        o.put("billing_cycle_anchor", now);
        o.putNull("cancel_at");
        o.put("cancel_at_period_end", Boolean.TRUE.equals(bool(p, "cancel_at_period_end")));
        o.putNull("canceled_at");
        o.put("collection_method", method);
        o.put("customer", customer);
        o.put("days_until_due", integer(p, "days_until_due"));
        o.put("description", str(p, "description"));
        o.putNull("ended_at");
        o.putNull("latest_invoice");
        o.put("start_date", now);
        o.put("status", "active");
        o.putNull("trial_end");
        o.putNull("trial_start");
        applyMetadata(o, p);
        List<ObjectNode> subItems = new ArrayList<>();
        String currency = null;
        for (Map<String, Object> item : items) {
            ObjectNode si = subscriptionItem(c, o, item);
            String cur = si.get("price").get("currency").asText();
            if (currency != null && !currency.equals(cur)) {
                throw SandboxError.invalid("items", "All prices on a subscription must have the same currency.");
            }
            currency = cur;
            subItems.add(si);
        }
        o.put("currency", currency);
        o.set("items", list("/v1/subscription_items?subscription=" + o.get("id").asText(), subItems, false));
        o.set("discounts", discounts(c, listOfMaps(p, "discounts"), customer, "subscription", o.get("id").asText()));
        StripeDefaults.subscription(o);
        c.tx().insert(o, customer);
        event(c, "customer.subscription.created", o, null);
        return o;
    }

    private ObjectNode subscriptionItem(Call c, ObjectNode sub, Map<String, Object> item) throws SQLException {
        String priceId = required(item, "price");
        ObjectNode price = c.tx().require(priceId, "price", "price", "items[0][price]");
        if (!"recurring".equals(price.get("type").asText())) {
            throw SandboxError.invalid("items[0][price]", "The price specified is a one-time price. "
                    + "Subscriptions need recurring prices.");
        }
        if (!price.get("active").asBoolean()) {
            throw SandboxError.invalid("items[0][price]", "The price specified is inactive.");
        }
        ObjectNode si = F.objectNode();
        si.put("id", newId("si_"));
        si.put("object", "subscription_item");
        si.put("created", now());
        long start = now();
        si.put("current_period_start", start);
        si.put("current_period_end", start + periodSeconds(price));
        si.putArray("discounts");
        si.putObject("metadata");
        si.set("price", price);
        Long qty = integer(item, "quantity");
        si.put("quantity", qty == null ? 1 : qty);
        si.put("subscription", sub.get("id").asText());
        StripeDefaults.subscriptionItem(si);
        return si;
    }

    private static long periodSeconds(ObjectNode price) {
        String interval = price.get("recurring").get("interval").asText();
        long count = price.get("recurring").get("interval_count").asLong(1);
        long days = switch (interval) {
            case "day" -> 1;
            case "week" -> 7;
            case "year" -> 365;
            default -> 30;
        };
        return days * count * 86_400;
    }

    ObjectNode retrieveSubscription(Call c) throws SQLException {
        return c.tx().require(c.id(0), "subscription", "subscription", "id");
    }

    ObjectNode updateSubscription(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "items", "discounts", "metadata", "cancel_at_period_end", "proration_behavior", "description",
                "days_until_due", "payment_behavior");
        ObjectNode o = retrieveSubscription(c);
        if ("canceled".equals(o.get("status").asText())) {
            throw SandboxError.state("A canceled subscription can only update its cancellation_details and metadata.");
        }
        ObjectNode previous = F.objectNode();
        List<Map<String, Object>> items = listOfMaps(p, "items");
        if (items != null) {
            previous.set("items", o.get("items").deepCopy());
            ArrayNode data = (ArrayNode) o.get("items").get("data");
            for (Map<String, Object> change : items) {
                String siId = str(change, "id");
                if (siId == null) {
                    ObjectNode si = subscriptionItem(c, o, change);
                    data.add(si);
                    continue;
                }
                int index = -1;
                for (int i = 0; i < data.size(); i++) {
                    if (data.get(i).get("id").asText().equals(siId)) {
                        index = i;
                    }
                }
                if (index < 0) {
                    throw SandboxError.noSuch("subscription item", siId, "items[0][id]");
                }
                if (Boolean.TRUE.equals(bool(change, "deleted"))) {
                    data.remove(index);
                    continue;
                }
                ObjectNode si = (ObjectNode) data.get(index);
                if (str(change, "price") != null) {
                    ObjectNode price = c.tx().require(str(change, "price"), "price", "price", "items[0][price]");
                    if (!"recurring".equals(price.get("type").asText())) {
                        throw SandboxError.invalid("items[0][price]", "Subscriptions need recurring prices.");
                    }
                    si.set("price", price);
                }
                if (integer(change, "quantity") != null) {
                    si.put("quantity", integer(change, "quantity"));
                }
            }
            if (data.isEmpty()) {
                throw SandboxError.invalid("items", "A subscription must keep at least one item.");
            }
        }
        if (p.containsKey("discounts")) {
            previous.set("discounts", o.get("discounts").deepCopy());
            o.set("discounts", discounts(c, listOfMaps(p, "discounts"), o.get("customer").asText(), "subscription",
                    o.get("id").asText()));
        }
        if (p.containsKey("cancel_at_period_end")) {
            previous.set("cancel_at_period_end", o.get("cancel_at_period_end"));
            o.put("cancel_at_period_end", bool(p, "cancel_at_period_end"));
        }
        if (p.containsKey("metadata")) {
            previous.set("metadata", o.get("metadata").deepCopy());
        }
        applyMetadata(o, p);
        c.tx().update(o);
        event(c, "customer.subscription.updated", o, previous);
        return o;
    }

    ObjectNode cancelSubscription(Call c) throws SQLException {
        ObjectNode o = retrieveSubscription(c);
        if ("canceled".equals(o.get("status").asText())) {
            throw SandboxError.state("This subscription is already canceled.");
        }
        long now = now();
        String was = o.get("status").asText();
        o.put("status", "canceled");
        o.put("canceled_at", now);
        o.put("ended_at", now);
        c.tx().update(o);
        event(c, "customer.subscription.deleted", o, F.objectNode().put("status", was));
        return o;
    }

    // ---- billing meters ------------------------------------------------------------------------
    ObjectNode createMeter(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "display_name", "event_name", "default_aggregation", "customer_mapping", "value_settings", "event_time_window");
        String eventName = required(p, "event_name");
        if (!c.tx().list("billing.meter", null, F.objectNode().put("event_name", eventName).put("status", "active"), 1, null, null)
                .data().isEmpty()) {
            throw SandboxError.invalid("event_name", "An active meter with event_name '" + eventName + "' already exists.");
        }
        Map<String, Object> agg = map(p, "default_aggregation");
        if (agg == null) {
            throw SandboxError.missing("default_aggregation");
        }
        ObjectNode o = base("mtr_", "billing.meter");
        o.remove("metadata");
        o.put("display_name", required(p, "display_name"));
        o.put("event_name", eventName);
        o.putObject("default_aggregation").put("formula", oneOf(agg, "formula", null, "sum", "count", "last"));
        if (o.get("default_aggregation").get("formula").isNull()) {
            throw SandboxError.missing("default_aggregation[formula]");
        }
        Map<String, Object> mapping = map(p, "customer_mapping");
        ObjectNode cm = o.putObject("customer_mapping");
        cm.put("event_payload_key", mapping == null || str(mapping, "event_payload_key") == null
                ? "stripe_customer_id" : str(mapping, "event_payload_key"));
        cm.put("type", "by_id");
        Map<String, Object> value = map(p, "value_settings");
        o.putObject("value_settings").put("event_payload_key",
                value == null || str(value, "event_payload_key") == null ? "value" : str(value, "event_payload_key"));
        o.put("status", "active");
        o.putObject("status_transitions").putNull("deactivated_at");
        o.put("updated", now());
        o.putNull("event_time_window");
        c.tx().insert(o, null);
        event(c, "billing.meter.created", o, null);
        return o;
    }

    ObjectNode retrieveMeter(Call c) throws SQLException {
        return c.tx().require(c.id(0), "billing.meter", "billing meter", "id");
    }

    ObjectNode listMeters(Call c) throws SQLException {
        return page(c, "billing.meter", "/v1/billing/meters", null, null);
    }

    ObjectNode createMeterEvent(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "event_name", "payload", "identifier", "timestamp");
        String eventName = required(p, "event_name");
        Map<String, Object> payload = map(p, "payload");
        if (payload == null) {
            throw SandboxError.missing("payload");
        }
        List<ObjectNode> meters = c.tx().list("billing.meter", null,
                F.objectNode().put("event_name", eventName).put("status", "active"), 1, null, null).data();
        if (meters.isEmpty()) {
            throw SandboxError.invalid("event_name", "No active meter was found for event_name '" + eventName + "'.");
        }
        ObjectNode meter = meters.get(0);
        String customerKey = meter.get("customer_mapping").get("event_payload_key").asText();
        String valueKey = meter.get("value_settings").get("event_payload_key").asText();
        String customer = str(payload, customerKey);
        if (customer == null) {
            throw SandboxError.missing("payload[" + customerKey + "]");
        }
        c.tx().require(customer, "customer", "customer", "payload[" + customerKey + "]");
        String value = str(payload, valueKey);
        if (value == null) {
            throw SandboxError.missing("payload[" + valueKey + "]");
        }
        try {
            new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw SandboxError.invalid("payload[" + valueKey + "]", "The meter event value must be a number.");
        }
        long now = now();
        Long ts = integer(p, "timestamp");
        long timestamp = ts == null ? now : ts;
        if (timestamp < now - METER_EVENT_MAX_AGE_SECONDS) {
            throw SandboxError.invalid("timestamp", "Timestamp must be within the past 35 calendar days.");
        }
        if (timestamp > now + 300) {
            throw SandboxError.invalid("timestamp", "Timestamp must not be more than 5 minutes in the future.");
        }
        String identifier = str(p, "identifier") == null ? newId("") : str(p, "identifier");
        if (!c.tx().claimMeterIdentifier(identifier, now)) {
            throw new SandboxError(400, "invalid_request_error", "resource_already_exists", "identifier",
                    "A meter event with identifier '" + identifier + "' was already recorded.");
        }
        ObjectNode o = F.objectNode();
        o.put("object", "billing.meter_event");
        o.put("created", now);
        o.put("event_name", eventName);
        o.put("identifier", identifier);
        o.put("livemode", false);
        ObjectNode pl = o.putObject("payload");
        payload.forEach((k, v) -> pl.put(k, String.valueOf(v)));
        o.put("timestamp", timestamp);
        ObjectNode stored = o.deepCopy();
        stored.put("id", newId("mev_"));
        c.tx().insert(stored, customer);
        return o;
    }

    // ---- events --------------------------------------------------------------------------------
    ObjectNode listEvents(Call c) throws SQLException {
        SandboxStore.Page page = c.tx().events(str(c.params(), "type"), created(c.params()), limit(c.params()),
                str(c.params(), "starting_after"), str(c.params(), "ending_before"));
        return list("/v1/events", page.data(), page.hasMore());
    }

    ObjectNode retrieveEvent(Call c) throws SQLException {
        ObjectNode event = c.tx().event(c.id(0));
        if (event == null) {
            throw SandboxError.noSuch("event", c.id(0), "id");
        }
        return event;
    }

    // ---- expansion -----------------------------------------------------------------------------
    /** Replaces id fields named in expand[] with the objects they name ("customer", "data.customer", "discounts"). */
    @SuppressWarnings("unchecked")
    ObjectNode expand(SandboxStore.Tx tx, ObjectNode result, Map<String, Object> params) throws SQLException {
        Object e = params.get("expand");
        if (!(e instanceof List<?> paths)) {
            return result;
        }
        for (Object path : (List<Object>) paths) {
            String s = String.valueOf(path);
            if (s.startsWith("data.") && result.has("data")) {
                for (JsonNode item : result.get("data")) {
                    expandField(tx, (ObjectNode) item, s.substring(5));
                }
            } else {
                expandField(tx, result, s);
            }
        }
        return result;
    }

    private void expandField(SandboxStore.Tx tx, ObjectNode o, String path) throws SQLException {
        int dot = path.indexOf('.');
        String field = dot < 0 ? path : path.substring(0, dot);
        JsonNode v = o.get(field);
        if (v == null) {
            throw SandboxError.invalid("expand", "This property cannot be expanded (" + path + ").");
        }
        if (dot > 0) {
            if (v.isTextual()) {
                ObjectNode target = tx.get(v.asText());
                if (target != null) {
                    o.set(field, target);
                    v = target;
                }
            }
            if (v.isObject()) {
                expandField(tx, (ObjectNode) v, path.substring(dot + 1));
            }
            return;
        }
        if (v.isTextual()) {
            ObjectNode target = tx.get(v.asText());
            if (target != null) {
                o.set(field, target);
            }
        } else if (v.isArray()) {
            ArrayNode expanded = F.arrayNode();
            for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                JsonNode item = it.next();
                ObjectNode target = item.isTextual() ? tx.get(item.asText()) : null;
                expanded.add(target != null ? target : item);
            }
            o.set(field, expanded);
        }
    }
}
