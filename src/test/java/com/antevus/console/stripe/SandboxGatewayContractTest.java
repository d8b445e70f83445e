package com.antevus.console.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.Secret;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.net.ApiRequestParams;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The gateway contract against the console's sandbox (every build), and then the sandbox held to Stripe's
 * published shapes: every answer it gave during the contract (and to a call of each endpoint the gateway does not
 * use) against stripe-java's model, every parameter it accepts against stripe-java's parameter classes, and an
 * unknown parameter, at the top and nested, refused on every endpoint.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxGatewayContractTest extends StripeGatewayContract {
    /** The instant this test lives at. */
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(com.antevus.console.support.TestClocks.NOV_22_2026_NOON);
    static final String KEY = "sk_test_contract_suite_7781";
    static SandboxServer sandbox;
    static StripeGateway gateway;
    static final ConcurrentLinkedQueue<String[]> ANSWERS = new ConcurrentLinkedQueue<>();

    /** Each endpoint the sandbox serves, and the stripe-java class that holds Stripe's parameters for it. */
    static final Map<String, String> PARAMS = new LinkedHashMap<>();

    static {
        String[][] table = {
                {"POST /v1/customers", "CustomerCreateParams"}, {"GET /v1/customers", "CustomerListParams"},
                {"GET /v1/customers/search", "CustomerSearchParams"}, {"GET /v1/customers/{id}", "CustomerRetrieveParams"},
                {"POST /v1/customers/{id}", "CustomerUpdateParams"}, {"POST /v1/products", "ProductCreateParams"},
                {"GET /v1/products/{id}", "ProductRetrieveParams"}, {"POST /v1/products/{id}", "ProductUpdateParams"},
                {"POST /v1/prices", "PriceCreateParams"}, {"GET /v1/prices", "PriceListParams"},
                {"GET /v1/prices/{id}", "PriceRetrieveParams"}, {"POST /v1/prices/{id}", "PriceUpdateParams"},
                {"POST /v1/coupons", "CouponCreateParams"}, {"GET /v1/coupons", "CouponListParams"},
                {"GET /v1/coupons/{id}", "CouponRetrieveParams"}, {"DELETE /v1/coupons/{id}", null},
                {"POST /v1/promotion_codes", "PromotionCodeCreateParams"}, {"GET /v1/promotion_codes", "PromotionCodeListParams"},
                {"GET /v1/promotion_codes/{id}", "PromotionCodeRetrieveParams"}, {"POST /v1/promotion_codes/{id}", "PromotionCodeUpdateParams"},
                {"POST /v1/invoiceitems", "InvoiceItemCreateParams"}, {"GET /v1/invoiceitems", "InvoiceItemListParams"},
                {"GET /v1/invoiceitems/{id}", "InvoiceItemRetrieveParams"}, {"POST /v1/invoices", "InvoiceCreateParams"},
                {"GET /v1/invoices", "InvoiceListParams"}, {"GET /v1/invoices/search", "InvoiceSearchParams"},
                {"GET /v1/invoices/{id}", "InvoiceRetrieveParams"}, {"POST /v1/invoices/{id}", "InvoiceUpdateParams"},
                {"DELETE /v1/invoices/{id}", null}, {"GET /v1/invoices/{id}/lines", "InvoiceLineItemListParams"},
                {"POST /v1/invoices/{id}/add_lines", "InvoiceAddLinesParams"},
                {"POST /v1/invoices/{id}/finalize", "InvoiceFinalizeInvoiceParams"},
                {"POST /v1/invoices/{id}/send", "InvoiceSendInvoiceParams"}, {"POST /v1/invoices/{id}/void", "InvoiceVoidInvoiceParams"},
                {"POST /v1/invoices/{id}/mark_uncollectible", "InvoiceMarkUncollectibleParams"},
                {"POST /v1/invoices/{id}/pay", "InvoicePayParams"}, {"POST /v1/credit_notes", "CreditNoteCreateParams"},
                {"GET /v1/credit_notes", "CreditNoteListParams"}, {"GET /v1/credit_notes/preview", "CreditNotePreviewParams"},
                {"GET /v1/credit_notes/{id}", "CreditNoteRetrieveParams"}, {"GET /v1/credit_notes/{id}/lines", "CreditNoteLineItemListParams"},
                {"POST /v1/credit_notes/{id}/void", "CreditNoteVoidCreditNoteParams"},
                {"GET /v1/customers/{id}/balance_transactions", "CustomerBalanceTransactionListParams"},
                {"POST /v1/customers/{id}/balance_transactions", "CustomerBalanceTransactionCreateParams"},
                {"POST /v1/subscriptions", "SubscriptionCreateParams"}, {"GET /v1/subscriptions/{id}", "SubscriptionRetrieveParams"},
                {"POST /v1/subscriptions/{id}", "SubscriptionUpdateParams"}, {"DELETE /v1/subscriptions/{id}", "SubscriptionCancelParams"},
                {"POST /v1/billing/meters", "billing.MeterCreateParams"}, {"GET /v1/billing/meters", "billing.MeterListParams"},
                {"GET /v1/billing/meters/{id}", "billing.MeterRetrieveParams"},
                {"POST /v1/billing/meter_events", "billing.MeterEventCreateParams"},
                {"GET /v1/events", "EventListParams"}, {"GET /v1/events/{id}", "EventRetrieveParams"},
        };
        for (String[] row : table) {
            PARAMS.put(row[0], row[1]);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.start(TestPostgres.dataSource(TestPostgres.freshDatabase("contract"), "postgres"), 0, KEY, CLOCK);
        sandbox.observe((endpoint, status, body) -> {
            if (status == 200) {
                ANSWERS.add(new String[]{endpoint, body});
            }
        });
        gateway = StripeGateway.create(Secret.ofNullable(KEY), sandbox.url(),
                GatewayOptions.defaults().withRate(200).withRetries(3, Duration.ofMillis(5), Duration.ofMillis(50)));
        // a gateway built with a plain base URL shows the key's mode and last four, never the key
        assertThat(gateway.describe()).isEqualTo("TEST \u00b7\u00b7\u00b7\u00b77781");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Override
    protected StripeGateway gateway() {
        return gateway;
    }

    @Override
    protected <T> T onceSearchCaughtUp(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done) {
        sandbox.catchUpSearch();
        return read.get();
    }

    @Override
    protected java.time.Instant stripeNow() {
        return CLOCK.instant();
    }

    // ---- held to Stripe's shapes ------------------------------------------------------------------------------
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private record Answer(int status, JsonNode body) {
    }

    private Answer call(String method, String path, String... pairs) throws Exception {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            form.append(form.length() == 0 ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        boolean body = method.equals("POST");
        URI uri = URI.create(sandbox.url() + path + (!body && form.length() > 0 ? "?" + form : ""));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + KEY);
        b = body ? b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                : b.method(method, HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), json.readTree(r.body()));
    }

    private String ok(String method, String path, String... pairs) throws Exception {
        Answer a = call(method, path, pairs);
        assertThat(a.status()).as(method + " " + path + ": " + a.body()).isEqualTo(200);
        return a.body().path("id").asText(null);
    }

    /** One call of each endpoint the contract's gateway calls do not reach, so every answer the sandbox gives is checked. */
    private void callWhatTheGatewayDoesNot() throws Exception {
        String customer = ok("POST", "/v1/customers", "name", "Shapes " + run, "metadata[organization_id]", run + "-shapes");
        ok("GET", "/v1/customers", "limit", "3", "created[gte]", String.valueOf(stripeNow().getEpochSecond() - 60));
        String product = ok("POST", "/v1/products", "name", "Shapes " + run);
        ok("GET", "/v1/products/" + product);
        String oneTime = ok("POST", "/v1/prices", "product", product, "currency", "usd", "unit_amount_decimal", "1250.5");
        ok("GET", "/v1/prices/" + oneTime);
        ok("GET", "/v1/prices", "product", product);
        String item = ok("POST", "/v1/invoiceitems", "customer", customer, "currency", "usd", "unit_amount_decimal", "1250.5",
                "quantity", "3", "description", "Shapes");
        ok("GET", "/v1/invoiceitems/" + item);
        ok("GET", "/v1/invoiceitems", "customer", customer);
        String invoice = ok("POST", "/v1/invoices", "customer", customer, "collection_method", "send_invoice", "days_until_due", "30",
                "pending_invoice_items_behavior", "include");
        ok("POST", "/v1/invoices/" + invoice, "description", "Shapes, edited");
        String draft = ok("POST", "/v1/invoices", "customer", customer, "collection_method", "send_invoice", "days_until_due", "30",
                "pending_invoice_items_behavior", "exclude");
        ok("DELETE", "/v1/invoices/" + draft);
        assertThat(call("GET", "/v1/invoices/" + draft).status()).as("a deleted draft is gone").isEqualTo(404);
        ok("POST", "/v1/invoices/" + invoice + "/finalize");
        ok("GET", "/v1/credit_notes/preview", "invoice", invoice, "amount", "500");
        String note = ok("POST", "/v1/credit_notes", "invoice", invoice, "amount", "500");
        ok("GET", "/v1/credit_notes/" + note + "/lines");
        ok("GET", "/v1/credit_notes", "invoice", invoice);
        ok("GET", "/v1/credit_notes/" + note);
        ok("POST", "/v1/customers/" + customer + "/balance_transactions", "amount", "-700", "currency", "usd", "description", "Goodwill");
        ok("GET", "/v1/customers/" + customer + "/balance_transactions");
        String monthly = ok("POST", "/v1/prices", "product", product, "currency", "usd", "unit_amount", "9900", "recurring[interval]", "month");
        String subscription = ok("POST", "/v1/subscriptions", "customer", customer, "items[0][price]", monthly,
                "collection_method", "send_invoice", "days_until_due", "30");
        ok("GET", "/v1/subscriptions/" + subscription);
        String meter = ok("POST", "/v1/billing/meters", "display_name", "Shapes " + run, "event_name", "shapes_" + run,
                "default_aggregation[formula]", "sum");
        ok("GET", "/v1/billing/meters/" + meter);
        ok("GET", "/v1/billing/meters");
        String coupon = ok("POST", "/v1/coupons", "percent_off", "10", "duration", "once");
        ok("GET", "/v1/coupons/" + coupon);
        String code = ok("POST", "/v1/promotion_codes", "promotion[type]", "coupon", "promotion[coupon]", coupon, "code", "SHAPES" + run.toUpperCase());
        ok("GET", "/v1/promotion_codes/" + code);
        sandbox.catchUpSearch();
        ok("GET", "/v1/customers/search", "query", "metadata['organization_id']:'" + run + "-shapes'");
        String event = call("GET", "/v1/events", "limit", "1").body().path("data").path(0).path("id").asText();
        ok("GET", "/v1/events/" + event);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    @SuppressWarnings("unchecked")
    void everyAnswerAndEveryParameterHasStripesShape() throws Exception {
        callWhatTheGatewayDoesNot();
        StripeShapes shapes = new StripeShapes();
        ANSWERS.forEach(a -> shapes.checkAnswer(a[0], a[1]));

        Map<String, Set<String>> accepted = sandbox.acceptedParameters();
        assertThat(PARAMS.keySet()).as("every endpoint the sandbox serves has its Stripe parameter class named here")
                .containsExactlyInAnyOrderElementsOf(accepted.keySet());
        List<String> unrefused = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : accepted.entrySet()) {
            String endpoint = e.getKey();
            String className = PARAMS.get(endpoint);
            if (className == null) {
                assertThat(e.getValue()).as(endpoint + " takes no parameters in Stripe").isEmpty();
            } else {
                var params = (Class<? extends ApiRequestParams>) Class.forName("com.stripe.param." + className);
                e.getValue().forEach(path -> shapes.checkParameter(endpoint, params, path));
            }
            // an unknown parameter is refused with Stripe's 400, at the top and inside each nested parameter
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{id}", "x_shapes");
            Set<String> tried = new TreeSet<>(Set.of("shapes_bogus"));
            for (String p : e.getValue()) {
                if (p.contains(".") && !p.endsWith(".*")) {
                    String[] parent = p.substring(0, p.lastIndexOf('.')).split("\\.");
                    StringBuilder name = new StringBuilder(parent[0]);
                    for (int i = 1; i < parent.length; i++) {
                        name.append('[').append(parent[i]).append(']');
                    }
                    tried.add(name.append("[shapes_bogus]").toString());
                }
            }
            for (String name : tried) {
                Answer a = call(method, path, name, "1");
                if (a.status() != 400 || !"parameter_unknown".equals(a.body().path("error").path("code").asText())
                        || !name.equals(a.body().path("error").path("param").asText())) {
                    unrefused.add(endpoint + " " + name + " -> " + a.status() + " " + a.body());
                }
            }
            shapes.tally(endpoint).parameters += 0;
        }

        System.out.println("Sandbox against Stripe's shapes (stripe-java " + com.stripe.Stripe.VERSION + ", API "
                + com.stripe.Stripe.API_VERSION + "):");
        System.out.printf("%-46s %8s %8s %8s %11s%n", "endpoint", "answers", "objects", "fields", "parameters");
        int[] total = new int[4];
        shapes.tally.forEach((endpoint, t) -> {
            System.out.printf("%-46s %8d %8d %8d %11d%n", endpoint, t.answers, t.objects, t.fields, t.parameters);
            total[0] += t.answers;
            total[1] += t.objects;
            total[2] += t.fields;
            total[3] += t.parameters;
        });
        System.out.printf("%-46s %8d %8d %8d %11d%n", "all " + shapes.tally.size() + " endpoints", total[0], total[1], total[2], total[3]);
        System.out.println(shapes.findings.size() + " differences from Stripe's shapes; " + unrefused.size() + " unknown parameters not refused");
        shapes.findings.forEach(f -> System.out.println("  " + f));
        unrefused.forEach(u -> System.out.println("  " + u));

        assertThat(PARAMS.keySet()).as("every endpoint answered at least once, so every answer's shape was checked")
                .allSatisfy(endpoint -> assertThat(shapes.tally.containsKey(endpoint) && shapes.tally.get(endpoint).answers > 0)
                        .as(endpoint).isTrue());
        assertThat(unrefused).isEmpty();
        assertThat(shapes.findings).isEmpty();
    }
}
