package com.antevus.console.stripe.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Stripe's form encoding with nested parameters into maps and lists:
 * {@code metadata[k]=v}, {@code items[0][price]=p}, {@code expand[]=customer}.
 */
final class FormParser {
    private FormParser() {
    }

    static Map<String, Object> parse(String encoded) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (encoded == null || encoded.isBlank()) {
            return root;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            put(root, path(key), value);
        }
        return normalize(root);
    }

    /** "items[0][price]" -> [items, 0, price]; "expand[]" -> [expand, ""]. */
    private static List<String> path(String key) {
        List<String> parts = new ArrayList<>();
        int b = key.indexOf('[');
        if (b < 0) {
            parts.add(key);
            return parts;
        }
        parts.add(key.substring(0, b));
        int i = b;
        while (i < key.length() && key.charAt(i) == '[') {
            int close = key.indexOf(']', i);
            if (close < 0) {
                throw new SandboxError(400, "invalid_request_error", "parameter_invalid", key,
                        "Invalid parameter name: " + key);
            }
            parts.add(key.substring(i + 1, close));
            i = close + 1;
        }
        return parts;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, String value) {
        Map<String, Object> node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String part = path.get(i);
            String next = path.get(i + 1);
            if (next.isEmpty()) { // list append: key[]=v
                Object existing = node.get(part);
                List<Object> list = existing instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
                node.put(part, list);
                list.add(value);
                return;
            }
            Object child = node.get(part);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(part, child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(path.get(path.size() - 1), value);
    }

    /** Maps whose keys are all 0..n-1 become lists, recursively. */
    @SuppressWarnings("unchecked")
    private static <T> T normalize(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, normalize(v)));
            boolean indexed = !out.isEmpty() && out.keySet().stream().allMatch(k -> k.matches("\\d+"));
            if (indexed) {
                List<Object> list = new ArrayList<>();
                out.entrySet().stream().sorted((a, b) -> Integer.compare(Integer.parseInt(a.getKey()), Integer.parseInt(b.getKey())))
                        .forEach(e -> list.add(e.getValue()));
                return (T) list;
            }
            return (T) out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(normalize(v)));
            return (T) out;
        }
        return (T) node;
    }
}
