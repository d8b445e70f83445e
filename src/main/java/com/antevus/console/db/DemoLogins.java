package com.antevus.console.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The embedded default's demo logins, one per staff role ({@code demo_admin} … {@code demo_readonly}, each a member
 * of its {@code billing_*} role): created by the owner if missing, never on a shared server. The sign-in screen offers
 * them through {@code access.DemoAccounts}.
 */
public final class DemoLogins {
    public static final String PASSWORD = "demo";
    /** Role names without the {@code billing_} prefix, most powerful first. */
    public static final java.util.List<String> ROLES = java.util.List.of("admin", "finance", "sales", "support", "readonly");

    private DemoLogins() {
    }

    public static String login(String role) {
        return "demo_" + role;
    }

    public static void ensure(DataSource owner) {
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            for (String role : ROLES) {
                String login = login(role);
                s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + login + "') then "
                        + "create role " + login + " login password '" + PASSWORD + "' in role billing_" + role
                        + "; end if; end $$");
            }
        } catch (SQLException e) {
            throw DbErrors.queryFailure(e, "creating the demo logins");
        }
    }
}
