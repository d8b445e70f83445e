package com.antevus.console.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * One demo login per staff role on the embedded default (never on a shared server): {@code demo_admin},
 * {@code demo_finance}, {@code demo_sales}, {@code demo_support}, {@code demo_readonly}, each a member of its
 * {@code billing_*} role, password {@value #PASSWORD}. The sign-in screen offers them.
 */
public final class DemoLogins {
    public static final String PASSWORD = "demo";
    /** Role names without the {@code billing_} prefix, most powerful first. */
    public static final List<String> ROLES = List.of("admin", "finance", "sales", "support", "readonly");

    private DemoLogins() {
    }

    public static String login(String role) {
        return "demo_" + role;
    }

    public static void ensure(DataSource owner) {
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            for (String role : ROLES) {
                s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + login(role) + "') then "
                        + "create role " + login(role) + " login password '" + PASSWORD + "' in role billing_" + role + "; end if; end $$");
            }
        } catch (SQLException e) {
            throw DbErrors.queryFailure(e, "creating the demo logins");
        }
    }
}
