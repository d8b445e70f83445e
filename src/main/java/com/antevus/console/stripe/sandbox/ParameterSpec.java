package com.antevus.console.stripe.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters one sandbox endpoint accepts, named as Stripe names them, nested ones included. Anything
 * else in a request, at any depth, is refused with Stripe's 400 {@code parameter_unknown} before the endpoint
 * runs, so the sandbox never silently ignores a parameter Stripe would refuse (or one it does not implement).
 *
 * <p>Written as paths: {@code recurring.interval} for a nested key, {@code metadata.*} for free-form keys. A
 * list of objects ({@code lines[0][amount]}) is named like one object ({@code lines.amount}). {@code expand} is
 * accepted everywhere, as Stripe accepts it.
 */
final class ParameterSpec {
    static final ParameterSpec NONE = of();

    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        boolean anyKey;
    }

    private final Node root = new Node();
    private final Set<String> paths = new TreeSet<>();

    private ParameterSpec() {
    }

    static ParameterSpec of(String... specs) {
        ParameterSpec s = new ParameterSpec();
        for (String spec : specs) {
            for (String path : spec.trim().split("\\s+")) {
                if (!path.isEmpty()) {
                    s.add(path);
                }
            }
        }
        return s;
    }

    /** The parameters of a list endpoint: Stripe's cursors, plus these. */
    static ParameterSpec list(String... specs) {
        ParameterSpec s = of(specs);
        s.add("limit");
        s.add("starting_after");
        s.add("ending_before");
        return s;
    }

    /** A list that Stripe also filters by creation time: {@code created=T} or {@code created[gt|gte|lt|lte]=T}. */
    static ParameterSpec listByCreated(String... specs) {
        ParameterSpec s = list(specs);
        s.add("created");
        for (String op : List.of("gt", "gte", "lt", "lte")) {
            s.add("created." + op);
        }
        return s;
    }

    /** This endpoint's parameters and another set's. */
    ParameterSpec and(ParameterSpec other) {
        ParameterSpec s = of(String.join(" ", paths));
        other.paths.forEach(s::add);
        return s;
    }

    private void add(String path) {
        paths.add(path);
        Node n = root;
        for (String part : path.split("\\.")) {
            if (part.equals("*")) {
                n.anyKey = true;
                break;
            }
            n = n.children.computeIfAbsent(part, k -> new Node());
        }
    }

    /** Every accepted parameter path, for the shape test that checks them against Stripe's own. */
    Set<String> paths() {
        return Set.copyOf(paths);
    }

    /** Refuses the first parameter, at any depth, that this endpoint does not accept. */
    void check(Map<String, Object> params) {
        for (Map.Entry<String, Object> e : params.entrySet()) {
            if (e.getKey().equals("expand")) {
                continue;
            }
            check(root, e.getKey(), e.getKey(), e.getValue());
        }
    }

    private static void check(Node parent, String key, String shown, Object value) {
        Node n = parent.children.get(key);
        if (n == null) {
            if (parent.anyKey) {
                return;
            }
            throw new SandboxError(400, "invalid_request_error", "parameter_unknown", shown, "Received unknown parameter: " + shown);
        }
        checkValue(n, shown, value);
    }

    @SuppressWarnings("unchecked")
    private static void checkValue(Node n, String shown, Object value) {
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                check(n, e.getKey(), shown + "[" + e.getKey() + "]", e.getValue());
            }
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                checkValue(n, shown + "[" + i + "]", l.get(i));
            }
        }
    }
}
