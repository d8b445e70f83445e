package com.antevus.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.cli.CommandLineTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19's coupons command, the way a finance script would run it on a fresh --home against the sandbox. */
class CouponsCommandLineTest {
    /** November is invoiced on December 2. */
    static final String DEC_2 = "2026-12-02T09:00:00Z";

    @TempDir
    Path home;
    final ObjectMapper json = new ObjectMapper();

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--as-of", DEC_2));
        all.addAll(List.of(args));
        return CommandLineTest.run(all.toArray(String[]::new));
    }

    private JsonNode ok(Run r) throws Exception {
        assertThat(r.code()).as(r.err()).isZero();
        return json.readTree(r.out());
    }

    private void refused(Run r, String... words) {
        assertThat(r.code()).as(r.out()).isNotZero();
        assertThat(r.err()).contains(words);
    }

    @Test
    void aScriptCreatesACouponAppliesItToASubscriptionInvoicesTheDiscountAndRefusesMistakes() throws Exception {
        JsonNode created = ok(run("coupons", "create", "--id", "WINBACK-25", "--name", "Win-back", "--percent-off", "25", "--duration",
                "repeating", "--months", "3", "--reason", "Q4 win-back campaign", "--json")).get("coupon");
        assertThat(created.get("percent_off").decimalValue()).isEqualByComparingTo("25");
        assertThat(created.get("duration_in_months").asInt()).isEqualTo(3);
        refused(run("coupons", "create", "--id", "BAD", "--name", "Bad", "--percent-off", "120", "--duration", "once", "--reason", "x"),
                "at most 100", "Nothing was created");
        refused(run("coupons", "create", "--id", "BAD", "--name", "Bad", "--percent-off", "10", "--amount-off", "5", "--duration", "once",
                "--reason", "x"), "mutually exclusive");

        JsonNode plan = ok(run("invoice-run", "--period", "2026-11", "--dry-run", "--json")).get("created");
        JsonNode first = null;
        for (JsonNode p : plan) {
            if (p.get("total_minor").asLong() > 10_000) {
                first = p;
                break;
            }
        }
        assertThat(first).isNotNull();
        String org = first.get("organization_id").asText();
        long before = first.get("total_minor").asLong();

        Run dry = run("coupons", "apply", "--coupon", "winback-25", "--org", org, "--subscription", "--from", "2026-11", "--reason",
                "Retention call", "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Would apply WINBACK-25 (25% off)").contains(": the subscription, November 2026 to January 2027.")
                .contains("Nothing was written");
        assertThat(ok(run("coupons", "applied", "--org", org, "--json")).get("applications")).isEmpty();

        JsonNode applied = ok(run("coupons", "apply", "--coupon", "WINBACK-25", "--org", org, "--subscription", "--from", "2026-11",
                "--reason", "Retention call", "--json"));
        assertThat(applied.get("application").get("covers").asText()).isEqualTo("The subscription, November 2026 to January 2027");
        assertThat(applied.get("application").get("applies_to").asText()).isEqualTo("subscription");

        // November's invoice carries 25% off what it came to, rounded half up
        long off = BigDecimal.valueOf(before).multiply(new BigDecimal("0.25")).setScale(0, RoundingMode.HALF_UP).longValueExact();
        JsonNode invoiced = ok(run("invoice-run", "--period", "2026-11", "--org", org, "--json")).get("created").get(0);
        assertThat(invoiced.get("total_minor").asLong()).isEqualTo(before - off);

        // mistakes exit non-zero with a sentence and write nothing
        refused(run("coupons", "apply", "--coupon", "NOPE", "--org", org, "--invoice", "--from", "2026-12", "--reason", "x"), "There is no coupon NOPE");
        refused(run("coupons", "apply", "--coupon", "WINBACK-25", "--org", org, "--invoice", "--from", "2026-13", "--reason", "x"),
                "is not a month");
        refused(run("coupons", "apply", "--coupon", "WINBACK-25", "--org", org, "--invoice", "--subscription", "--from", "2026-12",
                "--reason", "x"), "mutually exclusive");
        refused(run("coupons", "apply", "--coupon", "WINBACK-25", "--org", org, "--invoice", "--from", "2026-11", "--reason", "Again"),
                "already in Stripe", "Nothing was applied");
        refused(run("coupons", "apply", "--coupon", "WINBACK-25", "--org", "not-a-uuid", "--invoice", "--from", "2026-12", "--reason", "x"),
                "not an organization id");
        JsonNode list = ok(run("coupons", "applied", "--coupon", "WINBACK-25", "--json")).get("applications");
        assertThat(list).hasSize(1);

        Run removed = run("coupons", "remove", "--org", org, "--application", list.get(0).get("id").asText(), "--reason", "Customer left");
        assertThat(removed.code()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("Removed WINBACK-25 from");
        assertThat(ok(run("coupons", "applied", "--org", org, "--json")).get("applications").get(0).get("removed_reason").asText())
                .isEqualTo("Customer left");
        refused(run("coupons", "remove", "--org", org, "--application", list.get(0).get("id").asText(), "--reason", "twice"),
                "removed or changed");

        assertThat(run("coupons", "archive", "--coupon", "WINBACK-25", "--reason", "Campaign over").code()).isZero();
        assertThat(ok(run("coupons", "list", "--json")).get("coupons").get(0).get("archived").asBoolean()).isTrue();
        assertThat(run("coupons", "apply", "--help").out()).contains("--subscription").contains("--dry-run");
    }
}
