package com.antevus.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.cli.CommandLineTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19's credits commands, the way a finance person's script would run them on a fresh --home. */
class CreditsCommandLineTest {
    /** Finance grants on November 5… */
    static final String NOV_5 = "2026-11-05T09:30:00Z";
    /** …reads the balance later that morning (the clock runs on from --as-of, so a read at NOV_5 itself may come first)… */
    static final String NOV_5_LATER = "2026-11-05T11:00:00Z";
    /** …and settles November on December 2. */
    static final String DEC_2 = "2026-12-02T08:00:00Z";

    @TempDir
    Path home;
    final ObjectMapper json = new ObjectMapper();

    private Run run(String asOf, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--as-of", asOf));
        all.addAll(List.of(args));
        return CommandLineTest.run(all.toArray(String[]::new));
    }

    private JsonNode ok(Run r) throws Exception {
        assertThat(r.code()).as(r.err()).isZero();
        return json.readTree(r.out());
    }

    /** An organization the demo gave no credits (its ledger is empty). */
    private String organizationWithoutCredits() throws Exception {
        for (JsonNode r : ok(run(NOV_5, "verifications", "list", "--all", "--json")).get("requests")) {
            String org = r.get("organization_id").asText();
            if (ok(run(NOV_5, "credits", "ledger", "--org", org, "--json")).get("entries").isEmpty()) {
                return org;
            }
        }
        throw new AssertionError("every organization with a verification has credits");
    }

    @Test
    void grantSettleOnceAndReadTheLedgerBack() throws Exception {
        String org = organizationWithoutCredits();

        JsonNode purchased = ok(run(NOV_5, "credits", "grant", "--org", org, "--kind", "purchased", "--credits", "500", "--reason", "Order 1182", "--json"));
        assertThat(purchased.at("/entry/credits").asLong()).isEqualTo(500);
        assertThat(purchased.at("/entry/expires_at").isNull()).as("purchased credits never expire").isTrue();
        JsonNode allocation = ok(run(NOV_5, "credits", "grant", "--org", org, "--kind", "subscription", "--credits", "1000", "--period", "2026-11",
                "--reason", "Scale plan allocation", "--json"));
        assertThat(allocation.at("/entry/expires_at").asText()).isEqualTo("2026-12-01T00:00:00Z");
        JsonNode balance = ok(run(NOV_5_LATER, "credits", "balance", "--org", org, "--json"));
        assertThat(balance.at("/available/total").asLong()).isEqualTo(1500);
        assertThat(balance.at("/available/purchased").asLong()).isEqualTo(500);
        assertThat(balance.at("/available/subscription").asLong()).isEqualTo(1000);
        assertThat(balance.get("low").asBoolean()).isFalse();

        Run early = run(NOV_5, "credits", "settle", "--period", "2026-11", "--org", org);
        assertThat(early.code()).as("a month still running is not settled").isNotZero();
        assertThat(early.err()).contains("November 2026 is still running");

        JsonNode settled = ok(run(DEC_2, "credits", "settle", "--period", "2026-11", "--org", org, "--json")).get("organizations").get(0);
        long consumed = settled.get("consumed").asLong();
        long expired = settled.get("expired").asLong();
        assertThat(consumed + settled.get("shortfall").asLong()).isEqualTo(settled.get("cost").asLong());
        assertThat(consumed).isBetween(0L, 1500L);
        // purchased credits go first: whatever was not consumed of the allocation expired with November
        assertThat(expired).isEqualTo(Math.min(1000, 1500 - consumed));
        JsonNode ledger = ok(run(DEC_2, "credits", "ledger", "--org", org, "--json"));
        long sum = 0;
        for (JsonNode e : ledger.get("entries")) {
            sum += e.get("credits").asLong();
        }
        assertThat(ledger.at("/balance/total").asLong()).isEqualTo(sum).isEqualTo(1500 - consumed - expired);
        assertThat(ledger.at("/balance/subscription").asLong()).isZero();

        JsonNode again = ok(run(DEC_2, "credits", "settle", "--period", "2026-11", "--org", org, "--json")).get("organizations").get(0);
        assertThat(again.get("already_settled").asBoolean()).as("the month's consumption was written before").isEqualTo(consumed > 0);
        assertThat(again.get("entries_written").asInt()).isZero();
        assertThat(ok(run(DEC_2, "credits", "ledger", "--org", org, "--json")).get("entries").size()).isEqualTo(ledger.get("entries").size());

        // a correction down, typed as a negative number
        long left = ledger.at("/balance/total").asLong();
        if (left > 0) {
            JsonNode down = ok(run(DEC_2, "credits", "adjust", "--org", org, "--credits", "-" + left, "--reason", "Refunded out of band", "--json"));
            assertThat(down.get("entries")).allSatisfy(e -> assertThat(e.get("entry").asText()).isEqualTo("adjustment"));
        }
        Run tooMuch = run(DEC_2, "credits", "adjust", "--org", org, "--credits", "-1", "--reason", "nothing left");
        assertThat(tooMuch.code()).isNotZero();
        assertThat(tooMuch.err()).contains("has 0 credits to take, not 1; nothing was changed");
    }

