package com.antevus.console.access;

import com.antevus.console.core.Money;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * The audit log in people's words: what a table's row is called, what a column means, a value as finance reads it
 * (money with its currency, one timestamp format to the second in UTC, yes/no, plan names instead of plan ids).
 * The log itself keeps the database's names; the CSV export keeps them too, for spreadsheets and auditors.
 */
public final class AuditWords {
    /** One timestamp format everywhere in the Activity view. */

    private static final Map<String, String> TABLES = Map.ofEntries(
            Map.entry("organizations", "Organization"), Map.entry("subscriptions", "Subscription"),
            Map.entry("subscription_add_ons", "Add-on on a subscription"), Map.entry("subscription_items", "Subscription item"),
            Map.entry("entitlements", "Entitlement"), Map.entry("contracts", "Contract"),
            Map.entry("contract_documents", "Contract document"), Map.entry("academic_verifications", "Academic verification"),
            Map.entry("invoices", "Invoice"), Map.entry("invoice_lines", "Invoice line"), Map.entry("invoice_runs", "Invoice run"),
            Map.entry("invoice_journal", "Invoice's Stripe steps"), Map.entry("invoice_voids", "Void"),
            Map.entry("stripe_events", "Stripe event"), Map.entry("stripe_sync_state", "Stripe sync"),
            Map.entry("usage_alerts", "Usage alert"), Map.entry("usage_adjustments", "Usage adjustment"),
            Map.entry("catalog_versions", "Catalog version"), Map.entry("plans", "Plan"), Map.entry("add_ons", "Catalog add-on"),
            Map.entry("plan_quotas", "Plan quota"), Map.entry("metered_prices", "Metered price"),
            Map.entry("catalog_stripe_prices", "Stripe price"), Map.entry("catalog_stripe_products", "Stripe product"),
            Map.entry("console_meta", "Console setting"), Map.entry("credit_ledger", "Credit ledger entry"),
            Map.entry("credit_settings", "Credit settings"), Map.entry("credit_events", "What consumes credits"),
            Map.entry("credit_products", "Credit product"), Map.entry("credit_notes", "Credit note"),
            Map.entry("credit_note_lines", "Credit note line"), Map.entry("contract_commitments", "Contract commitment"),
            Map.entry("coupons", "Coupon"), Map.entry("promotion_codes", "Promotion code"),
            Map.entry("coupon_applications", "Coupon on an organization"), Map.entry("credit_sales", "Credit sale"), Map.entry("*", "Bulk load"));

    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("plan_id", "Plan"), Map.entry("pending_plan_id", "Plan at renewal"), Map.entry("stripe_customer_id", "Stripe customer"),
            Map.entry("stripe_subscription_id", "Stripe subscription"), Map.entry("stripe_invoice_id", "Stripe invoice"),
            Map.entry("is_academic", "Academic"), Map.entry("is_enterprise", "Enterprise"), Map.entry("byo_llm", "Brings its own LLM"),
            Map.entry("handles_health_data", "Handles health data"), Map.entry("academic_domain", "Academic domain"),
            Map.entry("academic_verified_at", "Academic since"), Map.entry("discount_pct", "Discount %"),
            Map.entry("current_period_start", "Period start"), Map.entry("current_period_end", "Period end"),
            Map.entry("cancel_at_period_end", "Cancels at period end"), Map.entry("decided_by", "Decided by"),
            Map.entry("decision_reason", "Decision note"), Map.entry("reverify_due", "Re-verification due"),
            Map.entry("annual_value_minor", "Annual value"), Map.entry("billing_schedule", "Billing schedule"),
            Map.entry("payment_terms", "Payment terms"), Map.entry("starts_on", "Starts"), Map.entry("ends_on", "Ends"),
            Map.entry("notice_days", "Notice (days)"), Map.entry("limit_value", "Limit"), Map.entry("current_usage", "In use"),
            Map.entry("days_until_due", "Days until due"), Map.entry("hosted_invoice_url", "Invoice page"),
            Map.entry("amount_paid_minor", "Paid"), Map.entry("rated_amount_minor", "Rated amount"),
            Map.entry("adjustment_reason", "Adjustment reason"), Map.entry("adjusts_period", "Bills late usage of"),
            Map.entry("threshold_pct", "Threshold %"), Map.entry("usage_at_crossing", "Usage when crossed"),
            Map.entry("first_crossed_at", "First crossed"), Map.entry("acknowledged_by", "Acknowledged by"),
            Map.entry("period_month", "Month"), Map.entry("period_start", "Period start"), Map.entry("period_end", "Period end"),
            Map.entry("lot_id", "Lot"), Map.entry("bucket", "Kind of credits"), Map.entry("effective_at", "Counts from"),
            Map.entry("source_key", "Written by"), Map.entry("per_units", "Per units"), Map.entry("low_balance_threshold", "Low below"),
            Map.entry("line_no", "Line"), Map.entry("invoice_line_no", "Invoice line"), Map.entry("stripe_credit_note_id", "Stripe credit note"),
            Map.entry("pre_payment_minor", "Off the amount due"), Map.entry("credit_balance_minor", "To the customer's balance"),
            Map.entry("out_of_band_minor", "Refunded outside Stripe"), Map.entry("void_reason", "Why voided"), Map.entry("version_no", "Catalog version"),
            Map.entry("first_month", "From"), Map.entry("removed_reason", "Why removed"), Map.entry("scope", "Applies to"), Map.entry("effective_from", "In force from"));

    private final Map<Long, String> planNames;

    /** @param planNames plan id → "Team (catalog v2)", for plan ids in subscription changes */
    public AuditWords(Map<Long, String> planNames) {
        this.planNames = Map.copyOf(planNames);
    }

    public static String table(String table) {
        return TABLES.getOrDefault(table, sentence(table));
    }

    public static String operation(String operation) {
        return switch (operation) {
            case "INSERT" -> "Added";
            case "DELETE" -> "Removed";
            case "UPDATE" -> "Changed";
            case "DEMO_DATA" -> "Demo data loaded";
            default -> sentence(operation.toLowerCase(Locale.ROOT));
        };
    }

    public static String field(String column) {
        String known = FIELDS.get(column);
        if (known != null) {
            return known;
        }
        String c = column.replaceFirst("_minor$", "").replaceFirst("_id$", "").replaceFirst("^is_", "");
        return sentence(c.endsWith("_at") ? c.substring(0, c.length() - 3) + " at" : c);
    }

    /** Payment terms as a contract states them: net30 → Net 30. */
    public static String paymentTerms(String raw) {
        return raw != null && raw.matches("net\\d+") ? "Net " + raw.substring(3) : raw;
    }

    /** A value as people read it; {@code currency} is the row's (money columns end in _minor). */
    public String value(String column, String raw, String currency) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        if (column.endsWith("_minor")) {
            try {
                return Money.of(Long.parseLong(raw), currency == null || currency.isBlank() ? "USD" : currency.strip()).format();
            } catch (IllegalArgumentException e) {
                return raw;
            }
        }
        if ((column.equals("plan_id") || column.equals("pending_plan_id")) && raw.matches("\\d+")) {
            return planNames.getOrDefault(Long.parseLong(raw), "plan " + raw);
        }
        if (column.equals("payment_terms")) {
            return paymentTerms(raw);
        }
        if (raw.equals("true") || raw.equals("false")) {
            return raw.equals("true") ? "yes" : "no";
        }
        if (raw.length() == 10 && raw.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                return com.antevus.console.core.Dates.day(java.time.LocalDate.parse(raw));
            } catch (DateTimeParseException e) {
                return raw;
            }
        }
        if (raw.length() >= 19 && raw.charAt(10) == 'T') {
            try {
                return com.antevus.console.core.Dates.second(OffsetDateTime.parse(raw));
            } catch (DateTimeParseException e) {
                return raw;
            }
        }
        if (raw.matches("[a-z]+(_[a-z]+)+") && !column.endsWith("code") && !column.equals("metric") && !column.equals("resource")) {
            return raw.replace('_', ' '); // a status or kind: info_requested → info requested
        }
        return raw;
    }

    private static String sentence(String snake) {
        String s = snake.replace('_', ' ').strip();
        return s.isEmpty() ? snake : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
