package com.antevus.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.cli.CommandLineTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 7's command line, the way a sales-ops script would run it on a fresh --home. */
class ContractsCommandLineTest {
    @TempDir
    Path home;

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        return CommandLineTest.run(all.toArray(String[]::new));
    }

    @Test
    void expiringListsExactlyTheActiveContractsEndingInTheWindowAndBadInputExitsTwo() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Run everything = run("contracts", "expiring", "--days", "3660", "--json");
        assertThat(everything.code()).as(everything.err()).isZero();
        JsonNode all = json.readTree(everything.out());
        assertThat(all.get("count").asInt()).isPositive().isEqualTo(all.get("contracts").size());
        LocalDate asOf = LocalDate.parse(all.get("as_of").asText());
        List<String> expected = new ArrayList<>();
        for (JsonNode c : all.get("contracts")) {
            if (!LocalDate.parse(c.get("ends_on").asText()).isAfter(asOf.plusDays(60))) {
                expected.add(c.get("contract_id").asText());
            }
        }

        Run sixty = run("contracts", "expiring", "--days", "60", "--json", "--as-of", asOf.toString());
        assertThat(sixty.code()).as(sixty.err()).isZero();
        JsonNode within = json.readTree(sixty.out());
        List<String> got = new ArrayList<>();
        LocalDate previous = LocalDate.MIN;
        for (JsonNode c : within.get("contracts")) {
            got.add(c.get("contract_id").asText());
            LocalDate ends = LocalDate.parse(c.get("ends_on").asText());
            assertThat(ends).isAfterOrEqualTo(previous);
            previous = ends;
            assertThat(c.get("days_left").asLong()).isEqualTo(ends.toEpochDay() - asOf.toEpochDay());
            assertThat(LocalDate.parse(c.get("notice_deadline").asText()))
                    .isBeforeOrEqualTo(ends);
        }
        assertThat(got).containsExactlyElementsOf(expected);

        Run text = run("contracts", "expiring", "--days", "60", "--as-of", asOf.toString());
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains(expected.size() + " active contract").contains("(60 days from " + asOf + ")");

        Run warnings = run("contracts", "warnings", "--json");
        assertThat(warnings.code()).as(warnings.err()).isZero();
        JsonNode warned = json.readTree(warnings.out());
        assertThat(warned.get("contracts")).isNotEmpty().allSatisfy(c -> assertThat(c.get("warnings")).isNotEmpty());

        Run negative = run("contracts", "expiring", "--days", "-1");
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains("--days must be between 0 and 3660.");
        Run badDate = run("contracts", "expiring", "--days", "30", "--as-of", "31/12/2026");
        assertThat(badDate.code()).isEqualTo(2);
        assertThat(badDate.err()).contains("'31/12/2026' is not a time the console can be set to; write it as 2027-01-31T23:50:00Z");
    }
}