    @Test
    void mistakesExitNonZeroWithOneSentenceAndEveryCommandAnswersHelp() throws Exception {
        Run badOrg = run(NOV_5, "credits", "balance", "--org", "not-a-uuid");
        assertThat(badOrg.code()).isEqualTo(2);
        assertThat(badOrg.err()).contains("'not-a-uuid' is not an organization id");
        String org = organizationWithoutCredits();
        Run badKind = run(NOV_5, "credits", "grant", "--org", org, "--kind", "gift", "--credits", "5", "--reason", "x");
        assertThat(badKind.code()).isEqualTo(2);
        assertThat(badKind.err()).contains("purchased, subscription or promotional");
        Run noReason = run(NOV_5, "credits", "grant", "--org", org, "--kind", "purchased", "--credits", "5");
        assertThat(noReason.code()).isEqualTo(2);
        assertThat(noReason.err()).contains("--reason");
        Run negative = run(NOV_5, "credits", "grant", "--org", org, "--kind", "purchased", "--credits", "-5", "--reason", "x");
        assertThat(negative.code()).isNotZero();
        assertThat(negative.err()).contains("above zero");
        Run badMonth = run(NOV_5, "credits", "settle", "--period", "November");
        assertThat(badMonth.code()).isEqualTo(2);
        assertThat(badMonth.err()).contains("is not a month (YYYY-MM");
        assertThat(ok(run(NOV_5, "credits", "products", "--json")).get("products")).extracting(p -> p.get("code").asText())
                .containsExactly("credits-10k", "credits-50k", "credits-250k");
        assertThat(ok(run(NOV_5, "credits", "ledger", "--org", org, "--json")).get("entries")).as("nothing was written").isEmpty();
        JsonNode settings = ok(run(NOV_5, "credits", "settings", "--json"));
        assertThat(settings.get("precedence").asText()).isEqualTo("purchased_first");
        assertThat(settings.get("low_balance_threshold").asLong()).isEqualTo(1000);
        assertThat(settings.get("consumed_by")).extracting(e -> e.get("metric").asText()).containsExactly("events", "ai_tokens", "storage_gb");
        Run noWhy = run(NOV_5, "credits", "settings", "--precedence", "expiring_first");
        assertThat(noWhy.code()).isEqualTo(2);
        assertThat(noWhy.err()).contains("Give --reason");
        Run badPrecedence = run(NOV_5, "credits", "settings", "--precedence", "oldest", "--reason", "x");
        assertThat(badPrecedence.code()).isEqualTo(2);
        JsonNode changed = ok(run(NOV_5, "credits", "settings", "--precedence", "expiring_first", "--low-below", "2500", "--reason",
                "Finance policy", "--json"));
        assertThat(changed.get("precedence").asText()).isEqualTo("expiring_first");
        assertThat(changed.get("low_balance_threshold").asLong()).isEqualTo(2500);
        for (String sub : new String[]{"", "balance", "ledger", "grant", "adjust", "settle", "products", "settings"}) {
            Run help = sub.isEmpty() ? run(NOV_5, "credits", "--help") : run(NOV_5, "credits", sub, "--help");
            assertThat(help.code()).as("credits " + sub + " --help").isZero();
            assertThat(help.out()).contains("Usage:");
        }
    }

    @Test
    void aScriptSellsCreditsThroughStripeAndTheyComeWhenTheWireIsRecorded() throws Exception {
        JsonNode plan = ok(run(DEC_2, "invoice-run", "--period", "2026-11", "--dry-run", "--json"));
        String org = plan.get("created").get(0).get("organization_id").asText();
        ok(run(DEC_2, "invoice-run", "--period", "2026-11", "--org", org, "--json")); // the organization now has its Stripe customer
        long before = ok(run(DEC_2, "credits", "balance", "--org", org, "--json")).get("available").get("purchased").asLong();

        JsonNode sold = ok(run(DEC_2, "credits", "sell", "--org", org, "--product", "credits-10k", "--reason", "Order PO-1182", "--json"))
                .get("sale");
        assertThat(sold.get("state").asText()).isEqualTo("sent");
        assertThat(sold.get("price").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(sold.get("invoice").asText()).isNotBlank();
        assertThat(ok(run(DEC_2, "credits", "balance", "--org", org, "--json")).get("available").get("purchased").asLong())
                .as("not before it is paid").isEqualTo(before);
        Run wrong = run(DEC_2, "credits", "sell", "--org", org, "--product", "credits-nope", "--reason", "x");
        assertThat(wrong.code()).isNotZero();
        assertThat(wrong.err()).contains("no credit product 'credits-nope'").contains("Nothing was sold");

        Run paid = run(DEC_2, "credits", "sale-paid", "--sale", sold.get("id").asText(), "--reference", "FED-20261202-0007", "--reason",
                "Wire received");
        assertThat(paid.code()).as(paid.err()).isZero();
        assertThat(paid.out()).contains("10,000 credits for $100.00").contains("paid: credits granted");
        // read an hour later: each run's clock starts at its --as-of, so a read at DEC_2 itself may come before the grant
        assertThat(ok(run("2026-12-02T09:00:00Z", "credits", "balance", "--org", org, "--json")).get("available").get("purchased").asLong())
                .isEqualTo(before + 10_000);
        assertThat(ok(run(DEC_2, "credits", "sales", "--org", org, "--json")).get("sales")).singleElement()
                .satisfies(x -> assertThat(x.get("state").asText()).isEqualTo("paid"));
        assertThat(run(DEC_2, "credits", "resume-sales").out()).contains("No credit sale was left half-way");
    }
}
