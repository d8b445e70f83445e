package com.antevus.console.access;

import com.antevus.console.db.DemoLogins;
import java.util.List;

/**
 * The demo logins of the embedded default, one per staff role: {@code demo_admin}, {@code demo_finance},
 * {@code demo_sales}, {@code demo_support}, {@code demo_readonly}, each a member of its {@code billing_*} role, password
 * {@value #PASSWORD}. {@link DemoLogins} creates them; the sign-in screen offers them.
 */
public final class DemoAccounts {
    public static final String PASSWORD = DemoLogins.PASSWORD;
    /** Role names without the {@code billing_} prefix, most powerful first. */
    public static final List<String> ROLES = DemoLogins.ROLES;

    private DemoAccounts() {
    }

    public static String login(String role) {
        return DemoLogins.login(role);
    }

    /** What each role may do, in one line, for the sign-in screen. */
    public static String describe(String role) {
        return switch (role) {
            case "admin" -> "everything, including the plan catalog and publishing it";
            case "finance" -> "invoices, invoice runs, payments, reconciliation";
            case "sales" -> "contracts, subscriptions and plan moves";
            case "support" -> "academic verifications, moves to an academic plan";
            default -> "reads everything, changes nothing";
        };
    }
}
