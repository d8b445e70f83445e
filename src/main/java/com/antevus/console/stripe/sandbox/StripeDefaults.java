package com.antevus.console.stripe.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fields Stripe returns on every object that the sandbox has no behaviour for, at the values Stripe gives
 * them on an account like the console's: no Stripe Tax, no Connect, no shipping, no payment methods, no test
 * clocks. Stripe always returns them (null when unset), so a client that reads one sees what Stripe would send
 * rather than a missing field. The shape test ({@code SandboxGatewayContractTest}) holds every object to
 * stripe-java's model; this class is where the sandbox answers it.
 */
final class StripeDefaults {
    private StripeDefaults() {
    }

    private static void nulls(ObjectNode o, String... fields) {
        for (String f : fields) {
            if (!o.has(f)) {
                o.putNull(f);
            }
        }
    }

    private static void empty(ObjectNode o, String... lists) {
        for (String f : lists) {
            if (!o.has(f)) {
                o.putArray(f);
            }
        }
    }

    static void customer(ObjectNode o) {
        nulls(o, "address", "business_name", "customer_account", "default_source", "individual_name", "shipping", "test_clock");
        empty(o, "preferred_locales");
        if (!o.has("invoice_settings")) {
            ObjectNode s = o.putObject("invoice_settings");
            nulls(s, "custom_fields", "default_payment_method", "footer", "rendering_options");
        }
    }

    static void product(ObjectNode o) {
        nulls(o, "package_dimensions", "shippable", "statement_descriptor", "tax_code", "url");
        empty(o, "images", "marketing_features");
    }

    static void price(ObjectNode o) {
        nulls(o, "custom_unit_amount", "tiers_mode", "transform_quantity");
        if (o.path("recurring").isObject()) {
            nulls((ObjectNode) o.get("recurring"), "trial_period_days");
        }
    }

    static void invoice(ObjectNode o) {
        nulls(o, "account_tax_ids", "application", "automatically_finalizes_at", "custom_fields", "customer_account",
                "customer_address", "customer_phone", "customer_shipping", "default_payment_method", "default_source",
                "from_invoice", "last_finalization_error", "latest_revision", "next_payment_attempt", "on_behalf_of",
                "receipt_number", "shipping_cost", "shipping_details", "statement_descriptor", "test_clock",
                "threshold_reason", "webhooks_delivered_at");
        empty(o, "customer_tax_ids", "default_tax_rates", "total_pretax_credit_amounts", "total_taxes");
        if (!o.has("amount_paid_off_stripe")) {
            o.put("amount_paid_off_stripe", 0);
        }
        if (!o.has("amount_shipping")) {
            o.put("amount_shipping", 0);
        }
        if (!o.has("customer_tax_exempt")) {
            o.put("customer_tax_exempt", "none");
        }
        if (!o.has("automatic_tax")) {
            ObjectNode t = o.putObject("automatic_tax");
            t.put("enabled", false);
            nulls(t, "disabled_reason", "liability", "provider", "status");
        }
        if (!o.has("issuer")) {
            o.putObject("issuer").put("type", "self");
        }
        if (!o.has("payment_settings")) {
            nulls(o.putObject("payment_settings"), "default_mandate", "payment_method_options", "payment_method_types");
        }
        if (!o.has("rendering")) {
            ObjectNode r = o.putObject("rendering");
            nulls(r, "amount_tax_display", "template", "template_version");
            r.putObject("pdf").put("page_size", "auto");
        }
    }

    static void invoiceItem(ObjectNode o) {
        o.remove("created"); // Stripe's invoice item has "date", not "created"
        nulls(o, "customer_account", "test_clock");
        empty(o, "tax_rates");
        if (!o.has("net_amount")) {
            o.put("net_amount", o.get("amount").asLong());
        }
        if (!o.has("quantity_decimal")) {
            o.put("quantity_decimal", String.valueOf(o.path("quantity").asLong(1)));
        }
        if (!o.has("proration_details")) {
            ObjectNode d = o.putObject("proration_details");
            d.putNull("credited_items");
            d.putArray("discount_amounts");
        }
    }

