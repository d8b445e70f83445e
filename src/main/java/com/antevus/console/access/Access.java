package com.antevus.console.access;

import java.util.List;

/**
 * Who is signed in and the staff roles their login belongs to ("admin", "finance", "sales", "support",
 * "readonly"; "owner" for the server's owner). Screens use it to disable and explain what the role cannot do; the
 * database's grants are what actually stop a write.
 */
public record Access(String login, List<String> roles) {
    public Access {
        roles = List.copyOf(roles);
    }

    /** The owner of an embedded or development database: everything. */
    public static Access owner(String login) {
        return new Access(login, List.of("owner"));
    }

    /** True when the login holds any of the roles (admin and the owner hold them all). */
    public boolean any(String... needed) {
        if (roles.contains("owner") || roles.contains("admin")) {
            return true;
        }
        for (String r : needed) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** "support" or "no staff role", for messages. */
    public String describe() {
        return roles.isEmpty() ? "no staff role" : String.join(", ", roles);
    }

    /**
     * Empty when the login may change things here; otherwise one sentence saying so, e.g. "Your role (support) can read
     * contracts; changes need sales or admin."
     */
    public String readOnlyNote(String what, String... needed) {
        if (any(needed)) {
            return "";
        }
        List<String> who = new java.util.ArrayList<>(List.of(needed));
        who.add("admin");
        return "Your role (" + describe() + ") can read " + what + "; changes need " + String.join(" or ", who) + ".";
    }
}
