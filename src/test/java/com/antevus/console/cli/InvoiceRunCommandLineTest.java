package com.antevus.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.cli.CommandLineTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 6's command line, driven the way a finance script would on a fresh --home, against the local sandbox. */
class InvoiceRunCommandLineTest {
    @TempDir
    Path home;

    private Run run(List<String> args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(args);
        return CommandLineTest.run(all.toArray(String[]::new));
    }

    @Test
    void runningThePeriodTwiceCreatesNothingTheSecondTimeAndSaysSo() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Run dry = run(List.of("invoice-run", "--period", "2026-10", "--dry-run", "--json"));
        assertThat(dry.code()).as(dry.err()).isZero();
        JsonNode plan = json.readTree(dry.out());
        assertThat(plan.get("dry_run").asBoolean()).isTrue();
        assertThat(plan.get("created_count").asInt()).isGreaterThan(100);
        long sum = 0;
        for (JsonNode e : plan.get("created")) {
            sum += e.get("total_minor").asLong();
        }
        assertThat(plan.get("created_total_minor").asLong()).as("the total is the sum of the invoices").isEqualTo(sum);

        List<String> args = new ArrayList<>(List.of("invoice-run", "--period", "2026-10", "--json"));
        for (int i = 0; i < 3; i++) {
            args.add("--org");
            args.add(plan.get("created").get(i * 7).get("organization_id").asText());
        }
        Run first = run(args);
        assertThat(first.code()).as(first.err()).isZero();
        JsonNode done = json.readTree(first.out());
        assertThat(done.get("created_count").asInt()).isEqualTo(3);
        assertThat(done.get("failed_count").asInt()).isZero();
        for (JsonNode e : done.get("created")) {
            assertThat(e.get("stripe_invoice_id").asText()).startsWith("in_");
            assertThat(e.get("number").asText()).isNotBlank();
        }

        Run second = run(args);
        assertThat(second.code()).as(second.err()).isZero();
        JsonNode again = json.readTree(second.out());
        assertThat(again.get("created_count").asInt()).isZero();
        assertThat(again.get("skipped_count").asInt()).isEqualTo(3);
        for (JsonNode e : again.get("skipped")) {
            assertThat(e.get("reason").asText()).startsWith("already invoiced (");
        }
        Run text = run(args.subList(0, args.size()).stream().filter(a -> !a.equals("--json")).toList());
        assertThat(text.out()).contains("Nothing to invoice for 2026-10").contains("Nothing was created.");

        // bad input: a clear sentence, nothing changed
        Run badMonth = run(List.of("invoice-run", "--period", "October"));
        assertThat(badMonth.code()).isEqualTo(2);
        assertThat(badMonth.err()).contains("'October' is not a month; write it as YYYY-MM");
        Run badOrg = run(List.of("invoice-run", "--period", "2026-10", "--org", "acme"));
        assertThat(badOrg.code()).isEqualTo(2);
        assertThat(badOrg.err()).contains("'acme' is not an organization id");
        // no bill for a month that is not over (the clock: 22 November 2026), nor one that has not begun
        Run running = run(List.of("invoice-run", "--period", "2026-11"));
        assertThat(running.code()).isEqualTo(1);
        assertThat(running.err()).contains("2026-11 is not over").contains("--close-early");
        Run future = run(List.of("invoice-run", "--period", "2999-01", "--close-early", "testing"));
        assertThat(future.code()).isEqualTo(1);
        assertThat(future.err()).contains("2999-01 has not begun");
        Run noReason = run(List.of("invoice-run", "--period", "2026-11", "--close-early", " "));
        assertThat(noReason.code()).isEqualTo(2);
        assertThat(noReason.err()).contains("--close-early needs a reason");
        Run unknown = run(List.of("invoice-run", "--period", "2026-10", "--org", UUID.randomUUID().toString(), "--json"));
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(json.readTree(unknown.out()).get("failed").get(0).get("reason").asText()).contains("No such organization");
        Run unknownText = run(List.of("invoice-run", "--period", "2026-10", "--org", UUID.randomUUID().toString()));
        assertThat(unknownText.code()).isEqualTo(1);
        assertThat(unknownText.out()).startsWith("Invoice run for 2026-10").doesNotContain("null");
    }
}