    static void invoiceLine(ObjectNode line) {
        nulls(line, "subscription");
        empty(line, "pretax_credit_amounts", "taxes");
        if (!line.has("quantity_decimal")) {
            line.put("quantity_decimal", String.valueOf(line.path("quantity").asLong(1)));
        }
        if (line.path("parent").isObject()) {
            ObjectNode parent = (ObjectNode) line.get("parent");
            nulls(parent, "invoice_item_details", "subscription_item_details");
            if (parent.path("invoice_item_details").isObject()) {
                ObjectNode details = (ObjectNode) parent.get("invoice_item_details");
                if (!details.has("proration_details")) {
                    details.putObject("proration_details").putNull("credited_items");
                }
            }
        }
    }

    static void subscription(ObjectNode o) {
        nulls(o, "application", "application_fee_percent", "billing_cycle_anchor_config", "billing_thresholds",
                "customer_account", "default_payment_method", "default_source", "managed_payments", "next_pending_invoice_item_invoice",
                "on_behalf_of", "pause_collection", "pending_invoice_item_interval", "pending_setup_intent", "pending_update",
                "presentment_details", "schedule", "test_clock", "transfer_data");
        empty(o, "default_tax_rates", "billing_schedules");
        if (!o.has("automatic_tax")) {
            ObjectNode t = o.putObject("automatic_tax");
            t.put("enabled", false);
            nulls(t, "disabled_reason", "liability");
        }
        if (!o.has("billing_mode")) {
            ObjectNode m = o.putObject("billing_mode");
            m.put("type", "classic");
            nulls(m, "flexible", "updated_at");
        }
        if (!o.has("cancellation_details")) {
            nulls(o.putObject("cancellation_details"), "comment", "feedback", "reason");
        }
        if (!o.has("invoice_settings")) {
            ObjectNode s = o.putObject("invoice_settings");
            nulls(s, "account_tax_ids", "custom_fields", "description", "footer");
            s.putObject("issuer").put("type", "self");
        }
        if (!o.has("payment_settings")) {
            ObjectNode s = o.putObject("payment_settings");
            nulls(s, "payment_method_options", "payment_method_types");
            s.put("save_default_payment_method", "off");
        }
        if (!o.has("trial_settings")) {
            o.putObject("trial_settings").putObject("end_behavior").put("missing_payment_method", "create_invoice");
        }
    }

    /** A subscription item: Stripe also returns the legacy plan, mirroring the item's price. */
    static void subscriptionItem(ObjectNode item) {
        nulls(item, "billed_until", "billing_thresholds");
        empty(item, "tax_rates");
        if (!item.has("plan") && item.path("price").isObject()) {
            ObjectNode price = (ObjectNode) item.get("price");
            ObjectNode plan = item.putObject("plan");
            plan.put("id", price.get("id").asText());
            plan.put("object", "plan");
            plan.put("active", price.path("active").asBoolean(true));
            plan.set("amount", price.get("unit_amount"));
            plan.set("amount_decimal", price.get("unit_amount_decimal"));
            plan.put("billing_scheme", "per_unit");
            plan.set("created", price.get("created"));
            plan.set("currency", price.get("currency"));
            ObjectNode recurring = (ObjectNode) price.path("recurring");
            plan.set("interval", recurring.get("interval"));
            plan.set("interval_count", recurring.get("interval_count"));
            plan.put("livemode", false);
            plan.set("metadata", price.get("metadata"));
            plan.set("meter", recurring.get("meter"));
            plan.set("nickname", price.get("nickname"));
            plan.set("product", price.get("product"));
            nulls(plan, "tiers_mode", "transform_usage", "trial_period_days");
            plan.set("usage_type", recurring.get("usage_type"));
        }
    }

    static void creditNote(ObjectNode o) {
        nulls(o, "customer_account");
    }

    static void creditNoteLine(ObjectNode line) {
        empty(line, "pretax_credit_amounts");
        if (!line.has("metadata")) {
            line.putObject("metadata");
        }
    }

    static void balanceTransaction(ObjectNode o) {
        nulls(o, "checkout_session", "customer_account");
    }

    static void promotionCode(ObjectNode o) {
        nulls(o, "customer_account");
    }
}
