package com.antevus.console.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.annotations.SerializedName;
import com.stripe.model.EventDataClassLookup;
import com.stripe.model.ExpandableField;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeObject;
import com.stripe.model.StripeSearchResult;
import com.stripe.net.ApiRequestParams;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stripe's own shapes, read from stripe-java's generated model ({@code com.stripe.model}) and request parameter
 * classes ({@code com.stripe.param}) for the API version the console pins, and the sandbox's answers and
 * accepted parameters held against them. Everything found is a {@link Finding}; the tally counts what was checked.
 *
 * <p>What an object must have: every field of its model class, except the few Stripe leaves out of an answer
 * unless asked ({@link #OMITTED_UNLESS_ASKED}, each with its reason). What it may have: nothing else. A field's
 * JSON type follows its Java type (String as text, Long as an integer, BigDecimal as a decimal string,
 * ExpandableField as an id or the object, nested model classes recursively).
 */
final class StripeShapes {
    record Finding(String where, String path, String problem) {
        @Override
        public String toString() {
            return where + "  " + path + ": " + problem;
        }
    }

    static final class Tally {
        int answers;
        int objects;
        int fields;
        int parameters;
    }

    /**
     * Fields Stripe does not return unless the request includes or expands them (its API reference marks them
     * "includable"), or that only a deleted object's stub carries. Type names are the model classes'.
     */
    static final Map<String, String> OMITTED_UNLESS_ASKED = Map.ofEntries(
            Map.entry("Customer.cash_balance", "includable"),
            Map.entry("Customer.invoice_credit_balance", "includable"),
            Map.entry("Customer.sources", "includable"),
            Map.entry("Customer.subscriptions", "includable"),
            Map.entry("Customer.tax", "includable"),
            Map.entry("Customer.tax_ids", "includable"),
            Map.entry("Invoice.confirmation_secret", "includable"),
            Map.entry("Invoice.payments", "includable"),
            Map.entry("Price.currency_options", "includable"),
            Map.entry("Price.tiers", "includable"),
            Map.entry("Coupon.applies_to", "includable"),
            Map.entry("Coupon.currency_options", "includable"),
            Map.entry("PromotionCode.Restrictions.currency_options", "includable"),
            Map.entry("StripeSearchResult.total_count", "includable"),
            Map.entry("Plan.tiers", "includable"),
            Map.entry("Invoice.Issuer.account", "only when the issuer's type is account (Connect)"),
            Map.entry("Subscription.InvoiceSettings.Issuer.account", "only when the issuer's type is account (Connect)"),
            Map.entry("Event.Data.previous_attributes", "only on events that update an object"),
            Map.entry("Event.account", "only on Connect events"),
            Map.entry("Event.context", "only on events of an organization's accounts"),
            Map.entry("*.deleted", "only on a deleted object's stub"));

    private final ObjectMapper json = new ObjectMapper();
    final Map<String, Tally> tally = new TreeMap<>();
    final List<Finding> findings = new ArrayList<>();

    Tally tally(String endpoint) {
        return tally.computeIfAbsent(endpoint, e -> new Tally());
    }

    // ---- answers --------------------------------------------------------------------------------------------
    /** One successful answer of an endpoint, checked against the model class its {@code object} names. */
    void checkAnswer(String endpoint, String body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (Exception e) {
            findings.add(new Finding(endpoint, "$", "not JSON: " + e.getMessage()));
            return;
        }
        tally(endpoint).answers++;
        Class<?> cls = classFor(node);
        if (cls == null) {
            findings.add(new Finding(endpoint, "$", "object \"" + node.path("object").asText() + "\" is no Stripe model"));
            return;
        }
        checkObject(endpoint, node, cls, Map.of(), "$");
    }

    private static Class<?> classFor(JsonNode node) {
        String object = node.path("object").asText(null);
        if (object == null) {
            return null;
        }
        return switch (object) {
            case "list" -> StripeCollection.class;
            case "search_result" -> StripeSearchResult.class;
            default -> EventDataClassLookup.classLookup.get(object);
        };
    }

    private void checkObject(String endpoint, JsonNode node, Class<?> cls, Map<TypeVariable<?>, Type> bound, String path) {
        Map<String, Field> fields = modelFields(cls);
        Map<TypeVariable<?>, Type> vars = new HashMap<>(bound);
        bind(cls, vars);
        Tally t = tally(endpoint);
        t.objects++;
        boolean deletedStub = node.path("deleted").asBoolean(false);
        node.fieldNames().forEachRemaining(name -> {
            Field f = fields.get(name);
            t.fields++;
            if (f == null) {
                findings.add(new Finding(endpoint, path + "." + name, "Stripe's " + typeName(cls) + " has no such field"));
            } else {
                checkValue(endpoint, node.get(name), f.getGenericType(), vars, path + "." + name);
            }
        });
        if (deletedStub) {
            return; // Stripe's answer to a delete is {id, object, deleted}
        }
        for (String name : fields.keySet()) {
            if (!node.has(name) && !OMITTED_UNLESS_ASKED.containsKey(typeName(cls) + "." + name)
                    && !OMITTED_UNLESS_ASKED.containsKey("*." + name)) {
                findings.add(new Finding(endpoint, path + "." + name, "missing: Stripe's " + typeName(cls) + " always has it"));
            }
        }
    }

    private void checkValue(String endpoint, JsonNode v, Type type, Map<TypeVariable<?>, Type> vars, String path) {
        if (v == null || v.isNull()) {
            return; // stripe-java's model does not say which fields may be null
        }
        if (type instanceof TypeVariable<?> tv) {
            type = vars.getOrDefault(tv, Object.class);
        }
        Class<?> raw = raw(type);
        String problem = null;
        if (raw == String.class) {
            problem = v.isTextual() ? null : "should be text";
        } else if (raw == Long.class || raw == Integer.class) {
            problem = v.isIntegralNumber() ? null : "should be an integer";
        } else if (raw == Boolean.class) {
            problem = v.isBoolean() ? null : "should be true or false";
        } else if (raw == BigDecimal.class) {
            problem = (v.isTextual() && v.asText().matches("-?\\d+(\\.\\d+)?")) || v.isNumber() ? null : "should be a decimal string";
        } else if (raw == Double.class) {
            problem = v.isNumber() ? null : "should be a number";
        } else if (List.class.isAssignableFrom(raw)) {
            if (!v.isArray()) {
                problem = "should be a list";
            } else {
                Type element = arg(type, 0);
                for (int i = 0; i < v.size(); i++) {
                    checkValue(endpoint, v.get(i), element, vars, path + "[" + i + "]");
                }
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (!v.isObject()) {
                problem = "should be an object of keys";
            } else if (raw(arg(type, 1)) == String.class) {
                var it = v.fields();
                while (it.hasNext()) {
                    var e = it.next();
                    if (!e.getValue().isTextual()) {
                        findings.add(new Finding(endpoint, path + "." + e.getKey(), "should be text"));
                    }
                }
            }
        } else if (raw == ExpandableField.class) {
            if (v.isObject()) {
                checkValue(endpoint, v, arg(type, 0), vars, path);
            } else {
                problem = v.isTextual() ? null : "should be an id or the expanded object";
            }
        } else if (raw == com.google.gson.JsonObject.class || raw.isInterface() || raw == Object.class) {
            // an event's data.object, or a polymorphic field: the object says what it is
            if (v.isObject() && classFor(v) != null) {
                checkObject(endpoint, v, classFor(v), Map.of(), path);
            }
        } else if (StripeObject.class.isAssignableFrom(raw)) {
            if (!v.isObject()) {
                problem = "should be an object";
            } else {
                Class<?> actual = v.has("object") && classFor(v) != null && raw.isAssignableFrom(classFor(v)) ? classFor(v) : raw;
                checkObject(endpoint, v, actual, type instanceof ParameterizedType ? bindings(type) : Map.of(), path);
            }
        }
        if (problem != null) {
            findings.add(new Finding(endpoint, path, problem + " (was " + v.getNodeType().name().toLowerCase(Locale.ROOT) + ")"));
        }
    }

    /** Every JSON field of a model class and its superclasses, by its serialized name. */
    static Map<String, Field> modelFields(Class<?> cls) {
        Map<String, Field> out = new LinkedHashMap<>();
        for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m) || Modifier.isPrivate(m) || f.isSynthetic()) {
                    continue;
                }
                SerializedName sn = f.getAnnotation(SerializedName.class);
                out.putIfAbsent(sn != null ? sn.value() : snake(f.getName()), f);
            }
        }
        return out;
    }

    static String typeName(Class<?> cls) {
        return cls.getName().replaceFirst("^com\\.stripe\\.(model|param)\\.", "").replace('$', '.');
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (t instanceof java.lang.reflect.WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static Type arg(Type t, int i) {
        return t instanceof ParameterizedType p && p.getActualTypeArguments().length > i ? p.getActualTypeArguments()[i] : Object.class;
    }

    private static Map<TypeVariable<?>, Type> bindings(Type t) {
        Map<TypeVariable<?>, Type> out = new HashMap<>();
        ParameterizedType p = (ParameterizedType) t;
        TypeVariable<?>[] vars = ((Class<?>) p.getRawType()).getTypeParameters();
        for (int i = 0; i < vars.length; i++) {
            out.put(vars[i], p.getActualTypeArguments()[i]);
        }
        return out;
    }

    /** The type arguments a class gives its generic superclasses (InvoiceLineItemCollection's T is InvoiceLineItem). */
    private static void bind(Class<?> cls, Map<TypeVariable<?>, Type> vars) {
        for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof ParameterizedType p) {
                vars.putAll(bindings(p));
            }
        }
    }

    // ---- parameters -----------------------------------------------------------------------------------------
    /**
     * One accepted parameter path ({@code recurring.interval}, {@code metadata.*}, {@code lines.amount}) checked
     * against the endpoint's stripe-java parameter class: each step must be a field Stripe names so, and nested
     * steps must go into a nested parameter class (a list's element, or the object form of a polymorphic field).
     */
    void checkParameter(String endpoint, Class<? extends ApiRequestParams> params, String path) {
        tally(endpoint).parameters++;
        Class<?> cls = params;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            Field f = paramFields(cls).get(parts[i]);
            if (f == null) {
                findings.add(new Finding(endpoint, path, "Stripe's " + typeName(cls) + " has no parameter " + parts[i]));
                return;
            }
            if (i == parts.length - 1) {
                return;
            }
            if (parts[i + 1].equals("*")) {
                Class<?> raw = raw(f.getGenericType());
                if (!Map.class.isAssignableFrom(raw) && raw != Object.class) {
                    findings.add(new Finding(endpoint, path, parts[i] + " takes no free-form keys in Stripe"));
                }
                return;
            }
            Class<?> nested = nestedParams(cls, f);
            if (nested == null) {
                findings.add(new Finding(endpoint, path, parts[i] + " has no nested parameters in Stripe"));
                return;
            }
            cls = nested;
        }
    }

    private static Map<String, Field> paramFields(Class<?> cls) {
        Map<String, Field> out = new LinkedHashMap<>();
        for (Field f : cls.getDeclaredFields()) {
            SerializedName sn = f.getAnnotation(SerializedName.class);
            if (sn != null && !Modifier.isStatic(f.getModifiers())) {
                out.put(sn.value(), f);
            }
        }
        return out;
    }

    /** The parameter class a field's nested keys belong to: its type, its list's element, or its object form. */
    private static Class<?> nestedParams(Class<?> owner, Field f) {
        Type t = f.getGenericType();
        Class<?> raw = raw(t);
        if (List.class.isAssignableFrom(raw)) {
            raw = raw(arg(t, 0));
        }
        if (isParams(raw)) {
            return raw;
        }
        if (raw == Object.class) {
            String camel = camel(f.getAnnotation(SerializedName.class).value());
            for (Class<?> inner : owner.getDeclaredClasses()) {
                String name = inner.getSimpleName();
                if (isParams(inner) && (name.equals(camel) || (camel.endsWith("s")
                        && name.equals(camel.substring(0, camel.length() - 1))))) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** A class of Stripe's request parameters: top level or nested, never one of their enums. */
    private static boolean isParams(Class<?> c) {
        return c.getName().startsWith("com.stripe.param.") && !c.isEnum() && !c.getSimpleName().equals("Builder");
    }

    private static String camel(String snake) {
        StringBuilder b = new StringBuilder();
        for (String part : snake.split("_")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }
}
