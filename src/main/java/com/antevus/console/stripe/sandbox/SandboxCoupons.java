package com.antevus.console.stripe.sandbox;

import static com.antevus.console.stripe.sandbox.SandboxApi.applyMetadata;
import static com.antevus.console.stripe.sandbox.SandboxApi.bool;
import static com.antevus.console.stripe.sandbox.SandboxApi.integer;
import static com.antevus.console.stripe.sandbox.SandboxApi.only;
import static com.antevus.console.stripe.sandbox.SandboxApi.required;
import static com.antevus.console.stripe.sandbox.SandboxApi.str;

import com.antevus.console.stripe.sandbox.SandboxApi.Call;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Coupons beyond creation, and promotion codes, as Stripe has them: a coupon is listed, and deleted (it can no longer
 * be applied; discounts already applied stay); it is valid until its redeem_by passes or it reaches max_redemptions.
 * A promotion code is a customer-facing code for a coupon, with its own limits (max_redemptions, expires_at, a
 * restriction to one customer, first-time orders) and an active flag; codes are unique among active codes.
 */
final class SandboxCoupons {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{3,50}");
    private final SandboxApi api;

    SandboxCoupons(SandboxApi api) {
        this.api = api;
    }

    ObjectNode listCoupons(Call c) throws SQLException {
        only(c.params(), "limit", "starting_after", "ending_before");
        return api.page(c, "coupon", "/v1/coupons", null, null);
    }

    /** DELETE /v1/coupons/{id}: Stripe's answer is {id, object, deleted}; the coupon can no longer be applied. */
    ObjectNode deleteCoupon(Call c) throws SQLException {
        ObjectNode coupon = c.tx().require(c.id(0), "coupon", "coupon", "id");
        coupon.put("valid", false);
        c.tx().update(coupon);
        // a deleted coupon is gone from the API (404 on retrieve, absent from lists); discounts already applied keep it
        c.tx().retype(coupon.get("id").asText(), "deleted_coupon");
        api.event(c, "coupon.deleted", coupon, null);
        ObjectNode gone = F.objectNode();
        gone.put("id", coupon.get("id").asText());
        gone.put("object", "coupon");
        gone.put("deleted", true);
        return gone;
    }

    /** Refuses a coupon that is deleted, past its redeem_by, or at its max_redemptions, as Stripe does. */
    void requireValid(ObjectNode coupon) {
        boolean expired = !coupon.path("redeem_by").isNull() && coupon.has("redeem_by") && coupon.get("redeem_by").asLong() <= api.now();
        boolean used = !coupon.path("max_redemptions").isNull() && coupon.has("max_redemptions")
                && coupon.get("times_redeemed").asLong() >= coupon.get("max_redemptions").asLong();
        if (expired || used) {
            throw new SandboxError(400, "invalid_request_error", "coupon_expired", "discounts[0][coupon]",
                    "Coupon " + coupon.get("id").asText() + " is no longer valid" + (expired ? " (its redeem_by has passed)." : " (it reached max_redemptions)."));
        }
    }

    ObjectNode createPromotionCode(Call c) throws SQLException {
        Map<String, Object> p = c.params();
        only(p, "promotion", "code", "customer", "expires_at", "max_redemptions", "metadata", "restrictions", "active");
        Map<String, Object> promotion = SandboxApi.map(p, "promotion");
        if (promotion == null) {
            throw SandboxError.missing("promotion");
        }
        String type = required(promotion, "type");
        if (!type.equals("coupon")) {
            throw SandboxError.invalid("promotion[type]", "promotion[type] must be coupon.");
        }
        ObjectNode coupon = c.tx().require(required(promotion, "coupon"), "coupon", "coupon", "promotion[coupon]");
        String code = str(p, "code");
        if (code == null) {
            code = SandboxApi.newId("").substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        }
        if (!CODE.matcher(code).matches()) {
            throw SandboxError.invalid("code", "A promotion code is 3 to 50 letters, digits, dashes or underscores.");
        }
        String wanted = code;
        if (c.tx().list("promotion_code", null, F.objectNode().put("active", true), 1000, null, null).data().stream()
                .anyMatch(x -> x.get("code").asText().equalsIgnoreCase(wanted))) {
            throw new SandboxError(400, "invalid_request_error", "resource_already_exists", "code",
                    "An active promotion code with `code: " + code + "` already exists.");
        }
        ObjectNode o = api.base("promo_", "promotion_code");
        o.put("active", !Boolean.FALSE.equals(bool(p, "active")));
        o.put("code", code);
        ObjectNode pr = o.putObject("promotion");
        pr.put("type", "coupon");
        pr.put("coupon", coupon.get("id").asText());
        String customer = str(p, "customer");
        if (customer != null) {
            c.tx().require(customer, "customer", "customer", "customer");
            o.put("customer", customer);
        } else {
            o.putNull("customer");
        }
        Long expires = integer(p, "expires_at");
        if (expires != null && expires <= api.now()) {
            throw SandboxError.invalid("expires_at", "expires_at must be in the future.");
        }
        if (expires == null) {
            o.putNull("expires_at");
        } else {
            o.put("expires_at", expires);
        }
        Long max = integer(p, "max_redemptions");
        if (max != null && max < 1) {
            throw SandboxError.invalid("max_redemptions", "max_redemptions must be at least 1.");
        }
        if (max == null) {
            o.putNull("max_redemptions");
        } else {
            o.put("max_redemptions", max);
        }
        ObjectNode r = o.putObject("restrictions");
        Map<String, Object> given = SandboxApi.map(p, "restrictions");
        r.put("first_time_transaction", given != null && Boolean.TRUE.equals(bool(given, "first_time_transaction")));
        Long minimum = given == null ? null : integer(given, "minimum_amount");
        if (minimum == null) {
            r.putNull("minimum_amount");
            r.putNull("minimum_amount_currency");
        } else {
            r.put("minimum_amount", minimum);
            r.put("minimum_amount_currency", required(given, "minimum_amount_currency").toLowerCase(java.util.Locale.ROOT));
        }
        o.put("times_redeemed", 0);
        applyMetadata(o, p);
        StripeDefaults.promotionCode(o);
        c.tx().insert(o, customer);
        api.event(c, "promotion_code.created", o, null);
        return o;
    }

