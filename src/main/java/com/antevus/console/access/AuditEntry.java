package com.antevus.console.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One row of the audit log: when, which login (and the person, where the console set one), which table and row,
 * the organization, the row before and after (JSON text), the reason given, the Stripe request id and the writing
 * transaction (null for rows older than V13), which ties the rows of one action together.
 */
public record AuditEntry(long id, Instant at, String dbUser, String appUser, String table, String operation, UUID organizationId,
                         String organizationName, String rowKey, String before, String after, String reason, String stripeRequestId,
                         Long txId) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bookkeeping columns every update changes; the diff leaves them out. */
    private static final Set<String> BOOKKEEPING = Set.of("updated_at", "version");

    /** The person: the console's user where it set one, else the database login. */
    public String user() {
        return appUser == null || appUser.isBlank() ? dbUser : appUser + " (" + dbUser + ")";
    }

    /** One column's value before and after ("" for none). */
    public record Change(String field, String before, String after) {
    }

    /** The columns that differ between before and after (all of them for an insert or delete), bookkeeping left out. */
    public List<Change> changes() {
        JsonNode b = parse(before);
        JsonNode a = parse(after);
        Set<String> fields = new LinkedHashSet<>();
        for (JsonNode n : new JsonNode[]{b, a}) {
            if (n != null) {
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                    fields.add(it.next());
                }
            }
        }
        List<Change> out = new ArrayList<>();
        for (String f : fields) {
            String bv = text(b, f);
            String av = text(a, f);
            if (!bv.equals(av) && !BOOKKEEPING.contains(f)) {
                out.add(new Change(f, bv, av));
            }
        }
        return out;
    }

    /** "status: open → void; voided_at: → 2026-11-22…" in one line, for the table. */
    public String summary() {
        List<Change> c = changes();
        if (c.isEmpty()) {
            return operation.equals("UPDATE") ? "no visible change" : operation.toLowerCase(java.util.Locale.ROOT);
        }
        List<String> parts = new ArrayList<>();
        for (Change x : c.subList(0, Math.min(3, c.size()))) {
            parts.add(x.field() + ": " + shorten(x.before()) + " → " + shorten(x.after()));
        }
        return String.join("; ", parts) + (c.size() > 3 ? "; +" + (c.size() - 3) + " more" : "");
    }

    /** The changes in people's words: the column's label, values as finance reads them (money in the row's currency). */
    public List<Change> changes(AuditWords words) {
        String currency = currency();
        List<Change> out = new ArrayList<>();
        for (Change c : changes()) {
            out.add(new Change(AuditWords.field(c.field()), words.value(c.field(), c.before(), currency),
                    words.value(c.field(), c.after(), currency)));
        }
        return out;
    }

    /** "Status: pending → info requested; Decided by: → demo_support" in one line, in people's words. */
    public String summary(AuditWords words) {
        if (operation.equals("DEMO_DATA")) {
            return "Demo data loaded" + (reason == null ? "" : " (" + reason + ")");
        }
        List<Change> c = changes(words);
        if (c.isEmpty()) {
            return operation.equals("UPDATE") ? "no visible change" : AuditWords.operation(operation).toLowerCase(java.util.Locale.ROOT);
        }
        List<String> parts = new ArrayList<>();
        for (Change x : c.subList(0, Math.min(3, c.size()))) {
            parts.add(x.before().isEmpty() ? x.field() + ": " + shorten(x.after())
                    : x.after().isEmpty() ? x.field() + ": " + shorten(x.before()) + " removed"
                    : x.field() + ": " + shorten(x.before()) + " → " + shorten(x.after()));
        }
        return String.join("; ", parts) + (c.size() > 3 ? "; +" + (c.size() - 3) + " more" : "");
    }

    /** The row's currency, for its money columns (USD when it has none). */
    private String currency() {
        for (String json : new String[]{after, before}) {
            String c = text(parse(json), "currency");
            if (!c.isBlank()) {
                return c.strip();
            }
        }
        return "USD";
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        if (n == null || !n.has(field) || n.get(field).isNull()) {
            return "";
        }
        JsonNode v = n.get(field);
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
