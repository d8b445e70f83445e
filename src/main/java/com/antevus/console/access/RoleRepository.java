package com.antevus.console.access;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The staff roles of the signed-in login, as the database grants them. */
public final class RoleRepository {
    private RoleRepository() {
    }

    /**
     * The staff roles the signed-in login is a member of, without the {@code billing_} prefix ("finance", "sales" …);
     * "owner" for the server's owner; empty when the database cannot say. The console adapts its screens to them; the
     * grants are what stop a write. Blocking: call off the FX thread.
     */
    public static List<String> roles(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select r.rolname, (select rolsuper from pg_roles where rolname = session_user) "
                     + "from pg_roles r where r.rolname like 'billing\\_%' and pg_has_role(session_user, r.oid, 'member') order by r.rolname")) {
            List<String> out = new ArrayList<>();
            boolean owner = false;
            while (rs.next()) {
                owner = rs.getBoolean(2);
                out.add(rs.getString(1).substring("billing_".length()));
            }
            if (out.size() > 1) {
                out.remove("readonly"); // every staff role includes read-only; name the one that matters
            }
            return owner ? List.of("owner") : out;
        } catch (SQLException e) {
            return List.of();
        }
    }
}
