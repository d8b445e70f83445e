package com.antevus.console.stripe.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, stateful stand-in for the subset of Stripe's REST API the console uses, speaking Stripe's wire
 * format (form-encoded requests, JSON objects, lists, errors, idempotency). Binds 127.0.0.1 only. Its
 * state lives in the console's database (schema stripe_sandbox). Accepts test-mode keys only.
 */
public final class SandboxServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final HttpServer http;
    private final ExecutorService pool;
    private final SandboxStore store;
    private final SandboxApi api;
    private final String requiredKey;
    private final Set<String> revokedKeys = ConcurrentHashMap.newKeySet();
    private final FaultPlan faults = new FaultPlan();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final List<Route> routes = new ArrayList<>();

    @FunctionalInterface
    private interface Handler {
        ObjectNode handle(SandboxApi.Call call) throws SQLException;
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private SandboxServer(HttpServer http, ExecutorService pool, DataSource dataSource, String requiredKey, java.time.Clock clock) {
        this.http = http;
        this.pool = pool;
        this.store = new SandboxStore(dataSource, clock);
        this.requiredKey = requiredKey;
        this.api = new SandboxApi(url(), clock);
        defineRoutes();
    }

    /**
     * Starts on 127.0.0.1.
     *
     * @param port        0 for any free port
     * @param requiredKey the only key accepted, or null to accept any test-mode key (sk_test_..., rk_test_...)
     * @param clock       Stripe's clock here: the console's, so objects carry the rehearsed or tested time
     */
    public static SandboxServer start(DataSource dataSource, int port, String requiredKey, java.time.Clock clock) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "stripe-sandbox-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        SandboxServer server = new SandboxServer(http, pool, dataSource, requiredKey, clock);
        http.createContext("/", server::serve);
        http.start();
        LOG.info("Stripe sandbox listening on {}", server.url());
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Faults to inject into POST requests (tests). */
    public FaultPlan faults() {
        return faults;
    }

    private volatile boolean allRevoked;

    /** From now on every key gets 401 "expired", as when an admin rolls the account's keys. */
    public void revokeAllKeys() {
        allRevoked = true;
    }

    /** From now on, this key gets 401 "expired", as a revoked Stripe key would. */
    public void revoke(String key) {
        revokedKeys.add(key);
    }

    public long requestCount() {
        return requests.get();
    }

    /** Requests refused with 429 by the account's rate limit ({@link FaultPlan#limit}), not by injected faults. */
    public long rateLimitedCount() {
        return rateLimited.get();
    }

    /**
     * Forgets every stored idempotency key, as Stripe does once a key is 24 hours old: a retried POST is then
     * executed again, so callers must look their object up before creating it.
     */
    public void expireIdempotencyKeys() {
        store.forgetIdempotencyKeys();
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }

    private void route(String method, String path, Handler handler) {
        routes.add(new Route(method, Pattern.compile(path.replace("{id}", "([^/]+)")), handler));
    }

    private void defineRoutes() {
        route("POST", "/v1/customers", api::createCustomer);
        route("GET", "/v1/customers", api::listCustomers);
        route("GET", "/v1/customers/search", c -> api.search(c, "customer", "/v1/customers/search"));
        route("GET", "/v1/customers/{id}", api::retrieveCustomer);
        route("POST", "/v1/customers/{id}", api::updateCustomer);
        route("POST", "/v1/products", api::createProduct);
        route("GET", "/v1/products/{id}", api::retrieveProduct);
        route("POST", "/v1/products/{id}", api::updateProduct);
        route("POST", "/v1/prices", api::createPrice);
        route("GET", "/v1/prices", api::listPrices);
        route("GET", "/v1/prices/{id}", api::retrievePrice);
        route("POST", "/v1/prices/{id}", api::updatePrice);
        route("POST", "/v1/coupons", api::createCoupon);
        route("GET", "/v1/coupons", c -> api.coupons().listCoupons(c));
        route("GET", "/v1/coupons/{id}", api::retrieveCoupon);
        route("DELETE", "/v1/coupons/{id}", c -> api.coupons().deleteCoupon(c));
        route("POST", "/v1/promotion_codes", c -> api.coupons().createPromotionCode(c));
        route("GET", "/v1/promotion_codes", c -> api.coupons().listPromotionCodes(c));
        route("GET", "/v1/promotion_codes/{id}", c -> api.coupons().retrievePromotionCode(c));
        route("POST", "/v1/promotion_codes/{id}", c -> api.coupons().updatePromotionCode(c));
        route("POST", "/v1/invoiceitems", api::createInvoiceItem);
        route("GET", "/v1/invoiceitems", api::listInvoiceItems);
        route("GET", "/v1/invoiceitems/{id}", api::retrieveInvoiceItem);
        route("POST", "/v1/invoices", api::createInvoice);
        route("GET", "/v1/invoices", api::listInvoices);
        route("GET", "/v1/invoices/search", c -> api.search(c, "invoice", "/v1/invoices/search"));
        route("GET", "/v1/invoices/{id}", api::retrieveInvoice);
        route("POST", "/v1/invoices/{id}", api::updateInvoice);
        route("DELETE", "/v1/invoices/{id}", api::deleteInvoice);
        route("GET", "/v1/invoices/{id}/lines", api::invoiceLines);
        route("POST", "/v1/invoices/{id}/add_lines", api::addLines);
        route("POST", "/v1/invoices/{id}/finalize", api::finalizeInvoice);
        route("POST", "/v1/invoices/{id}/send", api::sendInvoice);
        route("POST", "/v1/invoices/{id}/void", api::voidInvoice);
        route("POST", "/v1/invoices/{id}/mark_uncollectible", api::markUncollectible);
        route("POST", "/v1/invoices/{id}/pay", api::payInvoice);
        route("POST", "/v1/credit_notes", c -> api.creditNotes().create(c));
        route("GET", "/v1/credit_notes", c -> api.creditNotes().listNotes(c));
        route("GET", "/v1/credit_notes/preview", c -> api.creditNotes().preview(c));
        route("GET", "/v1/credit_notes/{id}", c -> api.creditNotes().retrieve(c));
        route("GET", "/v1/credit_notes/{id}/lines", c -> api.creditNotes().lines(c));
        route("POST", "/v1/credit_notes/{id}/void", c -> api.creditNotes().voidNote(c));
        route("GET", "/v1/customers/{id}/balance_transactions", c -> api.creditNotes().listBalanceTransactions(c));
        route("POST", "/v1/customers/{id}/balance_transactions", c -> api.creditNotes().createBalanceTransaction(c));
        route("POST", "/v1/subscriptions", api::createSubscription);
        route("GET", "/v1/subscriptions/{id}", api::retrieveSubscription);
        route("POST", "/v1/subscriptions/{id}", api::updateSubscription);
        route("DELETE", "/v1/subscriptions/{id}", api::cancelSubscription);
        route("POST", "/v1/billing/meters", api::createMeter);
        route("GET", "/v1/billing/meters", api::listMeters);
        route("GET", "/v1/billing/meters/{id}", api::retrieveMeter);
        route("POST", "/v1/billing/meter_events", api::createMeterEvent);
        route("GET", "/v1/events", api::listEvents);
        route("GET", "/v1/events/{id}", api::retrieveEvent);
    }

    // ---- request handling ------------------------------------------------------------------------
    /** Thrown to make the JDK server close the socket without any response. */
    private static final class DropConnection extends RuntimeException {
        DropConnection() {
            super("dropped on purpose after commit (fault injection)", null, false, false);
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String requestId = SandboxApi.newId("req_");
        boolean drop = false;
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            if (method.equals("GET") && path.startsWith("/hosted/")) {
                hostedPage(ex, path.substring("/hosted/".length()));
                return;
            }
            String key = authenticate(ex);
            if (faults.slowMillis() > 0) {
                try {
                    Thread.sleep(faults.slowMillis()); // injected network latency, on every API call
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!faults.admit()) {
                rateLimited.incrementAndGet();
                throw new SandboxError(429, "invalid_request_error", "rate_limit", null,
                        "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.");
            }
            String raw = method.equals("POST") ? readBody(ex) : ex.getRequestURI().getRawQuery();
            Map<String, Object> params = FormParser.parse(raw);
            Matcher matched = null;
            Route route = null;
            boolean pathKnown = false;
            for (Route r : routes) {
                Matcher m = r.path().matcher(path);
                if (m.matches()) {
                    pathKnown = true;
                    if (r.method().equals(method)) {
                        route = r;
                        matched = m;
                        break;
                    }
                }
            }
            if (route == null) {
                throw new SandboxError(pathKnown ? 405 : 404, "invalid_request_error", null, null,
                        "Unrecognized request URL (" + method + ": " + path + "). The sandbox supports the subset "
                                + "listed in the README.");
            }
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= matched.groupCount(); i++) {
                ids.add(matched.group(i));
            }
            boolean mutating = !method.equals("GET");
            if (mutating && key.startsWith("rk_test_readonly")) {
                throw new SandboxError(403, "invalid_request_error", null, null, "The provided key '" + mask(key)
                        + "' does not have the required permissions for this endpoint. Having a write permission "
                        + "would allow this request to continue.");
            }
            if (!mutating) {
                Route r = route;
                ObjectNode result = store.read(tx -> api.expand(tx, r.handler().handle(
                        new SandboxApi.Call(tx, params, ids, requestId, null)), params));
                respond(ex, 200, result.toString(), requestId, false);
                return;
            }
            handleWrite(ex, route, params, ids, requestId, method + " " + path + " " + canonical(raw));
        } catch (SandboxError e) {
            respond(ex, e.status, error(e).toString(), requestId, false);
        } catch (DropConnection e) {
            drop = true;
            throw e; // the server closes the connection: the client sees the socket end with no answer
        } catch (RuntimeException e) {
            LOG.warn("Sandbox request failed", e);
            SandboxError internal = new SandboxError(500, "api_error", null, null,
                    "An unknown error occurred in the sandbox: " + e.getClass().getSimpleName());
            respond(ex, 500, error(internal).toString(), requestId, false);
        } finally {
            if (!drop) {
                ex.close();
            }
        }
    }

    private void handleWrite(HttpExchange ex, Route route, Map<String, Object> params, List<String> ids, String requestId,
                             String fingerprint) throws IOException {
        FaultPlan.Fault fault = faults.draw();
        if (fault == FaultPlan.Fault.RATE_LIMIT) {
            ex.getResponseHeaders().set("Retry-After", String.valueOf(faults.retryAfterSeconds()));
            SandboxError e = new SandboxError(429, "invalid_request_error", "rate_limit", null,
                    "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.");
            respond(ex, 429, error(e).toString(), requestId, false);
            return;
        }
        if (fault == FaultPlan.Fault.SERVER_ERROR) {
            ex.getResponseHeaders().set("Stripe-Should-Retry", "true");
            SandboxError e = new SandboxError(500, "api_error", null, null, "An unknown error occurred");
            respond(ex, 500, error(e).toString(), requestId, false);
            return;
        }
        String idempotencyKey = ex.getRequestHeaders().getFirst("Idempotency-Key");
        record Outcome(int status, String body, boolean replayed) {
        }
        Outcome outcome = store.write(tx -> {
            if (idempotencyKey != null) {
                SandboxStore.StoredResponse stored = tx.idempotent(idempotencyKey);
                if (stored != null) {
                    if (!stored.fingerprint().equals(fingerprint)) {
                        SandboxError e = new SandboxError(400, "idempotency_error", null, null,
                                "Keys for idempotent requests can only be used with the same parameters they were first "
                                        + "used with. Try using a key other than '" + idempotencyKey
                                        + "' if you meant to execute a different request.");
                        return new Outcome(400, error(e).toString(), false);
                    }
                    return new Outcome(stored.status(), stored.body(), true);
                }
            }
            int status;
            String body;
            tx.mark();
            try {
                ObjectNode result = route.handler().handle(new SandboxApi.Call(tx, params, ids, requestId, idempotencyKey));
                body = api.expand(tx, result, params).toString();
                status = 200;
            } catch (SandboxError e) {
                // a refused request changes nothing, but its answer is kept for the key like Stripe does
                tx.rollbackToMark();
                status = e.status;
                body = error(e).toString();
            }
            if (idempotencyKey != null) {
                tx.remember(idempotencyKey, fingerprint, status, body);
            }
            return new Outcome(status, body, false);
        });
        if (fault == FaultPlan.Fault.COMMIT_THEN_DROP && !outcome.replayed()) {
            // the work is committed; the client never hears back and must retry with the same key
            LOG.debug("Sandbox dropping the connection after committing {}", requestId);
            throw new DropConnection();
        }
        respond(ex, outcome.status(), outcome.body(), requestId, outcome.replayed());
    }

    private String authenticate(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        String key = null;
        if (header != null && header.startsWith("Bearer ")) {
            key = header.substring(7).strip();
        } else if (header != null && header.startsWith("Basic ")) {
            String decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
            key = decoded.endsWith(":") ? decoded.substring(0, decoded.length() - 1) : decoded;
        }
        if (key == null || key.isEmpty()) {
            throw new SandboxError(401, "invalid_request_error", null, null,
                    "You did not provide an API key. Provide it in the Authorization header as Bearer auth.");
        }
        if (allRevoked || revokedKeys.contains(key)) {
            throw new SandboxError(401, "invalid_request_error", "api_key_expired", null,
                    "Expired API Key provided: " + mask(key));
        }
        boolean testKey = key.startsWith("sk_test_") || key.startsWith("rk_test_");
        if (!testKey || (requiredKey != null && !requiredKey.equals(key))) {
            throw new SandboxError(401, "invalid_request_error", null, null, "Invalid API Key provided: " + mask(key));
        }
        return key;
    }

    /** Stripe's own masking: the prefix and the last four characters. */
    static String mask(String key) {
        int prefix = key.indexOf('_', 3) + 1;
        if (prefix <= 0 || key.length() < prefix + 8) {
            return "****";
        }
        return key.substring(0, prefix) + "*".repeat(key.length() - prefix - 4) + key.substring(key.length() - 4);
    }

    private static ObjectNode error(SandboxError e) {
        ObjectNode root = F.objectNode();
        ObjectNode err = root.putObject("error");
        err.put("type", e.type);
        if (e.code != null) {
            err.put("code", e.code);
        }
        err.put("message", e.getMessage());
        if (e.param != null) {
            err.put("param", e.param);
        }
        return root;
    }

    /** Parameters in a canonical order, so the same request always fingerprints the same. */
    private static String canonical(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        Map<String, List<String>> sorted = new TreeMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            sorted.computeIfAbsent(k, x -> new ArrayList<>()).add(pair);
        }
        StringBuilder b = new StringBuilder();
        sorted.values().forEach(v -> v.forEach(p -> b.append(p).append('&')));
        return b.toString();
    }

    private static String readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void respond(HttpExchange ex, int status, String body, String requestId, boolean replayed) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Request-Id", requestId);
        ex.getResponseHeaders().set("Stripe-Version", SandboxApi.API_VERSION);
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null) {
            ex.getResponseHeaders().set("Idempotency-Key", key);
        }
        if (replayed) {
            ex.getResponseHeaders().set("Idempotent-Replayed", "true");
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A plain hosted invoice page, so "open the hosted invoice page" works offline. */
    private void hostedPage(HttpExchange ex, String invoiceId) throws IOException {
        ObjectNode invoice = store.read(tx -> tx.get(invoiceId));
        String html;
        int status = 200;
        if (invoice == null || !"invoice".equals(invoice.path("object").asText()) || invoice.get("number").isNull()) {
            status = 404;
            html = "<html><body><h1>Invoice not found</h1></body></html>";
        } else {
            StringBuilder rows = new StringBuilder();
            invoice.get("lines").get("data").forEach(l -> rows.append("<tr><td>").append(escape(l.path("description").asText("")))
                    .append("</td><td style='text-align:right'>").append(amount(l.get("amount").asLong(), l.get("currency").asText()))
                    .append("</td></tr>"));
            html = "<html><head><title>Invoice " + escape(invoice.get("number").asText()) + "</title></head>"
                    + "<body style='font-family:sans-serif;max-width:640px;margin:40px auto'>"
                    + "<p style='color:#888'>Stripe sandbox (not a real invoice)</p>"
                    + "<h1>Invoice " + escape(invoice.get("number").asText()) + "</h1>"
                    + "<p>Status: <b>" + escape(invoice.get("status").asText()) + "</b></p>"
                    + "<table style='width:100%'>" + rows + "</table>"
                    + "<p style='text-align:right'><b>Amount due: " + amount(invoice.get("amount_due").asLong(),
                    invoice.get("currency").asText()) + "</b></p></body></html>";
        }
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
        ex.close();
    }

    private static String amount(long minor, String currency) {
        return java.math.BigDecimal.valueOf(minor, 2).toPlainString() + " " + currency.toUpperCase();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
