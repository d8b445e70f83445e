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

/** Issue 8's command line, the way a support lead's script would run it on a fresh --home. */
class VerificationsCommandLineTest {
    @TempDir
    Path home;

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        return CommandLineTest.run(all.toArray(String[]::new));
    }

    @Test
    void listCheckAndABulkDryRunThatChangesNothing() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Run list = run("verifications", "list", "--json");
        assertThat(list.code()).as(list.err()).isZero();
        JsonNode open = json.readTree(list.out());
        assertThat(open.get("count").asInt()).isPositive().isEqualTo(open.get("requests").size());
        assertThat(open.get("requests")).allSatisfy(r -> assertThat(r.get("status").asText()).isIn("pending", "info_requested"));

        Run dry = run("verifications", "bulk-approve", "--dry-run", "--json");
        assertThat(dry.code()).as(dry.err()).isZero();
        JsonNode plan = json.readTree(dry.out());
        assertThat(plan.get("dry_run").asBoolean()).isTrue();
        assertThat(plan.get("approved_count").asInt()).isZero();
        assertThat(plan.get("requests")).allSatisfy(r -> {
            assertThat(r.get("method").asText()).isEqualTo("auto");
            assertThat(r.get("check").asText()).isEqualTo("listed");
        });
        JsonNode again = json.readTree(run("verifications", "list", "--json").out());
        assertThat(again.get("count").asInt()).as("a dry run changes nothing").isEqualTo(open.get("count").asInt());

        Run listed = run("verifications", "check-domain", "pi@cs.ox.ac.uk");
        assertThat(listed.code()).isZero();
        assertThat(listed.out()).startsWith("listed:").contains("University of Oxford");
        Run free = run("verifications", "check-domain", "someone@gmail.com");
        assertThat(free.out()).startsWith("free_mail:");
        Run malformed = run("verifications", "check-domain", "not@a@domain");
        assertThat(malformed.code()).as("a malformed address is a usage mistake").isEqualTo(2);
        assertThat(malformed.err().lines().findFirst().orElse("")).isNotBlank();
        Run neither = run("verifications", "bulk-approve");
        assertThat(neither.code()).isEqualTo(2);
        assertThat(neither.err()).contains("Give either --dry-run");
    }
}
