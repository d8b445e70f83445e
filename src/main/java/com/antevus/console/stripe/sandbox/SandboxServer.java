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
    /** The keys this sandbox issued: a secret key maps to null, a restricted key to its permissions. */
    private final Map<String, Map<String, Access>> issuedKeys = new ConcurrentHashMap<>();
    private final Set<String> revokedKeys = ConcurrentHashMap.newKeySet();

    /** A restricted key's permission on one resource (Stripe's "Read" and "Write"; absent is "None"). */
    public enum Access { READ, WRITE }
    private final FaultPlan faults = new FaultPlan();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final List<Route> routes = new ArrayList<>();

    @FunctionalInterface
    private interface Handler {
        ObjectNode handle(SandboxApi.Call call) throws SQLException;
    }

    private record Route(String method, String template, Pattern path, ParameterSpec spec, Handler handler) {
    }

    private SandboxServer(HttpServer http, ExecutorService pool, DataSource dataSource, String requiredKey, java.time.Clock clock) {
        this.http = http;
        this.pool = pool;
        this.store = new SandboxStore(dataSource, clock);
        if (requiredKey != null) {
            issueSecretKey(requiredKey);
        }
        this.api = new SandboxApi(url(), clock);
        defineRoutes();
    }

    /**
     * Starts on 127.0.0.1.
     *
     * @param port        0 for any free port
     * @param requiredKey a secret key to issue at once (as {@link #issueSecretKey}), or null to issue none yet: the
     *                    sandbox accepts only keys it issued, as Stripe does
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

    /** Hears every answer the sandbox gives to an API request, by endpoint ("POST /v1/invoices/{id}/finalize"). */
    @FunctionalInterface
    public interface ResponseObserver {
        void answered(String endpoint, int status, String body);
    }

    private static final ThreadLocal<String> ENDPOINT = new ThreadLocal<>();
    private volatile ResponseObserver observer;

    /** From now on, every answer is also given to this observer (the shape test checks them against Stripe's models). */
    public void observe(ResponseObserver observer) {
        this.observer = observer;
    }

    /**
     * Issues a test-mode secret key ({@code sk_test_...}) that may do everything, as when a developer copies the
     * account's key from the Dashboard. Returns the key.
     */
    public String issueSecretKey(String key) {
        if (!key.matches("sk_test_[A-Za-z0-9_]{8,}")) {
            throw new IllegalArgumentException("A sandbox secret key looks like sk_test_ followed by at least 8 letters, digits or _");
        }
        issuedKeys.put(key, Map.of());
        return key;
    }

    /**
     * Issues a restricted key ({@code rk_test_...}) with these permissions, by resource as the URL names it
     * ({@code customers}, {@code invoices}, {@code billing/meter_events}, …); a resource left out is "None".
     */
    public String issueRestrictedKey(String key, Map<String, Access> permissions) {
        if (!key.matches("rk_test_[A-Za-z0-9_]{8,}")) {
            throw new IllegalArgumentException("A sandbox restricted key looks like rk_test_ followed by at least 8 letters, digits or _");
        }
        issuedKeys.put(key, Map.copyOf(permissions));
        return key;
    }

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
        api.catchUpSearch(); // a day has passed for the keys: the search index has long caught up
    }

    /**
     * How long a new object stays out of search results (default 60 s on the sandbox's clock), as Stripe's
     * eventually consistent search index lags behind writes. {@link java.time.Duration#ZERO} makes search instant.
     */
    public void searchLag(java.time.Duration lag) {
        api.searchLag(lag);
    }

    /** Brings the search index up to now: everything created so far is found, as once Stripe's indexer caught up. */
    public void catchUpSearch() {
        api.catchUpSearch();
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }

    private void route(String method, String path, ParameterSpec spec, Handler handler) {
        routes.add(new Route(method, path, Pattern.compile(path.replace("{id}", "([^/]+)")), spec, handler));
    }

    private void defineRoutes() {
        ParameterSpec none = ParameterSpec.NONE;
        ParameterSpec search = ParameterSpec.of("query limit page");
        ParameterSpec customer = ParameterSpec.of("email name description metadata.* phone");
        ParameterSpec discounts = ParameterSpec.of("discounts.coupon discounts.promotion_code");
        route("POST", "/v1/customers", customer, api::createCustomer);
        route("GET", "/v1/customers", ParameterSpec.listByCreated("email"), api::listCustomers);
        route("GET", "/v1/customers/search", search, c -> api.search(c, "customer", "/v1/customers/search"));
        route("GET", "/v1/customers/{id}", none, api::retrieveCustomer);
        route("POST", "/v1/customers/{id}", customer, api::updateCustomer);
        route("POST", "/v1/products", ParameterSpec.of("id name description metadata.* active unit_label"), api::createProduct);
        route("GET", "/v1/products/{id}", none, api::retrieveProduct);
        route("POST", "/v1/products/{id}", ParameterSpec.of("name description metadata.* active"), api::updateProduct);
        route("POST", "/v1/prices", ParameterSpec.of("product product_data.name unit_amount unit_amount_decimal currency",
                "recurring.interval recurring.interval_count recurring.usage_type recurring.meter",
                "lookup_key transfer_lookup_key nickname metadata.* active"), api::createPrice);
        route("GET", "/v1/prices", ParameterSpec.listByCreated("lookup_keys product active"), api::listPrices);
        route("GET", "/v1/prices/{id}", none, api::retrievePrice);
        route("POST", "/v1/prices/{id}", ParameterSpec.of("active lookup_key transfer_lookup_key metadata.* nickname"), api::updatePrice);
        route("POST", "/v1/coupons", ParameterSpec.of("id percent_off amount_off currency duration duration_in_months name",
                "metadata.* max_redemptions redeem_by"), api::createCoupon);
        route("GET", "/v1/coupons", ParameterSpec.listByCreated(), c -> api.coupons().listCoupons(c));
        route("GET", "/v1/coupons/{id}", none, api::retrieveCoupon);
        route("DELETE", "/v1/coupons/{id}", none, c -> api.coupons().deleteCoupon(c));
        route("POST", "/v1/promotion_codes", ParameterSpec.of("promotion.type promotion.coupon code customer expires_at",
                "max_redemptions metadata.* active",
                "restrictions.first_time_transaction restrictions.minimum_amount restrictions.minimum_amount_currency"),
                c -> api.coupons().createPromotionCode(c));
        route("GET", "/v1/promotion_codes", ParameterSpec.listByCreated("code coupon active customer"),
                c -> api.coupons().listPromotionCodes(c));
        route("GET", "/v1/promotion_codes/{id}", none, c -> api.coupons().retrievePromotionCode(c));
        route("POST", "/v1/promotion_codes/{id}", ParameterSpec.of("active metadata.*"), c -> api.coupons().updatePromotionCode(c));
        route("POST", "/v1/invoiceitems", ParameterSpec.of("customer amount currency pricing.price quantity description metadata.*",
                "invoice period.start period.end discountable unit_amount_decimal"), api::createInvoiceItem);
        route("GET", "/v1/invoiceitems", ParameterSpec.listByCreated("customer pending invoice"), api::listInvoiceItems);
        route("GET", "/v1/invoiceitems/{id}", none, api::retrieveInvoiceItem);
        route("POST", "/v1/invoices", ParameterSpec.of("customer collection_method days_until_due due_date description metadata.*",
                "auto_advance pending_invoice_items_behavior currency footer subscription").and(discounts), api::createInvoice);
        route("GET", "/v1/invoices", ParameterSpec.listByCreated("customer status collection_method"), api::listInvoices);
        route("GET", "/v1/invoices/search", search, c -> api.search(c, "invoice", "/v1/invoices/search"));
        route("GET", "/v1/invoices/{id}", none, api::retrieveInvoice);
        route("POST", "/v1/invoices/{id}", ParameterSpec.of("description metadata.* days_until_due footer auto_advance"),
                api::updateInvoice);
        route("DELETE", "/v1/invoices/{id}", none, api::deleteInvoice);
        route("GET", "/v1/invoices/{id}/lines", ParameterSpec.list(), api::invoiceLines);
        route("POST", "/v1/invoices/{id}/add_lines", ParameterSpec.of("lines.amount lines.description lines.metadata.* lines.quantity",
                "lines.invoice_item lines.discountable lines.period.start lines.period.end invoice_metadata.*"), api::addLines);
        route("POST", "/v1/invoices/{id}/finalize", ParameterSpec.of("auto_advance"), api::finalizeInvoice);
        route("POST", "/v1/invoices/{id}/send", none, api::sendInvoice);
        route("POST", "/v1/invoices/{id}/void", none, api::voidInvoice);
        route("POST", "/v1/invoices/{id}/mark_uncollectible", none, api::markUncollectible);
        route("POST", "/v1/invoices/{id}/pay", ParameterSpec.of("paid_out_of_band forgive payment_method source off_session"),
                api::payInvoice);
        ParameterSpec creditNote = ParameterSpec.of("invoice amount credit_amount refund_amount out_of_band_amount reason memo",
                "metadata.* effective_at email_type lines.type lines.invoice_line_item lines.amount lines.quantity",
                "lines.description lines.unit_amount lines.metadata.*");
        route("POST", "/v1/credit_notes", creditNote, c -> api.creditNotes().create(c));
        route("GET", "/v1/credit_notes", ParameterSpec.listByCreated("invoice customer"), c -> api.creditNotes().listNotes(c));
        route("GET", "/v1/credit_notes/preview", creditNote, c -> api.creditNotes().preview(c));
        route("GET", "/v1/credit_notes/{id}", none, c -> api.creditNotes().retrieve(c));
        route("GET", "/v1/credit_notes/{id}/lines", ParameterSpec.list(), c -> api.creditNotes().lines(c));
        route("POST", "/v1/credit_notes/{id}/void", none, c -> api.creditNotes().voidNote(c));
        route("GET", "/v1/customers/{id}/balance_transactions", ParameterSpec.listByCreated(),
                c -> api.creditNotes().listBalanceTransactions(c));
        route("POST", "/v1/customers/{id}/balance_transactions", ParameterSpec.of("amount currency description metadata.*"),
                c -> api.creditNotes().createBalanceTransaction(c));
        route("POST", "/v1/subscriptions", ParameterSpec.of("customer items.price items.quantity metadata.* collection_method",
                "days_until_due cancel_at_period_end description proration_behavior payment_behavior").and(discounts),
                api::createSubscription);
        route("GET", "/v1/subscriptions/{id}", none, api::retrieveSubscription);
        route("POST", "/v1/subscriptions/{id}", ParameterSpec.of("items.id items.price items.quantity items.deleted metadata.*",
                "cancel_at_period_end proration_behavior description days_until_due payment_behavior").and(discounts),
                api::updateSubscription);
        route("DELETE", "/v1/subscriptions/{id}", none, api::cancelSubscription);
        route("POST", "/v1/billing/meters", ParameterSpec.of("display_name event_name default_aggregation.formula",
                "customer_mapping.event_payload_key customer_mapping.type value_settings.event_payload_key event_time_window"),
                api::createMeter);
        route("GET", "/v1/billing/meters", ParameterSpec.list(), api::listMeters);
        route("GET", "/v1/billing/meters/{id}", none, api::retrieveMeter);
        route("POST", "/v1/billing/meter_events", ParameterSpec.of("event_name payload.* identifier timestamp"), api::createMeterEvent);
        route("GET", "/v1/events", ParameterSpec.listByCreated("type"), api::listEvents);
        route("GET", "/v1/events/{id}", none, api::retrieveEvent);
    }

    /** What each endpoint accepts ("POST /v1/prices" to its parameter paths): the shape test checks them against Stripe's. */
    public Map<String, Set<String>> acceptedParameters() {
        Map<String, Set<String>> out = new java.util.LinkedHashMap<>();
        routes.forEach(r -> out.put(r.method() + " " + r.template(), r.spec().paths()));
        return out;
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
            ENDPOINT.set(method + " " + route.template());
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= matched.groupCount(); i++) {
                ids.add(matched.group(i));
            }
            route.spec().check(params);
            boolean mutating = !method.equals("GET");
            permit(key, route.template(), mutating);
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
            ENDPOINT.remove();
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
            boolean keep = true;
            tx.mark();
            try {
                ObjectNode result = route.handler().handle(new SandboxApi.Call(tx, params, ids, requestId, idempotencyKey));
                body = api.expand(tx, result, params).toString();
                status = 200;
            } catch (SandboxError e) {
                // a refused request changes nothing. Its answer is kept for the key, as Stripe keeps it, unless the
                // parameters failed validation: Stripe saves nothing then, so the corrected retry may reuse the key
                tx.rollbackToMark();
                status = e.status;
                body = error(e).toString();
                keep = !e.failedValidation();
            }
            if (idempotencyKey != null && keep) {
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
        if (!issuedKeys.containsKey(key)) {
            throw new SandboxError(401, "invalid_request_error", null, null, "Invalid API Key provided: " + mask(key));
        }
        return key;
    }

    /** A restricted key may call an endpoint only with the permission its resource needs; a secret key may call any. */
    private void permit(String key, String template, boolean mutating) {
        Map<String, Access> permissions = issuedKeys.get(key);
        if (!key.startsWith("rk_")) {
            return;
        }
        String resource = resource(template);
        Access has = permissions.get(resource);
        Access needs = mutating ? Access.WRITE : Access.READ;
        if (has == Access.WRITE || has == needs) {
            return;
        }
        throw new SandboxError(403, "invalid_request_error", null, null, "The provided key '" + mask(key)
                + "' does not have the required permissions for this endpoint. Having the '" + resource + "_"
                + needs.name().toLowerCase(java.util.Locale.ROOT) + "' permission would allow this request to continue.");
    }

    /** The resource an endpoint belongs to, as restricted keys grant it: {@code /v1/invoices/{id}/lines} is "invoices". */
    static String resource(String template) {
        String rest = template.substring("/v1/".length());
        String[] parts = rest.split("/");
        return parts[0].equals("billing") || parts[0].equals("test_helpers") ? parts[0] + "/" + parts[1] : parts[0];
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
        ResponseObserver o = observer;
        String endpoint = ENDPOINT.get();
        if (o != null && endpoint != null) {
            o.answered(endpoint, status, body);
        }
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
