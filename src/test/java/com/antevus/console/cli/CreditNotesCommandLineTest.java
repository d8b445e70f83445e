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

/** Issue 19's credit-notes command, the way a finance script would run it on a fresh --home against the sandbox. */
class CreditNotesCommandLineTest {
    /** October is invoiced and corrected on November 20. */
    static final String NOV_20 = "2026-11-20T12:00:00Z";

    @TempDir
    Path home;
    final ObjectMapper json = new ObjectMapper();

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--as-of", NOV_20));
        all.addAll(List.of(args));
        return CommandLineTest.run(all.toArray(String[]::new));
    }

    private JsonNode ok(Run r) throws Exception {
        assertThat(r.code()).as(r.err()).isZero();
        return json.readTree(r.out());
    }

    @Test
    void aScriptCreditsPartOfALineListsItRefusesMistakesAndVoidsIt() throws Exception {
        JsonNode plan = ok(run("invoice-run", "--period", "2026-10", "--dry-run", "--json"));
        String org = plan.get("created").get(0).get("organization_id").asText();
        JsonNode sent = ok(run("invoice-run", "--period", "2026-10", "--org", org, "--json")).get("created").get(0);
        String number = sent.get("number").asText();
        long total = sent.get("total_minor").asLong();
        assertThat(total).isGreaterThan(10_000);

        Run dry = run("credit-notes", "issue", "--invoice", number, "--line", "1=100.00", "--reason", "order_change",
                "--note", "Seat count corrected", "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Would issue: Credit $100.00").contains("$100.00 off what is owed");
        assertThat(ok(run("credit-notes", "list", "--invoice", number, "--json")).get("credit_notes")).isEmpty();

        JsonNode issued = ok(run("credit-notes", "issue", "--invoice", number, "--line", "1=100.00", "--reason", "order_change",
                "--note", "Seat count corrected", "--json"));
        assertThat(issued.get("state").asText()).isEqualTo("issued");
        assertThat(issued.get("number").asText()).startsWith(number + "-CN-");
        assertThat(issued.get("amount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(issued.get("off_amount_due").decimalValue()).isEqualByComparingTo("100.00");

        // mistakes exit non-zero with a sentence and credit nothing
        Run tooMuch = run("credit-notes", "issue", "--invoice", number, "--amount", "99999999.00", "--description", "Everything",
                "--reason", "duplicate", "--note", "Oops typed too much");
        assertThat(tooMuch.code()).isNotZero();
        assertThat(tooMuch.err()).contains("can still be credited").contains("Nothing was credited");
        Run badReason = run("credit-notes", "issue", "--invoice", number, "--line", "1", "--reason", "goodwill", "--note", "x y z");
        assertThat(badReason.code()).isNotZero();
        assertThat(badReason.err()).contains("--reason 'goodwill' is not one of");
        Run badLine = run("credit-notes", "issue", "--invoice", number, "--line", "99", "--reason", "duplicate", "--note", "Wrong line");
        assertThat(badLine.code()).isNotZero();
        assertThat(badLine.err()).contains("no line 99");
        JsonNode listed = ok(run("credit-notes", "list", "--org", org, "--json")).get("credit_notes");
        assertThat(listed).hasSize(1);

        Run voided = run("credit-notes", "void", "--id", issued.get("id").asText(), "--reason", "Seat count was right after all");
        assertThat(voided.code()).as(voided.err()).isZero();
        assertThat(voided.out()).contains("Voided credit note " + issued.get("number").asText());
        assertThat(ok(run("credit-notes", "list", "--invoice", number, "--json")).get("credit_notes").get(0).get("state").asText())
                .isEqualTo("void");
        Run again = run("credit-notes", "void", "--id", issued.get("id").asText(), "--reason", "twice");
        assertThat(again.code()).isNotZero();
        assertThat(again.err()).contains("Only an issued credit note can be voided");
        Run resume = run("credit-notes", "resume");
        assertThat(resume.out()).contains("No credit note was left half-way");
    }
}
