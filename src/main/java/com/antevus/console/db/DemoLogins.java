package com.antevus.console.db;

import com.antevus.console.access.DemoAccounts;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Creates the embedded default's demo logins ({@link DemoAccounts}) if missing; never run on a shared server. */
public final class DemoLogins {
    private DemoLogins() {
    }

    public static void ensure(DataSource owner) {
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            for (String role : DemoAccounts.ROLES) {
                String login = DemoAccounts.login(role);
                s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + login + "') then "
                        + "create role " + login + " login password '" + DemoAccounts.PASSWORD + "' in role billing_" + role
                        + "; end if; end $$");
            }
        } catch (SQLException e) {
            throw DbErrors.queryFailure(e, "creating the demo logins");
        }
    }
}