    ObjectNode retrievePromotionCode(Call c) throws SQLException {
        return c.tx().require(c.id(0), "promotion_code", "promotion code", "id");
    }

    ObjectNode listPromotionCodes(Call c) throws SQLException {
        only(c.params(), "limit", "starting_after", "ending_before", "code", "coupon", "active", "customer");
        ObjectNode contains = F.objectNode();
        if (str(c.params(), "code") != null) {
            // codes are case-insensitive: find the one that matches, whatever its case
            String wanted = str(c.params(), "code");
            java.util.List<ObjectNode> found = c.tx().list("promotion_code", str(c.params(), "customer"), contains, 1000, null, null).data()
                    .stream().filter(x -> x.get("code").asText().equalsIgnoreCase(wanted)).toList();
            return SandboxApi.list("/v1/promotion_codes", found, false);
        }
        if (str(c.params(), "coupon") != null) {
            contains.putObject("promotion").put("coupon", str(c.params(), "coupon"));
        }
        if (bool(c.params(), "active") != null) {
            contains.put("active", bool(c.params(), "active"));
        }
        return api.page(c, "promotion_code", "/v1/promotion_codes", str(c.params(), "customer"), contains);
    }

    /** POST /v1/promotion_codes/{id}: active (a deactivated code can be activated again while its coupon is valid) and metadata. */
    ObjectNode updatePromotionCode(Call c) throws SQLException {
        only(c.params(), "active", "metadata");
        ObjectNode o = retrievePromotionCode(c);
        ObjectNode previous = F.objectNode();
        Boolean active = bool(c.params(), "active");
        if (active != null && active != o.get("active").asBoolean()) {
            if (active) {
                ObjectNode coupon = c.tx().require(o.at("/promotion/coupon").asText(), "coupon", "coupon", "id");
                if (!coupon.get("valid").asBoolean()) {
                    throw SandboxError.state("The promotion code's coupon is no longer valid, so the code cannot be activated.");
                }
            }
            previous.put("active", o.get("active").asBoolean());
            o.put("active", active);
        }
        if (c.params().containsKey("metadata")) {
            previous.set("metadata", o.get("metadata").deepCopy());
        }
        applyMetadata(o, c.params());
        c.tx().update(o);
        api.event(c, "promotion_code.updated", o, previous);
        return o;
    }

    /** The active promotion code with this id, checked for its customer, expiry and redemptions; Stripe's errors otherwise. */
    ObjectNode redeemable(Call c, String promotionCodeId, String customer) throws SQLException {
        ObjectNode o = c.tx().require(promotionCodeId, "promotion_code", "promotion code", "discounts[0][promotion_code]");
        String why = null;
        if (!o.get("active").asBoolean()) {
            why = "is inactive";
        } else if (!o.get("expires_at").isNull() && o.get("expires_at").asLong() <= api.now()) {
            why = "has expired";
        } else if (!o.get("max_redemptions").isNull() && o.get("times_redeemed").asLong() >= o.get("max_redemptions").asLong()) {
            why = "reached its max_redemptions";
        } else if (!o.get("customer").isNull() && !o.get("customer").asText().equals(customer)) {
            why = "is restricted to another customer";
        }
        if (why != null) {
            throw new SandboxError(400, "invalid_request_error", "promotion_code_invalid", "discounts[0][promotion_code]",
                    "The promotion code " + o.get("code").asText() + " " + why + ".");
        }
        return o;
    }
}
